"""Staff read the investment figures in the admin, in English and in Chinese, on a desktop and
on a phone: a signed project's formal contract value shows in its office's row, and the Excel
download holds the same amount in yuan."""

import io
import json
import uuid
from pathlib import Path

import openpyxl
import pytest
from playwright.sync_api import expect

from tests.browser.admin_session import admin_account, open_sidebar_item, sign_in
from tests.browser.test_editor_translations import use_admin_language

pytestmark = pytest.mark.browser

DESKTOP = {"width": 1400, "height": 1000}
PHONE = {"width": 360, "height": 740}
CONTRACT_VALUE = 456_000_000
SET_UP = """
import json
from django.utils import timezone
from tests.invest import factories
office = factories.office("chengdu", name_en="{name_en}", name_zh="{name_zh}")
factories.project(office, stage="signed", signed_on=timezone.localdate(),
                  contract_value_yuan={value}, funds_arrived_yuan=12_000_000)
print(json.dumps({{"office": office.pk}}))
"""
WORDS = {
    "en": {
        "investment": "Investment",
        "menu": "Investment figures",
        "heading": "Investment figures",
        "amount": "CNY 456 million",
        "download": "Download Excel",
        "sheet": "By office",
    },
    "zh-hans": {
        "investment": "投资",
        "menu": "招商数据",
        "heading": "招商数据",
        "amount": "4.56亿元",
        "download": "下载 Excel",
        "sheet": "按招商机构",
    },
}


def signed_project(site) -> tuple[str, str]:
    """A new office of Chengdu with a project signed today; its English and Chinese names."""
    tag = uuid.uuid4().hex[:6]
    name_en, name_zh = f"Figures test office {tag}", f"数据测试招商机构{tag}"
    output = site.manage(
        "shell", "-c", SET_UP.format(name_en=name_en, name_zh=name_zh, value=CONTRACT_VALUE)
    )
    json.loads(output.splitlines()[-1])
    return name_en, name_zh


@pytest.mark.parametrize(
    ("language", "viewport"),
    [("en", DESKTOP), ("zh-hans", DESKTOP), ("en", PHONE), ("zh-hans", PHONE)],
    ids=["en-desktop", "zh-desktop", "en-phone", "zh-phone"],
)
def test_staff_see_a_signed_projects_contract_value_and_download_it(
    open_tab, site, language, viewport, tmp_path
):
    words = WORDS[language]
    name_en, name_zh = signed_project(site)
    tab = open_tab(locale="en-US", viewport=DESKTOP)
    username = f"figures-{language}-{viewport['width']}-{uuid.uuid4().hex[:4]}"
    sign_in(tab, username, admin_account(site, username))
    use_admin_language(tab, language)
    tab.set_viewport_size(viewport)
    if viewport is DESKTOP:
        tab.goto("/admin/")
        open_sidebar_item(tab, words["investment"], words["menu"])
    else:
        tab.goto("/admin/invest/figures/")

    expect(tab.get_by_role("heading", level=1)).to_have_text(words["heading"])
    office_name = name_zh if language == "zh-hans" else name_en
    row = tab.locator("#invest-figures-offices tbody tr", has_text=office_name)
    expect(row.locator('[data-figure="contract_value"]')).to_have_text(words["amount"])
    expect(row.locator('[data-figure="signed"]')).to_have_text("1")

    with tab.expect_download() as download:
        tab.get_by_role("link", name=words["download"]).click()
    workbook = openpyxl.load_workbook(io.BytesIO(Path(download.value.path()).read_bytes()))
    rows = {row[0]: row for row in workbook[words["sheet"]].iter_rows(values_only=True)}
    assert rows[office_name][5:7] == (1, CONTRACT_VALUE)
