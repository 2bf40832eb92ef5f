"""A task queued by a statement of the caller's own transaction (the transactional outbox).

django_tasks_db queues a task by saving a DBTaskResult row, and `core.mail` does that once the
caller's transaction has committed. Registration (events.registration_statement) instead sends its whole
transaction to PostgreSQL at once, and the arguments of its e-mail (the new row's id and status)
exist only inside that transaction. `insert_task_row` gives the INSERT … SELECT that writes the
very row the backend's `enqueue` would write (the same fields, the same `pre_save` handling),
with the task's arguments computed by SQL. The e-mail is then queued if and only if the
registration commits, and costs no round trip and no commit of its own. Not sent: the backend's
`task_enqueued` signal, which only logs.

Only for a task whose backend keeps its queue in this database; `queues_in_database` says so
(the tests run tasks at once instead, and then the caller enqueues after commit as usual).
"""

import functools

from django.core.exceptions import ImproperlyConfigured
from django.db import connection
from django.db.models.signals import pre_save
from django.utils import timezone
from django_tasks.base import Task
from django_tasks_db.backend import DatabaseBackend
from django_tasks_db.models import DBTaskResult

# The task's {"args": [...], "kwargs": {}} as each database builds JSON.
ARGS_KWARGS_SQL = {
    "postgresql": "jsonb_build_object('args', jsonb_build_array({args}), 'kwargs', "
    "jsonb_build_object())",
    "sqlite": "json_object('args', json_array({args}), 'kwargs', json_object())",
}


def queues_in_database(task: Task) -> bool:
    return isinstance(task.get_backend(), DatabaseBackend)


def insert_task_row(task: Task, args_sql: str, from_sql: str) -> tuple[str, dict]:
    """The statement that queues `task` with the positional arguments `args_sql` (SQL
    expressions, comma-separated, over what `from_sql` selects: "FROM … WHERE …"; no row, no
    task), and its parameters, named `task_<column>`; `from_sql` may use named parameters too."""
    backend = task.get_backend()
    sql, params = task_statement(task, backend, connection.vendor, args_sql, from_sql)
    # What differs from one queuing of the task to the next: a new id, the time of queuing.
    fields = DBTaskResult._meta
    return sql, {
        **params,
        "task_id": fields.pk.get_db_prep_save(backend._get_id(), connection),
        "task_enqueued_at": fields.get_field("enqueued_at").get_db_prep_save(
            timezone.now(), connection
        ),
    }


@functools.lru_cache(maxsize=64)
def task_statement(task: Task, backend, vendor: str, args_sql: str, from_sql: str):
    """The statement and the task's own parameters, built once per task as `Model.save` would
    build the row (every column but the id and the time of queuing is the task's alone)."""
    backend.validate_task(task)
    row = DBTaskResult(
        id=backend._get_id(),  # the backend's own choice of id (its `id_function` option)
        args_kwargs={},
        priority=task.priority,
        task_path=task.module_path,
        queue_name=task.queue_name,
        run_after=task.run_after,
        backend_name=backend.alias,
    )
    pre_save.send(DBTaskResult, instance=row, raw=False, using=connection.alias, update_fields=None)
    columns, values, params = [], [], {}
    for field in DBTaskResult._meta.local_concrete_fields:
        columns.append(connection.ops.quote_name(field.column))
        if field.name == "args_kwargs":
            values.append(ARGS_KWARGS_SQL[vendor].format(args=args_sql))
            continue
        name = f"task_{field.column}"
        params[name] = field.get_db_prep_save(field.pre_save(row, add=True), connection)
        values.append(f"%({name})s")
    if not {"task_id", "task_enqueued_at"} <= params.keys():  # renewed by insert_task_row
        raise ImproperlyConfigured("django_tasks_db's row has changed: review core.task_rows")
    table = connection.ops.quote_name(DBTaskResult._meta.db_table)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) SELECT {', '.join(values)} {from_sql}"
    return sql, params
