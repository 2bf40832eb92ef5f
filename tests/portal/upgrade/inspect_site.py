"""Print a JSON manifest of a Twin City database and its files, with the old code or the new.

    cd <checkout> && SQLITE_PATH=… (or DATABASE_URL=…) MEDIA_ROOT=… PRIVATE_MEDIA_ROOT=… \\
        TWINCITY_VAR_DIR=… .venv/bin/python <this file>

The upgrade test compares the manifest of a database made by the old code with the manifest of
the same database migrated by the new code. The new code may move and rename the project's
modules, so nothing here imports a project module by its path: tables come from the database's
own introspection, models from the app registry, page types from ContentType, and tasks from
the task paths stored in the queue. It only reads.

Besides what was stored (row counts, pages, content types, queued tasks, files with their
sha256), it reports what the code makes of it: whether each page's type resolves to a model
and `.specific` loads, which content types referenced anywhere resolve to no model, and
whether each queued task's path still imports.
"""

import hashlib
import json
import os
import sys


def setup_django() -> None:
    # Run from the checkout whose code is meant: its twincity package comes first.
    sys.path.insert(0, os.getcwd())
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twincity.settings")
    import django

    django.setup()


def quoted(name: str) -> str:
    from django.db import connection

    return connection.ops.quote_name(name)


def fetch(sql: str, params=()) -> list[tuple]:
    from django.db import connection

    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return cursor.fetchall()


def row_counts() -> dict[str, int]:
    from django.db import connection

    tables = sorted(connection.introspection.table_names())
    return {table: fetch(f"SELECT COUNT(*) FROM {quoted(table)}")[0][0] for table in tables}


def content_types() -> dict[int, list[str]]:
    return {
        pk: [app, model]
        for pk, app, model in fetch(
            "SELECT id, app_label, model FROM django_content_type ORDER BY id"
        )
    }


def pages(types: dict[int, list[str]]) -> list[dict]:
    """Every page as stored, and whether the code finds its model and loads it specifically."""
    from django.contrib.contenttypes.models import ContentType
    from wagtail.models import Page

    rows = fetch(
        "SELECT p.id, p.url_path, l.language_code, p.content_type_id, p.live,"
        " p.latest_revision_id FROM wagtailcore_page p"
        " JOIN wagtailcore_locale l ON l.id = p.locale_id ORDER BY p.id"
    )
    found = []
    for pk, url_path, language, type_id, live, latest_revision in rows:
        problem = ""
        model = ContentType.objects.get_for_id(type_id).model_class()
        if model is None:
            problem = "content type resolves to no model"
        else:
            try:
                specific = Page.objects.get(pk=pk).specific
                if type(specific) is not model:
                    problem = f".specific is {type(specific).__name__}, not {model.__name__}"
            except Exception as error:  # any failure is the finding
                problem = f".specific failed: {error!r}"
        found.append(
            {
                "id": pk,
                "url_path": url_path,
                "locale": language,
                "content_type": ".".join(types[type_id]),
                "live": bool(live),
                "latest_revision_id": latest_revision,
                "problem": problem,
            }
        )
    return found


def stale_content_types(types: dict[int, list[str]]) -> list[dict]:
    """Content types that some row points at (pages, revisions, permissions, tags, logs, …)
    but that resolve to no model in this code."""
    from django.apps import apps
    from django.contrib.contenttypes.models import ContentType

    stale = []
    for model in apps.get_models():
        for field in model._meta.local_concrete_fields:
            if not (field.is_relation and field.related_model is ContentType):
                continue
            table, column = model._meta.db_table, field.column
            for (type_id,) in fetch(
                f"SELECT DISTINCT {quoted(column)} FROM {quoted(table)}"
                f" WHERE {quoted(column)} IS NOT NULL"
            ):
                if type_id not in types:
                    stale.append({"referenced_by": f"{table}.{column}", "id": type_id})
                elif ContentType.objects.get_for_id(type_id).model_class() is None:
                    name = ".".join(types[type_id])
                    stale.append({"referenced_by": f"{table}.{column}", "content_type": name})
    return sorted(stale, key=lambda item: json.dumps(item, sort_keys=True))


def queued_tasks() -> list[dict]:
    """Tasks still waiting in django_tasks_db's queue, and whether their paths import (the way
    the worker will import them: DBTaskResult.task)."""
    from django_tasks_db.models import DBTaskResult

    tasks = []
    for result in DBTaskResult.objects.filter(status="READY").order_by("enqueued_at", "id"):
        try:
            result.task  # noqa: B018 - imports task_path and checks it is a Task
            problem = ""
        except Exception as error:  # any failure is the finding
            problem = repr(error)
        tasks.append(
            {
                "id": str(result.id),
                "task_path": result.task_path,
                "args_kwargs": result.args_kwargs,
                "status": result.status,
                "queue_name": result.queue_name,
                "problem": problem,
            }
        )
    return tasks


def files() -> list[dict]:
    """Every file named by a FileField or ImageField of any model (images, documents,
    renditions, CVs, …), under the storage root it lives in, with its sha256."""
    from django.apps import apps
    from django.conf import settings
    from django.db.models import FileField

    roots = {
        str(settings.MEDIA_ROOT): "media",
        str(getattr(settings, "PRIVATE_MEDIA_ROOT", "")): "private",
    }
    found = []
    for model in apps.get_models():
        for field in model._meta.local_concrete_fields:
            if not isinstance(field, FileField):
                continue
            table, column = model._meta.db_table, field.column
            root = roots.get(str(field.storage.location), str(field.storage.location))
            for (name,) in fetch(
                f"SELECT {quoted(column)} FROM {quoted(table)} WHERE {quoted(column)} <> ''"
            ):
                path = field.storage.path(name)
                digest = None
                if os.path.exists(path):
                    with open(path, "rb") as stream:
                        digest = hashlib.file_digest(stream, "sha256").hexdigest()
                found.append(
                    {
                        "table": table,
                        "column": column,
                        "root": root,
                        "name": name,
                        "exists": digest is not None,
                        "sha256": digest,
                    }
                )
    return sorted(found, key=lambda item: (item["table"], item["column"], item["name"]))


def manifest() -> dict:
    from django.db import connection

    types = content_types()
    return {
        "vendor": connection.vendor,
        "row_counts": row_counts(),
        "content_types": sorted(types.values()),
        "unresolved_content_types": sorted(name for name in types.values() if not model_of(*name)),
        "pages": pages(types),
        "stale_content_type_references": stale_content_types(types),
        "queued_tasks": queued_tasks(),
        "files": files(),
    }


def model_of(app_label: str, model: str):
    from django.apps import apps

    try:
        return apps.get_model(app_label, model)
    except LookupError:
        return None


if __name__ == "__main__":
    setup_django()
    json.dump(manifest(), sys.stdout, indent=1, ensure_ascii=False, sort_keys=True)
    sys.stdout.write("\n")
