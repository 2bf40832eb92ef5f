"""Telling people from scripts without any foreign service (the ALTCHA / mCaptcha idea).

Proof of work: the server issues a challenge, `sha256(salt + secret number)`, with the salt
carrying when it was issued and when it expires, and signs it (HMAC with the site's key). The
browser (`static/invest/enquiry.js`) finds the number by trying each in turn with SubtleCrypto:
a second or two for a person, a real cost for a script sending thousands. The server checks the
signature, the expiry and the answer, and accepts each challenge once (the shared cache
remembers the ones used until they expire).

Without JavaScript, a simple question in words ("What is seven plus four?"), signed the same
way, is the fallback. Together with a honeypot field and a minimum time on the form.
"""

import hashlib
import hmac
import json
import secrets
import time
from dataclasses import dataclass

from django.conf import settings
from django.core import signing
from django.core.cache import caches
from django.utils.crypto import salted_hmac
from django.utils.translation import gettext_lazy as _

# How many numbers the browser may have to try (half of it on average). About a second on a
# phone with SubtleCrypto; ALTCHA's default is a million, costlier for older phones.
MAX_NUMBER = getattr(settings, "INVEST_CHALLENGE_MAX_NUMBER", 50_000)
LIFETIME_SECONDS = 30 * 60
SIGNING_SALT = "twincity.invest.challenge"
NUMBER_WORDS = [
    _("zero"),
    _("one"),
    _("two"),
    _("three"),
    _("four"),
    _("five"),
    _("six"),
    _("seven"),
    _("eight"),
    _("nine"),
    _("ten"),
]


class ChallengeFailed(Exception):
    """The answer is missing, wrong, expired, forged or used already (why, for the logs)."""


@dataclass(frozen=True)
class Challenge:
    algorithm: str
    challenge: str
    salt: str
    signature: str
    maxnumber: int

    def as_json(self) -> str:
        return json.dumps(self.__dict__)


def sign(text: str) -> str:
    return salted_hmac(SIGNING_SALT, text, algorithm="sha256").hexdigest()


def digest(salt: str, number: int) -> str:
    return hashlib.sha256(f"{salt}{number}".encode()).hexdigest()


def issue(now: float | None = None, max_number: int = MAX_NUMBER) -> Challenge:
    now = time.time() if now is None else now
    salt = f"{secrets.token_hex(12)}?expires={int(now + LIFETIME_SECONDS)}&"
    number = secrets.randbelow(max_number + 1)
    challenge = digest(salt, number)
    return Challenge("SHA-256", challenge, salt, sign(challenge), max_number)


def expiry_of(salt: str) -> int:
    try:
        return int(salt.split("expires=", 1)[1].split("&", 1)[0])
    except (IndexError, ValueError):
        raise ChallengeFailed("no expiry in the salt") from None


def use_once(key: str, expires: int, now: float) -> None:
    """Marks a challenge used; refuses one used before (in any process: the shared cache)."""
    cache = caches[settings.TWINCITY_RATE_LIMIT_CACHE]
    if not cache.add(f"invest-challenge:{key}", 1, timeout=max(1, int(expires - now) + 5)):
        raise ChallengeFailed("used already")


def verify_solution(payload: str, now: float | None = None) -> None:
    """Checks the browser's answer, a JSON object {challenge, salt, number, signature};
    raises ChallengeFailed. A correct answer is accepted once."""
    now = time.time() if now is None else now
    try:
        answer = json.loads(payload)
        challenge, salt, signature = answer["challenge"], answer["salt"], answer["signature"]
        number = int(answer["number"])
    except (ValueError, TypeError, KeyError):
        raise ChallengeFailed("not an answer") from None
    if not all(isinstance(value, str) for value in (challenge, salt, signature)):
        raise ChallengeFailed("not an answer")
    if not hmac.compare_digest(sign(challenge), signature):
        raise ChallengeFailed("forged")
    expires = expiry_of(salt)
    if now > expires:
        raise ChallengeFailed("expired")
    if not hmac.compare_digest(digest(salt, number), challenge):
        raise ChallengeFailed("wrong number")
    use_once(challenge, expires, now)


def solve(challenge: Challenge) -> str:
    """The browser's work in Python (for tests and for the curious): the answer's JSON."""
    for number in range(challenge.maxnumber + 1):
        if digest(challenge.salt, number) == challenge.challenge:
            fields = {**challenge.__dict__, "number": number}
            return json.dumps(fields)
    raise ChallengeFailed("no solution")


# --- The question for browsers without JavaScript ---------------------------------------------


@dataclass(frozen=True)
class Question:
    first: int
    second: int
    token: str  # signed: the answer and the expiry, for the server to check

    @property
    def text(self) -> str:
        return _("What is %(first)s plus %(second)s? Write the answer in digits.") % {
            "first": NUMBER_WORDS[self.first],
            "second": NUMBER_WORDS[self.second],
        }


def ask(now: float | None = None) -> Question:
    now = time.time() if now is None else now
    first, second = 1 + secrets.randbelow(9), 1 + secrets.randbelow(9)
    token = signing.dumps(
        {
            "a": first,
            "b": second,
            "expires": int(now + LIFETIME_SECONDS),
            "nonce": secrets.token_hex(8),
        },
        salt=SIGNING_SALT,
    )
    return Question(first, second, token)


def question_from(token: str) -> Question | None:
    """The question a form showed, to show again after an error (None if not ours)."""
    try:
        data = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        return None
    return Question(int(data["a"]), int(data["b"]), token)


def verify_answer(token: str, answer: str, now: float | None = None) -> None:
    """Checks the answer to a question `ask` made; raises ChallengeFailed. Accepted once."""
    now = time.time() if now is None else now
    try:
        data = signing.loads(token, salt=SIGNING_SALT)
    except signing.BadSignature:
        raise ChallengeFailed("forged") from None
    if now > data["expires"]:
        raise ChallengeFailed("expired")
    try:
        given = int(str(answer).strip())
    except ValueError:
        raise ChallengeFailed("not a number") from None
    if given != data["a"] + data["b"]:
        raise ChallengeFailed("wrong sum")
    use_once(data["nonce"], data["expires"], now)
