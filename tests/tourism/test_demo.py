"""The places loader: creates or updates both languages from the data file, idempotently."""

import json
from decimal import Decimal

import pytest
from django.core.management import CommandError, call_command

from twincity.core.demo import ensure_locales
from twincity.portal.demo import load_site
from twincity.tourism.demo import PlacesDataError, load_places
from twincity.tourism.models import PlacePage

from .conftest import FIXTURE_PLACES


def records() -> list[dict]:
    return json.loads(FIXTURE_PLACES.read_text(encoding="utf-8"))


def write(tmp_path, data) -> "Path":  # noqa: F821
    path = tmp_path / "places.json"
    path.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
    return path


def load(path):
    return load_places(load_site(), ensure_locales(), path)


@pytest.mark.django_db
def test_second_load_changes_nothing():
    result = load(FIXTURE_PLACES)
    assert (result.created, result.updated, result.unchanged) == (0, 0, len(records()))


@pytest.mark.django_db
def test_both_languages_and_every_field(place):
    english, chinese = place("hongyadong"), place("hongyadong", "zh-hans")
    assert english.translation_key == chinese.translation_key
    assert (english.title, chinese.title) == ("Hongyadong", "洪崖洞")
    assert chinese.summary.startswith("嘉陵江畔") and chinese.district == "渝中区"
    assert chinese.address == "渝中区解放碑沧白路88号"
    for page in (english, chinese):
        assert page.live and page.live_revision_id and not page.has_unpublished_changes
        assert (page.name_en, page.name_zh, page.city, page.kind) == (
            "Hongyadong", "洪崖洞", "chongqing", "attraction"
        )  # fmt: skip
        assert (page.latitude, page.longitude) == (Decimal("29.563000"), Decimal("106.579000"))
        assert page.hours["mon"] == [["11:00", "23:00"]]
        assert page.tags == ["night-view", "architecture", "snacks"]
        assert (page.visit_minutes, page.price_level, page.popularity) == (90, 1, 5)
    station = place("chengdu-east-station")
    assert station.transport_role == "hsr_station"


@pytest.mark.django_db
def test_a_changed_record_updates_both_pages(tmp_path, place):
    data = records()
    hongyadong = next(r for r in data if r["slug"] == "hongyadong")
    hongyadong["hours"]["mon"] = []
    hongyadong["summary_zh"] = "新的简介。"
    result = load(write(tmp_path, data))
    assert (result.updated, result.unchanged) == (1, len(data) - 1)
    assert place("hongyadong").hours["mon"] == []
    chinese = place("hongyadong", "zh-hans")
    assert chinese.hours["mon"] == [] and chinese.summary == "新的简介。"


@pytest.mark.django_db
def test_pages_editors_took_over_are_kept(tmp_path, place):
    english = place("jiefangbei")
    english.is_demo = False
    english.save_revision().publish()
    data = records()
    next(r for r in data if r["slug"] == "jiefangbei")["popularity"] = 1
    assert load(write(tmp_path, data)).kept == 1
    assert place("jiefangbei").popularity == 4


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("change", "message"),
    [
        (lambda r: r.update(city="shanghai"), "hongyadong: unknown city"),
        (lambda r: r.update(tags=["karaoke"]), "hongyadong: tags outside the vocabulary"),
        (lambda r: r["hours"].update(tue=[["23:00", "11:00"]]), "hongyadong: hours"),
        (lambda r: r["hours"].pop("sun"), "hongyadong: hours"),
        (lambda r: r.pop("lat"), "hongyadong: missing lat"),
        (lambda r: r.update(kind="spa"), "hongyadong: unknown kind"),
    ],
)
def test_bad_data_is_refused_whole(tmp_path, change, message, place):
    data = records()
    change(next(r for r in data if r["slug"] == "hongyadong"))
    data[0]["popularity"] = 1  # a valid change elsewhere must not be applied either
    with pytest.raises(PlacesDataError, match=message):
        load(write(tmp_path, data))
    assert PlacePage.objects.get(slug=data[0]["slug"], locale__language_code="en").popularity != 1


@pytest.mark.django_db
def test_command_reports_and_refuses(tmp_path):
    call_command("load_places", file=FIXTURE_PLACES, verbosity=0)
    with pytest.raises(CommandError, match="No places file"):
        call_command("load_places", file=tmp_path / "missing.json")
    data = records() + [records()[0]]
    with pytest.raises(CommandError, match="slug used twice"):
        call_command("load_places", file=write(tmp_path, data))
