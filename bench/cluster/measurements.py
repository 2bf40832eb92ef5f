"""bench/cluster.py's measurements, one function per part (checks, throughput, rush, faults),
each taking the running Cluster and printing its figures as it goes."""

import json
import re
import subprocess
import sys
import tempfile
import threading
import time
import urllib.request
from pathlib import Path

import load  # bench/load.py: wrk and fetch
import psycopg
import registration  # bench/registration.py: the rush
from clients import FormClient, LoadClients, summarise  # bench/cluster/clients.py

ARTICLE = "/en/news/chengdu-chongqing-ramp-up-cooperation/"
ARTICLE_SLUG = "chengdu-chongqing-ramp-up-cooperation"
CONNECTIONS = 16


def site(cluster) -> str:
    return f"http://127.0.0.1:{cluster.ports.site}"


# --- checks ---------------------------------------------------------------------------------
def head(url: str, headers: dict | None = None, method: str = "GET", data: bytes | None = None):
    """(status, headers) of one answer, following no redirect."""
    request = urllib.request.Request(url, headers=headers or {}, method=method, data=data)
    opener = urllib.request.build_opener(NoRedirect)
    try:
        with opener.open(request, timeout=10) as response:
            response.read()
            return response.status, response.headers
    except urllib.error.HTTPError as error:
        return error.code, error.headers


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


def curl_http2(url: str) -> str:
    done = subprocess.run(
        [
            "curl",
            "-k",
            "-s",
            "-o",
            "/dev/null",
            "-w",
            "%{http_version} %{http_code}",
            "--http2",
            url,
        ],
        capture_output=True,
        text=True,
    )
    return done.stdout.strip()


def first_file(folder: Path, pattern: str) -> Path | None:
    return next(iter(sorted(folder.rglob(pattern))), None)


def checks(cluster, args) -> list[dict]:
    """What deploy/nginx promises, each asked of the running nginx."""
    base = site(cluster)
    var = Path(cluster.env["TWINCITY_VAR_DIR"])
    results = []

    def check(name: str, passed: bool, seen: str) -> None:
        results.append({"check": name, "passed": bool(passed), "seen": seen})
        print(f"  [{'ok' if passed else 'FAILED'}] {name}: {seen}", flush=True)

    print("checks of deploy/nginx on the running cluster:", flush=True)
    head(base + ARTICLE)
    status, headers = head(base + ARTICLE)
    check(
        "anonymous page kept by nginx",
        headers.get("X-Micro-Cache") == "HIT",
        f"{status} {headers.get('X-Micro-Cache')}",
    )
    status, headers = head(base + ARTICLE, {"Cookie": load.VISITOR_COOKIE})
    check(
        "language + CSRF cookie: still kept",
        headers.get("X-Micro-Cache") == "HIT",
        f"{headers.get('X-Micro-Cache')}",
    )
    status, headers = head(base + ARTICLE, {"Cookie": "sessionid=abc"})
    check(
        "session cookie: bypassed",
        headers.get("X-Micro-Cache") == "BYPASS",
        f"{headers.get('X-Micro-Cache')}",
    )
    request_id = headers.get("X-Request-ID", "")
    check("request id from nginx", re.fullmatch(r"[0-9a-f]{32}", request_id), request_id)
    for _ in range(2):
        status, headers = head(base + "/en/accounts/login/")
    check(
        "a page that sets a cookie (sign-in form) is not kept",
        "csrftoken" in headers.get("Set-Cookie", "") and headers.get("X-Micro-Cache") != "HIT",
        f"{status} {headers.get('X-Micro-Cache')}",
    )
    for path in ("/admin/", "/api/v1/", "/static/x"):
        status, headers = head(base + path)
        cached = headers.get("X-Micro-Cache")
        check(f"{path} never kept", cached in (None, "BYPASS"), f"{status} {cached}")
    static = first_file(var / "static", "*.css.gz")
    if static:
        url = base + "/static/" + str(static.relative_to(var / "static"))[: -len(".gz")]
        status, headers = head(url, {"Accept-Encoding": "gzip"})
        check(
            "static file from nginx, precompressed",
            status == 200 and headers.get("Content-Encoding") == "gzip",
            f"{status} {headers.get('Content-Encoding')} {headers.get('Cache-Control')}",
        )
    image = first_file(var / "media", "*.png") or first_file(var / "media", "*.jpg")
    if image:
        status, headers = head(base + "/media/" + str(image.relative_to(var / "media")))
        check(
            "uploaded image from nginx",
            status == 200 and headers.get("X-Content-Type-Options") == "nosniff",
            f"{status} {headers.get('Content-Type')}",
        )
    svg = first_file(var / "media", "*.svg")
    if svg:
        status, headers = head(base + "/media/" + str(svg.relative_to(var / "media")))
        check(
            "uploaded SVG with its own CSP",
            "default-src 'none'" in headers.get("Content-Security-Policy", ""),
            f"{status} {headers.get('Content-Security-Policy')}",
        )
    status, _ = head(base + "/media/documents/anything.pdf")
    check("/media/documents/ not served", status == 404, str(status))
    status, _ = head(base + "/_private/anything.pdf")
    check("private files not reachable from outside", status == 404, str(status))
    status, _ = head(base + "/metrics")
    check("/metrics not reachable through nginx", status == 404, str(status))
    status, headers = head(
        base + "/en/",
        method="POST",
        data=b"x" * (7 * 1024 * 1024),
        headers={"Content-Type": "application/octet-stream"},
    )
    check("body over the limit refused by nginx", status == 413, f"{status}")
    seen = curl_http2(f"https://127.0.0.1:{cluster.ports.https}{ARTICLE}")
    check("HTTPS with HTTP/2 (production server block)", seen == "2 200", seen)
    status, headers = head(f"http://127.0.0.1:{cluster.ports.http_redirect}{ARTICLE}")
    check(
        "plain HTTP redirects to HTTPS",
        status == 301 and headers.get("Location", "").startswith("https://"),
        f"{status} {headers.get('Location')}",
    )
    status, _ = head(f"http://127.0.0.1:{cluster.ports.http_redirect}/healthz")
    check("health check over plain HTTP", status == 200, str(status))
    cv = private_file_check(cluster)
    check("a CV through X-Accel-Redirect after the check", cv["passed"], cv["seen"])
    for path in ("/healthz", "/readyz"):
        status, headers = head(base + path)
        check(
            f"{path} through nginx, never kept",
            status == 200 and headers.get("X-Micro-Cache") is None,
            f"{status}",
        )
    return results


SIGNED_IN_CV = """
import json, logging
from django.conf import settings
from django.core.files.base import ContentFile
from django.test import Client
from django.urls import reverse
from django.utils import translation
from twincity.talent.models import GraduateProfile
profile = GraduateProfile.objects.select_related("user").order_by("pk").first()
if not profile.cv:
    profile.cv.save("cluster-check.pdf", ContentFile(b"%PDF-1.4 cluster check"), save=True)
logging.disable(logging.INFO)  # django-axes logs each sign-in to stdout, where the JSON goes
client = Client()
client.force_login(profile.user)
with translation.override("en"):
    path = reverse("talent:my-cv")
cookie = client.cookies[settings.SESSION_COOKIE_NAME].value
print(json.dumps({"path": path, "cookie": f"{settings.SESSION_COOKIE_NAME}={cookie}",
                  "size": profile.cv.size}))
"""


def private_file_check(cluster) -> dict:
    """A signed-in graduate downloads their CV through nginx: Django checks, nginx sends."""
    found = json.loads(cluster.manage("shell", "-c", SIGNED_IN_CV).strip().splitlines()[-1])
    request = urllib.request.Request(
        site(cluster) + found["path"], headers={"Cookie": found["cookie"]}
    )
    with urllib.request.urlopen(request, timeout=10) as response:
        body, headers = response.read(), response.headers
    passed = (
        len(body) == found["size"]
        and "attachment" in headers.get("Content-Disposition", "")
        and "X-Accel-Redirect" not in headers
        and "private" in headers.get("Cache-Control", "")
    )
    seen = f"{response.status}, {len(body)} of {found['size']} bytes, {headers.get('Content-Disposition')}"
    return {"passed": passed, "seen": seen}


# --- throughput -----------------------------------------------------------------------------
def throughput(cluster, args) -> dict:
    base = site(cluster)
    peer_file = cluster.state / "nginx" / "peer" / "article.html"
    peer_file.write_bytes(load.fetch(base + ARTICLE))
    app = f"http://127.0.0.1:{cluster.ports.apps[0]}"
    load.fetch(app + ARTICLE)  # the app server's page cache holds it
    runs = [
        ("nginx micro-cache (2 app servers behind)", base + ARTICLE, None),
        ("the same, language + CSRF cookie", base + ARTICLE, load.VISITOR_COOKIE),
        (
            "peer: nginx, same HTML as a file",
            f"http://127.0.0.1:{cluster.ports.peer}/article.html",
            None,
        ),
        ("peer: one app server's page cache", app + ARTICLE, None),
    ]
    print(
        f"anonymous article, wrk {CONNECTIONS} connections, {args.seconds} s; load average {load.load_average()}",
        flush=True,
    )
    results = []
    for label, url, cookie in runs:
        load.wrk(url, 2, CONNECTIONS, cookie)  # warm up
        figures = load.wrk(url, args.seconds, CONNECTIONS, cookie)
        results.append({"server": label, **figures})
        print(
            f"  {label:<44} {figures['rps']:>9.0f} req/s  p99 {figures['p99_ms']:>7.2f} ms  non-2xx {figures['non_2xx']}",
            flush=True,
        )
    edit = edit_seen(cluster)
    print(
        f"  an edit published during the load was seen through nginx {edit['seen_after_s']:.2f} s"
        f" after publish() began (publish() took {edit['publish_took_s']:.2f} s)",
        flush=True,
    )
    return {"runs": results, "edit": edit, "load_average": load.load_average()}


PUBLISH_EDIT = """
import json, time
from wagtail.models import Page
page = Page.objects.get(slug="{slug}", locale__language_code="en").specific
page.title = page.title.split(" (edited")[0] + " (edited {marker})"
started_at = time.time()
page.save_revision().publish()
print(json.dumps({{"started_at": started_at, "published_at": time.time()}}))
"""


def edit_seen(cluster) -> dict:
    """Publish a new title while wrk loads the article through nginx; how long until a visitor
    sees it. (The publish runs the code the admin's Publish button runs: save_revision().publish().)"""
    base = site(cluster)
    marker = f"m{int(time.time())}"
    background = threading.Thread(target=load.wrk, args=(base + ARTICLE, 12, CONNECTIONS))
    background.start()
    time.sleep(1)
    publisher = subprocess.Popen(
        [
            sys.executable,
            "manage.py",
            "shell",
            "-c",
            PUBLISH_EDIT.format(slug=ARTICLE_SLUG, marker=marker),
        ],
        cwd=cluster_root(),
        env=cluster.env,
        stdout=subprocess.PIPE,
        text=True,
    )
    seen_at = None
    deadline = time.monotonic() + 60
    while seen_at is None and time.monotonic() < deadline:
        if marker.encode() in load.fetch(base + ARTICLE):
            seen_at = time.time()
        else:
            time.sleep(0.02)
    output = publisher.communicate(timeout=60)[0]
    background.join()
    times = json.loads(output.strip().splitlines()[-1])
    seen_at = seen_at or float("inf")
    return {
        # From the moment publish() began (the admin's Publish button runs the same call) ...
        "seen_after_s": seen_at - times["started_at"],
        # ... of which publish() itself took this long (the new title can show before it returns).
        "publish_took_s": times["published_at"] - times["started_at"],
    }


def cluster_root() -> Path:
    return Path(__file__).resolve().parents[2]


# --- rush -----------------------------------------------------------------------------------
def upstream_counts(log: Path, offset: int, pattern: str) -> dict[str, int]:
    """Requests matching pattern in nginx's access log after offset, by app server."""
    counts: dict[str, int] = {}
    with log.open() as lines:
        lines.seek(offset)
        for line in lines:
            if pattern in line:
                server = re.search(r" up=(\S+)", line).group(1)
                counts[server] = counts.get(server, 0) + 1
    return counts


def rush(cluster, args) -> dict:
    ids = registration.new_event(cluster.env, f"cluster rush {int(time.time())}", 500)
    form_url = f"{site(cluster)}/en/events/{ids['event']}/register/"
    log = cluster.state / "nginx" / "twincity-access.log"
    offset = log.stat().st_size
    with tempfile.TemporaryDirectory(prefix="twincity-rush-") as workdir:
        figures = registration.rush(form_url, ids["ticket_type"], 2000, 64, Path(workdir))
    time.sleep(1.5)  # nginx writes its log buffer every second
    counted = registration.registrations(cluster.env["DATABASE_URL"], ids["ticket_type"])
    codes = figures["codes"]
    result = {
        "registrations_per_s": codes.get("302", 0) / figures["seconds"],
        "p50_ms": figures["p50_ms"],
        "p99_ms": figures["p99_ms"],
        "codes": codes,
        "status_5xx": sum(n for code, n in codes.items() if code.startswith("5")),
        "socket_errors": figures["socket_errors"],
        "confirmed": counted.get("confirmed", 0),
        "waitlisted": counted.get("waitlisted", 0),
        "by_app_server": upstream_counts(log, offset, f"POST /en/events/{ids['event']}/register/"),
    }
    print(
        f"registration rush through nginx: {result['registrations_per_s']:.0f} registrations/s, p50 {result['p50_ms']:.1f} ms, "
        f"p99 {result['p99_ms']:.1f} ms, answers {codes}, 5xx {result['status_5xx']}, confirmed {result['confirmed']}/500, "
        f"waitlisted {result['waitlisted']}, POSTs by app server {result['by_app_server']}",
        flush=True,
    )
    return result


# --- faults ---------------------------------------------------------------------------------
def faults(cluster, args) -> list[dict]:
    ids = registration.new_event(cluster.env, f"fault runs {int(time.time())}", 100_000)
    form_url = f"{site(cluster)}/en/events/{ids['event']}/register/"
    runs = [
        ("app server killed (SIGKILL)", kill_app_server),
        ("Redis stopped and restarted", stop_redis),
        ("replica stopped", stop_replica),
        ("PostgreSQL primary restarted", restart_primary),
    ]
    results = []
    for label, fault in runs:
        clients = LoadClients(site(cluster), ARTICLE, form_url, ids["ticket_type"], label)
        clients.start()
        time.sleep(3)
        notes = fault(cluster)
        time.sleep(4)
        clients.stop()
        result = {
            "fault": label,
            **summarise(clients),
            **database_state(cluster, clients),
            "notes": notes,
        }
        results.append(result)
        print_fault(result)
    result = kill_worker_while_mailing(cluster, form_url, ids["ticket_type"])
    results.append(result)
    print_fault(result)
    print(fault_table(results), flush=True)
    return results


def kill_app_server(cluster) -> str:
    name = f"app-{cluster.ports.apps[0]}"
    cluster.services[name].kill()
    time.sleep(4)
    started = time.monotonic()
    cluster.restart(name)
    return f"{name} killed with SIGKILL for 4 s, back {time.monotonic() - started:.1f} s after its restart began"


def stop_redis(cluster) -> str:
    cluster.services["redis"].stop()
    time.sleep(4)
    cluster.restart("redis")
    time.sleep(2)
    keys = subprocess.run(
        ["redis-cli", "-p", str(cluster.ports.redis), "dbsize"], capture_output=True, text=True
    ).stdout.strip()
    return f"Redis down 4 s; 2 s after its restart it holds {keys} keys again"


def stop_replica(cluster) -> str:
    cluster.services["postgres-replica"].stop()
    time.sleep(4)
    cluster.restart("postgres-replica")
    return "replica down 4 s, then started again"


def restart_primary(cluster) -> str:
    cluster.services["postgres-primary"].stop()
    time.sleep(3)
    started = time.monotonic()
    cluster.restart("postgres-primary")
    from processes import wait_until  # noqa: PLC0415

    wait_until(lambda: cluster.connect_admin(), "PostgreSQL (primary) again")
    return f"primary down (fast shutdown) 3 s; accepting connections {time.monotonic() - started:.1f} s after its start"


def database_state(cluster, clients) -> dict:
    """What the database holds for the forms the clients sent: each person at most once."""
    emails = clients.emails_sent()
    with psycopg.connect(cluster.env["DATABASE_URL"]) as connection:
        rows = connection.execute(
            "SELECT email, count(*) FROM events_registration WHERE email = ANY(%s) GROUP BY email",
            [list(emails)],
        ).fetchall()
    stored = dict(rows)
    registered = clients.emails_registered()
    # Refused (the last answer was not a registration) and yet saved: what each saw, in order.
    refused_but_stored = [
        statuses for statuses, email in clients.forms if email not in registered and email in stored
    ]
    return {
        "rows_for_forms": sum(stored.values()),
        "registered_twice": sum(1 for count in stored.values() if count > 1),
        "told_registered_but_missing": sum(1 for email in registered if email not in stored),
        "refused_but_stored": len(refused_but_stored),
        "refused_but_stored_answers": refused_but_stored,
    }


def print_fault(result: dict) -> None:
    print(f"fault: {result['fault']} — {result.get('notes', '')}", flush=True)
    for key, value in result.items():
        if key not in ("fault", "notes"):
            print(f"    {key}: {value}", flush=True)


# --- the worker killed while it sends mail -------------------------------------------------
def kill_worker_while_mailing(cluster, form_url: str, ticket_type: int) -> dict:
    """40 registrations queue 40 mails; the sink holds each 300 ms; the worker is killed with
    SIGKILL after about a third has left, and started again. Then: each mail sent, none twice?"""
    cluster.services["mail"].stop()
    cluster.start_mail_sink(delay_ms=300)
    cluster.services["worker"].stop()
    client = FormClient(form_url, ticket_type, "mail")
    emails = [client.register_until_answered()[1] for _ in range(40)]
    received = cluster.mail_dir / "received.jsonl"
    before = len(received.read_text().splitlines()) if received.exists() else 0
    cluster.restart("worker")
    from processes import wait_until  # noqa: PLC0415

    wait_until(
        lambda: mails_since(received, before) and len(mails_since(received, before)) >= 12,
        "the first mails",
        120,
    )
    cluster.services["worker"].kill()
    killed_after = len(mails_since(received, before))
    time.sleep(1)
    cluster.restart("worker")
    wait_until(lambda: queue_empty(cluster), "the task queue to drain", 180, pause=0.5)
    time.sleep(1)
    mails = mails_since(received, before)
    to_count = {email: sum(1 for mail in mails if email in mail["to"]) for email in emails}
    message_ids = [mail["message_id"] for mail in mails]
    cluster.services["mail"].stop()
    cluster.start_mail_sink()
    return {
        "fault": "worker killed while sending mail",
        "notes": f"worker killed with SIGKILL after {killed_after} of 40 mails, then started again",
        "registrations": len(emails),
        "mails_received": len(mails),
        "registrations_without_mail": sum(1 for count in to_count.values() if count == 0),
        "registrations_mailed_twice": sum(1 for count in to_count.values() if count > 1),
        "distinct_message_ids": len(set(message_ids)),
        # Counted over every mail since the worker started again (the rush's too, still queued).
        "message_ids_received_twice": len(message_ids) - len(set(message_ids)),
    }


def mails_since(received: Path, before: int) -> list[dict]:
    if not received.exists():
        return []
    return [json.loads(line) for line in received.read_text().splitlines()[before:]]


def queue_empty(cluster) -> bool:
    with psycopg.connect(cluster.env["DATABASE_URL"]) as connection:
        waiting = connection.execute(
            "SELECT count(*) FROM django_tasks_database_dbtaskresult WHERE status IN ('READY', 'RUNNING')"
        ).fetchone()[0]
    return waiting == 0


# --- the table ------------------------------------------------------------------------------
def fault_table(results: list[dict]) -> str:
    """The fault runs as a Markdown table (docs/benchmarks.md)."""
    lines = [
        "| fault | what happened | GETs | forms: first answer → after resending | in the database |",
        "|---|---|---|---|---|",
    ]
    for result in results:
        if "gets" in result:
            gets = ", ".join(f"{n} × {status}" for status, n in result["gets"].items())
            forms = (
                f"{answers(result['forms_first_answer'])} → {answers(result['forms_final_answer'])}"
                f" ({result['forms_sent_again']} sent again)"
            )
            stored = (
                f"{result['rows_for_forms']} registrations for {result['forms_sent']} people; "
                f"twice: {result['registered_twice']}; told registered but missing: "
                f"{result['told_registered_but_missing']}; refused but saved: "
                f"{result['refused_but_stored']}"
            )
        else:
            gets = "—"
            forms = f"{result['registrations']} registrations, each queuing a mail"
            stored = (
                f"{result['mails_received']} mails received (queued ones too), "
                f"{result['distinct_message_ids']} Message-IDs ({result['message_ids_received_twice']}"
                f" received twice); of the 40: without mail "
                f"{result['registrations_without_mail']}, mailed twice "
                f"{result['registrations_mailed_twice']}"
            )
        lines.append(f"| {result['fault']} | {result['notes']} | {gets} | {forms} | {stored} |")
    return "\n".join(lines)


def answers(counts: dict) -> str:
    return ", ".join(f"{n} × {status}" for status, n in counts.items())
