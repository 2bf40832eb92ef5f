"""A real copy of the site for browser tests: its own database, gunicorn, the worker on demand.

The browser tests talk to the site over HTTP as a visitor would, so the site runs in processes
of its own, set up the way `make run` sets it up, on SQLite or (when DATABASE_URL is set) on a
fresh PostgreSQL database beside the test database.
"""

import os
import socket
import subprocess
import sys
import time
import urllib.parse
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlparse, urlunparse

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
