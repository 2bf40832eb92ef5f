"""The cluster's processes on loopback: PostgreSQL primary and streaming replica, Redis, a mail
sink, two app servers, a worker and nginx, each started as deploy/ says to start it.

The app servers and the worker run the command lines of deploy/systemd's units, with the
site's environment built from deploy/twincity.env.example (the loopback values replacing the
example's); nginx runs the site deploy/render_nginx.py writes from that same environment. So
what the cluster proves is what an operator installs.

Every process is a child in a session of its own (Ctrl-C in the terminal reaches only the
orchestrator, which stops them in order) and is stopped by its id: nothing is left running.
"""

import contextlib
import json
import os
import re
import secrets
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path

import psycopg

ROOT = Path(__file__).resolve().parents[2]
DEPLOY = ROOT / "deploy"
sys.path.insert(0, str(DEPLOY))
import render_nginx  # noqa: E402  (deploy/render_nginx.py: no package, only the standard library)

INSTALL_DIR_POSTGRESQL = Path("/usr/lib/postgresql")
INSTALL_DIR = "/srv/twincity"  # where deploy/systemd's units expect the site
# Debian's packages for what the cluster runs: (command that shows it is there, package).
SYSTEM_PACKAGES = (
    ("nginx", "nginx-light"),
    ("redis-server", "redis-server"),
    ("wrk", "wrk"),
    ("curl", "curl"),
    ("openssl", "openssl"),
)


def postgresql_bin() -> Path | None:
    """The newest installed PostgreSQL's server programs (Debian keeps each version apart)."""
    versions = sorted(
        INSTALL_DIR_POSTGRESQL.glob("*/bin/pg_basebackup"), key=lambda p: int(p.parts[-3])
    )
    return versions[-1].parent if versions else None


def ensure_system_packages() -> Path:
    """Install what is missing with apt-get (as .ci/run does); returns PostgreSQL's bin folder."""
    missing = [package for command, package in SYSTEM_PACKAGES if not shutil.which(command)]
    if postgresql_bin() is None:
        missing.append("postgresql")
    if missing:
        if os.geteuid() != 0:
            raise SystemExit(f"missing: {' '.join(missing)}; run as root or apt-get install them")
        print(f"installing {' '.join(missing)} (apt-get)", flush=True)
        apt = {**os.environ, "DEBIAN_FRONTEND": "noninteractive"}
        subprocess.run(["apt-get", "update", "-q"], check=True, env=apt)
        subprocess.run(
            ["apt-get", "install", "-y", "-q", "--no-install-recommends", *missing],
            check=True,
            env=apt,
        )
    return postgresql_bin()


@dataclass(frozen=True)
class Ports:
    primary: int = 55432
    replica: int = 55433
    redis: int = 6390
    apps: tuple[int, ...] = (8101, 8102)
    site: int = 8090  # plain HTTP on loopback: what a person opens, what the benchmark loads
    peer: int = 8091  # nginx sending a page's HTML as a file: the peer
    https: int = 8443  # the production server block: TLS (self-signed here) and HTTP/2
    http_redirect: int = 8089  # the production plain-HTTP block: redirects to HTTPS
    smtp: int = 8025


@dataclass
class Service:
    name: str
    command: list[str]
    env: dict
    log: Path
    user: str = ""  # as root, PostgreSQL must run as another account
    stop_signal: int = signal.SIGTERM
    process: subprocess.Popen | None = field(default=None, repr=False)

    def start(self) -> None:
        account = {}
        if self.user and os.geteuid() == 0:
            account = {"user": self.user, "group": self.user, "extra_groups": []}
        with self.log.open("ab") as log:
            self.process = subprocess.Popen(
                self.command,
                cwd=ROOT,
                env=self.env,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
                **account,
            )

    @property
    def running(self) -> bool:
        return self.process is not None and self.process.poll() is None

    def signal_group(self, signum: int) -> None:
        """The signal to the process and everything it started (gunicorn's workers)."""
        if self.running:
            kill_group(self.process.pid, signum)

    def stop(self, timeout: float = 20) -> None:
        if self.process is None:
            return
        self.signal_group(self.stop_signal)
        try:
            self.process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            self.signal_group(signal.SIGKILL)
            self.process.wait(timeout=10)
        # Orphans of a killed master (gunicorn workers) share its process group.
        kill_group(self.process.pid, signal.SIGKILL)

    def kill(self) -> None:
        """SIGKILL to the whole group at once, as when the machine dies."""
        self.signal_group(signal.SIGKILL)
        self.process.wait(timeout=10)


def kill_group(pid: int, signum: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.killpg(pid, signum)


def wait_until(check, what: str, seconds: float = 60, pause: float = 0.1):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            result = check()
            if result:
                return result
        except (OSError, psycopg.OperationalError):
            pass
        time.sleep(pause)
    raise RuntimeError(f"{what} did not come up within {seconds:.0f} s")


def http_status(url: str, timeout: float = 5) -> int:
    try:
        with urllib.request.urlopen(url, timeout=timeout) as response:
            return response.status
    except urllib.error.HTTPError as error:
        return error.code


def port_open(port: int) -> bool:
    with socket.socket() as sock:
        sock.settimeout(0.5)
        return sock.connect_ex(("127.0.0.1", port)) == 0


def unit_command(unit: Path, instance: str, env: dict, run_dir: Path) -> tuple[list[str], dict]:
    """ExecStart= and Environment= of a deploy/systemd unit as systemd would run them here:
    %i the instance, ${NAME} from the environment file, the install folder this checkout and
    /run/ the cluster's run folder (RuntimeDirectory= is created empty, as systemd does)."""

    def here(text: str) -> str:
        text = text.replace("%i", instance).replace(INSTALL_DIR, str(ROOT))
        text = text.replace("/run/", f"{run_dir}/")
        return re.sub(r"\$\{(\w+)\}", lambda match: env[match.group(1)], text)

    settings: dict[str, list[str]] = {}
    for line in unit.read_text().splitlines():
        if "=" in line and not line.startswith("#"):
            key, value = line.split("=", 1)
            settings.setdefault(key.strip(), []).append(value.strip())
    extra = dict(item.split("=", 1) for item in map(here, settings.get("Environment", [])))
    for folder in settings.get("RuntimeDirectory", []):
        runtime = run_dir / here(folder)
        shutil.rmtree(runtime, ignore_errors=True)
        runtime.mkdir(parents=True)
    return shlex.split(here(settings["ExecStart"][0])), {**env, **extra}


class Cluster:
    """Start with start(), stop with stop(); services by name in self.services."""

    def __init__(self, state: Path, ports: Ports = Ports(), bench: bool = False):
        self.state = state.resolve()
        self.ports = ports
        self.bench = bench
        self.services: dict[str, Service] = {}
        self.pg_bin = ensure_system_packages()
        self.secrets = self._secrets()
        self.env = self.site_environment()

    # --- configuration -------------------------------------------------------------------
    def _secrets(self) -> dict:
        self.state.mkdir(parents=True, exist_ok=True)
        self.state.chmod(0o755)  # PostgreSQL's account must reach its folders inside
        path = self.state / "secrets.json"
        if not path.exists():
            names = ("postgres_password", "twincity_password", "django_secret_key")
            path.write_text(json.dumps({name: secrets.token_urlsafe(24) for name in names}))
            path.chmod(0o600)
        return json.loads(path.read_text())

    def database_url(self, port: int, user: str = "twincity", database: str = "twincity") -> str:
        password = self.secrets[f"{user}_password"]
        return f"postgres://{user}:{password}@127.0.0.1:{port}/{database}"

    def site_environment(self) -> dict:
        """deploy/twincity.env.example with loopback values: every name set here must be in
        the example (it is what an operator fills in), except the benchmark's switches."""
        example = render_nginx.read_environment_file(DEPLOY / "twincity.env.example")
        var = self.state / "var"
        site = f"http://127.0.0.1:{self.ports.site}"
        loopback = {
            "TWINCITY_BASE_URL": site,
            "DJANGO_ALLOWED_HOSTS": "127.0.0.1,localhost",
            "DJANGO_CSRF_TRUSTED_ORIGINS": f"{site},https://127.0.0.1:{self.ports.https}",
            "DJANGO_SECRET_KEY": self.secrets["django_secret_key"],
            "DATABASE_URL": self.database_url(self.ports.primary),
            "DATABASE_REPLICA_URL": self.database_url(self.ports.replica),
            "REDIS_URL": f"redis://127.0.0.1:{self.ports.redis}/0",
            "TWINCITY_VAR_DIR": str(var),
            "STATIC_ROOT": str(var / "static"),
            "MEDIA_ROOT": str(var / "media"),
            "PRIVATE_MEDIA_ROOT": str(var / "private"),
            "EMAIL_HOST": "127.0.0.1",
            "EMAIL_PORT": str(self.ports.smtp),
            "EMAIL_HOST_USER": "",
            "EMAIL_HOST_PASSWORD": "",
            "EMAIL_USE_TLS": "false",
            "DEFAULT_FROM_EMAIL": "Twin City <noreply@twincity.local>",
            "WEB_WORKERS": "2",  # two app servers on this machine's 2 cores
            "LOG_LEVEL": "WARNING" if self.bench else "INFO",
        }
        unknown = loopback.keys() - example.keys()
        if unknown:
            raise RuntimeError(f"deploy/twincity.env.example lacks {sorted(unknown)}")
        env = {key: value for key, value in os.environ.items() if not key.startswith("DJANGO_")}
        for name in ("DATABASE_URL", "REDIS_URL", "GUNICORN_CMD_ARGS", "EMAIL_FILE_PATH"):
            env.pop(name, None)
        env.update(example, **loopback, DJANGO_DEBUG="false")
        if self.bench:
            # wrk is one address asking thousands of times: the per-address limits would refuse it.
            env["TWINCITY_RATE_LIMITS"] = "false"
        return env

    def write_environment_file(self) -> Path:
        path = self.state / "twincity.env"
        names = render_nginx.read_environment_file(DEPLOY / "twincity.env.example").keys()
        path.write_text("".join(f"{name}={self.env[name]}\n" for name in names))
        path.chmod(0o600)
        return path

    # --- the services ----------------------------------------------------------------------
    def add(self, name: str, command: list[str], env: dict | None = None, **options) -> Service:
        service = Service(
            name, command, env or self.env, self.state / "logs" / f"{name}.log", **options
        )
        self.services[name] = service
        service.start()
        return service

    def start(self) -> None:
        for folder in ("logs", "run", "var"):
            (self.state / folder).mkdir(exist_ok=True)
        self.start_postgresql()
        self.start_redis()
        self.start_mail_sink()
        self.prepare_site()
        for port in self.ports.apps:
            self.start_app_server(port)
        self.start_worker()
        self.start_nginx()

    def stop(self) -> None:
        for service in reversed(list(self.services.values())):
            service.stop()

    def start_postgresql(self) -> None:
        primary, replica = self.state / "pg-primary", self.state / "pg-replica"
        if not (primary / "PG_VERSION").exists():
            self.init_primary(primary)
        self.add_postgres("postgres-primary", primary, self.ports.primary)
        wait_until(lambda: self.connect_admin(), "PostgreSQL (primary)")
        self.ensure_site_database()
        if not (replica / "PG_VERSION").exists():
            self.base_backup(replica)
        self.add_postgres("postgres-replica", replica, self.ports.replica)
        wait_until(self.replica_streaming, "PostgreSQL (replica streaming)")

    def as_postgres(self, path: Path) -> None:
        if os.geteuid() == 0:
            shutil.chown(path, "postgres", "postgres")

    def init_primary(self, data: Path) -> None:
        data.mkdir(mode=0o700)
        self.as_postgres(data)
        password_file = self.state / "run" / "pg-password"
        password_file.write_text(self.secrets["postgres_password"] + "\n")
        self.as_postgres(password_file)
        self.run_as_postgres(
            [
                str(self.pg_bin / "initdb"),
                "-D",
                str(data),
                "-U",
                "postgres",
                "-E",
                "UTF8",
                "--no-locale",
            ]
            + ["--auth-local=peer", "--auth-host=scram-sha-256", f"--pwfile={password_file}"]
        )
        password_file.unlink()

    def run_as_postgres(self, command: list[str], env: dict | None = None) -> None:
        account = {}
        if os.geteuid() == 0:
            account = {"user": "postgres", "group": "postgres", "extra_groups": []}
        done = subprocess.run(command, capture_output=True, text=True, env=env, cwd="/", **account)
        if done.returncode:
            raise RuntimeError(f"{command[0]} failed:\n{done.stderr[-3000:]}")

    def add_postgres(self, name: str, data: Path, port: int) -> None:
        socket_dir = self.state / "run" / name
        socket_dir.mkdir(exist_ok=True)
        self.as_postgres(socket_dir)
        settings = {
            "port": port,
            "listen_addresses": "127.0.0.1",
            "unix_socket_directories": socket_dir,
            "wal_level": "replica",
            "max_wal_senders": 4,
            "hot_standby": "on",
            "max_connections": 200,
        }
        command = [str(self.pg_bin / "postgres"), "-D", str(data)]
        for key, value in settings.items():
            command += ["-c", f"{key}={value}"]
        # SIGINT is PostgreSQL's fast shutdown: it ends the app servers' sessions instead of
        # waiting for them (SIGTERM would wait).
        self.add(
            name,
            command,
            env={"PATH": os.environ["PATH"]},
            user="postgres",
            stop_signal=signal.SIGINT,
        )

    def connect_admin(self, port: int | None = None) -> psycopg.Connection:
        url = self.database_url(port or self.ports.primary, "postgres", "postgres")
        return psycopg.connect(url, autocommit=True, connect_timeout=2)

    def ensure_site_database(self) -> None:
        password = self.secrets["twincity_password"]
        with self.connect_admin() as connection:
            if not connection.execute(
                "SELECT 1 FROM pg_roles WHERE rolname = 'twincity'"
            ).fetchone():
                connection.execute(f"CREATE ROLE twincity LOGIN PASSWORD '{password}'")
            if not connection.execute(
                "SELECT 1 FROM pg_database WHERE datname = 'twincity'"
            ).fetchone():
                connection.execute("CREATE DATABASE twincity OWNER twincity")

    def base_backup(self, data: Path) -> None:
        data.mkdir(mode=0o700)
        self.as_postgres(data)
        env = {"PATH": os.environ["PATH"], "PGPASSWORD": self.secrets["postgres_password"]}
        self.run_as_postgres(
            [str(self.pg_bin / "pg_basebackup"), "-h", "127.0.0.1", "-p", str(self.ports.primary)]
            + ["-U", "postgres", "-D", str(data), "-R", "-X", "stream", "-c", "fast"],
            env=env,
        )

    def replica_streaming(self) -> bool:
        with self.connect_admin(self.ports.replica) as connection:
            row = connection.execute("SELECT status FROM pg_stat_wal_receiver").fetchone()
            return row is not None and row[0] == "streaming"

    def start_redis(self) -> None:
        folder = self.state / "redis"
        folder.mkdir(exist_ok=True)
        command = ["redis-server", "--port", str(self.ports.redis), "--bind", "127.0.0.1"]
        command += ["--save", "", "--appendonly", "no", "--dir", str(folder)]
        self.add("redis", command)
        wait_until(lambda: port_open(self.ports.redis), "Redis")

    def start_mail_sink(self, delay_ms: float = 0) -> None:
        script = Path(__file__).with_name("smtp_sink.py")
        command = [sys.executable, str(script), "--port", str(self.ports.smtp)]
        command += ["--out", str(self.mail_dir), "--delay-ms", str(delay_ms)]
        self.add("mail", command)
        wait_until(lambda: port_open(self.ports.smtp), "the mail sink")

    @property
    def mail_dir(self) -> Path:
        return self.state / "mail"

    def manage(self, *args: str) -> str:
        """A management command in the site's environment; its output."""
        command = [sys.executable, "manage.py", *args]
        done = subprocess.run(command, cwd=ROOT, env=self.env, capture_output=True, text=True)
        if done.returncode:
            raise RuntimeError(f"manage.py {' '.join(args)} failed:\n{done.stderr[-3000:]}")
        return done.stdout

    def prepare_site(self) -> None:
        """Migrate, collect the static files and load the demo, once per state folder."""
        self.write_environment_file()
        marker = self.state / "var" / "demo-loaded"
        if not marker.exists():
            self.manage("migrate", "--noinput")
            self.manage("collectstatic", "--noinput")
            self.manage("load_demo")
            marker.touch()
        self.editor_sign_in = self.manage("ensure_editor").strip()

    def start_app_server(self, port: int) -> None:
        unit = DEPLOY / "systemd" / "twincity-web@.service"
        command, env = unit_command(unit, str(port), self.env, self.state / "run")
        self.add(f"app-{port}", command, env)
        wait_until(lambda: http_status(f"http://127.0.0.1:{port}/en/") == 200, f"app server {port}")

    def start_worker(self) -> None:
        unit = DEPLOY / "systemd" / "twincity-worker.service"
        command, env = unit_command(unit, "", self.env, self.state / "run")
        self.add("worker", command, env)

    def start_nginx(self) -> None:
        prefix = self.state / "nginx"
        site_dir = prefix / "site"
        values = {
            **render_nginx.DEFAULTS,
            **render_nginx.values_from_environment(self.env),
            "HTTP_LISTEN": f"127.0.0.1:{self.ports.http_redirect}",
            "HTTPS_LISTEN": f"127.0.0.1:{self.ports.https}",
            "APP_SERVERS": ",".join(f"127.0.0.1:{port}" for port in self.ports.apps),
            "CACHE_DIR": str(prefix / "cache"),
            "LOG_DIR": str(prefix),
        }
        certificate, key = render_nginx.self_signed_certificate(prefix / "tls", "127.0.0.1")
        values.update(TLS_CERTIFICATE=str(certificate), TLS_CERTIFICATE_KEY=str(key))
        site = render_nginx.render(site_dir, values)
        (prefix / "peer").mkdir(parents=True, exist_ok=True)
        extra = f"""
    # Loopback only: the site over plain HTTP (the production block above wants TLS).
    server {{
        listen 127.0.0.1:{self.ports.site};
        server_name _;
        access_log {prefix}/twincity-access.log twincity buffer=64k flush=1s;
        include {site_dir}/twincity-site.conf;
    }}
    # The peer: nginx sending a page's HTML as a static file.
    server {{
        listen 127.0.0.1:{self.ports.peer};
        access_log {prefix}/peer-access.log twincity buffer=64k flush=1s;
        default_type text/html;
        root {prefix}/peer;
    }}
"""
        user = "root" if os.geteuid() == 0 else ""
        conf = render_nginx.standalone_conf(prefix, site, extra, user=user)
        command = ["nginx", "-p", str(prefix), "-c", str(conf), "-e", str(prefix / "error.log")]
        subprocess.run([*command, "-t", "-q"], check=True)
        # QUIT: nginx's graceful stop, the requests in flight answered first.
        self.add("nginx", [*command, "-g", "daemon off;"], stop_signal=signal.SIGQUIT)
        wait_until(lambda: http_status(f"http://127.0.0.1:{self.ports.site}/en/") == 200, "nginx")

    def restart(self, name: str) -> None:
        """Start a stopped or killed service again, as systemd's Restart= would."""
        starters = {
            "redis": self.start_redis,
            "worker": self.start_worker,
            "postgres-primary": lambda: self.add_postgres(
                "postgres-primary", self.state / "pg-primary", self.ports.primary
            ),
            "postgres-replica": lambda: self.add_postgres(
                "postgres-replica", self.state / "pg-replica", self.ports.replica
            ),
        }
        starters.update(
            {f"app-{port}": (lambda p=port: self.start_app_server(p)) for port in self.ports.apps}
        )
        starters[name]()
