"""deploy/backup.sh and deploy/restore.sh: a backup restored into an empty database and empty
folders has the same pages, registrations and files (docs/operations.md, the restore drill).

The site state is the test database's committed content (the demo site: pages, events and
their registrations) and files written into the upload folders; the backup reads it from
outside, as the operator's cron job does."""

import os
import subprocess
from pathlib import Path
from urllib.parse import quote, urlparse, urlunparse

import pytest
from django.conf import settings
from django.db import connection

from tests.support import fresh_postgres_database, real_pdf

pytestmark = [pytest.mark.postgres, pytest.mark.django_db]
DEPLOY = Path(__file__).resolve().parents[2] / "deploy"
SITE_QUERIES = {
    "pages": "SELECT id, title, url_path, live FROM wagtailcore_page ORDER BY id",
    "registrations": "SELECT id, email, status, ticket_type_id FROM events_registration ORDER BY id",
}


def url_of(settings_dict: dict) -> str:
    user = quote(settings_dict["USER"]) + ":" + quote(settings_dict["PASSWORD"])
    host = f"{settings_dict['HOST'] or '127.0.0.1'}:{settings_dict['PORT'] or 5432}"
    return f"postgres://{user}@{host}/{settings_dict['NAME']}"


def site_state(cursor) -> dict:
    state = {}
    for name, sql in SITE_QUERIES.items():
        cursor.execute(sql)
        state[name] = cursor.fetchall()
    return state


def files_of(folder: Path) -> dict[str, bytes]:
    return {
        path.relative_to(folder).as_posix(): path.read_bytes()
        for path in folder.rglob("*")
        if path.is_file()
    }


def run(script: str, env: dict, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        ["bash", str(DEPLOY / script), *args],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.fixture
def restored_database():
    url = url_of(connection.settings_dict)
    name = f"{connection.settings_dict['NAME']}_restored"
    restored = fresh_postgres_database(url, name)
    yield restored
    import psycopg

    maintenance = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as server:
        server.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


@pytest.mark.skipif(connection.vendor != "postgresql", reason="pg_dump backs up PostgreSQL")
def test_a_backup_restores_the_same_pages_registrations_and_files(tmp_path, restored_database):
    import psycopg

    media, private = Path(settings.MEDIA_ROOT), Path(settings.PRIVATE_MEDIA_ROOT)
    (media / "images").mkdir(parents=True, exist_ok=True)
    (media / "images" / "backup-drill.png").write_bytes(b"\x89PNG\r\n\x1a\n" + os.urandom(64))
    (private / "cvs").mkdir(parents=True, exist_ok=True)
    (private / "cvs" / "cv 简历.pdf").write_bytes(real_pdf("Backup drill"))
    with connection.cursor() as cursor:
        before = site_state(cursor)
    assert before["pages"] and before["registrations"]  # the demo site has both

    source = {
        "DATABASE_URL": url_of(connection.settings_dict),
        "MEDIA_ROOT": str(media),
        "PRIVATE_MEDIA_ROOT": str(private),
    }
    backup = run("backup.sh", source, str(tmp_path / "backups"))
    assert backup.returncode == 0, backup.stderr
    directory = backup.stdout.strip()
    assert sorted(os.listdir(directory)) == [
        "INFO",
        "MANIFEST.sha256",
        "database.dump",
        "media.tar.gz",
        "private.tar.gz",
    ]

    target = {
        "DATABASE_URL": restored_database,
        "MEDIA_ROOT": str(tmp_path / "restored" / "media"),
        "PRIVATE_MEDIA_ROOT": str(tmp_path / "restored" / "private"),
    }
    restore = run("restore.sh", target, directory)
    assert restore.returncode == 0, restore.stderr
    with psycopg.connect(restored_database) as restored, restored.cursor() as cursor:
        assert site_state(cursor) == before
    assert files_of(Path(target["MEDIA_ROOT"])) == files_of(media)
    assert files_of(Path(target["PRIVATE_MEDIA_ROOT"])) == files_of(private)

    again = run("restore.sh", target, directory)  # now nothing is empty: refused
    assert again.returncode == 2
    assert "restore into an empty one" in again.stderr


def test_a_damaged_backup_is_refused(tmp_path):
    directory = tmp_path / "twincity-broken"
    directory.mkdir()
    (directory / "database.dump").write_bytes(b"changed after the backup")
    (directory / "MANIFEST.sha256").write_text("0" * 64 + "  database.dump\n")
    target = {
        "DATABASE_URL": "postgres://nobody@127.0.0.1:1/none",
        "MEDIA_ROOT": "x",
        "PRIVATE_MEDIA_ROOT": "y",
    }
    result = run("restore.sh", target, str(directory))
    assert result.returncode == 2
    assert "checksums differ" in result.stderr
