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


def start_site(var_dir: Path) -> tuple[SiteUnderTest, subprocess.Popen]:
    env = {
        **os.environ,
        "TWINCITY_VAR_DIR": str(var_dir),
        "DJANGO_DEBUG": "false",
        "EMAIL_FILE_PATH": str(var_dir / "outbox"),
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if os.environ.get("DATABASE_URL"):
        # Named after the tests' own database, so runs against different databases (one per
        # developer or checkout) do not drop each other's site.
        database_url = os.environ["DATABASE_URL"]
        own_name = urllib.parse.urlsplit(database_url).path.lstrip("/")
        env["DATABASE_URL"] = fresh_postgres_database(database_url, f"{own_name}_browser_tests")
    port = free_port()
    site = SiteUnderTest(f"http://127.0.0.1:{port}", env)
    site.env["TWINCITY_BASE_URL"] = site.base_url
    site.manage("migrate", "--noinput")
    site.manage("collectstatic", "--noinput")
    site.manage("load_demo")
    site.manage("ensure_editor")
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
        env=env,
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
