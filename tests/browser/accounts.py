"""Steps of the browser walks that go through an account's e-mail: reading the site's outbox,
following the link in a message, signing in."""

import email.header
import re

from playwright.sync_api import expect

SIGN_IN = {
    "en": ("E-mail address or user name", "Password", "Sign in"),
    "zh-hans": ("邮箱或用户名", "密码", "登录"),
}


def last_mail_to(site, address: str) -> tuple[str, str]:
    """(subject, text) of the latest e-mail to `address`, once the worker has sent the queue."""
    site.manage("worker", "--once")  # e-mails leave through the task queue
    messages = [message for message in site.outbox() if message["To"] == address]
    assert messages, f"no e-mail to {address}"
    message = messages[-1]
    subject = str(email.header.make_header(email.header.decode_header(message["Subject"])))
    return subject, message.get_payload(decode=True).decode()


def link_in(text: str, path: str) -> str:
    """The one link of the e-mail whose address has `path` in it (such as /accounts/confirm/)."""
    [link] = re.findall(rf"https?://\S+{re.escape(path)}\S+", text)
    return link


def sign_in(tab, address: str, password: str, language: str = "en") -> None:
    """On the sign-in page: the form in the page's main part (the header has a link too)."""
    username_label, password_label, button = SIGN_IN[language]
    main = tab.get_by_role("main")
    main.get_by_label(username_label).fill(address)
    main.get_by_label(password_label, exact=True).fill(password)
    main.get_by_role("button", name=button).click()


def confirm_address(tab, site, address: str, password: str) -> None:
    """After an English sign-up: follow the link e-mailed to `address`, then sign in."""
    subject, text = last_mail_to(site, address)
    assert subject == "Confirm your e-mail address"
    tab.goto(link_in(text, "/accounts/confirm/"))
    tab.get_by_role("button", name="Confirm my e-mail address").click()
    expect(tab.get_by_role("status")).to_contain_text("Your e-mail address is confirmed.")
    sign_in(tab, address, password)
