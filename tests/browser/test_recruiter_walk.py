"""A recruiter's walk in a real browser: register, confirm the address, wait for approval, post
a vacancy, review an applicant, invite them to an interview and make an offer; the graduate
gets every e-mail."""

import random
import uuid
from datetime import date, timedelta

import pytest
from playwright.sync_api import expect

from tests.browser.accounts import confirm_address
from twincity.directory.credit_code import check_character

pytestmark = pytest.mark.browser

PASSWORD = "walk-password-8812"
VACANCY_TITLE = "Cold-chain warehouse operator"

APPROVE = """
from django.contrib.auth.models import Permission, User
from twincity.talent import services
from twincity.talent.models import Recruiter

organiser = User.objects.create_user("{suffix}-organiser@example.org", password="{password}")
organiser.user_permissions.add(Permission.objects.get(codename="change_fair"))
organiser = User.objects.get(pk=organiser.pk)
recruiter = Recruiter.objects.get(user__email="{email}")
services.decide_recruiter(recruiter, True, by=organiser)
"""

APPLY = """
from django.core.files.uploadedfile import SimpleUploadedFile
from twincity.talent import services
from tests.support import real_pdf
from twincity.talent.models import Vacancy

profile = services.register_graduate("{email}", "{password}", "Zhao Lei", "en")
profile.major = "Logistics"
profile.skills = ["forklift", "cold chain"]
profile.save()
services.store_cv(profile.user, SimpleUploadedFile("cv.pdf", real_pdf("Zhao Lei")))
vacancy = Vacancy.objects.get(title_en="{title}", organisation__credit_code="{code}")
services.apply(profile.user, vacancy, "I hold a forklift licence.")
"""


def new_credit_code() -> str:
    body = f"91500000MA{random.randrange(10**7):07d}"
    return body + check_character(body)


def register_recruiter(page, email: str, code: str) -> None:
    page.goto("/en/accounts/register/recruiter/")
    page.get_by_label("Full name").fill("Chen Jing")
    page.get_by_label("E-mail address", exact=True).fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Language for e-mails").select_option("en")
    page.get_by_label("unified social credit code").fill(code)
    page.get_by_label("Enterprise name (English)").fill(f"Walk Cold Chain {code[-6:]}")
    page.get_by_label("Enterprise name (Chinese)").fill(f"漫步冷链{code[-6:]}")
    page.get_by_label("City", exact=True).select_option("chongqing")
    page.get_by_label("I agree that Twin City keeps my name and contact data").check()
    page.get_by_role("button", name="Create the account").click()


def post_vacancy(page) -> None:
    page.get_by_role("link", name="Post a vacancy").click()
    page.get_by_label("Title in English").fill(VACANCY_TITLE)
    page.get_by_label("Industry").select_option("logistics")
    page.get_by_label("Monthly salary from (CNY)").fill("5500")
    page.get_by_label("Monthly salary to (CNY)").fill("7500")
    page.get_by_label("Openings").fill("2")
    page.get_by_label("Skills").fill("forklift、cold chain")
    page.get_by_label("Application deadline").fill((date.today() + timedelta(days=30)).isoformat())
    page.get_by_role("button", name="Post the vacancy").click()
    expect(page.get_by_role("status")).to_contain_text("The vacancy is posted.")


def test_a_recruiter_registers_is_approved_and_moves_an_applicant_to_an_offer(page, site):
    suffix = uuid.uuid4().hex[:8]
    email, graduate_email = f"{suffix}-hr@example.org", f"{suffix}-graduate@example.org"
    code = new_credit_code()

    register_recruiter(page, email, code)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    confirm_address(page, site, email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("Awaiting approval")
    page.goto("/en/employer/applicants/")
    expect(page.get_by_role("alert")).to_contain_text("awaiting approval")

    site.manage("shell", stdin=APPROVE.format(suffix=suffix, password=PASSWORD, email=email))
    page.goto("/en/employer/")
    expect(page.get_by_role("heading", level=1)).to_have_text(f"Walk Cold Chain {code[-6:]}")
    post_vacancy(page)
    expect(page.get_by_role("row", name=VACANCY_TITLE)).to_contain_text("Open")

    site.manage(
        "shell",
        stdin=APPLY.format(email=graduate_email, password=PASSWORD, title=VACANCY_TITLE, code=code),
    )
    page.get_by_role("link", name="All applicants").click()
    row = page.get_by_role("row", name="Zhao Lei")
    expect(row).to_contain_text("Applied")
    expect(row).to_contain_text("100 %")

    row.get_by_role("link", name="Zhao Lei").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Zhao Lei")
    expect(page.locator(".meta .status")).to_have_text("Applied")  # opening changes nothing
    expect(page.get_by_text(graduate_email)).to_be_visible()
    page.get_by_role("button", name="Mark as reviewed").click()
    expect(page.locator(".meta .status")).to_have_text("Reviewed")
    page.get_by_role("button", name="Invite to an interview").click()
    expect(page.locator(".meta .status")).to_have_text("Interview")
    page.get_by_role("button", name="Make an offer").click()
    expect(page.locator(".meta .status")).to_have_text("Offer")

    site.manage("worker", "--once")
    subjects = [m["Subject"] for m in site.outbox() if m["To"] == graduate_email]
    assert sorted(subjects) == sorted(
        f"Your application for {VACANCY_TITLE}: {status}"
        for status in ("Applied", "Reviewed", "Interview", "Offer")
    )
