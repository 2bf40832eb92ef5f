"""Readable check-in codes: new tickets get 16 characters of Crockford's base 32 (no I, L, O or
U), printed as XXXX-XXXX-XXXX-XXXX; the gate accepts them in any case, with or without dashes
or spaces, O for 0 and I or L for 1. Tickets made before keep their 32-character secrets, which
still check in exactly as written."""

import re

import pytest

from tests.talent.factories import english_url
from twincity.events import checkin, codes
from twincity.events.models import CheckIn, Registration, new_secret

from . import factories

pytestmark = pytest.mark.django_db
READABLE = re.compile(r"[0-9A-HJKMNP-TV-Z]{4}(-[0-9A-HJKMNP-TV-Z]{4}){3}")


@pytest.fixture
def expo():
    return factories.event(capacity=5)


@pytest.fixture
def staff(expo):
    return factories.organiser_staff(expo)


def test_a_new_ticket_gets_a_readable_code():
    secrets = {factories.register(factories.event().ticket_types.get()).secret for _ in range(5)}

    assert len(secrets) == 5
    for secret in secrets:
        assert len(secret) == 16 and READABLE.fullmatch(codes.grouped(secret))


def test_the_ticket_prints_the_code_in_groups_of_four(client, expo):
    ticket = factories.register(expo.ticket_types.get())

    html = client.get(english_url("events:ticket", ticket.access_token)).content.decode()

    shown = re.search(r'<code class="ticket__secret">([^<]+)</code>', html).group(1)
    assert READABLE.fullmatch(shown) and shown.replace("-", "") == ticket.secret


def spellings(secret: str) -> list[str]:
    """Ways a person may type the printed code: lower case, no dashes, spaces, look-alikes."""
    grouped = codes.grouped(secret)
    return [
        grouped,
        grouped.lower(),
        secret,
        grouped.replace("-", " "),
        f"  {grouped.lower()}\n",
        grouped.replace("0", "O").replace("1", "I"),
        grouped.lower().replace("1", "l").replace("0", "o"),
    ]


@pytest.mark.parametrize("spelling", range(7))
def test_the_gate_accepts_the_code_however_it_is_typed(expo, staff, spelling):
    ticket = factories.register(expo.ticket_types.get(), name="Zhang Wei")
    # A code with the look-alike digits in it, so that each spelling is put to the test.
    Registration.objects.filter(pk=ticket.pk).update(secret="01AB-CD01-EFGH-1JK0".replace("-", ""))
    ticket.refresh_from_db()

    typed = spellings(ticket.secret)[spelling]

    assert checkin.check_in(typed, "Gate A", staff, expo).name == "Zhang Wei"
    assert CheckIn.objects.filter(registration=ticket).count() == 1


def test_a_ticket_from_before_keeps_its_secret_exactly(expo, staff):
    ticket = factories.register(expo.ticket_types.get(), name="Old Ticket")
    old_secret = "aB3-_xYz" + new_secret()[:24]  # mixed case, dashes and underscores
    Registration.objects.filter(pk=ticket.pk).update(secret=old_secret)

    assert checkin.check_in(old_secret, "Gate A", staff, expo).name == "Old Ticket"


def test_an_old_secret_is_not_read_kindly(expo, staff):
    """Its case and dashes are part of it: only the exact secret lets the old ticket in."""
    ticket = factories.register(expo.ticket_types.get())
    old_secret = "aB3-_xYz" + new_secret()[:24]
    Registration.objects.filter(pk=ticket.pk).update(secret=old_secret)

    with pytest.raises(checkin.CheckInError, match="not a ticket"):
        checkin.check_in(old_secret.upper(), "Gate A", staff, expo)


def test_the_check_in_page_takes_a_typed_code_in_lower_case(client, expo, staff):
    ticket = factories.register(expo.ticket_types.get(), name="Li Na")
    client.force_login(staff)

    response = client.post(
        english_url("events:checkin", expo.pk) + "?gate=Gate+A",
        {"code": codes.grouped(ticket.secret).lower()},
    )

    assert "Admitted" in response.content.decode()


def test_an_erased_ticket_gets_a_new_readable_code_that_nobody_holds(expo):
    from twincity.events import personal_data

    ticket = factories.register(expo.ticket_types.get())
    personal_data.erase_reachable_from(ticket)

    erased = Registration.objects.get(pk=ticket.pk)
    assert erased.secret != ticket.secret and READABLE.fullmatch(codes.grouped(erased.secret))


@pytest.mark.parametrize(
    ("typed", "read"),
    [("abcd-efgh", "ABCDEFGH"), ("O0 Il L1", "001111"), ("ab_cd.ef", "ABCDEF"), ("", "")],
)
def test_normalising_what_was_typed(typed, read):
    assert codes.normalised(typed) == read


def test_grouping_leaves_other_text_as_it_is():
    assert codes.grouped("ABCDEFGHJKMNPQRS") == "ABCD-EFGH-JKMN-PQRS"
    assert codes.grouped("aB3-_xYz") == "aB3-_xYz"
