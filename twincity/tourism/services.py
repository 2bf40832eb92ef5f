"""Counting views and click-throughs of campaign promotions.

Nothing personal is stored or even looked at: no cookie is set, no IP address, user or
session is read. Each count is one increment of a per-day counter row, done with F() in the
database so that concurrent requests never lose an update.
"""

from datetime import date

from django.db import IntegrityError, transaction
from django.db.models import F
from django.utils import timezone

from .models import CampaignDailyCount

COUNTERS = {"views", "clicks"}


def beijing_today() -> date:
    """TIME_ZONE is Asia/Shanghai: the local date is Beijing's."""
    return timezone.localdate()


def count(campaign_id: int, side: str, counter: str, day: date | None = None) -> None:
    """Add one to `counter` ("views" or "clicks") of the campaign's side on that day."""
    if counter not in COUNTERS:
        raise ValueError(counter)
    day = day or beijing_today()
    rows = CampaignDailyCount.objects.filter(campaign_id=campaign_id, side=side, day=day)
    if rows.update(**{counter: F(counter) + 1}):
        return
    try:
        # The first count of the day creates the row; two first counts at once race to
        # create it, and the loser adds its one to the winner's row.
        with transaction.atomic():
            CampaignDailyCount.objects.create(
                campaign_id=campaign_id, side=side, day=day, **{counter: 1}
            )
    except IntegrityError:
        rows.update(**{counter: F(counter) + 1})
