#!/usr/bin/env python3
"""Registration rush: gunicorn + PostgreSQL on loopback, 2,000 attempts on 500 seats, 64 clients.

wrk (bench/registration.lua) posts the registration form as 64 clients at once, each attempt a
different person, the clients drawing from one pool of 2,000 attempts until all are answered.
Reported: registrations answered per second, p50/p99 latency, the answers by HTTP status (5xx
counted), and, read back from the database, how many registrations are confirmed (must equal
the 500 seats exactly) and waitlisted. The peer, in the same run: the same rush on a fresh
event with the events' locks switched off (the race tests' test-only switch), which shows what
the lock costs and what it prevents. With --rounds N the two rushes alternate N times, each on
a fresh event, and the medians are reported beside each round's figures.

    .venv/bin/python bench/registration.py
    .venv/bin/python bench/registration.py --rounds 3 --json out.json
    .venv/bin/python bench/registration.py --workers 4 --threads 1 --json out.json
    .venv/bin/python bench/registration.py --database-url postgres://u:p@127.0.0.1:5432/db

Needs wrk (apt-get install wrk) and a PostgreSQL server; it creates (and drops first) the
database `twincity_bench_registration` on the server of --database-url (default: DATABASE_URL,
else the local one of the tests). Sends traffic to 127.0.0.1 only.
"""

import argparse
import http.cookiejar
import json
import os
import re
import secrets
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import urlparse, urlunparse

import psycopg
from load import Gunicorn, manage  # bench/load.py: the site's processes, as it runs them

ROOT = Path(__file__).resolve().parent.parent
LUA = Path(__file__).with_name("registration.lua")
DATABASE = "twincity_bench_registration"
DEFAULT_SERVER = "postgres://twincity:twincity@127.0.0.1:5432/twincity"

SET_UP_EVENT = """
import json
from datetime import timedelta
from django.utils import timezone
from twincity.events.models import EventIndexPage, EventPage, TicketType
index = EventIndexPage.objects.get(locale__language_code="en")
now = timezone.now()
page = index.add_child(instance=EventPage(
    title="Registration rush ({label})", slug="registration-rush-{slug}", kind="expo", city="both",
    starts_at=now + timedelta(days=30), ends_at=now + timedelta(days=31),
    summary="Benchmark event.", registration_open=True,
))
page.save_revision().publish()
ticket = TicketType.objects.create(
    event=page, name_en="Visitor", name_zh="观众", capacity={seats},
    sale_starts_at=now - timedelta(days=1), sale_ends_at=now + timedelta(days=20),
)
print(json.dumps({{"event": page.pk, "ticket_type": ticket.pk}}))
"""


def fresh_database(server_url: str) -> str:
    with psycopg.connect(server_url, autocommit=True) as connection:
        connection.execute(f'DROP DATABASE IF EXISTS "{DATABASE}" WITH (FORCE)')
        connection.execute(f'CREATE DATABASE "{DATABASE}"')
    return urlunparse(urlparse(server_url)._replace(path="/" + DATABASE))


def prepare_site(database_url: str, workdir: Path) -> dict:
    env = {
        **os.environ,
        "TWINCITY_VAR_DIR": str(workdir / "var"),
        "DJANGO_DEBUG": "false",
        "DATABASE_URL": database_url,
        "LOG_LEVEL": "WARNING",  # a log line per request would be part of what is measured
    }
    env.pop("DJANGO_SETTINGS_MODULE", None)
    env.pop("GUNICORN_CMD_ARGS", None)
    for command in (["migrate", "--noinput"], ["collectstatic", "--noinput"], ["load_demo"]):
        manage(env, *command)
    return env


def new_event(env: dict, label: str, seats: int) -> dict:
    output = subprocess.run(
        [sys.executable, "manage.py", "shell"],
        cwd=ROOT,
        env=env,
        input=SET_UP_EVENT.format(label=label, slug=re.sub(r"\W+", "-", label), seats=seats),
        capture_output=True,
        text=True,
    )
    if output.returncode:
        raise RuntimeError(f"setting up the event failed:\n{output.stderr}")
    return json.loads(output.stdout.strip().splitlines()[-1])


def csrf_pair(form_url: str) -> tuple[str, str]:
    """The CSRF cookie and the form's token, from one visit; every request may reuse them."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(form_url, timeout=10) as response:
        html = response.read().decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', html).group(1)
    cookie = next(c.value for c in jar if c.name == "csrftoken")
    return cookie, token


def rush(form_url: str, ticket_type: int, attempts: int, clients: int, workdir: Path) -> dict:
    if attempts < clients:
        raise SystemExit("--attempts must be at least --clients: every client sends one")
    cookie, token = csrf_pair(form_url)
    settings = (
        f'CSRF_COOKIE = "{cookie}"\nCSRF_TOKEN = "{token}"\nREFERER = "{form_url}"\n'
        f"TICKET_TYPE = {ticket_type}\nATTEMPTS = {attempts}\nTHREADS = {clients}\n"
        f'RUN = "{secrets.token_hex(4)}"\n'
    )
    run_files = workdir / f"rush-{secrets.token_hex(4)}"
    settings += f'DONE_FILE = "{run_files}.done"\nPOOL_FILE = "{run_files}.pool"\n'
    done_file = Path(f"{run_files}.done")
    script = workdir / "registration.lua"
    script.write_text(settings + LUA.read_text())
    command = ["wrk", f"-t{clients}", f"-c{clients}", "-d600s", "--timeout", "30s"]
    wrk = subprocess.Popen(
        [*command, "-s", str(script), form_url], stdout=subprocess.PIPE, text=True
    )
    # wrk would wait out its whole -d duration: interrupt it once every thread is done.
    while wrk.poll() is None and not all_done(done_file, clients):
        time.sleep(0.05)
    wrk.send_signal(signal.SIGINT)
    output = wrk.communicate(timeout=60)[0]
    return json.loads(re.search(r"^RESULT (.*)$", output, re.MULTILINE).group(1))


def all_done(done_file: Path, threads: int) -> bool:
    return done_file.exists() and len(done_file.read_text().splitlines()) >= threads


def registrations(database_url: str, ticket_type: int) -> dict[str, int]:
    with psycopg.connect(database_url) as connection:
        rows = connection.execute(
            "SELECT status, count(*) FROM events_registration WHERE ticket_type_id = %s "
            "GROUP BY status",
            [ticket_type],
        ).fetchall()
    return dict(rows)


def run_rush(
    args, env: dict, database_url: str, label: str, locking: bool, round_number: int, workdir
) -> dict:
    ids = new_event(env, f"{label}, round {round_number}", args.seats)
    # Every attendee of the rush comes from 127.0.0.1: no per-address limit (core/abuse.py).
    server_env = {**env, "GUNICORN_CMD_ARGS": args.gunicorn_args, "TWINCITY_RATE_LIMITS": "false"}
    if not locking:
        server_env["TWINCITY_TEST_ONLY_DISABLE_EVENT_LOCKS"] = "1"
    # gthread, even with one thread: a sync worker stays blocked on the connection wrk opens
    # (and never uses) as each of its threads stops.
    server = Gunicorn(server_env, args.workers, "gthread", args.threads)
    try:
        form_url = f"{server.base}/en/events/{ids['event']}/register/"
        figures = rush(form_url, ids["ticket_type"], args.attempts, args.clients, workdir)
    finally:
        server.stop()
    counted = registrations(database_url, ids["ticket_type"])
    codes = figures["codes"]
    answered = sum(codes.values())
    result = {
        "rush": label,
        "locking": locking,
        "attempts_answered": answered,
        "registered": codes.get("302", 0),
        "registrations_per_s": codes.get("302", 0) / figures["seconds"],
        "seconds": figures["seconds"],
        "p50_ms": figures["p50_ms"],
        "p99_ms": figures["p99_ms"],
        "max_ms": figures["max_ms"],
        "status_5xx": sum(n for code, n in codes.items() if code.startswith("5")),
        "codes": codes,
        "socket_errors": figures["socket_errors"],
        "confirmed": counted.get("confirmed", 0),
        "waitlisted": counted.get("waitlisted", 0),
        "seats": args.seats,
    }
    result["oversold"] = max(result["confirmed"] - args.seats, 0)
    return result


def report(result: dict) -> None:
    print(
        f"{result['rush']:<26} {result['registrations_per_s']:>7.0f} registrations/s"
        f"  p50 {result['p50_ms']:>7.1f} ms  p99 {result['p99_ms']:>7.1f} ms"
        f"  answered {result['attempts_answered']} ({result['codes']})  5xx {result['status_5xx']}"
        f"  confirmed {result['confirmed']}/{result['seats']}  waitlisted {result['waitlisted']}"
        f"  oversold {result['oversold']}",
        flush=True,
    )


def medians(results: list[dict]) -> dict[str, dict]:
    """Per rush (locks on, peer): the median of each figure over the rounds, and the worst
    oversold and 5xx count."""
    summary = {}
    for label in dict.fromkeys(result["rush"] for result in results):
        rounds = [result for result in results if result["rush"] == label]
        summary[label] = {
            "rounds": len(rounds),
            **{
                figure: statistics.median(result[figure] for result in rounds)
                for figure in ("registrations_per_s", "p50_ms", "p99_ms")
            },
            "oversold_max": max(result["oversold"] for result in rounds),
            "status_5xx_total": sum(result["status_5xx"] for result in rounds),
        }
    return summary


def report_medians(summary: dict[str, dict]) -> None:
    for label, figures in summary.items():
        print(
            f"median of {figures['rounds']}: {label:<15} "
            f"{figures['registrations_per_s']:>7.0f} registrations/s"
            f"  p50 {figures['p50_ms']:>7.1f} ms  p99 {figures['p99_ms']:>7.1f} ms"
            f"  5xx {figures['status_5xx_total']}  oversold (worst) {figures['oversold_max']}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--attempts", type=int, default=2000)
    parser.add_argument("--seats", type=int, default=500)
    parser.add_argument("--clients", type=int, default=64)
    parser.add_argument("--rounds", type=int, default=1, help="rushes of each kind, alternating")
    parser.add_argument("--workers", type=int, default=3)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument(
        "--gunicorn-args", default="", help="more gunicorn options (as GUNICORN_CMD_ARGS)"
    )
    parser.add_argument("--no-peer", action="store_true", help="skip the rush without locks")
    parser.add_argument("--database-url", default=os.environ.get("DATABASE_URL") or DEFAULT_SERVER)
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    server = (
        f"gunicorn {args.workers} gthread workers × {args.threads} threads {args.gunicorn_args}"
    )
    print(
        f"{server}, PostgreSQL; wrk {args.clients} clients, {args.attempts} attempts on "
        f"{args.seats} seats, {args.rounds} round(s)",
        flush=True,
    )
    results = []
    with tempfile.TemporaryDirectory(prefix="twincity-bench-") as tmp:
        workdir = Path(tmp)
        database_url = fresh_database(args.database_url)
        env = prepare_site(database_url, workdir)
        rushes = [("locks on", True)] + ([] if args.no_peer else [("peer: locks off", False)])
        for round_number in range(1, args.rounds + 1):
            for label, locking in rushes:
                result = run_rush(args, env, database_url, label, locking, round_number, workdir)
                results.append({**result, "round": round_number})
                report(result)
    ours = [result for result in results if result["locking"]]
    exact = all(result["confirmed"] == args.seats for result in ours)
    print(f"locks on: confirmed exactly {args.seats} of {args.seats} seats in every round: {exact}")
    summary = medians(results)
    if args.rounds > 1:
        report_medians(summary)
    if args.json:
        document = {"server": server, "results": results, "medians": summary}
        args.json.write_text(json.dumps(document, indent=2))


if __name__ == "__main__":
    main()
