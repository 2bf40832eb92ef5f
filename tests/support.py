"""A real copy of the site for browser tests: its own database, gunicorn, the worker on demand.

The browser tests talk to the site over HTTP as a visitor would, so the site runs in processes
of its own, set up the way `make run` sets it up, on SQLite or (when DATABASE_URL is set) on a
fresh PostgreSQL database beside the test database.
"""

import functools
import html
import os
import re
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import parse_qs, urljoin, urlparse, urlunparse

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


# --- Files the tests upload ----------------------------------------------------------------------


@functools.cache
def real_pdf(text: str = "Curriculum vitae") -> bytes:
    """A small real one-page PDF with `text` on it, as WeasyPrint writes it (pypdf and every
    reader open it); made once per text and process."""
    import weasyprint

    return weasyprint.HTML(string=f"<h1>{html.escape(text)}</h1>").write_pdf()


# --- Following links as a visitor does -----------------------------------------------------------


def link(page_html: str, rel: str) -> str:
    """The href of the page's only <a rel="…">, unescaped as a browser reads it."""
    found = re.findall(rf'<a rel="{rel}" href="([^"]*)"', page_html)
    assert len(found) == 1, f'expected one rel="{rel}" link, found {found}'
    return html.unescape(found[0])


def follow(client, url: str, page_html: str, rel: str = "next"):
    """GETs the rel link of `page_html` (served at `url`) as a browser would resolve it;
    returns the response and the query it asked with, as a dict of lists."""
    target = urljoin(url, link(page_html, rel))
    response = client.get(target)
    assert response.status_code == 200, target
    return response, parse_qs(urlparse(target).query, keep_blank_values=True)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def fresh_postgres_database(url: str, name: str) -> str:
    """Drop and create database `name` on the server of `url`; returns its URL."""
    import psycopg

    # Through the server's maintenance database: the database of `url` need not exist.
    maintenance = urlunparse(urlparse(url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}"')
    return urlunparse(urlparse(url)._replace(path="/" + name))


@dataclass
class SiteUnderTest:
    base_url: str
    env: dict

    def manage(self, *args: str, stdin: str | None = None) -> str:
        result = subprocess.run(
            [sys.executable, "manage.py", *args],
            cwd=ROOT,
            env=self.env,
            input=stdin,
            capture_output=True,
            text=True,
            timeout=300,
        )
        if result.returncode != 0:
            raise RuntimeError(
                f"manage.py {' '.join(args)} failed:\n{result.stdout}\n{result.stderr}"
            )
        return result.stdout

    def outbox(self) -> list:
        """E-mails the site has sent, oldest first, as email.message.Message objects."""
        import email

        folder = Path(self.env["EMAIL_FILE_PATH"])
        messages = []
        for log in sorted(folder.glob("*.log"), key=lambda path: path.stat().st_mtime):
            chunks = log.read_bytes().split(b"\n" + b"-" * 79 + b"\n")
            messages += [email.message_from_bytes(chunk) for chunk in chunks if chunk.strip()]
        return messages

    def get(self, path: str) -> tuple[int, str]:
        try:
            with urllib.request.urlopen(self.base_url + path, timeout=10) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as error:
            return error.code, error.read().decode()


@dataclass(frozen=True)
class DemoSite:
    """The demo site as `make run` builds it (migrate, collectstatic, load_demo, ensure_editor),
    built once per test run: its var folder and, on PostgreSQL, its database. Every live site of
    the run starts from a copy, which takes a second instead of the minute the build takes."""

    var_dir: Path
    database_url: str  # "" on SQLite: the database is a file in var_dir


@functools.cache
def demo_site() -> DemoSite:
    import atexit
    import shutil
    import tempfile

    var_dir = Path(tempfile.mkdtemp(prefix="twincity-demo-site-")) / "var"
    atexit.register(shutil.rmtree, var_dir.parent, ignore_errors=True)
    database_url = ""
    if os.environ.get("DATABASE_URL"):
        database_url = fresh_postgres_database(os.environ["DATABASE_URL"], site_database("demo"))
    builder = SiteUnderTest("http://127.0.0.1", site_env(var_dir, database_url))
    builder.manage("migrate", "--noinput")
    builder.manage("collectstatic", "--noinput")
    # The job fair's 3,000 demo graduates stay out, as in the test database (conftest.py).
    builder.manage("load_demo", "--skip", "talent")
    builder.manage("ensure_editor")
    return DemoSite(var_dir, database_url)


def site_database(purpose: str) -> str:
    """A database of the run's PostgreSQL server for a live site, named after the tests' own
    database and the xdist worker, so that runs against different databases, and the workers
    of one run, do not drop each other's sites."""
    own_name = urllib.parse.urlsplit(os.environ["DATABASE_URL"]).path.lstrip("/")
    worker = os.environ.get("PYTEST_XDIST_WORKER", "main")
    return f"{own_name}_site_{purpose}_{worker}"


def site_env(var_dir: Path, database_url: str) -> dict:
    env = {
        **os.environ,
        "TWINCITY_VAR_DIR": str(var_dir),
        "DJANGO_DEBUG": "false",
        "EMAIL_FILE_PATH": str(var_dir / "outbox"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if database_url:
        env["DATABASE_URL"] = database_url
    return env


def copy_of_demo_site(var_dir: Path, base_url: str) -> dict:
    """A copy of the run's demo site in var_dir (and a database of its own), whose Wagtail site
    answers at base_url; returns the environment that runs it."""
    import shutil

    demo = demo_site()
    shutil.copytree(demo.var_dir, var_dir)
    database_url = ""
    if demo.database_url:
        database_url = copied_postgres_database(
            demo.database_url, site_database(var_dir.parent.name)
        )
    address = urlparse(base_url)
    point_site_at(var_dir, database_url, address.hostname, address.port)
    return site_env(var_dir, database_url)


def copied_postgres_database(template_url: str, name: str) -> str:
    import psycopg

    template = urlparse(template_url).path.lstrip("/")
    maintenance = urlunparse(urlparse(template_url)._replace(path="/postgres"))
    with psycopg.connect(maintenance, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{name}" TEMPLATE "{template}"')
    return urlunparse(urlparse(template_url)._replace(path="/" + name))


def point_site_at(var_dir: Path, database_url: str, hostname: str, port: int) -> None:
    """The copy's Wagtail site at its own address (load_demo set the demo's), so that full
    URLs (feeds, the sitemap) name the site under test."""
    statement = "UPDATE wagtailcore_site SET hostname = %s, port = %s WHERE is_default_site"
    if database_url:
        import psycopg

        with psycopg.connect(database_url, autocommit=True) as connection:
            connection.execute(statement, [hostname, port])
    else:
        import sqlite3

        with sqlite3.connect(var_dir / "twincity.sqlite3") as connection:
            connection.execute(statement.replace("%s", "?"), [hostname, port])
        connection.close()


def stop_site(server: subprocess.Popen) -> None:
    """Stops a site started by start_site: gracefully, then by force. On a loaded machine
    gunicorn's graceful stop can outlast any short wait, and a test's teardown must not fail
    for it."""
    server.terminate()
    try:
        server.wait(timeout=30)
    except subprocess.TimeoutExpired:
        server.kill()
        server.wait()


def start_site(var_dir: Path) -> tuple[SiteUnderTest, subprocess.Popen]:
    """A live copy of the demo site under gunicorn, on a free port, with the var folder given."""
    port = free_port()
    base_url = f"http://127.0.0.1:{port}"
    site = SiteUnderTest(base_url, {**copy_of_demo_site(var_dir, base_url)})
    site.env["TWINCITY_BASE_URL"] = base_url
    server = subprocess.Popen(
        [
            Path(sys.executable).with_name("gunicorn"),
            "twincity.wsgi",
            "--bind",
            f"127.0.0.1:{port}",
            "--workers",
            "2",
        ],
        cwd=ROOT,
        env=site.env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_until_serving(site, server)
    return site, server


def wait_until_serving(site: SiteUnderTest, server: subprocess.Popen, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited: {server.stderr.read().decode()}")
        try:
            if site.get("/en/")[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.2)
    raise RuntimeError("the site did not start in time")
