"""The upgrade safety net: a database made by the old code, migrated by this code, keeps
everything.

baseline/ holds a site built by the code of an earlier release (build_baseline.py says how): a
database (an SQLite file, or a PostgreSQL dump), its media and private media, and the manifest
inspect_site.py printed of it. This test unpacks that site into tmp_path, runs this code's
`manage.py migrate` on it in a subprocess, as a deployment would, and asks inspect_site.py
(run by this code) for the manifest again. Every table keeps its rows, every page its id,
address, language and type and still loads as its own class, every content type still names a
model, every file is still there unchanged, and every queued task is still queued, with the
same arguments, under a path that still imports: a worker of the new release runs what the old
one queued.

Each variant works on a database of its own (a file in tmp_path, or a scratch PostgreSQL
database dropped afterwards), never on the test database, so it asks pytest-django for none.
"""

import json
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import uuid
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import pytest

from tests.conftest import require

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[2]
BASELINE = HERE / "baseline"
DATABASE_URL = os.environ.get("DATABASE_URL", "")

# A migration that renames a table or moves a model to another app says so here (old: new), so
# that its rows and content type are looked for under the new name. Empty: nothing is renamed.
RENAMED_TABLES: dict[str, str] = {}
RENAMED_CONTENT_TYPES: dict[str, str] = {}  # "app_label.model": "app_label.model"
# A migration that rewrites the path of queued tasks whose module moved (old path: new path).
# Without one, the old path itself must still import (a shim left at the old place).
RENAMED_TASK_PATHS: dict[str, str] = {
    # core became the ground layer: core/migrations/0001 rewrites the queued e-mails' path.
    "twincity.portal.mail.send_templated_email": "twincity.core.mail.send_templated_email",
}
# Tables that `migrate` itself adds rows to (new migrations, new models' types and
# permissions): these may grow, and keep at least what they had.
GROWING_TABLES = {
    "django_migrations",
    "django_content_type",
    "auth_permission",
    # Rights of new admin screens given to the organisers' groups (events/apps.py, talent/apps.py).
    "auth_group_permissions",
    # The investment offices' groups, made by invest/migrations/0002_case_groups.
    "auth_group",
}


def run(*args: str, env: dict) -> str:
    """Run this checkout's Python on `args` from the project folder; its output, or a failure
    that shows what it printed."""
    result = subprocess.run(
        [sys.executable, *args], cwd=ROOT, env=env, capture_output=True, text=True
    )
    if result.returncode != 0:
        pytest.fail(f"{' '.join(args)} failed:\n{result.stdout[-3000:]}\n{result.stderr[-5000:]}")
    return result.stdout


def site_env(tmp_path: Path, database: str) -> dict:
    """The environment of the unpacked site: its media, and nothing written under var/."""
    with tarfile.open(BASELINE / f"{database}-media.tar.xz") as tar:
        tar.extractall(tmp_path, filter="data")
    env = {key: value for key, value in os.environ.items() if key != "DJANGO_SETTINGS_MODULE"}
    env.pop("DATABASE_URL", None)
    return {
        **env,
        "TWINCITY_VAR_DIR": str(tmp_path / "var"),
        "MEDIA_ROOT": str(tmp_path / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "private"),
        "LOG_LEVEL": "WARNING",
    }


def upgraded_manifest(env: dict) -> dict:
    run("manage.py", "migrate", "--noinput", env=env)
    return json.loads(run(str(HERE / "inspect_site.py"), env=env))


def baseline_manifest(database: str) -> dict:
    return json.loads((BASELINE / f"{database}-manifest.json").read_text())


def renamed_type(name: str) -> str:
    return RENAMED_CONTENT_TYPES.get(name, name)


def upgrade_problems(
    before: dict, after: dict, renamed_tasks: dict[str, str] = RENAMED_TASK_PATHS
) -> list[str]:
    """Everything the old site had that the upgraded one lost or cannot use, in words."""
    return [
        *table_problems(before, after),
        *page_problems(before, after),
        *content_type_problems(before, after),
        *file_problems(before, after),
        *task_problems(before, after, renamed_tasks),
    ]


def changed(what: str, expected: dict, found: dict) -> list[str]:
    """One line per key whose value is not as expected: "<what>: <key> <expected> → <found>"."""
    return [
        f"{what}: {key} {value!r} → {found[key]!r}"
        for key, value in expected.items()
        if found[key] != value
    ]


def table_problems(before: dict, after: dict) -> list[str]:
    problems = []
    for table, rows in before["row_counts"].items():
        table = RENAMED_TABLES.get(table, table)
        now = after["row_counts"].get(table)
        if now is None:
            problems.append(f"table {table} is gone")
        elif now < rows or (now != rows and table not in GROWING_TABLES):
            problems.append(f"table {table}: {rows} rows before, {now} after")
    return problems


def page_problems(before: dict, after: dict) -> list[str]:
    pages, problems = {page["id"]: page for page in after["pages"]}, []
    for old in before["pages"]:
        what = f"page {old['id']} {old['url_path']}"
        if old["id"] not in pages:
            problems.append(f"{what} is gone")
            continue
        expected = {**old, "content_type": renamed_type(old["content_type"]), "problem": ""}
        problems += changed(what, expected, pages[old["id"]])
    return problems


def content_type_problems(before: dict, after: dict) -> list[str]:
    types = {".".join(pair) for pair in after["content_types"]}
    unresolved = {".".join(pair) for pair in after["unresolved_content_types"]}
    problems = []
    for pair in before["content_types"]:
        name = renamed_type(".".join(pair))
        if name not in types:
            problems.append(f"content type {name} is gone")
        elif name in unresolved:
            problems.append(f"content type {name} names no model")
    for stale in after["stale_content_type_references"]:
        problems.append(f"a row points at a content type without a model: {stale}")
    return problems


def file_problems(before: dict, after: dict) -> list[str]:
    files, problems = {(file["root"], file["name"]): file for file in after["files"]}, []
    for old in before["files"]:
        new = files.get((old["root"], old["name"]))
        where = f"{old['root']}/{old['name']}"
        if new is None:
            problems.append(
                f"file {where} ({old['table']}.{old['column']}) is no longer referenced"
            )
        elif not new["exists"]:
            problems.append(f"file {where} is missing")
        elif new["sha256"] != old["sha256"]:
            problems.append(f"file {where} has changed")
    return problems


def task_problems(before: dict, after: dict, renamed_tasks: dict[str, str]) -> list[str]:
    tasks, problems = {task["id"]: task for task in after["queued_tasks"]}, []
    for old in before["queued_tasks"]:
        what = f"queued task {old['task_path']} ({old['id']})"
        if old["id"] not in tasks:
            problems.append(f"{what} is no longer queued")
            continue
        path = renamed_tasks.get(old["task_path"], old["task_path"])
        problems += changed(what, {**old, "task_path": path, "problem": ""}, tasks[old["id"]])
    return problems


def check_upgrade(database: str, env: dict) -> None:
    """Migrate the unpacked site with this code and fail with everything it lost."""
    before = baseline_manifest(database)
    assert upgrade_problems(before, before, renamed_tasks={}) == [], "the baseline is inconsistent"
    after = upgraded_manifest(env)
    assert after["vendor"] == before["vendor"]
    problems = upgrade_problems(before, after)
    if problems:
        lines = "\n".join(problems)
        pytest.fail(f"{len(problems)} things lost in the upgrade:\n{lines}", pytrace=False)


@pytest.mark.skipif(bool(DATABASE_URL), reason="the suite runs on PostgreSQL: its variant runs")
def test_upgrade_from_baseline_keeps_everything_on_sqlite(tmp_path):
    env = site_env(tmp_path, "sqlite")
    database = tmp_path / "twincity.sqlite3"
    database.write_bytes(lzma.decompress((BASELINE / "sqlite.sqlite3.xz").read_bytes()))
    check_upgrade("sqlite", {**env, "SQLITE_PATH": str(database)})


@pytest.fixture
def scratch_postgres():
    """A new, empty database beside the test database (not it, not `twincity`), dropped
    afterwards; its URL."""
    import psycopg

    server = urlparse(DATABASE_URL)
    name = f"{server.path.lstrip('/')}_upgrade_{uuid.uuid4().hex[:8]}"
    maintenance = urlunparse(server._replace(path="/postgres"))
    try:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'CREATE DATABASE "{name}"')
    except psycopg.OperationalError as error:
        require(False, f"PostgreSQL at {server.hostname} cannot be reached: {error}")
    try:
        yield urlunparse(server._replace(path="/" + name))
    finally:
        with psycopg.connect(maintenance, autocommit=True) as connection:
            connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.postgres
@pytest.mark.skipif(not DATABASE_URL, reason="the PostgreSQL variant needs DATABASE_URL")
def test_upgrade_from_baseline_keeps_everything_on_postgres(tmp_path, scratch_postgres):
    require(
        shutil.which("psql") is not None,
        "psql is not installed (apt-get install postgresql-client)",
    )
    env = site_env(tmp_path, "postgres")
    dump = tmp_path / "baseline.sql"
    dump.write_bytes(lzma.decompress((BASELINE / "postgres.sql.xz").read_bytes()))
    subprocess.run(
        ["psql", "-X", "-q", "-v", "ON_ERROR_STOP=1", "-d", scratch_postgres, "-f", str(dump)],
        check=True,
        capture_output=True,
    )
    check_upgrade("postgres", {**env, "DATABASE_URL": scratch_postgres})
