"""Staff of both cities work an investor's enquiry as a case in the admin, in English and in
Chinese, at a desktop's size and a phone's: a Chongqing officer hands a routed enquiry over to
Chengdu (the Chengdu office gets an e-mail); a Chengdu officer converts it into a project and
tries to move it to signed — refused while the gate's fields are missing, then refused for lack
of the right, whose button is not shown; a manager fills the fields and signs it."""

import json
import re
from email.header import decode_header, make_header

import pytest
from playwright.sync_api import Page, expect

from tests.browser.admin_session import sign_in
from tests.browser.test_editor_translations import use_admin_language

pytestmark = pytest.mark.browser

SET_UP = """
import json
import secrets
from tests.invest import factories
from twincity.invest.services.enquiries import EnquiryInput, submit_enquiry
# The factories number their rows per process: names of this run's own.
suffix = secrets.token_hex(4)
chongqing = factories.office("chongqing")
chengdu = factories.office(
    "chengdu", name_en=f"Chengdu office {suffix}", name_zh=f"成都投资促进办公室{suffix}"
)
people = {
    "cq_officer": factories.group_member(chongqing, first_name="Qing", last_name="Zhou"),
    "cd_officer": factories.group_member(chengdu, first_name="Du", last_name="Chen"),
    "cd_manager": factories.group_member(chengdu, "Investment managers", first_name="Min", last_name="Wang"),
}
for key, user in people.items():
    user.username = f"{key}-{suffix}"
    user.email = f"{key}-{suffix}@example.org"  # the admin's account form needs one
    user.save(update_fields=["username", "email"])
# A rule that only this run's enquiry meets (its own amount) sends it to this run's Chongqing
# office, as an administrator would route finance enquiries for Chongqing.
amount = 300_000_000 + secrets.randbelow(10**6)
factories.routing_rule(
    (chongqing,), position=0, sectors=["finance"], intended_cities=["chongqing"],
    min_investment_yuan=amount, max_investment_yuan=amount,
)
enquiry = submit_enquiry(EnquiryInput(
    name="Anna Schmidt", email=f"anna-{suffix}@example.com", company="Rhein Antriebe GmbH",
    company_country="Germany", sector="finance", intended_city="chongqing", timeline="1y",
    consented=True, planned_investment_yuan=amount, planned_jobs=150,
))
assert enquiry.lead_office == chongqing, enquiry.lead_office
print(json.dumps({
    "enquiry": enquiry.pk, "reference": enquiry.reference, "chengdu": chengdu.pk,
    "chengdu_email": chengdu.email, "chengdu_name_en": chengdu.name_en,
    "chengdu_name_zh": chengdu.name_zh, "password": factories.PASSWORD,
    **{key: user.username for key, user in people.items()},
}))
"""

WORDS = {
    "en": {
        "handed over": "The case was handed over",
        "converted": "The enquiry is now a project",
        "missing": "fill in: project manager, formal contract value (yuan), signed on",
        "no right": "ask an investment manager",
        "right needed": "Needs a right you do not have.",
        "saved": "Project saved.",
        "signed": "Signed",
        "history": "Handed over to another office",
        "contract value": "CNY 185 million",
    },
    "zh-hans": {
        "handed over": "案件已移交",
        "converted": "该咨询已转为招商项目",
        "missing": "请填写：项目经理、正式合同额（元）、签约日期",
        "no right": "请联系招商主管",
        "right needed": "您没有此项权限。",
        "saved": "项目已保存。",
        "signed": "已签约",
        "history": "移交其他部门",
        "contract value": "1.85亿元",
    },
}
DESKTOP = {"width": 1280, "height": 900}
PHONE = {"width": 360, "height": 740}


def staff_tab(open_tab, username: str, password: str, language: str, viewport) -> Page:
    tab = open_tab(locale="en-US", viewport=DESKTOP)
    sign_in(tab, username, password)
    use_admin_language(tab, language)  # the account page, as on a desktop
    tab.set_viewport_size(viewport)
    return tab


def post_stage(tab: Page, stage: str) -> str:
    """What the project page's stage form sends for `stage`, sent as it is (the button of a
    stage one may not move to is not shown): the page the site answers with."""
    token = tab.locator("input[name=csrfmiddlewaretoken]").first.input_value()
    action = tab.locator("form:has(button[name=stage])").get_attribute("action")
    response = tab.request.post(
        action,
        form={"csrfmiddlewaretoken": token, "stage": stage},
        headers={"Referer": tab.url},
    )
    return response.text()


@pytest.mark.parametrize(
    ("language", "viewport"), [("en", DESKTOP), ("zh-hans", PHONE)], ids=["en-desktop", "zh-phone"]
)
def test_a_case_handed_over_converted_refused_and_signed(site, open_tab, language, viewport):
    words = WORDS[language]
    case = json.loads(site.manage("shell", stdin=SET_UP).strip().splitlines()[-1])
    password = case["password"]
    case_url = f"/admin/invest/enquiries/{case['enquiry']}/"

    # Chongqing's officer finds the routed enquiry in the list and hands it over to Chengdu.
    chongqing = staff_tab(open_tab, case["cq_officer"], password, language, viewport)
    chongqing.goto("/admin/invest/enquiries/")
    chongqing.get_by_role("link", name=case["reference"]).click()
    expect(chongqing).to_have_url(re.compile(case_url + "$"))
    chongqing.locator("select[name=office]").select_option(str(case["chengdu"]))
    chongqing.locator("textarea[name=note]").fill("Wants to be near Tianfu airport")
    chongqing.locator("form[action$='/handover/'] button[type=submit]").click()
    expect(chongqing.locator(".messages")).to_contain_text(words["handed over"])
    # Chongqing keeps the case and its history.
    chongqing.goto(case_url)
    expect(chongqing.locator("#case-trail").locator("..")).to_contain_text(words["history"])

    site.manage("worker", "--once")  # the e-mail leaves through the task queue
    subjects = [
        str(make_header(decode_header(m["Subject"])))
        for m in site.outbox()
        if m["To"] == case["chengdu_email"]
    ]
    notices = [subject for subject in subjects if case["reference"] in subject]
    assert len(notices) == 1 and "移交" in notices[0]  # offices read Chinese

    # Chengdu's officer works it into a project.
    chengdu = staff_tab(open_tab, case["cd_officer"], password, language, viewport)
    chengdu.goto(case_url)
    for stage in ("awaiting", "engaged"):
        chengdu.locator(f"button[name=stage][value={stage}]").click()
        expect(chengdu.locator("[data-case-stage]")).to_have_attribute("data-case-stage", stage)
    chengdu.locator("button[name=stage][value=project]").click()
    expect(chengdu.locator(".messages")).to_contain_text(words["converted"])
    project_url = chengdu.url

    # Signing is for managers: no button, a word why.
    expect(chengdu.locator("button[name=stage][value=signed]")).to_have_count(0)
    expect(chengdu.locator(".invest-stages")).to_contain_text(words["right needed"])
    # Sent all the same, the move is refused, first for the fields the gate needs...
    assert words["missing"] in post_stage(chengdu, "signed")
    # ...and once they are filled, for the right.
    chengdu.get_by_role("link", name=re.compile("Edit the project|编辑项目")).click()
    chengdu.locator("select[name=owner]").select_option(label="Du Chen")
    chengdu.locator("input[name=contract_value_yuan]").fill("180000000")
    chengdu.locator("input[name=signed_on]").fill("2026-11-20")
    chengdu.locator("form.invest-project-form button[type=submit]").click()
    expect(chengdu.locator(".messages")).to_contain_text(words["saved"])
    assert words["no right"] in post_stage(chengdu, "signed")
    expect(chengdu.locator("[data-project-stage]")).to_have_attribute("data-project-stage", "lead")

    # Chengdu's manager completes the contract value and signs.
    manager = staff_tab(open_tab, case["cd_manager"], password, language, viewport)
    manager.goto(project_url + "edit/")
    manager.locator("input[name=contract_value_yuan]").fill("185000000")
    manager.locator("form.invest-project-form button[type=submit]").click()
    expect(manager.locator(".messages")).to_contain_text(words["saved"])
    manager.locator("button[name=stage][value=signed]").click()
    expect(manager.locator("[data-project-stage]")).to_have_attribute(
        "data-project-stage", "signed"
    )
    expect(manager.locator(".invest-stages [aria-current=step]")).to_contain_text(words["signed"])

    # The signed project counts in the figures, in its office's row.
    manager.goto("/admin/invest/figures/")
    office = case["chengdu_name_zh"] if language == "zh-hans" else case["chengdu_name_en"]
    row = manager.locator("#invest-figures-offices tbody tr", has_text=office)
    expect(row.locator('[data-figure="contract_value"]')).to_have_text(words["contract value"])
    expect(row.locator('[data-figure="signed"]')).to_have_text("1")
