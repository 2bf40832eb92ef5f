"""A graduate's walk in a real browser: register, confirm the address, fill the profile, upload
a CV, search, apply, book an interview at the fair; the enterprise moves the application and
the graduate sees the new status on their page and in an e-mail."""

import re
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.accounts import confirm_address
from tests.browser.job_fair import open_fair
from tests.support import real_pdf

pytestmark = pytest.mark.browser

PASSWORD = "walk-password-5521"
VACANCY_TITLE = "Hotpot supply-chain dispatcher"


MOVE_TO_INTERVIEW = """
from twincity.talent import services
from twincity.talent.models import Application, Recruiter

recruiter = Recruiter.objects.get(user__email="{suffix}-hr@example.org")
application = Application.objects.get(graduate__user__email="{email}")
services.change_status(application, "interview", recruiter.user)
"""


def register(page, site, email: str) -> None:
    page.goto("/en/accounts/register/")
    page.get_by_label("Full name").fill("Liu Yang")
    page.get_by_label("E-mail address", exact=True).fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_label("Language for e-mails").select_option("en")
    page.get_by_label("I agree").check()
    page.get_by_role("button", name="Create the account").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your e-mail")
    confirm_address(page, site, email, PASSWORD)
    expect(page.get_by_role("heading", level=1)).to_have_text("My applications")
    page.goto("/en/me/profile/")
    expect(page.get_by_role("heading", level=1)).to_have_text("My profile")


def fill_profile(page) -> None:
    page.get_by_label("Major").fill("Logistics management")
    page.get_by_label("Graduation year").fill("2025")
    page.get_by_label("Skills").fill("dispatching，Excel、forklift")
    page.get_by_label("Chongqing").check()
    page.get_by_label("Expected monthly salary (CNY)").fill("6000")
    page.get_by_role("button", name="Save my profile").click()
    expect(page.get_by_role("status")).to_contain_text("Your profile is saved.")
    expect(page.get_by_label("Skills")).to_have_value("dispatching, Excel, forklift")


def upload_cv(page) -> None:
    page.get_by_label("CV (PDF)").set_input_files(
        {"name": "liu-yang-cv.pdf", "mimeType": "application/pdf", "buffer": real_pdf("Liu Yang")}
    )
    page.get_by_role("button", name="Upload my CV").click()
    expect(page.get_by_role("status")).to_contain_text("Your CV is uploaded.")
    expect(page.get_by_role("link", name="Download my CV")).to_be_visible()


def search_and_apply(page) -> None:
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Jobs").click()
    page.get_by_label("Keywords").fill("dispatcher")
    page.get_by_role("search", name="Search jobs").get_by_role("button", name="Search").click()
    page.get_by_role("link", name=VACANCY_TITLE).first.click()
    page.get_by_role("link", name="Apply with my CV").click()
    page.get_by_label("Note to the enterprise").fill("I have dispatched cold-chain trucks.")
    page.get_by_role("button", name="Send my application").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("My applications")
    expect(page.get_by_role("status")).to_contain_text("Your application to Walk Hotpot Supply")


def test_a_graduate_applies_books_an_interview_and_follows_the_status(page, site):
    suffix = uuid.uuid4().hex[:8]
    email = f"{suffix}-graduate@example.org"
    fair = open_fair(site, suffix, PASSWORD, VACANCY_TITLE)

    register(page, site, email)
    fill_profile(page)
    upload_cv(page)
    search_and_apply(page)
    application = page.locator(".article-card", has_text=VACANCY_TITLE)
    expect(application.locator(".application-status")).to_have_text("Applied")

    page.goto(f"/en/jobs/fairs/{fair}/")
    page.get_by_role("button", name=re.compile(r"^Book 10:00 with Walk Hotpot Supply")).click()
    expect(page.get_by_role("status")).to_contain_text("is booked")
    expect(page.get_by_role("region", name="My interviews at this fair")).to_contain_text(
        "Booth B7"
    )

    site.manage("shell", stdin=MOVE_TO_INTERVIEW.format(suffix=suffix, email=email))
    site.manage("worker", "--once")  # the e-mails leave with the task queue

    page.goto("/en/me/")
    application = page.locator(".article-card", has_text=VACANCY_TITLE)
    expect(application.locator(".application-status")).to_have_text("Interview")
    expect(application.locator("[aria-current=step] .status")).to_have_text("Interview")
    interviews = page.get_by_role("table", name="My interviews")
    expect(interviews).to_contain_text("10:00")
    expect(interviews).to_contain_text("Booth B7")

    to_graduate = [message for message in site.outbox() if message["To"] == email]
    subjects = [message["Subject"] for message in to_graduate]
    assert f"Your application for {VACANCY_TITLE}: Interview" in subjects
