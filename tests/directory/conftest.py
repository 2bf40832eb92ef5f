"""Helpers of the directory's tests: staff in the admin, logos, workbooks, admin forms as posted."""

import io
from html.parser import HTMLParser

import pytest
from django.contrib.auth.models import Permission
from django.core.files.images import ImageFile
from PIL import Image as PillowImage


@pytest.fixture
def staff_with(client, django_user_model):
    """`staff_with("add_organisation", ...)`: a client signed in to the admin with those rights."""

    def sign_in(*codenames: str):
        user = django_user_model.objects.create_user(
            "staff-" + "-".join(codenames), "staff@example.cn", "pw-for-tests-only"
        )
        user.user_permissions.add(
            *Permission.objects.filter(codename__in=["access_admin", *codenames])
        )
        client.force_login(user)
        return client

    return sign_in


@pytest.fixture
def make_logo(settings, tmp_path):
    """Creates Wagtail images (stored under a temporary MEDIA_ROOT) to use as logos."""
    from django.core.cache import caches
    from wagtail.images import get_image_model

    settings.MEDIA_ROOT = tmp_path / "media"
    # Renditions are cached by image id, and ids come again after a test's rollback.
    caches["renditions"].clear()

    def make(title: str = "Logo", size: tuple[int, int] = (400, 200)):
        buffer = io.BytesIO()
        PillowImage.new("RGB", size, "#b22222").save(buffer, "PNG")
        return get_image_model().objects.create(
            title=title, file=ImageFile(buffer, name=f"{title.lower().replace(' ', '-')}.png")
        )

    return make


def workbook(rows: list[list[object]]) -> bytes:
    """An .xlsx file whose first sheet holds `rows`, the first of them the header."""
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    for row in rows:
        sheet.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def read_workbook(data: bytes) -> list[list[object]]:
    from openpyxl import load_workbook

    sheet = load_workbook(io.BytesIO(data)).worksheets[0]
    return [list(row) for row in sheet.iter_rows(values_only=True)]


class _FormFields(HTMLParser):
    """The values a browser would send for the form `form_id`, as a dict of lists."""

    def __init__(self, form_id: str):
        super().__init__()
        self.form_id = form_id
        self.inside = False
        self.select: str | None = None
        self.textarea: str | None = None
        self.data: dict[str, list[str]] = {}

    def add(self, name: str, value: str) -> None:
        self.data.setdefault(name, []).append(value)

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "form":
            self.inside = attrs.get("id") == self.form_id
        if not self.inside or (not attrs.get("name") and tag != "option"):
            return
        if tag == "input":
            self.input(attrs)
        elif tag == "select":
            self.select = attrs["name"]
            self.data.setdefault(self.select, [])
        elif tag == "option" and self.select and "selected" in attrs:
            self.add(self.select, attrs.get("value", ""))
        elif tag == "textarea":
            self.textarea = attrs["name"]
            self.add(self.textarea, "")

    def input(self, attrs: dict) -> None:
        kind = attrs.get("type", "text")
        if kind in {"submit", "button", "file", "image", "reset"}:
            return
        if kind in {"checkbox", "radio"} and "checked" not in attrs:
            return
        self.add(attrs["name"], attrs.get("value", "on" if kind == "checkbox" else ""))

    def handle_endtag(self, tag):
        if tag == "form":
            self.inside = False
        elif tag == "select":
            self.select = None
        elif tag == "textarea":
            self.textarea = None

    def handle_data(self, data):
        if self.textarea:
            self.data[self.textarea][-1] += data


def form_fields(html: str, form_id: str) -> dict[str, list[str]]:
    """What the admin form `form_id` on this page would post, to change and post back."""
    parser = _FormFields(form_id)
    parser.feed(html)
    return parser.data
