#!/usr/bin/env python3
"""Load benchmark of the public pages: gunicorn + wrk on loopback, 16 connections.

Measures requests per second and p99 latency for the home page, the news index and an
article, for anonymous visitors: rendered by Django (page cache off), served from the page
cache (with and without a language + CSRF cookie), and, as the peer from the same run, nginx
sending the very same HTML as a static file.

    .venv/bin/python bench/load.py                    # SQLite, file page cache
    .venv/bin/python bench/load.py --redis            # pages in Redis (starts redis-server)
    .venv/bin/python bench/load.py --database-url postgres://u:p@127.0.0.1/db

--signed-in measures instead what the page cache cannot serve: every listing and detail page
(news, travel, events, directory, jobs, fairs, search, home) rendered by Django for a signed-in
graduate, page cache off; --unshared adds them with the shared content off (core.fragments:
every request renders its content, as an address seen for the first time, a new filter
combination, does); --cold adds them with the content generation renewed before every request
(the moments after a publish: nothing kept per generation helps).

    .venv/bin/python bench/load.py --signed-in --unshared --cold
    .venv/bin/python bench/load.py --signed-in --var-dir /tmp/site/var --pages place,event

Needs wrk and nginx (apt-get install wrk nginx-light). Sends traffic to 127.0.0.1 only.
"""

import argparse
import json
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PATHS = {
    "home": "/en/",
    "news index": "/en/news/",
    "article": "/en/news/chengdu-chongqing-ramp-up-cooperation/",
}
VISITOR_COOKIE = "django_language=zh-hans; csrftoken=Abc123Abc123Abc123Abc123Abc123Ab"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def wait_for(url: str, seconds: float = 30) -> None:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            time.sleep(0.2)
    raise RuntimeError(f"{url} did not answer in time")


def manage(env: dict, *args: str) -> None:
    subprocess.run(
        [sys.executable, "manage.py", *args], cwd=ROOT, env=env, check=True, capture_output=True
    )


def wrk(
    url: str,
    seconds: int,
    connections: int,
    cookie: str | None = None,
    headers: dict[str, str] | None = None,
) -> dict:
    """Run wrk once; returns requests/s, p99 in ms and the count of non-2xx/3xx answers."""
    command = ["wrk", "-t2", f"-c{connections}", f"-d{seconds}s", "--latency", url]
    headers = {**(headers or {}), **({"Cookie": cookie} if cookie else {})}
    for name, value in headers.items():
        command[1:1] = ["-H", f"{name}: {value}"]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", output).group(1))
    p99 = re.search(r"99%\s+([\d.]+)(us|ms|s)\b", output)
    p99_ms = float(p99.group(1)) * {"us": 0.001, "ms": 1, "s": 1000}[p99.group(2)]
    errors = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", output)
    socket_errors = re.search(r"Socket errors: (.*)", output)
    return {
        "rps": rps,
        "p99_ms": p99_ms,
        "non_2xx": int(errors.group(1)) if errors else 0,
        "socket_errors": socket_errors.group(1) if socket_errors else "",
    }


class Gunicorn:
    def __init__(
        self,
        env: dict,
        workers: int,
        worker_class: str,
        threads: int,
        app: tuple[str, ...] = ("twincity.wsgi",),
    ):
        self.port = free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        command = [
            str(Path(sys.executable).with_name("gunicorn")),
            *app,
            "--bind",
            f"127.0.0.1:{self.port}",
            "--workers",
            str(workers),
            "--worker-class",
            worker_class,
            "--threads",
            str(threads),
            "--log-level",
            "warning",
        ]
        self.process = subprocess.Popen(command, cwd=ROOT, env=env)
        wait_for(self.base + PATHS["home"])

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=15)


def nginx_peer(html_by_name: dict[str, bytes], workdir: Path):
    """nginx serving each page's HTML as a static file: what a page can cost at the least."""
    if not shutil.which("nginx"):
        return None, None
    root = workdir / "nginx-root"
    for name, html in html_by_name.items():
        (root / name.replace(" ", "-")).mkdir(parents=True, exist_ok=True)
        (root / name.replace(" ", "-") / "index.html").write_bytes(html)
    port = free_port()
    conf = workdir / "nginx.conf"
    conf.write_text(
        f"""worker_processes 2;
pid {workdir}/nginx.pid;
error_log {workdir}/nginx-error.log;
events {{ worker_connections 1024; }}
http {{
  access_log off;
  default_type text/html;
  server {{ listen 127.0.0.1:{port}; root {root}; }}
  client_body_temp_path {workdir}; proxy_temp_path {workdir}; fastcgi_temp_path {workdir};
  uwsgi_temp_path {workdir}; scgi_temp_path {workdir};
}}
"""
    )
    process = subprocess.Popen(["nginx", "-c", str(conf), "-g", "daemon off;"])
    wait_for(f"http://127.0.0.1:{port}/home/")
    return process, f"http://127.0.0.1:{port}"


def prepare_site(args, workdir: Path) -> dict:
    """A fresh copy of the demo site in workdir, or the one already in --var-dir."""
    var_dir = args.var_dir or workdir / "var"
    env = {**os.environ, "TWINCITY_VAR_DIR": str(var_dir), "DJANGO_DEBUG": "false"}
    # wrk is one address asking thousands of times: the per-address limits would answer 429.
    env["TWINCITY_RATE_LIMITS"] = "false"
    env.pop("DJANGO_SETTINGS_MODULE", None)
    if args.database_url:
        env["DATABASE_URL"] = args.database_url
    if args.var_dir:
        return env
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
        manage(env, *command)
    return env


def start_redis(workdir: Path) -> tuple[subprocess.Popen, str]:
    port = free_port()
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--bind",
            "127.0.0.1",
            "--save",
            "",
            "--dir",
            str(workdir),
        ],
        stdout=subprocess.DEVNULL,
    )
    time.sleep(0.5)
    return process, f"redis://127.0.0.1:{port}/0"


def fetch(url: str, cookie: str | None = None) -> bytes | None:
    """The body of a 200 answer (None for another status that urllib does not raise on)."""
    request = urllib.request.Request(url, headers={"Cookie": cookie} if cookie else {})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read() if response.status == 200 else None


def load_average() -> str:
    return " / ".join(f"{value:.2f}" for value in os.getloadavg())


def signed_in_pages(env: dict, args) -> tuple[dict[str, str], str]:
    """The pages to measure and a signed-in graduate's session cookie (bench/signed_in_pages.py)."""
    script = ROOT / "bench" / "signed_in_pages.py"
    output = subprocess.run(
        [sys.executable, str(script), "--language", args.language],
        cwd=ROOT,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    found = json.loads(output)
    paths = found["paths"]
    if args.pages:
        paths = {name: paths[name] for name in args.pages.split(",")}
    return paths, found["cookie"]


def measure_signed_in(args, env: dict, results: list) -> None:
    """Every listing and detail page rendered by Django for a signed-in graduate."""
    paths, cookie = signed_in_pages(env, args)
    env = {**env, "PAGE_CACHE_ENABLED": "false"}
    servers = [("Django, signed in, page cache off", ("twincity.wsgi",), {})]
    if args.unshared:
        # Every request renders its content, as an address seen for the first time does.
        unshared = {"SHARED_FRAGMENTS_ENABLED": "false"}
        servers.append(("the same, shared content off", ("twincity.wsgi",), unshared))
    if args.cold:
        servers.append(("the same, every request after a publish", _COLD_APP, {}))
    for label, app, extra_env in servers:
        server = Gunicorn({**env, **extra_env}, args.workers, args.worker_class, args.threads, app)
        for name, path in paths.items():
            try:
                answered = fetch(server.base + path, cookie) is not None
            except urllib.error.HTTPError:
                answered = False
            if not answered:  # a page that fails is reported, not measured
                print(f"{label:<40} {name:<19} {path} did not answer 200: not measured")
                results.append({"server": label, "page": name, "path": path, "failed": True})
                continue
            wrk(server.base + path, 2, args.connections, cookie)  # warm up
            figures = wrk(server.base + path, args.seconds, args.connections, cookie)
            results.append({"server": label, "page": name, "path": path, **figures})
            print(
                f"{label:<40} {name:<19} {figures['rps']:>7.0f} req/s  p99 {figures['p99_ms']:>8.2f} ms"
                f"  non-2xx {figures['non_2xx']}",
                flush=True,
            )
        server.stop()


# Renews the content generation before each request (bench/cold_wsgi.py).
_COLD_APP = ("--pythonpath", str(ROOT / "bench"), "cold_wsgi:application")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--worker-class", default="sync")
    parser.add_argument("--threads", type=int, default=1)
    parser.add_argument("--database-url", default="")
    parser.add_argument("--redis", action="store_true", help="keep pages in Redis (started here)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    parser.add_argument(
        "--signed-in",
        action="store_true",
        help="every listing and detail page, page cache off, for a signed-in graduate",
    )
    parser.add_argument(
        "--cold", action="store_true", help="with --signed-in: also just after a publish, always"
    )
    parser.add_argument(
        "--unshared",
        action="store_true",
        help="with --signed-in: also without the shared content (core.fragments)",
    )
    parser.add_argument("--language", default="en", help="with --signed-in: en or zh-hans")
    parser.add_argument("--pages", default="", help="with --signed-in: only these, comma-separated")
    parser.add_argument(
        "--var-dir", type=Path, help="use this prepared site (migrated, demo, static) as it is"
    )
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="twincity-bench-") as tmp:
        workdir = Path(tmp)
        env = prepare_site(args, workdir)
        redis = None
        if args.redis:
            redis, env["REDIS_URL"] = start_redis(workdir)
        results = []
        if args.signed_in:
            print(
                f"gunicorn {args.workers}×{args.worker_class}, "
                f"{'PostgreSQL' if args.database_url else 'SQLite'}; wrk {args.connections} "
                f"connections, {args.seconds} s; load average {load_average()}",
                flush=True,
            )
            measure_signed_in(args, env, results)
            print(f"load average at the end: {load_average()}")
            if redis:
                redis.terminate()
            if args.json:
                args.json.write_text(json.dumps({"results": results}, indent=2))
            return

        def measure(label: str, base: str, cookie: str | None = None) -> None:
            for name, path in PATHS.items():
                wrk(base + path, 2, args.connections, cookie)  # warm up
                figures = wrk(base + path, args.seconds, args.connections, cookie)
                results.append({"server": label, "page": name, **figures})
                print(
                    f"{label:<34} {name:<11} {figures['rps']:>10.0f} req/s  p99 {figures['p99_ms']:>8.2f} ms"
                    f"  non-2xx {figures['non_2xx']}",
                    flush=True,
                )

        config = f"gunicorn {args.workers}×{args.worker_class}"
        if args.worker_class == "gthread":
            config += f"/{args.threads} threads"
        database = "PostgreSQL" if args.database_url else "SQLite"
        pages = "Redis" if args.redis else "file"
        print(
            f"{config}, {database}, page cache in {pages}; wrk {args.connections} connections, {args.seconds} s"
        )

        uncached = Gunicorn(
            {**env, "PAGE_CACHE_ENABLED": "false"}, args.workers, args.worker_class, args.threads
        )
        measure("Django, page cache off", uncached.base)
        uncached.stop()

        cached = Gunicorn(env, args.workers, args.worker_class, args.threads)
        for path in PATHS.values():
            fetch(cached.base + path)  # the first visit fills the cache
        measure("page cache", cached.base)
        measure("page cache, language+CSRF cookie", cached.base, VISITOR_COOKIE)
        html = {name: fetch(cached.base + path) for name, path in PATHS.items()}
        cached.stop()

        nginx, nginx_base = nginx_peer(html, workdir)
        if nginx:
            results_before = len(results)
            for name in PATHS:
                wrk(f"{nginx_base}/{name.replace(' ', '-')}/", 2, args.connections)
                figures = wrk(
                    f"{nginx_base}/{name.replace(' ', '-')}/", args.seconds, args.connections
                )
                results.append(
                    {"server": "peer: nginx, same HTML as a file", "page": name, **figures}
                )
                print(
                    f"{'peer: nginx, same HTML as a file':<34} {name:<11} {figures['rps']:>10.0f} req/s"
                    f"  p99 {figures['p99_ms']:>8.2f} ms",
                    flush=True,
                )
            nginx.terminate()
            assert len(results) > results_before
        else:
            print("peer: nginx not installed (apt-get install nginx-light): no peer figures")
        if redis:
            redis.terminate()
        if args.json:
            args.json.write_text(
                json.dumps({"config": config, "database": database, "results": results}, indent=2)
            )


if __name__ == "__main__":
    main()
