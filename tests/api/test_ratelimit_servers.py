"""The anonymous rate limit holds across two app servers: two gunicorn processes on one
database and one shared cache (a file locally, as `make run` has it; Redis in production),
answered alternately: the (limit+1)th request is refused whichever server gets it."""

import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from tests.support import (
    ROOT,
    SiteUnderTest,
    copy_of_demo_site,
    free_port,
    stop_site,
    wait_until_serving,
)

LIMIT = 5


def start_server(env: dict, port: int) -> tuple[SiteUnderTest, subprocess.Popen]:
    site = SiteUnderTest(f"http://127.0.0.1:{port}", env)
    server = subprocess.Popen(
        [Path(sys.executable).with_name("gunicorn"), "twincity.wsgi", "-b", f"127.0.0.1:{port}"],
        cwd=ROOT,
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    wait_until_serving(site, server)
    return site, server


@pytest.fixture(scope="module")
def two_servers(tmp_path_factory):
    var_dir = tmp_path_factory.mktemp("two-servers") / "var"
    port = free_port()
    env = copy_of_demo_site(var_dir, f"http://127.0.0.1:{port}")
    env["API_ANONYMOUS_REQUESTS_PER_MINUTE"] = str(LIMIT)
    started = [start_server(env, port), start_server(env, free_port())]
    yield [site for site, _server in started]
    for _site, server in started:
        stop_site(server)


def status(site: SiteUnderTest, path: str) -> tuple[int, dict]:
    try:
        with urllib.request.urlopen(site.base_url + path, timeout=10) as response:
            return response.status, dict(response.headers)
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers)


def alternate(servers: list, count: int) -> tuple[list, int, int]:
    minute = int(time.time() // 60)
    answers = [status(servers[number % 2], "/api/v1/fairs") for number in range(count)]
    return answers, minute, int(time.time() // 60)


def test_the_limit_holds_across_two_servers(two_servers):
    # A new minute starts a new window: if one began during the walk, walk again (once).
    for _attempt in range(2):
        answers, started, ended = alternate(two_servers, LIMIT + 2)
        if started == ended:
            break
    codes = [code for code, _headers in answers]
    assert codes == [200] * LIMIT + [429, 429], codes
    remaining = [headers["X-RateLimit-Remaining"] for _code, headers in answers[:LIMIT]]
    assert remaining == [str(LIMIT - number) for number in range(1, LIMIT + 1)]
    assert int(answers[LIMIT][1]["Retry-After"]) >= 1
