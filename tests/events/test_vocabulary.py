"""An exhibitor's sector, typed in one language, is read in the event page's language."""

import pytest

from tests.events import factories
from tests.talent import factories as talent
from twincity.events import booths

pytestmark = pytest.mark.django_db


def test_an_exhibitor_s_sector_is_named_in_the_page_s_language(client):
    expo = factories.event()
    factories.booth_spaces(expo, count=1)
    staff = factories.organiser_staff(expo)
    application = factories.booth_application(expo, talent.recruiter(), sector="logistics")
    booths.approve_and_assign_next_free(application.pk, staff)
    chinese = factories.chinese_event(expo)

    assert "<td>Logistics</td>" in client.get(expo.url).text
    chinese_page = client.get(chinese.url).text
    assert "<td>物流</td>" in chinese_page and "logistics" not in chinese_page.lower()
