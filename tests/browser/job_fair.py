"""A job fair on the live site of the browser tests, which is loaded without the talent demo."""

import json
import random

from twincity.directory.credit_code import check_character

# A fair in three days with an approved recruiter's vacancy and three free interview slots.
SET_UP_FAIR = """
import json
from datetime import datetime, time, timedelta
from django.contrib.auth.models import Permission, User
from django.utils import timezone
from twincity.talent import services
from twincity.talent.services import booking
from twincity.talent.models import Fair, Vacancy

organiser = User.objects.create_user("{suffix}-organiser@example.org", password="{password}")
organiser.user_permissions.add(Permission.objects.get(codename="change_fair"))
organiser = User.objects.get(pk=organiser.pk)
recruiter = services.request_recruiter_account(
    email="{suffix}-hr@example.org", password="{password}", full_name="Chen Jing",
    credit_code="{code}", organisation_name_en="Walk Hotpot Supply {suffix}",
    organisation_name_zh="漫步火锅供应链{suffix}", city="chongqing", language="en",
)
services.decide_recruiter(recruiter, True, by=organiser)
day = timezone.localdate() + timedelta(days=3)
opens = timezone.make_aware(datetime.combine(day, time(9, 0)))
fair = Fair.objects.create(
    title_en="Walk fair {suffix}", title_zh="漫步招聘会{suffix}", city="chongqing",
    starts_at=opens, ends_at=opens + timedelta(hours=8),
    booking_closes_at=opens - timedelta(days=1),
)
services.save_vacancy(recruiter.user, Vacancy(
    title_en="{title}", title_zh="火锅供应链调度员", industry="logistics", city="chongqing",
    salary_min=5000, salary_max=7000, headcount=2, deadline=day + timedelta(days=30),
    skills=["dispatching", "excel"], fair=fair,
))
booking.open_slots(recruiter.user, fair, opens + timedelta(hours=1), 3, 20, place="Booth B7")
print(json.dumps({{"fair": fair.pk}}))
"""


def new_credit_code() -> str:
    body = f"91500000MA{random.randrange(10**7):07d}"
    return body + check_character(body)


def open_fair(site, suffix: str, password: str, vacancy_title: str) -> int:
    """A fair in three days with an approved recruiter's vacancy and three free interview
    slots, all named after `suffix`; the fair's id."""
    setup = SET_UP_FAIR.format(
        suffix=suffix, password=password, code=new_credit_code(), title=vacancy_title
    )
    return json.loads(site.manage("shell", stdin=setup).strip().splitlines()[-1])["fair"]
