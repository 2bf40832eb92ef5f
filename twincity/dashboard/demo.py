"""Demo activity for the figures: registrations for the demo events, with the cities the
invented visitors come from, so that the attendance figures and their suppression show on a
demo site. The other apps' demos already make the placements, enquiries and projects.

Made directly as rows (the registration service would mail each invented visitor), only for
the demo events' open visitor tickets, and only once: the addresses are under example.invalid,
which no mail server delivers to.
"""

import random
import uuid

from django.db import transaction

from twincity.events.models import EventPage, Registration, TicketType

DOMAIN = "example.invalid"
# City of the event -> how many come from Chengdu, Chongqing and elsewhere (give or take three).
MIX = {
    "chengdu": {"chengdu": 46, "chongqing": 21, "other": 6},
    "chongqing": {"chengdu": 17, "chongqing": 52, "other": 8},
    "both": {"chengdu": 30, "chongqing": 27, "other": 7},
}


@transaction.atomic
def load_demo_attendance() -> str:
    if Registration.objects.filter(email__endswith=f"@{DOMAIN}").exists():
        return "demo attendance already there"
    tickets = (
        TicketType.objects.filter(
            event__is_demo=True,
            event__registration_open=True,
            kind=TicketType.Kind.VISITOR,
            by_invitation=False,
            is_withdrawn=False,
        )
        .select_related("event")
        .order_by("event__starts_at", "pk")
    )
    chosen: dict[int, TicketType] = {}
    for ticket in tickets:
        chosen.setdefault(ticket.event_id, ticket)
    rows, number = [], 0
    randomness = random.Random(16)  # the same demo on every machine
    for ticket in chosen.values():
        event: EventPage = ticket.event
        for origin, count in MIX.get(event.city, MIX["both"]).items():
            count = count + randomness.randint(-3, 3) if count > 10 else count
            for _ in range(min(count, ticket.capacity)):
                number += 1
                rows.append(
                    Registration(
                        ticket_type=ticket,
                        name=f"Demo visitor {number}",
                        email=f"demo-visitor-{number}@{DOMAIN}",
                        city_of_origin=origin,
                        language="zh-hans" if number % 3 else "en",
                        status=Registration.Status.CONFIRMED,
                        submission_token=uuid.uuid4(),
                    )
                )
    Registration.objects.bulk_create(rows)
    return f"{len(rows)} demo registrations"
