"""What each page of bench/load.py --signed-in costs in one process: CPU milliseconds per
request and database queries, for a signed-in graduate with the page cache off; with
--profile, a cProfile of each page (CPU time) to read with pstats. Run it in a prepared copy of
the site (migrated, demo loaded, static files collected):

    TWINCITY_VAR_DIR=/tmp/site/var .venv/bin/python bench/page_costs.py [--pages place,fair]
        [--cold | --miss] [--profile DIR] [--language zh-hans]

CPU time, not wall time: it moves less when other work shares the machine. `--cold` renews
the content generation before each request, as bench/cold_wsgi.py does; `--miss` only empties
the kept shared content (core.fragments) before each, which is what an address seen for the
first time costs (a new filter combination) while the rest of the process stays warm.
"""

import argparse
import cProfile
import os
import sys
import time
from pathlib import Path

os.environ["PAGE_CACHE_ENABLED"] = "false"
os.environ["TWINCITY_RATE_LIMITS"] = "false"
sys.path.insert(0, str(Path(__file__).resolve().parent))

import signed_in_pages  # noqa: E402  (sets Django up)
from django.db import connection  # noqa: E402
from django.test import Client  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from twincity.core import fragments  # noqa: E402
from twincity.core.generation import renew_generation  # noqa: E402


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--pages", default="", help="only these, comma-separated")
    parser.add_argument("--language", default="en", choices=sorted(signed_in_pages.SEARCH_TERMS))
    parser.add_argument("--requests", type=int, default=20)
    parser.add_argument("--cold", action="store_true", help="a new generation before each request")
    parser.add_argument(
        "--miss",
        action="store_true",
        help="no kept shared content (core.fragments): as for a filter combination seen first",
    )
    parser.add_argument("--profile", type=Path, help="write <page>.pstats files here")
    args = parser.parse_args()

    paths = signed_in_pages.page_paths(args.language)
    client = Client()
    name, value = signed_in_pages.graduate_session_cookie().split("=", 1)
    client.cookies[name] = value

    def visit(path: str) -> None:
        if args.cold:
            renew_generation()
        if args.miss:
            fragments.clear()
        response = client.get(path)
        if response.status_code != 200:
            raise RuntimeError(f"{path} answered {response.status_code}")

    for page in args.pages.split(",") if args.pages else paths:
        path = paths[page]
        visit(path)  # the first request fills what a process keeps
        with CaptureQueriesContext(connection) as queries:
            visit(path)
        query_count = len(queries.captured_queries)  # now: the next request empties the log
        started = time.process_time()
        for _ in range(args.requests):
            visit(path)
        cpu_ms = (time.process_time() - started) / args.requests * 1000
        print(f"{page:<20} {cpu_ms:7.1f} ms CPU  {query_count:4d} queries")
        if args.profile:
            args.profile.mkdir(parents=True, exist_ok=True)
            profiler = cProfile.Profile(time.process_time)
            profiler.enable()
            for _ in range(args.requests):
                visit(path)
            profiler.disable()
            profiler.dump_stats(args.profile / f"{page.replace(' ', '-')}.pstats")


if __name__ == "__main__":
    main()
