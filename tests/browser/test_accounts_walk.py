"""Accounts in a real browser, in both languages and at a phone's size: a forgotten password
from the sign-in page, through the e-mailed link, to signing in with the new one; and a
recruiter's Chinese sign-up whose mistyped credit code is refused at its field, in Chinese,
with everything typed (the password too) still there."""

import random
import uuid

import pytest
from playwright.sync_api import expect

from tests.browser.accounts import last_mail_to, link_in, sign_in
from twincity.directory.credit_code import check_character

pytestmark = pytest.mark.browser

PHONE = {"width": 390, "height": 844}
LOCALES = {"en": "en-US", "zh-hans": "zh-CN"}
OLD_PASSWORD = "walk-password-3309"
NEW_PASSWORD = "lotus pond at dawn 61"

CREATE_GRADUATE = """
from twincity.talent import services
services.register_graduate("{email}", "{password}", "Xu Ming", "en")
"""

# What the visitor reads, in each language.
WORDS = {
    "en": {
        "forgot": "Forgot your password?",
        "address": "E-mail address",
        "send": "Send me a link",
        "check": "Check your e-mail",
        "subject": "Choose a new password for Twin City",
        "choose": "Choose a new password",
        "new": "New password",
        "again": "New password again",
        "save": "Save the new password",
        "too_short": "This password is too short: use at least 8 characters.",
        "changed": "Your password is changed",
        "sign_in": "Sign in",
        "home": "My applications",
        "used": "has been used already",
    },
    "zh-hans": {
        "forgot": "忘记密码？",
        "address": "电子邮箱",
        "send": "给我发送链接",
        "check": "请查收电子邮件",
        "subject": "设置双城新密码",
        "choose": "设置新密码",
        "new": "新密码",
        "again": "再次输入新密码",
        "save": "保存新密码",
        "too_short": "密码太短：请至少使用 8 个字符。",
        "changed": "您的密码已更改",
        "sign_in": "登录",
        "home": "我的求职",
        "used": "已被使用",
    },
}


def fits_the_screen(tab) -> bool:
    return tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


@pytest.mark.parametrize("language", ["en", "zh-hans"])
def test_a_forgotten_password_is_replaced_through_the_emailed_link(open_tab, site, language):
    words = WORDS[language]
    address = f"{uuid.uuid4().hex[:8]}-graduate@example.org"
    site.manage("shell", stdin=CREATE_GRADUATE.format(email=address, password=OLD_PASSWORD))
    tab = open_tab(locale=LOCALES[language], viewport=PHONE)
    heading = tab.get_by_role("heading", level=1)

    tab.goto(f"/{language}/accounts/login/")
    tab.get_by_role("link", name=words["forgot"]).click()
    expect(heading).to_have_text(words["forgot"])
    tab.get_by_label(words["address"], exact=True).fill(address)
    tab.get_by_role("button", name=words["send"]).click()
    expect(heading).to_have_text(words["check"])

    subject, text = last_mail_to(site, address)
    assert subject == words["subject"]  # the language of the page where it was asked for
    link = link_in(text, f"/{language}/accounts/password-reset/")
    tab.goto(link)
    expect(heading).to_have_text(words["choose"])
    assert fits_the_screen(tab)
    tab.get_by_label(words["new"], exact=True).fill("Qz7!xw")
    tab.get_by_label(words["again"]).fill("Qz7!xw")
    tab.get_by_role("button", name=words["save"]).click()
    expect(tab.locator("#id_new_password_error")).to_have_text(words["too_short"])

    tab.get_by_label(words["new"], exact=True).fill(NEW_PASSWORD)
    tab.get_by_label(words["again"]).fill(NEW_PASSWORD)
    tab.get_by_role("button", name=words["save"]).click()
    expect(heading).to_have_text(words["changed"])
    tab.get_by_role("main").get_by_role("link", name=words["sign_in"]).click()
    sign_in(tab, address, NEW_PASSWORD, language)
    expect(heading).to_have_text(words["home"])

    tab.goto(link)  # once only
    expect(tab.get_by_role("alert")).to_contain_text(words["used"])
    expect(tab.get_by_role("button", name=words["send"])).to_be_visible()


def field(tab, label: str):
    """The input of a label; the short ones exactly (others contain their words), the
    optional ones by their start (the label goes on with "(optional)")."""
    return tab.get_by_label(label, exact=label in ("姓名", "电子邮箱", "密码"))


def mistyped_credit_code() -> str:
    body = f"91500000MA{random.randrange(10**7):07d}"
    right = check_character(body)
    return body + ("1" if right != "1" else "2")


def test_a_chinese_recruiter_sign_up_keeps_everything_typed_after_a_mistyped_credit_code(
    open_tab, site
):
    suffix = uuid.uuid4().hex[:8]
    address = f"{suffix}-hr@example.org"
    code = mistyped_credit_code()
    tab = open_tab(locale="zh-CN", viewport=PHONE)
    tab.goto("/zh-hans/accounts/register/recruiter/")
    typed = {
        "姓名": "陈静",
        "电子邮箱": address,
        "密码": OLD_PASSWORD,
        "贵单位的统一社会信用代码": code,
        "企业名称（英文）": f"Walk Cold Chain {suffix}",
        "企业名称（中文）": f"漫步冷链{suffix}",
    }
    for label, value in typed.items():
        field(tab, label).fill(value)
    tab.get_by_label("邮件语言").select_option("zh-hans")
    tab.get_by_label("城市", exact=True).select_option("chongqing")
    tab.get_by_label("我同意双城网为运行我的招聘人员账号").check()
    tab.get_by_role("button", name="创建账号").click()

    code_field = tab.locator(".field", has=tab.get_by_label("贵单位的统一社会信用代码"))
    expect(code_field.locator(".error")).to_have_text(
        "信用代码的校验位（最后一位）与前 17 位不符，请检查是否输错。"
    )
    expect(tab.get_by_role("alert")).to_have_text("请修改下面标出的内容。")
    for label, value in typed.items():
        expect(field(tab, label)).to_have_value(value)
    expect(tab.get_by_label("城市", exact=True)).to_have_value("chongqing")
    expect(tab.get_by_label("我同意双城网为运行我的招聘人员账号")).to_be_checked()
    assert fits_the_screen(tab)

    # Corrected, the sign-up goes through and the Chinese e-mail confirms the address.
    tab.get_by_label("贵单位的统一社会信用代码").fill(code[:-1] + check_character(code[:-1]))
    tab.get_by_role("button", name="创建账号").click()
    expect(tab.get_by_role("heading", level=1)).to_have_text("请查收电子邮件")
    subject, text = last_mail_to(site, address)
    assert subject == "请确认您的电子邮箱"
    tab.goto(link_in(text, "/zh-hans/accounts/confirm/"))
    tab.get_by_role("button", name="确认我的电子邮箱").click()
    expect(tab.get_by_role("status")).to_contain_text("您的电子邮箱已确认，请登录后继续。")
    sign_in(tab, address, OLD_PASSWORD, "zh-hans")
    expect(tab.get_by_role("heading", level=1)).to_have_text("待审核")
    expect(tab.get_by_text("请确认您的电子邮箱")).to_have_count(0)
