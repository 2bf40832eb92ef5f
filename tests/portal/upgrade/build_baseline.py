"""Build the upgrade test's baseline: a site made by the OLD code, as a deployed site would be.

Run it with the code the upgrade starts from (a checkout of the old commit and its venv), once
per database; it writes into baseline/ beside this file:

    cd /work/baseline && .venv/bin/python /work/main/tests/portal/upgrade/build_baseline.py \\
        --database sqlite
    cd /work/baseline && .venv/bin/python /work/main/tests/portal/upgrade/build_baseline.py \\
        --database postgres --server postgres://twincity:twincity@127.0.0.1:5432/postgres

On a fresh database (SQLite in a temporary folder, or a scratch PostgreSQL database that is
dropped afterwards) it migrates, loads the demo site and a small talent demo, then makes through
the project's own services what the demos lack: event registrations (confirmed, waitlisted), a
check-in, graduates with real PDF CVs who apply, a Chinese news translation edited with a new
published revision and a draft on top. Tasks use the database queue, as in production, and no
worker runs: the e-mails and index updates stay queued, so the upgrade must keep them runnable.

It writes <database>.sqlite3.xz or <database>.sql.xz (pg_dump --no-owner --no-privileges),
<database>-media.tar.xz (media/ and private/) and <database>-manifest.json (inspect_site.py).
"""

import argparse
import io
import lzma
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import uuid
from datetime import timedelta
from pathlib import Path
from urllib.parse import urlparse, urlunparse

HERE = Path(__file__).resolve().parent
SCRATCH_DATABASE = "twincity_upgrade_baseline"
TALENT_DEMO_SCALE = 0.02  # 1 enterprise, 42 openings, 60 graduates: small, but every table


def parse_args() -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--database", choices=["sqlite", "postgres"], required=True)
    parser.add_argument("--server", help="postgres://… of a server where we may create databases")
    parser.add_argument("--out", type=Path, default=HERE / "baseline")
    return parser.parse_args()


def postgres_url(server: str, name: str) -> str:
    return urlunparse(urlparse(server)._replace(path="/" + name))


def recreate_postgres(server: str, name: str, drop_only: bool = False) -> None:
    import psycopg

    with psycopg.connect(postgres_url(server, "postgres"), autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if not drop_only:
            connection.execute(f'CREATE DATABASE "{name}"')


def configure(args: argparse.Namespace, work: Path) -> dict:
    """The environment the old code runs in: everything under `work`, nothing under var/."""
    env = {
        "TWINCITY_VAR_DIR": str(work / "var"),
        "MEDIA_ROOT": str(work / "media"),
        "PRIVATE_MEDIA_ROOT": str(work / "private"),
        "DJANGO_SETTINGS_MODULE": "twincity.settings",
        "LOG_LEVEL": "WARNING",
    }
    if args.database == "sqlite":
        env["SQLITE_PATH"] = str(work / "twincity.sqlite3")
    else:
        recreate_postgres(args.server, SCRATCH_DATABASE)
        env["DATABASE_URL"] = postgres_url(args.server, SCRATCH_DATABASE)
    os.environ.pop("DATABASE_URL", None)
    os.environ.update(env)
    return env


def fill_site() -> None:
    """The demos, then what only people using the site make."""
    from django.conf import settings
    from django.core.management import call_command

    backend = settings.TASKS["default"]["BACKEND"]
    assert backend == "django_tasks_db.DatabaseBackend", f"tasks must queue, not {backend}"
    call_command("migrate", verbosity=0)
    call_command("load_demo", verbosity=0)
    call_command("generate_talent_demo", scale=TALENT_DEMO_SCALE, verbosity=0)
    call_command("ensure_editor", stdout=io.StringIO())  # it prints the password
    # A live site's worker would have run the demos' index updates by now.
    call_command("worker", once=True, verbosity=0)
    admin = superuser()
    event_registrations(admin)
    applications(admin)
    edited_translation(admin)
    document_and_rendition()


def superuser():
    from django.contrib.auth.models import User

    return User.objects.create_superuser("upgrade-admin", "upgrade-admin@example.org", "x" * 20)


def event_registrations(admin) -> None:
    """An event of one seat: one confirmed (and checked in), two on the waiting list."""
    from django.utils import timezone

    from twincity.events import gate, services
    from twincity.events.models import EventIndexPage, EventPage, TicketType

    index = EventIndexPage.objects.get(locale__language_code="en")
    starts = timezone.now().replace(microsecond=0) + timedelta(days=30)
    page = index.add_child(
        instance=EventPage(
            title="Upgrade test expo",
            slug="upgrade-test-expo",
            kind="expo",
            city="chengdu",
            starts_at=starts,
            ends_at=starts + timedelta(hours=8),
            summary="An event with registrations, made by the upgrade baseline.",
            registration_open=True,
        )
    )
    page.save_revision(user=admin).publish()
    ticket_type = TicketType.objects.create(
        event=page,
        name_en="Visitor",
        name_zh="观众",
        capacity=1,
        sale_starts_at=timezone.now() - timedelta(days=1),
        sale_ends_at=starts,
    )
    registrations = [
        services.register(
            ticket_type.pk,
            name=f"Visitor {number}",
            email=f"visitor{number}@example.org",
            city_of_origin="chongqing",
            answers={},
            language=language,
            submission_token=uuid.uuid4(),
        )
        for number, language in enumerate(["en", "zh-hans", "en"], start=1)
    ]
    assert [r.status for r in registrations] == ["confirmed", "waitlisted", "waitlisted"]
    gate.check_in(registrations[0].secret, "Gate A", admin, EventPage.objects.get(pk=page.pk))


def pdf(text: str) -> bytes:
    """A real one-page PDF, which pypdf (as the CV checks) can open."""
    from pypdf import PdfReader
    from weasyprint import HTML

    data = HTML(string=f"<h1>{text}</h1><p>Curriculum vitae.</p>").write_pdf()
    assert len(PdfReader(io.BytesIO(data)).pages) == 1
    return data


def applications(admin) -> None:
    """A recruiter's vacancy; three graduates upload PDF CVs and apply; one is reviewed."""
    from django.core.files.uploadedfile import SimpleUploadedFile
    from django.utils import timezone

    from twincity.talent import services
    from twincity.talent.models import Vacancy

    recruiter = services.request_recruiter_account(
        email="recruiter@example.org",
        password="correct horse battery staple",
        full_name="Li Hua",
        credit_code=credit_code(),
        organisation_name_en="Upgrade Logistics",
        organisation_name_zh="升级物流",
    )
    services.decide_recruiter(recruiter, True, by=admin)
    vacancy = services.save_vacancy(
        recruiter.user,
        Vacancy(
            title_en="Warehouse operator",
            title_zh="仓储操作员",
            industry="logistics",
            city="chengdu",
            salary_min=4000,
            salary_max=6000,
            headcount=2,
            deadline=timezone.localdate() + timedelta(days=60),
            skills=["forklift"],
        ),
    )
    for number in range(1, 4):
        profile = services.register_graduate(
            f"graduate{number}@example.org",
            "correct horse battery staple",
            f"Graduate {number}",
            "en",
        )
        services.store_cv(profile.user, SimpleUploadedFile("cv.pdf", pdf(f"Graduate {number}")))
        application = services.apply(profile.user, vacancy, cover_note="Hello.")
    services.mark_reviewed(application, recruiter.user)


def edited_translation(admin) -> None:
    """The Chinese translation of a news article: a new published revision, then a draft."""
    from twincity.news.models import NewsArticlePage

    article = NewsArticlePage.objects.filter(locale__language_code="zh-hans").order_by("pk").first()
    article.title += "（修订）"
    article.save_revision(user=admin).publish()
    article.title += "（草稿）"
    article.save_revision(user=admin)


def document_and_rendition() -> None:
    """The demo has one image and no document: add a document and a rendition of the image."""
    from django.core.files.base import ContentFile
    from wagtail.documents import get_document_model
    from wagtail.images import get_image_model

    get_document_model().objects.create(
        title="Upgrade guide", file=ContentFile(pdf("Upgrade guide"), name="upgrade-guide.pdf")
    )
    get_image_model().objects.order_by("pk").first().get_rendition("fill-80x80")


def credit_code() -> str:
    """A valid unified social credit code of a fictional enterprise."""
    from twincity.directory.credit_code import check_character

    body = "91510100MAUPGRADE"
    return body + check_character(body)


def write_artefacts(args: argparse.Namespace, env: dict, work: Path) -> None:
    args.out.mkdir(parents=True, exist_ok=True)
    prefix = args.out / args.database
    manifest = subprocess.run(
        [sys.executable, str(HERE / "inspect_site.py")],
        env={**os.environ, **env},
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    Path(f"{prefix}-manifest.json").write_text(manifest)
    if args.database == "sqlite":
        snapshot = work / "snapshot.sqlite3"
        # One file, the WAL folded in, free pages dropped.
        import sqlite3

        with sqlite3.connect(env["SQLITE_PATH"]) as connection:
            connection.execute("VACUUM INTO ?", (str(snapshot),))
        data = snapshot.read_bytes()
        suffix = ".sqlite3.xz"
    else:
        data = subprocess.run(
            ["pg_dump", "--no-owner", "--no-privileges", env["DATABASE_URL"]],
            capture_output=True,
            check=True,
        ).stdout
        suffix = ".sql.xz"
    Path(f"{prefix}{suffix}").write_bytes(lzma.compress(data, preset=9 | lzma.PRESET_EXTREME))
    with tarfile.open(f"{prefix}-media.tar.xz", "w:xz", preset=9) as tar:
        for folder in ("media", "private"):
            if (work / folder).exists():
                tar.add(work / folder, arcname=folder)


def main() -> None:
    args = parse_args()
    if args.database == "postgres" and not args.server:
        sys.exit("--server postgres://… is needed for --database postgres")
    work = Path(tempfile.mkdtemp(prefix="twincity-baseline-"))
    env = configure(args, work)
    sys.path.insert(0, os.getcwd())  # the old checkout's code
    import django

    django.setup()
    try:
        fill_site()
        from django.db import connections

        connections.close_all()
        write_artefacts(args, env, work)
    finally:
        if args.database == "postgres":
            recreate_postgres(args.server, SCRATCH_DATABASE, drop_only=True)
        shutil.rmtree(work)
    for path in sorted(args.out.glob(f"{args.database}*")):
        print(f"{path.stat().st_size:>10}  {path}")


if __name__ == "__main__":
    main()
