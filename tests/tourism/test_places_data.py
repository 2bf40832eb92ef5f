"""Strict checks of the shared places data, twincity/tourism/data/places.json.

The file is the contract between the data, the web pages and the trip planner (see
twincity/tourism/data/README.md). These tests need no database: they read the JSON directly,
check its shape, and check its coordinates against facts of geography that are known
independently of the file (published airport reference points, distances between landmarks).
"""

import json
import math
import re
from collections import Counter
from datetime import date
from pathlib import Path

import pytest

from twincity.tourism.geo import gcj02_to_wgs84, wgs84_to_gcj02

DATA_FILE = Path(__file__).resolve().parents[2] / "twincity" / "tourism" / "data" / "places.json"

FIELDS = {
    "slug": str,
    "name_en": str,
    "name_zh": str,
    "city": str,
    "district_en": str,
    "district_zh": str,
    "address_en": str,
    "address_zh": str,
    "kind": str,
    "transport_role": str,
    "lat": float,
    "lon": float,
    "hours": dict,
    "visit_minutes": int,
    "price_level": int,
    "tags": list,
    "summary_en": str,
    "summary_zh": str,
    "popularity": int,
    "checked_on": str,
    "closure": (dict, type(None)),
}
KINDS = {"attraction", "dining", "accommodation", "shopping", "entertainment", "transport"}
TRANSPORT_ROLES = {"hsr_station", "airport", "metro_hub"}
WEEKDAYS = ["mon", "tue", "wed", "thu", "fri", "sat", "sun"]
# The vocabulary as the schema states it; test_vocabulary_matches_the_code keeps the
# application's copy (twincity/tourism/vocabulary.py) in step with it.
TAGS = {
    "hotpot", "sichuan-cuisine", "chongqing-noodles", "snacks", "tea-house", "night-view",
    "history", "culture", "museum", "art", "pandas", "nature", "park", "temple", "river",
    "mountain", "architecture", "shopping-street", "mall", "market", "nightlife", "opera",
    "family", "food-street", "cable-car", "old-town",
}  # fmt: skip
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
TIME = re.compile(r"^(\d{2}):([0-5]\d)$")
CJK = re.compile(r"[\u3400-\u4dbf\u4e00-\u9fff]")

# Districts of each city with a generous WGS-84 box (min lat, max lat, min lon, max lon) around
# each: coarse, but enough to catch a place put in the wrong district or the wrong city.
DISTRICTS = {
    "chengdu": {
        "Qingyang": ("青羊区", (30.62, 30.71, 103.95, 104.08)),
        "Jinjiang": ("锦江区", (30.55, 30.68, 104.06, 104.20)),
        "Wuhou": ("武侯区", (30.55, 30.67, 103.98, 104.12)),
        "Chenghua": ("成华区", (30.63, 30.78, 104.07, 104.20)),
        "Jinniu": ("金牛区", (30.66, 30.78, 103.95, 104.12)),
        "Longquanyi": ("龙泉驿区", (30.45, 30.75, 104.20, 104.50)),
        "Shuangliu": ("双流区", (30.20, 30.65, 103.75, 104.15)),
        "Dujiangyan": ("都江堰市", (30.75, 31.30, 103.30, 103.80)),
        "Dayi": ("大邑县", (30.40, 30.80, 103.20, 103.70)),
        "Jianyang": ("简阳市", (30.10, 30.60, 104.25, 104.90)),
    },
    "chongqing": {
        "Yuzhong": ("渝中区", (29.53, 29.575, 106.49, 106.595)),
        "Jiangbei": ("江北区", (29.56, 29.70, 106.48, 106.85)),
        "Nan'an": ("南岸区", (29.45, 29.62, 106.55, 106.80)),
        "Shapingba": ("沙坪坝区", (29.45, 29.80, 106.25, 106.50)),
        "Jiulongpo": ("九龙坡区", (29.25, 29.56, 106.10, 106.56)),
        "Yubei": ("渝北区", (29.58, 30.10, 106.45, 106.95)),
        "Dazu": ("大足区", (29.45, 29.95, 105.50, 106.05)),
    },
}
# The boxes the brief sets for each city; Chongqing's is the main urban area, and a few day
# trips (Dazu) may lie elsewhere in the municipality.
CITY_BOX = {"chengdu": (30.0, 31.5, 102.9, 104.9), "chongqing": (29.2, 30.0, 106.2, 106.9)}
CHONGQING_MUNICIPALITY = (28.1, 32.3, 105.2, 110.2)
MAX_CHONGQING_OUTSIDE_MAIN_AREA = 3

REQUIRED = {
    "chengdu": {
        "kuanzhai-alleys": "attraction",
        "chengdu-east-railway-station": "hsr_station",
        "chengdu-railway-station": "hsr_station",
        "chengdu-south-railway-station": "hsr_station",
        "chengdu-shuangliu-airport": "airport",
        "chengdu-tianfu-airport": "airport",
    },
    "chongqing": {
        "hongyadong": "attraction",
        "chongqing-north-railway-station": "hsr_station",
        "chongqing-west-railway-station": "hsr_station",
        "shapingba-railway-station": "hsr_station",
        "chongqing-jiangbei-airport": "airport",
    },
}


def haversine_km(a: dict, b: dict) -> float:
    lat1, lon1, lat2, lon2 = map(math.radians, (a["lat"], a["lon"], b["lat"], b["lon"]))
    h = (
        math.sin((lat2 - lat1) / 2) ** 2
        + math.cos(lat1) * math.cos(lat2) * math.sin((lon2 - lon1) / 2) ** 2
    )
    return 2 * 6371.0088 * math.asin(math.sqrt(h))


def bearing_deg(a: dict, b: dict) -> float:
    """Initial compass bearing from a to b, 0 = north, 90 = east."""
    lat1, lat2 = math.radians(a["lat"]), math.radians(b["lat"])
    dlon = math.radians(b["lon"] - a["lon"])
    y = math.sin(dlon) * math.cos(lat2)
    x = math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon)
    return math.degrees(math.atan2(y, x)) % 360


def minutes(text: str) -> int:
    match = TIME.match(text)
    assert match, f"not HH:MM: {text!r}"
    return int(match.group(1)) * 60 + int(match.group(2))


@pytest.fixture(scope="module")
def places() -> list[dict]:
    return json.loads(DATA_FILE.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def by_slug(places) -> dict[str, dict]:
    return {place["slug"]: place for place in places}


def problems_of(places, check) -> list[str]:
    """Runs check(place) -> list of problems on every place; one readable failure for all."""
    return [f"{place.get('slug')}: {problem}" for place in places for problem in check(place)]


# --- shape -----------------------------------------------------------------------------------


def test_the_file_is_a_list_sorted_by_city_then_slug(places):
    assert isinstance(places, list) and places
    keys = [(place["city"], place["slug"]) for place in places]
    assert keys == sorted(keys)


def test_every_place_has_exactly_the_schema_fields_with_their_types(places):
    def check(place):
        found = []
        if set(place) != set(FIELDS):
            found.append(f"fields differ: {sorted(set(place) ^ set(FIELDS))}")
        for field, kind in FIELDS.items():
            value = place.get(field)
            # bool is an int in Python; JSON true/false must not pass for a number.
            if isinstance(value, bool) or not isinstance(value, kind):
                found.append(f"{field} is {type(value).__name__}, not {kind}")
        return found

    assert problems_of(places, check) == []


def test_slugs_are_unique_lowercase_ascii_with_hyphens(places):
    slugs = [place["slug"] for place in places]
    assert [slug for slug, n in Counter(slugs).items() if n > 1] == []
    assert [slug for slug in slugs if not SLUG.match(slug)] == []


def test_city_kind_and_transport_role_are_consistent(places):
    def check(place):
        found = []
        if place["city"] not in CITY_BOX:
            found.append(f"unknown city {place['city']!r}")
        if place["kind"] not in KINDS:
            found.append(f"unknown kind {place['kind']!r}")
        role = place["transport_role"]
        if place["kind"] == "transport" and role not in TRANSPORT_ROLES:
            found.append(f"transport without a valid role: {role!r}")
        if place["kind"] != "transport" and role != "":
            found.append(f"role {role!r} on a {place['kind']}")
        return found

    assert problems_of(places, check) == []


def test_numbers_are_in_range(places):
    def check(place):
        found = []
        if not 1 <= place["popularity"] <= 5:
            found.append(f"popularity {place['popularity']}")
        if not 0 <= place["price_level"] <= 4:
            found.append(f"price_level {place['price_level']}")
        if not 5 <= place["visit_minutes"] <= 480:
            found.append(f"visit_minutes {place['visit_minutes']}")
        if place["kind"] == "dining" and not 20 <= place["visit_minutes"] <= 120:
            found.append(f"a meal of {place['visit_minutes']} minutes")
        for axis in ("lat", "lon"):
            if round(place[axis], 6) != place[axis]:
                found.append(f"{axis} {place[axis]} has more than 6 decimals")
        return found

    assert problems_of(places, check) == []


def test_tags_come_from_the_vocabulary_without_repeats(places):
    def check(place):
        tags = place["tags"]
        found = [f"unknown tag {tag!r}" for tag in tags if tag not in TAGS]
        if len(set(tags)) != len(tags):
            found.append("repeated tag")
        return found

    assert problems_of(places, check) == []


def test_vocabulary_matches_the_code():
    from twincity.tourism.vocabulary import TAGS as CODE_TAGS

    assert set(CODE_TAGS) == TAGS


# --- opening hours ---------------------------------------------------------------------------


def test_hours_have_seven_days_of_well_formed_sorted_intervals(places):
    def check(place):
        hours = place["hours"]
        if list(hours) != WEEKDAYS:
            return [f"weekdays {list(hours)}"]
        found = []
        for day, intervals in hours.items():
            previous_close = -1
            for interval in intervals:
                if not (isinstance(interval, list) and len(interval) == 2):
                    found.append(f"{day}: interval {interval!r} is not [open, close]")
                    continue
                start, end = minutes(interval[0]), minutes(interval[1])
                if not start < end <= 48 * 60:
                    found.append(f"{day}: {interval} is not open < close <= 48:00")
                if start >= 24 * 60:
                    found.append(f"{day}: {interval} opens after the day ends")
                if start < previous_close:
                    found.append(f"{day}: {interval} overlaps or is out of order")
                previous_close = end
        if not any(hours.values()):
            found.append("never open")
        return found

    assert problems_of(places, check) == []


def test_airports_never_close_and_museums_rest_on_mondays_as_posted(by_slug):
    all_day = [["00:00", "24:00"]]
    for slug in (
        "chengdu-shuangliu-airport",
        "chengdu-tianfu-airport",
        "chongqing-jiangbei-airport",
    ):
        assert all(day == all_day for day in by_slug[slug]["hours"].values()), slug
    # The state museums of both cities close on Mondays; the data must say so.
    for slug in ("sichuan-museum", "chengdu-museum", "three-gorges-museum"):
        hours = by_slug[slug]["hours"]
        assert hours["mon"] == [] and all(hours[day] for day in WEEKDAYS[1:]), slug


# --- texts -----------------------------------------------------------------------------------


def test_english_texts_are_english_and_chinese_texts_are_chinese(places):
    def check(place):
        found = []
        for field in ("name_en", "district_en", "address_en", "summary_en"):
            if not place[field].strip():
                found.append(f"{field} empty")
            if CJK.search(place[field]):
                found.append(f"{field} has Chinese characters")
        for field in ("name_zh", "district_zh", "address_zh", "summary_zh"):
            letters = [c for c in place[field] if c.isalpha()]
            chinese = [c for c in letters if CJK.match(c)]
            # Latin letters are allowed (IFS, 重庆JW万豪酒店), but Chinese must dominate.
            least = 0.6 if field == "name_zh" else 0.8
            if not letters or len(chinese) / len(letters) < least:
                found.append(f"{field} is not mostly Chinese")
        return found

    assert problems_of(places, check) == []


def test_summaries_are_two_or_three_sentences_in_each_language(places):
    def check(place):
        english = len(re.findall(r"[\w)'’][.!?](?:\s|$)", place["summary_en"]))
        chinese = len(re.findall(r"[。！？]", place["summary_zh"]))
        found = []
        if not 2 <= english <= 4:  # 4 leaves room for an abbreviation such as "p.m."
            found.append(f"{english} English sentences")
        if not 2 <= chinese <= 3:
            found.append(f"{chinese} Chinese sentences")
        if len(place["summary_en"]) < 80 or len(place["summary_zh"]) < 30:
            found.append("summary too short to help a tourist")
        return found

    assert problems_of(places, check) == []


# --- coverage of each city -------------------------------------------------------------------


@pytest.mark.parametrize("city", ["chengdu", "chongqing"])
def test_each_city_has_enough_places_of_every_kind(places, city):
    kinds = Counter(place["kind"] for place in places if place["city"] == city)
    assert sum(kinds.values()) >= 60
    assert kinds["attraction"] >= 20
    assert kinds["dining"] >= 10
    assert kinds["accommodation"] >= 5
    assert kinds["shopping"] >= 5
    assert kinds["entertainment"] >= 4
    roles = Counter(p["transport_role"] for p in places if p["city"] == city)
    assert roles["hsr_station"] >= 2 and roles["airport"] >= 1 and roles["metro_hub"] >= 2


@pytest.mark.parametrize("city", ["chengdu", "chongqing"])
def test_each_city_has_its_landmarks_stations_and_airports(by_slug, city):
    for slug, role in REQUIRED[city].items():
        assert slug in by_slug, slug
        place = by_slug[slug]
        assert place["city"] == city
        assert role in (place["kind"], place["transport_role"]), slug


# --- geography -------------------------------------------------------------------------------


def test_places_lie_in_their_city_and_stated_district(places):
    def check(place):
        city = place["city"]
        districts = DISTRICTS.get(city, {})
        if place["district_en"] not in districts:
            return [f"{place['district_en']!r} is not a district of {city} we know"]
        district_zh, (lat0, lat1, lon0, lon1) = districts[place["district_en"]]
        found = []
        if place["district_zh"] != district_zh:
            found.append(f"district_zh {place['district_zh']!r} != {district_zh!r}")
        if not (lat0 <= place["lat"] <= lat1 and lon0 <= place["lon"] <= lon1):
            found.append(f"({place['lat']}, {place['lon']}) outside {place['district_en']}")
        if district_zh not in place["address_zh"]:
            found.append("address_zh does not name the district")
        return found

    assert problems_of(places, check) == []


def inside(place, box) -> bool:
    lat0, lat1, lon0, lon1 = box
    return lat0 <= place["lat"] <= lat1 and lon0 <= place["lon"] <= lon1


def test_places_lie_inside_their_city_box(places):
    chengdu = [p for p in places if p["city"] == "chengdu"]
    chongqing = [p for p in places if p["city"] == "chongqing"]
    assert [p["slug"] for p in chengdu if not inside(p, CITY_BOX["chengdu"])] == []
    outside = [p for p in chongqing if not inside(p, CITY_BOX["chongqing"])]
    assert len(outside) <= MAX_CHONGQING_OUTSIDE_MAIN_AREA, [p["slug"] for p in outside]
    assert [p["slug"] for p in outside if not inside(p, CHONGQING_MUNICIPALITY)] == []
    # A day trip outside the main area must be labelled as one: a long visit.
    assert [p["slug"] for p in outside if p["visit_minutes"] < 180] == []


def test_known_distances_between_landmarks(by_slug):
    def km(a, b):
        return haversine_km(by_slug[a], by_slug[b])

    # Kuanzhai Alleys lie about 1.5 km north-west of Tianfu Square.
    assert 1.0 <= km("kuanzhai-alleys", "tianfu-square") <= 2.5
    assert 270 <= bearing_deg(by_slug["tianfu-square"], by_slug["kuanzhai-alleys"]) <= 340
    # Hongyadong is on the Jialing bank, a short walk north of Jiefangbei.
    assert km("hongyadong", "jiefangbei") < 1.5
    assert by_slug["hongyadong"]["lat"] > by_slug["jiefangbei"]["lat"]
    # The two high-speed rail hubs, about 255-270 km apart as the crow flies.
    assert 250 <= km("chengdu-east-railway-station", "chongqing-north-railway-station") <= 300
    # Jinli runs along the east wall of the Wuhou Shrine.
    assert km("jinli", "wuhou-shrine") < 0.6
    assert by_slug["jinli"]["lon"] > by_slug["wuhou-shrine"]["lon"]
    # The Great Hall of the People faces the Three Gorges Museum across People's Square.
    assert km("great-hall-of-the-people", "three-gorges-museum") < 0.6
    # The panda base is about 10 km north-east of the centre.
    assert 7 <= km("tianfu-square", "giant-panda-base") <= 15
    assert 20 <= bearing_deg(by_slug["tianfu-square"], by_slug["giant-panda-base"]) <= 70
    # Shuangliu airport is about 16 km south-west, Tianfu airport about 50 km south-east.
    assert 10 <= km("tianfu-square", "chengdu-shuangliu-airport") <= 20
    assert 40 <= km("tianfu-square", "chengdu-tianfu-airport") <= 60
    # Jiangbei airport is about 20 km north of the peninsula; Ciqikou about 13 km west.
    assert 15 <= km("jiefangbei", "chongqing-jiangbei-airport") <= 25
    assert 10 <= km("jiefangbei", "ciqikou") <= 16
    # The Yangtze cableway's north station is on the peninsula's southern (Yangtze) shore,
    # Hongyadong on its northern (Jialing) shore.
    assert by_slug["yangtze-river-cableway"]["lat"] < by_slug["hongyadong"]["lat"]


# The aerodrome reference points published in China's AIP, which is in WGS-84.
AIRPORT_REFERENCE_POINTS = {
    "chengdu-shuangliu-airport": (30.5786, 103.9469),
    "chengdu-tianfu-airport": (30.3125, 104.4411),
    "chongqing-jiangbei-airport": (29.7192, 106.6417),
}


@pytest.mark.parametrize("slug", sorted(AIRPORT_REFERENCE_POINTS))
def test_airports_are_in_wgs84_not_in_a_shifted_chinese_datum(by_slug, slug):
    lat, lon = AIRPORT_REFERENCE_POINTS[slug]
    published = {"lat": lat, "lon": lon}
    gcj_lat, gcj_lon = wgs84_to_gcj02(lat, lon)
    shifted = {"lat": gcj_lat, "lon": gcj_lon}
    # GCJ-02 moves points here by about half a kilometre, so 0.25 km tells the two apart.
    assert haversine_km(published, shifted) > 0.35
    assert haversine_km(by_slug[slug], published) < 0.25


def test_the_gcj02_inverse_round_trips_on_every_place(places):
    def check(place):
        gcj = wgs84_to_gcj02(place["lat"], place["lon"])
        offset = haversine_km(place, {"lat": gcj[0], "lon": gcj[1]})
        back_lat, back_lon = gcj02_to_wgs84(*gcj)
        found = []
        if not 0.2 <= offset <= 0.8:  # the size of the offset in Sichuan and Chongqing
            found.append(f"GCJ-02 offset of {offset:.3f} km")
        if abs(back_lat - place["lat"]) > 1e-7 or abs(back_lon - place["lon"]) > 1e-7:
            found.append("GCJ-02 inverse does not round-trip")
        return found

    assert problems_of(places, check) == []


def test_no_two_places_share_a_point(places):
    # Distinct venues may be neighbours, but two identical points mean a copied coordinate.
    points = Counter((place["lat"], place["lon"]) for place in places)
    assert [point for point, n in points.items() if n > 1] == []


def test_every_place_says_when_its_facts_were_checked(places):
    def check(place):
        checked = date.fromisoformat(place["checked_on"])
        # Checked since the file was written (November 2026), and not in the future.
        return [] if date(2026, 11, 1) <= checked <= date.today() else [f"checked {checked}"]

    assert problems_of(places, check) == []


def test_a_closed_place_says_since_when_and_why_in_both_languages(places):
    def check(place):
        closure = place["closure"]
        if closure is None:
            return []
        found = [] if set(closure) == {"since", "note_en", "note_zh"} else [f"{sorted(closure)}"]
        if date.fromisoformat(closure["since"]) > date.fromisoformat(place["checked_on"]):
            found.append("closed after it was checked")
        return found + [f"no {key}" for key in ("note_en", "note_zh") if not closure.get(key)]

    assert problems_of(places, check) == []
    closed = {place["slug"] for place in places if place["closure"]}
    # Chengdu's old main station has taken no passengers since October 2022 (rebuilding).
    assert "chengdu-railway-station" in closed
