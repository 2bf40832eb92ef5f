"""The bilingual vocabulary: its data files, its look-ups, and that it knows the demo data."""

import json
import re
from collections import defaultdict
from pathlib import Path

import pytest
from django.utils import translation

from twincity.core import vocabulary
from twincity.core.vocabulary import (
    DISTRICTS,
    INDUSTRIES,
    MAJORS,
    PLACE_TAGS,
    SKILLS,
    VOCABULARIES,
    Term,
    Vocabulary,
    VocabularyError,
    fold,
)

ROOT = Path(__file__).resolve().parents[2]
HAN = re.compile(r"[\u3400-\u9fff]")
KEY = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


def records(slug: str) -> list[dict]:
    return json.loads((vocabulary.DATA / f"{slug}.json").read_text(encoding="utf-8"))


# --- The data files ---------------------------------------------------------------------------


@pytest.mark.parametrize("slug", sorted(VOCABULARIES))
def test_every_term_has_a_key_and_both_names(slug):
    for record in records(slug):
        assert KEY.match(record["key"]), record
        assert record["en"] and not HAN.search(record["en"]), record
        # Chinese, but for names that Chinese writes in Latin letters too (Excel, Python).
        assert HAN.search(record["zh"]) or record["zh"] == record["en"], record
        assert set(record) <= {"key", "en", "zh", "aliases", "city"}, record


@pytest.mark.parametrize("slug", sorted(VOCABULARIES))
def test_no_spelling_belongs_to_two_terms(slug):
    # Read from the file, not through the loader, which would refuse to start anyway.
    keys_by_spelling = defaultdict(set)
    for record in records(slug):
        for spelling in (record["key"], record["en"], record["zh"], *record.get("aliases", [])):
            keys_by_spelling[fold(spelling)].add(record["key"])
    assert {s: keys for s, keys in keys_by_spelling.items() if len(keys) > 1} == {}
    assert len({record["key"] for record in records(slug)}) == len(records(slug))


def test_a_vocabulary_that_contradicts_itself_is_refused():
    with pytest.raises(VocabularyError, match="spells both"):
        Vocabulary("test", (Term("a", "Alpha", "甲", ("first",)), Term("b", "First", "乙")))
    with pytest.raises(VocabularyError, match="needs both names"):
        Vocabulary("test", (Term("a", "Alpha", ""),))


def test_every_district_belongs_to_one_of_the_two_cities():
    assert {term.city for term in DISTRICTS} == {"chengdu", "chongqing"}


def test_the_place_tags_are_the_tourism_vocabulary():
    from twincity.tourism.vocabulary import TAGS

    assert list(TAGS) == [term.key for term in PLACE_TAGS]
    with translation.override("zh-hans"):
        assert str(TAGS["hotpot"]) == "火锅"
    assert str(TAGS["hotpot"]) == "Hotpot"


# --- Look-ups -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("vocabulary_", "spellings", "key"),
    [
        (
            DISTRICTS,
            ["Liangjiang", "两江新区", "两江", "liangjiang new area", "LIANGJIANG"],
            "liangjiang",
        ),
        (DISTRICTS, ["Nan'an", "Nanan", "南岸区", "南岸", "Nan’an District"], "nanan"),
        (INDUSTRIES, ["logistics", "Logistics", "物流", "物流业", "supply-chain"], "logistics"),
        (INDUSTRIES, ["it", "IT", "信息技术", "Information technology"], "it"),
        (
            MAJORS,
            ["物流管理", "Logistics management", "logistics mgmt", "现代物流管理"],
            "logistics-management",
        ),
        (SKILLS, ["WMS系统", "WMS 系统", "wms", "ＷＭＳ系统"], "wms"),
        (SKILLS, ["PLC编程", "plc 编程", "PLC programming"], "plc-programming"),
    ],
)
def test_any_spelling_finds_the_term(vocabulary_, spellings, key):
    assert {vocabulary_.key(spelling) for spelling in spellings} == {key}


def test_a_value_is_named_in_the_language_asked_or_shown_as_it_is():
    assert DISTRICTS.name("Liangjiang", "zh-hans") == "两江新区"
    assert DISTRICTS.name("渝中区", "en") == "Yuzhong"
    assert INDUSTRIES.name("investment promotion", "zh-hans") == "投资促进"
    assert MAJORS.name("Logistics management", "zh-hans") == "物流管理"
    assert MAJORS.name("Underwater basket weaving", "zh-hans") == "Underwater basket weaving"
    assert MAJORS.key("Underwater basket weaving") is None
    assert MAJORS.name("", "en") == "" and MAJORS.key("") is None
    with translation.override("zh-hans"):
        assert INDUSTRIES.name("logistics") == "物流"  # the active language by default


def test_names_of_a_list_keep_its_order_and_show_a_term_once():
    assert SKILLS.names(["叉车", "Excel", "forklift", "welding"], "en") == [
        "Forklift driving",
        "Excel",
        "Welding",
    ]


def test_canonical_forms_meet_across_languages_and_free_text_still_meets_itself():
    assert MAJORS.canonical("Logistics management") == MAJORS.canonical("物流管理")
    assert MAJORS.canonical("Basket  Weaving") == MAJORS.canonical("basket weaving")
    assert MAJORS.canonical("Basket weaving") != MAJORS.canonical("物流管理")


def test_spellings_widen_a_known_value_and_keep_an_unknown_one():
    assert {"Liangjiang", "两江新区", "liangjiang"} <= set(DISTRICTS.spellings("两江"))
    assert DISTRICTS.spellings(" Atlantis ") == ["Atlantis"]


def test_choices_are_named_in_the_language_and_narrow_to_a_city():
    chongqing = dict(DISTRICTS.choices("zh-hans", city="chongqing"))
    assert chongqing["yuzhong"] == "渝中区" and "jinjiang" not in chongqing
    assert dict(INDUSTRIES.choices("en"))["it"] == "Information technology"


# --- The demo data only uses known terms ----------------------------------------------------------


def unknown(vocabulary_: Vocabulary, values) -> set[str]:
    return {value for value in values if value and vocabulary_.key(value) is None}


def test_the_directory_demo_uses_known_districts_and_industries():
    data = json.loads((ROOT / "twincity/directory/data/directory.json").read_text("utf-8"))
    organisations = [
        organisation
        for part in ("founders", "member_schools", "member_associations", "other_organisations")
        for organisation in data[part]
    ]
    assert unknown(DISTRICTS, (o.get("district") for o in organisations)) == set()
    assert unknown(INDUSTRIES, (o.get("industry") for o in organisations)) == set()


def test_the_job_fair_demo_uses_known_terms():
    from twincity.talent import demo
    from twincity.talent.models import Industry

    jobs = [job for jobs in demo.JOBS.values() for job in jobs]
    assert unknown(DISTRICTS, (d for ds in demo.DISTRICTS.values() for d in ds)) == set()
    assert unknown(INDUSTRIES, Industry.values) == set()
    assert unknown(MAJORS, (major for job in jobs for major in job.majors)) == set()
    assert unknown(SKILLS, (skill for job in jobs for skill in job.skills)) == set()
    certificates = (c for job in jobs for c in job.certificates)
    assert unknown(vocabulary.CERTIFICATES, certificates) == set()
    for city, districts in demo.DISTRICTS.items():
        assert {DISTRICTS.term(district).city for district in districts} == {city}


@pytest.mark.parametrize(
    "places_file", ["twincity/tourism/data/places.json", "tests/tourism/fixtures/places.json"]
)
def test_the_places_use_known_districts_of_their_city_and_known_tags(places_file):
    places = json.loads((ROOT / places_file).read_text("utf-8"))
    for place in places:
        english, chinese = (
            DISTRICTS.term(place["district_en"]),
            DISTRICTS.term(place["district_zh"]),
        )
        assert english is not None and english is chinese, place["slug"]
        assert english.city == place["city"], place["slug"]
        # The data's names are the vocabulary's, so that pages show the same either way.
        assert (english.en, english.zh) == (place["district_en"], place["district_zh"])
    assert unknown(PLACE_TAGS, (tag for place in places for tag in place["tags"])) == set()


def test_the_term_select_writes_the_html_djangos_select_writes():
    """TermSelect renders in Python what Django's templates render (faster, the same bytes
    but for line breaks): the chosen term selected, the field's attributes kept."""
    import re

    from django import forms

    from twincity.core.vocabulary import DISTRICTS
    from twincity.core.vocabulary_forms import TermChoiceField

    choices = [("", "All"), *DISTRICTS.choices()]

    class Filters(forms.Form):
        district = TermChoiceField(vocabulary=DISTRICTS, choices=choices, required=True)

    def normalised(html: str) -> str:
        return re.sub(r">\s+<", "><", html.strip())

    form = Filters({"district": "渝中区"}, auto_id="id_%s")
    ours = str(form["district"])
    form.fields["district"].widget = forms.Select(choices=choices)
    djangos = str(form["district"])
    assert normalised(ours) == normalised(djangos)
    assert '<option value="yuzhong" selected>' in ours and "required" in ours
