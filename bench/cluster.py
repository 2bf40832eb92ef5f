#!/usr/bin/env python3
"""The production set-up on loopback: PostgreSQL primary + streaming replica, Redis, two app
servers (gunicorn), a worker, a mail sink and nginx with the micro-cache, all from deploy/.

    .venv/bin/python bench/cluster.py serve            # `make cluster`: start it, Ctrl-C stops it
    .venv/bin/python bench/cluster.py bench            # `make bench-cluster`: every measurement
    .venv/bin/python bench/cluster.py bench --only throughput,rush --json out.json

bench measures, in one run:
- throughput: an anonymous article through nginx (16 connections, wrk) beside nginx sending the
  same HTML as a static file and beside one app server's own page cache; and how long an edit,
  published while the load runs, takes to show through nginx;
- rush: the registration rush (2,000 attempts on 500 seats, 64 clients) through nginx across
  both app servers: confirmed must be exactly the seats, no 5xx;
- faults: under load, an app server killed with SIGKILL, Redis stopped and restarted, the
  replica stopped, PostgreSQL restarted, the worker killed while it sends mail: what the clients
  saw, and what the database and the mailbox hold afterwards;
- checks: what deploy/nginx promises (micro-cache hits and bypasses, static and media files,
  HTTPS with HTTP/2, the redirect, request ids, the body limit, what is kept from the outside).

Needs nginx, wrk, redis-server and PostgreSQL 15's server binaries (apt-get install nginx-light
wrk redis-server postgresql-15); run as root, PostgreSQL runs as user postgres. Loopback only;
the ports are in bench/cluster/processes.py (Ports). State lives in --state (default
/tmp/twincity-cluster; `serve` reuses it, `bench` starts afresh unless --reuse).
"""

import argparse
import json
import os
import shutil
import signal
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).with_name("cluster")))
from processes import Cluster  # noqa: E402  (bench/cluster/processes.py)

DEFAULT_STATE = Path("/tmp/twincity-cluster")
PARTS = ("checks", "throughput", "rush", "faults")


def stop_on_sigterm() -> None:
    """SIGTERM ends the run as Ctrl-C does: through the finally that stops every process."""

    def interrupt(signum, frame):
        raise KeyboardInterrupt

    signal.signal(signal.SIGTERM, interrupt)


def serve(args) -> None:
    cluster = Cluster(args.state)
    stop_on_sigterm()
    try:
        print(
            f"Starting the cluster in {args.state} (the first start loads the demo: a minute or two)"
        )
        cluster.start()
        ports = cluster.ports
        print(
            f"""
Twin City is served by nginx at  http://127.0.0.1:{ports.site}/
  HTTPS with HTTP/2 (self-signed certificate): https://127.0.0.1:{ports.https}/
  {cluster.editor_sign_in.replace(chr(10), chr(10) + "  ")}
  app servers :{ports.apps[0]} :{ports.apps[1]}, worker, PostgreSQL :{ports.primary} (replica :{ports.replica}),
  Redis :{ports.redis}; mail is kept in {cluster.mail_dir}; logs in {args.state}/logs and {args.state}/nginx
Ctrl-C stops everything.""",
            flush=True,
        )
        watch(cluster)
    except KeyboardInterrupt:
        pass
    finally:
        print("Stopping the cluster ...", flush=True)
        cluster.stop()
        print("Stopped: nothing of the cluster is running.")


def watch(cluster: Cluster) -> None:
    """Wait for Ctrl-C; say so when a process stops on its own (its log says why)."""
    reported = set()
    while True:
        time.sleep(1)
        for name, service in cluster.services.items():
            if not service.running and name not in reported:
                reported.add(name)
                print(f"{name} stopped (exit {service.process.returncode}); see {service.log}")


def bench(args) -> None:
    import measurements  # noqa: PLC0415  (bench/cluster/measurements.py: wrk and the load clients)

    parts = [part.strip() for part in args.only.split(",")] if args.only else list(PARTS)
    if args.state.exists() and not args.reuse:
        shutil.rmtree(args.state)
    cluster = Cluster(args.state, bench=True)
    stop_on_sigterm()
    results = {"load_average_start": os.getloadavg()}
    try:
        print(f"Starting the cluster in {args.state} ...", flush=True)
        cluster.start()
        for part in parts:
            results[part] = getattr(measurements, part)(cluster, args)
    finally:
        cluster.stop()
    results["load_average_end"] = os.getloadavg()
    print(
        f"load average: start {fmt_load(results['load_average_start'])}, end {fmt_load(results['load_average_end'])}"
    )
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, default=str))


def fmt_load(values) -> str:
    return " / ".join(f"{value:.2f}" for value in values)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=("serve", "bench"))
    parser.add_argument("--state", type=Path, default=DEFAULT_STATE)
    parser.add_argument("--only", default="", help=f"bench: some of {','.join(PARTS)}")
    parser.add_argument("--seconds", type=int, default=10, help="bench: wrk's duration")
    parser.add_argument(
        "--reuse", action="store_true", help="bench: keep the state (and demo) of an earlier run"
    )
    parser.add_argument("--json", type=Path, help="bench: also write the figures to this file")
    args = parser.parse_args()
    {"serve": serve, "bench": bench}[args.command](args)


if __name__ == "__main__":
    main()
