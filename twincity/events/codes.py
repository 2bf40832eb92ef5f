"""Codes people read aloud, type at a gate or copy from an e-mail: check-in codes and invitation
codes.

They use Crockford's base 32 in upper case (digits and letters without I, L, O and U), so no
two characters of the alphabet look alike, and are shown in groups of four: ABCD-EFGH-JKMN-PQRS.
Whatever is typed is read kindly: any case, with or without dashes and spaces, O for 0 and I or
L for 1 (`normalised`).

A check-in code is 16 characters, 80 random bits: guessing one of an event's tickets at the gate
stays hopeless. Tickets made before these codes keep their 32-character URL-safe secrets, which
the check-in still accepts exactly as they are written.
"""

import re
import secrets

ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"
CHECKIN_CODE_LENGTH = 16
INVITATION_CODE_LENGTH = 8
GROUP = 4
# What a person may type for a character of the alphabet.
LOOK_ALIKES = str.maketrans({"O": "0", "I": "1", "L": "1"})
SEPARATORS = re.compile(r"[\s\-‐‑‒–—_.]+")
IN_ALPHABET = re.compile(f"[{ALPHABET}]+")


def random_code(length: int) -> str:
    return "".join(secrets.choice(ALPHABET) for _ in range(length))


def new_checkin_code() -> str:
    """A ticket's check-in code as stored: 16 characters without dashes."""
    return random_code(CHECKIN_CODE_LENGTH)


def new_invitation_code() -> str:
    """An invitation code as staff hand it out: XXXX-XXXX."""
    return grouped(random_code(INVITATION_CODE_LENGTH))


def normalised(text: str) -> str:
    """What was typed, in the form codes are compared in: upper case, without separators,
    look-alike letters read as the digits they resemble."""
    return SEPARATORS.sub("", (text or "").strip()).upper().translate(LOOK_ALIKES)


def grouped(code: str) -> str:
    """A code of the alphabet in groups of four for reading; any other text as it is (a
    ticket's secret from before the readable codes)."""
    if not IN_ALPHABET.fullmatch(code or ""):
        return code
    return "-".join(code[start : start + GROUP] for start in range(0, len(code), GROUP))
