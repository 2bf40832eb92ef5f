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
    .venv/bin/python bench/api.py --var-dir /tmp/perf/var --seconds 5
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


def measure(label: str, url: str, args, results: list, headers: dict | None = None) -> None:
    wrk(url, 2, args.connections, headers=headers)  # warm up
    figures = wrk(url, args.seconds, args.connections, headers=headers)
    results.append({"measured": label, "url": url, **figures})
    print(
        f"{label:<46} {figures['rps']:>8.0f} req/s  p99 {figures['p99_ms']:>7.2f} ms"
        f"  non-2xx/3xx {figures['non_2xx']}",
        flush=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=int, default=10)
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
                    measure(f"{name}: API, response cache off", api_url, args, results)
                    continue
                measure(f"{name}: API, repeated request", api_url, args, results)
                etag = etag_of(api_url)
                conditional = {"If-None-Match": etag}
                measure(
                    f"{name}: API, conditional request (304)", api_url, args, results, conditional
                )
                measure(
                    f"{name}: peer, site page {page_path} (page cache)",
                    server.base + page_path,
                    args,
                    results,
                )
            server.stop()
        print(f"load average at the end: {load_average()}")
        if redis:
            redis.terminate()
        if args.json:
            args.json.write_text(json.dumps({"results": results}, indent=2))


if __name__ == "__main__":
    main()
