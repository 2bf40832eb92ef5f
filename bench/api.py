#!/usr/bin/env python3
"""The partners' API beside the site: the events listing and a place list, anonymous.

gunicorn (2 sync workers) + wrk on loopback, 16 connections. For each resource, measured in
one run on one server:
- the API answering a repeated request (its response cache, core.pagecache's store),
- the API answering a conditional request (If-None-Match: the ETag it sent) with 304,
- the API with its response cache off (every request runs the query and the serialiser),
- and the peer: the site's page with the same data (/en/events/, /en/travel/), served from the
  page cache, as a browser that reloads it gets it.

    .venv/bin/python bench/api.py
    .venv/bin/python bench/api.py --var-dir /tmp/perf/var --seconds 5 --rounds 5
    .venv/bin/python bench/api.py --redis     # the shared cache (limits, versions) in Redis

Needs wrk (apt-get install wrk). Sends traffic to 127.0.0.1 only.
"""

import argparse
import json
import tempfile
import urllib.request
from pathlib import Path

from load import Gunicorn, load_average, prepare_site, start_redis, wrk

RESOURCES = {
    "events": ("/api/v1/events?lang=en", "/en/events/"),
    "places": ("/api/v1/places?lang=en", "/en/travel/"),
}


def etag_of(url: str) -> str:
    with urllib.request.urlopen(url, timeout=30) as response:
        assert response.status == 200, f"{url} answered {response.status}"
        return response.headers["ETag"]


def measure(label: str, url: str, args, results: list, headers: dict | None = None) -> dict:
    figures = wrk(url, args.seconds, args.connections, headers=headers)
    results.append({"measured": label, "url": url, **figures})
    return figures


def measure_in_rounds(variants: list[tuple], args, results: list) -> None:
    """Each variant `(label, url, headers)` once per round, in turn, then the median of its
    rounds: a load that comes and goes on the machine falls on all of them alike, rather than
    on whichever was measured while it lasted."""
    for _label, url, headers in variants:
        wrk(url, 2, args.connections, headers=headers)  # warm up
    rounds: dict[str, list[dict]] = {label: [] for label, _url, _headers in variants}
    for _round in range(args.rounds):
        for label, url, headers in variants:
            rounds[label].append(measure(label, url, args, results, headers))
    for label, figures in rounds.items():
        rps = sorted(f["rps"] for f in figures)
        p99 = sorted(f["p99_ms"] for f in figures)
        median = len(figures) // 2
        failed = sum(f["non_2xx"] for f in figures)
        print(
            f"{label:<46} {rps[median]:>8.0f} req/s  p99 {p99[median]:>7.2f} ms"
            f"  (rounds: {', '.join(f'{f:.0f}' for f in rps)})  non-2xx/3xx {failed}",
            flush=True,
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="measurements of each, interleaved")
    parser.add_argument("--connections", type=int, default=16)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--database-url", default="")
    parser.add_argument(
        "--redis",
        action="store_true",
        help="shared cache in Redis (started here), as in production",
    )
    parser.add_argument("--var-dir", type=Path, help="a prepared site (migrated, demo, static)")
    parser.add_argument("--json", type=Path, help="also write the figures to this file")
    args = parser.parse_args()

    with tempfile.TemporaryDirectory(prefix="twincity-bench-api-") as tmp:
        env = prepare_site(args, Path(tmp))
        redis = None
        if args.redis:
            redis, env["REDIS_URL"] = start_redis(Path(tmp))
        # wrk is one address asking thousands of times: the anonymous limit would answer 429.
        env["API_ANONYMOUS_REQUESTS_PER_MINUTE"] = "100000000"
        print(
            f"gunicorn {args.workers}×sync, {'PostgreSQL' if args.database_url else 'SQLite'}, "
            f"shared cache in {'Redis' if args.redis else 'files'}; "
            f"wrk {args.connections} connections, {args.seconds} s; load {load_average()}"
        )
        results: list[dict] = []
        for cache_on in (True, False):
            server_env = env if cache_on else {**env, "API_RESPONSE_CACHE": "false"}
            server = Gunicorn(server_env, args.workers, "sync", 1)
            for name, (api_path, page_path) in RESOURCES.items():
                api_url = server.base + api_path
                if not cache_on:
                    figures = measure(f"{name}: API, response cache off", api_url, args, results)
                    print(
                        f"{name}: API, response cache off {figures['rps']:>8.0f} req/s", flush=True
                    )
                    continue
                conditional = {"If-None-Match": etag_of(api_url)}
                measure_in_rounds(
                    [
                        (f"{name}: API, repeated request", api_url, None),
                        (f"{name}: API, conditional request (304)", api_url, conditional),
                        (f"{name}: peer, site page {page_path} (page cache)",
                         server.base + page_path, None),
                    ],
                    args,
                    results,
                )  # fmt: skip
            server.stop()
        print(f"load average at the end: {load_average()}")
        if redis:
            redis.terminate()
        if args.json:
            args.json.write_text(json.dumps({"results": results}, indent=2))


if __name__ == "__main__":
    main()
