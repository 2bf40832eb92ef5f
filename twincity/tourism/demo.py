"""Demo content of the corridor: the travel section, the places of data/places.json in English
and Chinese, the first joint campaign ("A Tale of Two Cities", Hongyadong ↔ Kuanzhai Alleys,
from the seed article) and guidebooks.

Places are created or updated from the file on every run (idempotent): a page still marked as
demo content is brought in line with the file; a page an editor has taken over (demo mark
removed) is left alone, as are the campaign and guidebooks once they exist.
"""

import json
from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from pathlib import Path

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from twincity.core.cities import TWO_CITIES, City
from twincity.core.demo import ensure_index_page, translate_page

from .hours import check_hours
from .models import (
    Campaign,
    GuidebookPage,
    PlaceIndexPage,
    PlaceKind,
    PlacePage,
    TransportRole,
)
from .vocabulary import TAGS

DATA_FILE = Path(__file__).resolve().parent / "data" / "places.json"

TRAVEL_INDEX = {
    "en": {
        "title": "Bashu corridor",
        "intro": "Places to see, eat, stay and shop in Chengdu and Chongqing, the two ends of the "
        "Bashu Culture and Tourism Corridor, with their opening hours, what is near them "
        "and our guidebooks.",
    },
    "zh-hans": {
        "title": "巴蜀文旅走廊",
        "intro": "成都和重庆两地值得一游、品尝、住宿和购物的地方——巴蜀文化旅游走廊的两端，"
        "附开放时间、周边去处和我们的旅游指南。",
    },
}
LANGUAGE_FIELDS = {  # page field: (English key, Chinese key) in the data file
    "title": ("name_en", "name_zh"),
    "district": ("district_en", "district_zh"),
    "address": ("address_en", "address_zh"),
    "summary": ("summary_en", "summary_zh"),
}
REQUIRED_KEYS = {
    "slug", "name_en", "name_zh", "city", "district_en", "district_zh", "kind",
    "lat", "lon", "hours", "visit_minutes", "price_level", "tags",
    "summary_en", "summary_zh", "popularity",
}  # fmt: skip


class PlacesDataError(ValueError):
    """The places file breaks the data contract; the message names the place and the field."""


@dataclass
class LoadResult:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept: int = 0  # taken over by an editor


def read_places(path: Path = DATA_FILE) -> list[dict]:
    records = json.loads(path.read_text(encoding="utf-8"))
    if not isinstance(records, list):
        raise PlacesDataError(f"{path}: a JSON list of places is expected")
    slugs = set()
    for record in records:
        check_record(record)
        if record["slug"] in slugs:
            raise PlacesDataError(f"{record['slug']}: slug used twice")
        slugs.add(record["slug"])
    return records


def check_record(record: dict) -> None:
    slug = record.get("slug", "?")
    missing = REQUIRED_KEYS - set(record)
    if missing:
        raise PlacesDataError(f"{slug}: missing {', '.join(sorted(missing))}")
    if record["city"] not in TWO_CITIES:
        raise PlacesDataError(f"{slug}: unknown city {record['city']!r}")
    if record["kind"] not in PlaceKind.values:
        raise PlacesDataError(f"{slug}: unknown kind {record['kind']!r}")
    if record.get("transport_role", "") not in TransportRole.values:
        raise PlacesDataError(f"{slug}: unknown transport role {record['transport_role']!r}")
    unknown = set(record["tags"]) - set(TAGS)
    if unknown:
        raise PlacesDataError(f"{slug}: tags outside the vocabulary: {sorted(unknown)}")
    try:
        check_hours(record["hours"])
    except Exception as error:
        raise PlacesDataError(f"{slug}: hours: {error}") from error


def shared_fields(record: dict) -> dict:
    """The fields that are the same in both languages."""
    return {
        "name_en": record["name_en"],
        "name_zh": record["name_zh"],
        "city": record["city"],
        "kind": record["kind"],
        "transport_role": record.get("transport_role", ""),
        "latitude": Decimal(str(record["lat"])).quantize(Decimal("0.000001")),
        "longitude": Decimal(str(record["lon"])).quantize(Decimal("0.000001")),
        "hours": record["hours"],
        "visit_minutes": record["visit_minutes"],
        "price_level": record["price_level"],
        "tags": list(record["tags"]),
        "popularity": record["popularity"],
        "facts_checked_on": optional_date(record.get("checked_on")),
        "closed_since": optional_date((record.get("closure") or {}).get("since")),
    }


def optional_date(text: str | None) -> date | None:
    return date.fromisoformat(text) if text else None


def language_fields(record: dict, language: str) -> dict:
    index = 0 if language == "en" else 1
    fields = {field: record.get(keys[index], "") for field, keys in LANGUAGE_FIELDS.items()}
    closure = record.get("closure") or {}
    fields["closure_note"] = closure.get("note_en" if language == "en" else "note_zh", "")
    return fields


def update_page(page, fields: dict) -> bool:
    """Set the fields and publish a new revision if anything changed; True if it did."""
    changed = {name: value for name, value in fields.items() if getattr(page, name) != value}
    if not changed:
        return False
    for name, value in changed.items():
        setattr(page, name, value)
    page.save_revision().publish()
    return True


def add_live(parent, page: PlacePage) -> PlacePage:
    """A new demo page, live with one revision: the state publish() leaves, reached in a
    third of the time (publish validates and logs page by page; read_places has checked the
    whole file already). Loading a hundred places both ways then takes seconds, not a minute.
    """
    now = timezone.now()
    page.is_demo = True
    page.live = True
    page.first_published_at = page.last_published_at = now
    parent.add_child(instance=page)
    revision = page.save_revision(clean=False)
    page.live_revision = revision
    page.has_unpublished_changes = False
    page.save(update_fields=["live_revision", "has_unpublished_changes"], clean=False)
    return page


def load_place(index: PlaceIndexPage, record: dict, locales: dict[str, Locale]) -> str:
    """Create or update one place in both languages; returns what happened."""
    english_fields = {**shared_fields(record), **language_fields(record, "en")}
    chinese_fields = {**shared_fields(record), **language_fields(record, "zh-hans")}
    english = PlacePage.objects.filter(locale=locales["en"], slug=record["slug"]).first()
    if english is None:
        english = add_live(index, PlacePage(slug=record["slug"], **english_fields))
        chinese_index = index.get_translation(locales["zh-hans"])
        add_live(
            chinese_index,
            PlacePage(
                slug=record["slug"],
                locale=locales["zh-hans"],
                translation_key=english.translation_key,
                **chinese_fields,
            ),
        )
        return "created"
    if not english.is_demo:
        return "kept"
    changed = update_page(english, english_fields)
    chinese = english.get_translation_or_none(locales["zh-hans"])
    if chinese is None:
        translate_page(english, locales["zh-hans"], chinese_fields)
        return "updated"
    changed = update_page(chinese.specific, chinese_fields) or changed
    return "updated" if changed else "unchanged"


@transaction.atomic
def load_places(homes: dict, locales: dict[str, Locale], path: Path = DATA_FILE) -> LoadResult:
    records = read_places(path)
    index = travel_index(homes, locales)
    result = LoadResult()
    for record in records:
        outcome = load_place(index, record, locales)
        setattr(result, outcome, getattr(result, outcome) + 1)
    return result


def travel_index(homes: dict, locales: dict[str, Locale]) -> PlaceIndexPage:
    return ensure_index_page(homes, locales, PlaceIndexPage, "travel", TRAVEL_INDEX)


# --- The first campaign and the guidebooks ---------------------------------------------------

TALE_OF_TWO_CITIES = {
    "title_en": "A Tale of Two Cities",
    "title_zh": "双城记",
    "message_en": "Hongyadong in Chongqing and Kuanzhai Alleys in Chengdu build the Bashu "
    "Culture and Tourism Corridor together (agreement of 22 April 2020): each welcomes the "
    "other's visitors. The high-speed train takes you from one to the other in 1 h 5 min to "
    "1 h 30 min.",
    "message_zh": "重庆洪崖洞与成都宽窄巷子携手共建巴蜀文化旅游走廊（2020年4月22日签约）："
    "在这里，也欢迎您去另一座城市看看。乘高铁1小时5分至1小时30分即可到达。",
    "image_alt_en": "Drawing: the stilt houses of Hongyadong and the courtyard roofs of Kuanzhai "
    "Alleys, joined by a rail line.",
    "image_alt_zh": "示意图：洪崖洞的吊脚楼与宽窄巷子的院落屋顶，由一条铁路相连。",
}
CAMPAIGN_PARTNERS = ("kuanzhai-alleys", "hongyadong")
CAMPAIGN_DAYS = 365

GUIDEBOOKS = [
    {
        "slug": "guide-chengdu",
        "scope": City.CHENGDU,
        "en": {
            "title": "Chengdu guidebook",
            "intro": "Chengdu is slow on purpose: tea in the park, hotpot at night, pandas in the "
            "morning. This guide lists our best picks in each part of a visit.",
            "dining_intro": "Sichuan food is more than heat: try the numbing pepper (mala), "
            "but also the mild snacks of the old streets. Ask for “wei la” (a little spicy) "
            "if you are new to it.",
            "accommodation_intro": "Stay inside the second ring road, near a metro line: most "
            "sights are then 20 minutes away.",
            "shopping_intro": "Chunxi Road and Taikoo Li for brands, the old streets for tea, "
            "Shu brocade and pepper to take home.",
            "entertainment_intro": "An evening of Sichuan opera with face-changing, a tea house "
            "with ear-cleaning, a bar street by the river.",
            "transport_intro": "The metro covers the city; taxis and ride-hailing are cheap. "
            "Pay with Alipay or WeChat Pay, both accept foreign cards.",
        },
        "zh-hans": {
            "title": "成都旅游指南",
            "intro": "成都的慢是刻意的：公园里喝茶，夜里吃火锅，清晨看熊猫。本指南按旅途的各个方面列出我们的推荐。",
            "dining_intro": "川菜不只是辣：麻辣要尝，老街的小吃也别错过。第一次吃可以说“微辣”。",
            "accommodation_intro": "住在二环以内、地铁沿线，大多数景点二十分钟就能到。",
            "shopping_intro": "春熙路和太古里逛品牌，老街买茶叶、蜀锦和花椒带回家。",
            "entertainment_intro": "看一场有变脸的川剧，去茶馆采耳，或到河边的酒吧街坐坐。",
            "transport_intro": "地铁覆盖全城，出租车和网约车也不贵。支付宝和微信支付都能绑定境外银行卡。",
        },
    },
    {
        "slug": "guide-chongqing",
        "scope": City.CHONGQING,
        "en": {
            "title": "Chongqing guidebook",
            "intro": "Chongqing is a city of hills and rivers, best seen at night from a bridge, "
            "a cable car or the river bank. This guide lists our best picks.",
            "dining_intro": "Hotpot with beef tallow is the city's dish; mornings start with a bowl "
            "of Chongqing noodles (xiaomian).",
            "accommodation_intro": "Yuzhong peninsula puts you between the two rivers, within "
            "walking distance of Jiefangbei and Hongyadong.",
            "shopping_intro": "Jiefangbei's pedestrian streets and Guanyinqiao for shopping; "
            "Ciqikou for crafts and snacks.",
            "entertainment_intro": "A Yangtze night cruise, the cable car across the river, and "
            "the lights of Hongyadong.",
            "transport_intro": "Monorail and metro lines climb the hills (Line 2 runs through a "
            "building at Liziba). Maps show the street, not the floor: allow time for stairs.",
        },
        "zh-hans": {
            "title": "重庆旅游指南",
            "intro": "重庆是山与江的城市，夜里从桥上、索道上或江边看最美。本指南列出我们的推荐。",
            "dining_intro": "牛油火锅是这座城市的招牌；早上从一碗重庆小面开始。",
            "accommodation_intro": "住在渝中半岛，两江之间，步行就能到解放碑和洪崖洞。",
            "shopping_intro": "解放碑步行街和观音桥逛街购物；磁器口买手工艺品和小吃。",
            "entertainment_intro": "夜游长江、乘长江索道过江，再看洪崖洞的灯火。",
            "transport_intro": "轻轨和地铁在山城上下穿行（2号线在李子坝穿楼而过）。地图只显示街道不显示楼层，留出爬坡上坎的时间。",
        },
    },
    {
        "slug": "guide-tale-of-two-cities",
        "scope": City.BOTH,
        "campaign": True,
        "en": {
            "title": "A Tale of Two Cities: guidebook",
            "intro": "Hongyadong and Kuanzhai Alleys invite you to see both ends of the Bashu "
            "corridor. Here is what to eat, where to stay, shop and go out, and how to get "
            "between the two cities.",
            "dining_intro": "Two cuisines, one family: Chengdu's is subtler, Chongqing's bolder. "
            "Eat hotpot in both and decide.",
            "accommodation_intro": "One night near Kuanzhai Alleys, one on Yuzhong peninsula: "
            "each is a short walk from the partner sight.",
            "shopping_intro": "Tea and brocade in Chengdu, spices and hotpot base in Chongqing.",
            "entertainment_intro": "Sichuan opera in Chengdu, the river at night in Chongqing.",
            "transport_intro": "Take the high-speed train between the cities and the metro in each.",
        },
        "zh-hans": {
            "title": "双城记：旅游指南",
            "intro": "洪崖洞与宽窄巷子邀您走完巴蜀走廊的两端。吃什么、住哪里、买什么、玩什么，以及两城之间怎么走，都在这里。",
            "dining_intro": "同宗的两种口味：成都细腻，重庆豪爽。两边的火锅都吃一次，再下结论。",
            "accommodation_intro": "一晚住宽窄巷子附近，一晚住渝中半岛：离两个景点都只有几步路。",
            "shopping_intro": "成都买茶叶和蜀锦，重庆买香料和火锅底料。",
            "entertainment_intro": "成都看川剧，重庆夜游两江。",
            "transport_intro": "两城之间坐高铁，城里坐地铁。",
        },
    },
]


def ensure_campaign(locales: dict[str, Locale]) -> Campaign | None:
    """The seed article's campaign, running for a year from its creation; None if the data
    has not both partners."""
    partners = {
        page.slug: page
        for page in PlacePage.objects.filter(locale=locales["en"], slug__in=CAMPAIGN_PARTNERS)
    }
    if len(partners) < 2:
        return None
    campaign = Campaign.objects.filter(title_en=TALE_OF_TWO_CITIES["title_en"]).first()
    if campaign is None:
        from twincity.core.demo_images import demo_image

        today = timezone.localdate()
        campaign = Campaign.objects.create(
            chengdu_place=partners["kuanzhai-alleys"],
            chongqing_place=partners["hongyadong"],
            starts_on=today,
            ends_on=today + timedelta(days=CAMPAIGN_DAYS),
            image=demo_image("corridor")[0],
            **TALE_OF_TWO_CITIES,
        )
    return campaign


def ensure_guidebooks(index: PlaceIndexPage, locales, campaign: Campaign | None) -> None:
    for guide in GUIDEBOOKS:
        existing = GuidebookPage.objects.filter(locale=locales["en"], slug=guide["slug"]).first()
        if existing is not None:
            if guide.get("campaign") and campaign and existing.is_demo and not existing.campaign:
                # Made before the places (and so the campaign) were there: link it now.
                for page in [existing, *existing.get_translations()]:
                    update_page(page.specific, {"campaign": campaign})
            continue
        english = index.add_child(
            instance=GuidebookPage(
                slug=guide["slug"],
                scope=guide["scope"],
                campaign=campaign if guide.get("campaign") else None,
                is_demo=True,
                **guide["en"],
            )
        )
        english.save_revision().publish()
        translate_page(english, locales["zh-hans"], guide["zh-hans"])


@transaction.atomic
def load_tourism(homes: dict, locales: dict[str, Locale], path: Path = DATA_FILE) -> LoadResult:
    """Everything above; without a places file only the travel section and guidebooks."""
    result = load_places(homes, locales, path) if path.exists() else LoadResult()
    campaign = ensure_campaign(locales)
    ensure_guidebooks(travel_index(homes, locales), locales, campaign)
    return result
