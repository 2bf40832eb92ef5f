"""An investor sends an enquiry in a real browser, in English at a desktop's size and in
Chinese at a phone's: from an opportunity (when the demo has one), through the four steps with
the browser's proof of work, to the confirmation mail and the status page it links to. The
opportunity is found in the listing by a Chinese and by an English keyword."""

import email.header
import email.message
import re
import uuid
from urllib.parse import quote

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

STATUS_LINK = re.compile(r"https?://\S+/invest/enquiry/status/[\w-]+/")
WORDS = {
    "en": {
        "start": "/en/invest/enquiry/",
        "name": "Your name",
        "email": "E-mail address",
        "company": "Company name",
        "country": "Country or region",
        "sector": "Sector",
        "city_group": "Where would you invest?",
        "city": "Chongqing",
        "investment": "Planned investment (yuan)",
        "timeline_group": "When would you like to start?",
        "timeline": "Within a year",
        "mode": "Joint venture",
        "next": "Next",
        "back": "Back",
        "consent": "I agree that the investment promotion offices",
        "checked": "Checked: you can send your enquiry.",
        "send": "Send the enquiry",
        "step": "Step {number} of 4",
        "subject": "Your investment enquiry {reference} has been received",
        "received": "Received",
        "office": "Chongqing Municipal Bureau of Investment Promotion",
    },
    "zh-hans": {
        "start": "/zh-hans/invest/enquiry/",
        "name": "您的姓名",
        "email": "电子邮箱",
        "company": "企业名称",
        "country": "国家或地区",
        "sector": "行业",
        "city_group": "意向投资城市",
        "city": "重庆",
        "investment": "计划投资额（元）",
        "timeline_group": "计划何时启动？",
        "timeline": "一年内",
        "mode": "合资",
        "next": "下一步",
        "back": "上一步",
        "consent": "我同意重庆、成都两地投资促进机构",
        "checked": "验证通过，可以提交咨询。",
        "send": "提交咨询",
        "step": "第 {number} 步，共 4 步",
        "subject": "您的投资咨询 {reference} 已收到",
        "received": "已收到",
        "office": "重庆市招商投资促进局",
    },
}


def mail_to(site, address: str) -> list[email.message.Message]:
    site.manage("worker", "--once")  # the e-mails leave through the task queue
    return [message for message in site.outbox() if message["To"] == address]


def subject_of(message: email.message.Message) -> str:
    return str(email.header.make_header(email.header.decode_header(message["Subject"])))


def body_of(message: email.message.Message) -> str:
    for part in message.walk():
        if part.get_content_type() == "text/plain":
            return part.get_payload(decode=True).decode()
    return ""


# The demo opportunity an investor looks for, and the words they might type, in either script.
KEYWORDS = ("新能源汽车", "electric vehicle")
OPPORTUNITY = {
    "en": "Electric vehicle drive units in Liangjiang New Area",
    "zh-hans": "两江新区新能源汽车驱动电机项目",
}
SEND_AN_ENQUIRY = {"en": "Send an enquiry", "zh-hans": "在线咨询"}


def start(site, tab, language: str) -> str:
    """Finds the demo opportunity in the listing by a Chinese keyword and by an English one,
    opens it and follows its "Send an enquiry" link (which preselects it); its title."""
    title = OPPORTUNITY[language]
    for keyword in KEYWORDS:
        tab.goto(f"/{language}/invest/opportunities/?q={quote(keyword)}")
        expect(tab.locator(".card__title", has_text=title)).to_be_visible()
    tab.get_by_role("link", name=title).click()
    expect(tab.get_by_role("heading", level=1)).to_have_text(title)
    tab.get_by_role("link", name=SEND_AN_ENQUIRY[language]).first.click()
    return title


NUMBERS = {
    **{
        word: n
        for n, word in enumerate(
            ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten"]
        )
    },
    **{word: n for n, word in enumerate("零一二三四五六七八九十")},
}


def answer_if_asked(tab, words) -> None:
    """Sent quicker than a person types (a test is), the site asks its question as well."""
    sent, asked = tab.locator("#enquiry-reference"), tab.locator("#id_answer_error")
    expect(sent.or_(asked)).to_be_visible()
    if asked.is_visible():
        question = tab.locator("label[for=id_answer]").inner_text()
        first, second = re.findall("|".join(sorted(NUMBERS, key=len, reverse=True)), question)[:2]
        tab.locator("#id_answer").fill(str(NUMBERS[first] + NUMBERS[second]))
        tab.get_by_label(words["consent"]).check()
        tab.get_by_role("button", name=words["send"]).click()


def step_heading(tab, words, number: int):
    expect(tab.get_by_role("heading", level=2).first).to_contain_text(
        words["step"].format(number=number)
    )


def send_an_enquiry(site, tab, language: str) -> None:
    words = WORDS[language]
    address = f"investor-{uuid.uuid4().hex[:8]}@example.com"
    opportunity = start(site, tab, language)

    step_heading(tab, words, 1)
    tab.get_by_label(words["name"]).fill("Anna Schmidt")
    tab.get_by_label(words["email"], exact=True).fill(address)
    tab.get_by_role("button", name=words["next"]).click()

    step_heading(tab, words, 2)
    tab.get_by_label(words["company"]).fill("Rhein Antriebe GmbH")
    tab.get_by_label(words["country"]).fill("Germany")
    tab.get_by_role("button", name=words["back"]).click()
    # Back keeps what was typed, in both steps.
    step_heading(tab, words, 1)
    expect(tab.get_by_label(words["name"])).to_have_value("Anna Schmidt")
    tab.get_by_role("button", name=words["next"]).click()
    expect(tab.get_by_label(words["company"])).to_have_value("Rhein Antriebe GmbH")
    tab.get_by_role("button", name=words["next"]).click()

    step_heading(tab, words, 3)
    tab.get_by_label(words["sector"]).select_option("vehicles")
    tab.get_by_role("group", name=words["city_group"]).get_by_label(
        words["city"], exact=True
    ).check()
    tab.get_by_label(words["investment"]).fill("600000000")
    tab.get_by_role("group", name=words["timeline_group"]).get_by_label(words["timeline"]).check()
    tab.get_by_label(words["mode"], exact=True).check()
    if opportunity:
        expect(tab.get_by_label(opportunity, exact=True)).to_be_checked()
    tab.get_by_role("button", name=words["next"]).click()

    step_heading(tab, words, 4)
    expect(tab.locator(".enquiry-review")).to_contain_text(["Rhein Antriebe GmbH"])
    tab.get_by_label(words["consent"]).check()
    expect(tab.locator(".enquiry-check__status")).to_have_text(words["checked"])
    tab.get_by_role("button", name=words["send"]).click()
    answer_if_asked(tab, words)

    reference = tab.locator("#enquiry-reference")
    expect(reference).to_have_text(re.compile(r"INV-[A-Z2-9]{8}"))
    expect(tab.locator("#enquiry-stage")).to_have_text(words["received"])
    expect(tab.locator("#enquiry-offices")).to_contain_text(words["office"])
    status_address = tab.url

    (confirmation,) = mail_to(site, address)
    assert subject_of(confirmation) == words["subject"].format(reference=reference.inner_text())
    link = STATUS_LINK.search(body_of(confirmation)).group(0)
    assert link == status_address

    other = tab.context.new_page()
    other.goto(link)
    expect(other.locator("#enquiry-stage")).to_have_text(words["received"])
    other.close()


def test_an_investor_sends_an_enquiry_in_english(page, site):
    page.set_viewport_size({"width": 1280, "height": 800})
    send_an_enquiry(site, page, "en")


def test_an_investor_sends_an_enquiry_in_chinese_on_a_phone(open_tab, site):
    tab = open_tab(locale="zh-CN", viewport={"width": 360, "height": 740})
    send_an_enquiry(site, tab, "zh-hans")
