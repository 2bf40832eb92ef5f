"""The clients of the fault runs: people reading pages and sending the registration form through
nginx while a fault happens, each answer recorded with what it was.

Readers ask for the article (kept by nginx), the article with a query string nginx has not
seen (so the request reaches an app server, whose page cache answers) and a search for a word
no one searched yet (so the app server reads the database). Registrants send the form, each
time a new person; when the answer is not a registration (an error page, a dropped
connection) they send the same form again, with the same submission token, as a person
pressing the button again does, up to five times.
"""

import http.client
import itertools
import re
import secrets
import threading
import time
import uuid
from collections import Counter
from urllib.parse import urlencode, urlparse

READERS = 6
REGISTRANTS = 3
RETRIES = 5
CLEAR_REFUSALS = {502, 503, 504}  # each with a page in both languages and Retry-After


class Connection:
    """One keep-alive connection to nginx, opened again after an error."""

    def __init__(self, base: str):
        parts = urlparse(base)
        self.host, self.port = parts.hostname, parts.port
        self.connection = None

    def request(self, method: str, path: str, body: str | None = None, headers: dict | None = None):
        """(status or the error's name, headers, body)."""
        try:
            if self.connection is None:
                self.connection = http.client.HTTPConnection(self.host, self.port, timeout=30)
            self.connection.request(method, path, body=body, headers=headers or {})
            response = self.connection.getresponse()
            return response.status, response.headers, response.read()
        except (OSError, http.client.HTTPException) as error:
            self.connection.close()
            self.connection = None
            return type(error).__name__, {}, b""


class FormClient:
    """A person at a time sending the registration form."""

    def __init__(self, form_url: str, ticket_type: int, label: str):
        parts = urlparse(form_url)
        self.base = f"{parts.scheme}://{parts.netloc}"
        self.path = parts.path
        self.ticket_type = ticket_type
        self.run = re.sub(r"\W+", "-", label).strip("-").lower() + "-" + secrets.token_hex(3)
        self.numbers = itertools.count(1)
        self.connection = Connection(self.base)
        self.cookie, self.token = self.csrf_pair()

    def csrf_pair(self) -> tuple[str, str]:
        while True:
            status, headers, body = self.connection.request("GET", self.path)
            if status == 200:
                break
            time.sleep(0.5)
        cookie = re.search(r"csrftoken=([^;]+)", headers.get("Set-Cookie", "")).group(1)
        token = re.search(rb'name="csrfmiddlewaretoken" value="([^"]+)"', body).group(1).decode()
        return cookie, token

    def register_until_answered(self) -> tuple[list, str]:
        """Send one person's form, again while the answer is not a registration; returns the
        statuses seen and the person's e-mail address."""
        number = next(self.numbers)
        email = f"{self.run}-{number}@example.org"
        body = urlencode(
            {
                "csrfmiddlewaretoken": self.token,
                "ticket_type": self.ticket_type,
                "name": f"Fault {number}",
                "email": email,
                "city_of_origin": "chengdu",
                "consent": "on",
                "submission_token": str(uuid.uuid4()),
            }
        )
        headers = {
            "Content-Type": "application/x-www-form-urlencoded",
            "Cookie": f"csrftoken={self.cookie}",
            "Referer": self.base + self.path,
        }
        statuses = []
        for _ in range(RETRIES):
            status, answer_headers, _ = self.connection.request("POST", self.path, body, headers)
            clear = status in CLEAR_REFUSALS and "Retry-After" in answer_headers
            statuses.append(f"{status}{' with Retry-After' if clear else ''}")
            if status == 302:
                break
            time.sleep(0.5)
        return statuses, email


class LoadClients:
    def __init__(self, base: str, article: str, form_url: str, ticket_type: int, label: str):
        self.base = base
        self.article = article
        self.form = (form_url, ticket_type, label)
        self.reads: list[tuple[str, object]] = []  # (kind, status)
        self.forms: list[tuple[list, str]] = []  # (statuses, email)
        self.stopping = threading.Event()
        self.threads = [threading.Thread(target=self.read) for _ in range(READERS)]
        self.threads += [threading.Thread(target=self.register) for _ in range(REGISTRANTS)]

    def start(self) -> None:
        for thread in self.threads:
            thread.start()

    def stop(self) -> None:
        self.stopping.set()
        for thread in self.threads:
            thread.join()

    def read(self) -> None:
        connection = Connection(self.base)
        kinds = itertools.cycle(("kept page", "app server", "database read"))
        while not self.stopping.is_set():
            kind = next(kinds)
            word = secrets.token_hex(4)
            path = {
                "kept page": self.article,
                "app server": f"{self.article}?visit={word}",
                "database read": f"/en/search/?q={word}",
            }[kind]
            status, _, _ = connection.request("GET", path)
            self.reads.append((kind, status))
            time.sleep(0.01)

    def register(self) -> None:
        client = FormClient(*self.form)
        while not self.stopping.is_set():
            self.forms.append(client.register_until_answered())

    def emails_sent(self) -> set[str]:
        return {email for _, email in self.forms}

    def emails_registered(self) -> set[str]:
        return {email for statuses, email in self.forms if statuses[-1] == "302"}


def summarise(clients: LoadClients) -> dict:
    """What the clients saw: GETs by status, forms by how they ended."""
    gets = Counter(str(status) for _, status in clients.reads)
    failed_gets = Counter(f"{kind}: {status}" for kind, status in clients.reads if status != 200)
    first_answers = Counter(statuses[0] for statuses, _ in clients.forms)
    retried = sum(1 for statuses, _ in clients.forms if len(statuses) > 1)
    final = Counter(statuses[-1] for statuses, _ in clients.forms)
    return {
        "gets": dict(gets),
        "gets_not_200": dict(failed_gets),
        "forms_sent": len(clients.forms),
        "forms_first_answer": dict(first_answers),
        "forms_sent_again": retried,
        "forms_final_answer": dict(final),
    }
