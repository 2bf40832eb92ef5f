"""Pictures for the demo content: the team's SVG illustrations (core/data/illustrations) on
the home page's banner, the news articles, the events and the places that have none yet.

Run by load_demo after the apps' loaders; what an editor has chosen is never replaced. A page's
live row and its latest revision both get the picture, so that the next edit in the admin keeps
it without a round of publishing for every page of the demo.
"""

from django.db import transaction
from wagtail.models import Page

from twincity.core.demo_images import illustration, illustration_texts
from twincity.events.models import EventPage
from twincity.news.models import NewsArticlePage
from twincity.tourism.models import PlaceKind, PlacePage

from .models import HomePage

NEWS = {
    "chengdu-chongqing-ramp-up-cooperation": "cooperation",
    "vocational-group-school-industry-projects": "workshop",
    "job-fair-2100-posts-for-graduates": "job-fair",
    "bullet-trains-one-hour-between-cities": "bullet-train",
    "hotpot-and-sichuan-cuisine-festivals-open": "hotpot",
    "chengdu-booth-western-china-tourism-expo": "exhibition-hall",
    "hongyadong-tale-of-two-cities-week": "hongyadong",
    "two-city-guidebook-published": "kuanzhai-alleys",
    "next-day-parcel-delivery-cold-chain": "logistics",
    "jiefangbei-chunxi-road-shoppers": "chongqing-skyline",
    "ciqikou-people-park-teahouses": "teahouse",
    "giant-panda-fans-visit-both-cities": "pandas",
    "jointly-organised-trade-shows-conferences": "exhibition-hall",
    "economic-circle-outline-plan-published": "industrial-park",
    "sichuan-chongqing-tongban-government-services": "chengdu-skyline",
    "smart-warehousing-skills-contest": "logistics",
    "portal-opens-bilingual-events-calendar": "chaotianmen-bridge",
}
EVENTS = {
    "seminar": "workshop",
    "expo": "exhibition-hall",
    "conference": "exhibition-hall",
    "festival": "festival",
    "ceremony": "cooperation",
    "job_fair": "job-fair",
}
PLACES = {  # by slug first, then by kind and city
    "hongyadong": "hongyadong",
    "kuanzhai-alleys": "kuanzhai-alleys",
    "giant-panda-base": "pandas",
    "chengdu-zoo": "pandas",
    "chaotianmen": "chaotianmen-bridge",
    "qiansimen-bridge": "chaotianmen-bridge",
    "yangtze-river-cableway": "cableway",
    "chen-mapo-tofu": "mapo-tofu",
    "two-rivers-night-cruise": "chaotianmen-bridge",
}
PLACE_KINDS = {
    (PlaceKind.DINING, "chengdu"): "mapo-tofu",
    (PlaceKind.DINING, "chongqing"): "hotpot",
    (PlaceKind.TRANSPORT, "chengdu"): "bullet-train",
    (PlaceKind.TRANSPORT, "chongqing"): "bullet-train",
}
CITY_SKYLINES = {"chengdu": "chengdu-skyline", "chongqing": "chongqing-skyline"}
BANNER = {
    "image": "chongqing-skyline",
    "en": {
        "banner_heading": "Two cities, one economic circle",
        "banner_text": "News, events, jobs and travel across Chengdu and Chongqing, in English "
        "and Chinese.",
        "banner_link_label": "Discover both cities",
    },
    "zh-hans": {
        "banner_heading": "双城联动，共建经济圈",
        "banner_text": "成都与重庆的新闻、活动、就业与旅游资讯，中英双语。",
        "banner_link_label": "畅游双城",
    },
}


def set_quietly(page: Page, **fields) -> None:
    """Give a live page new field values in its row and in its latest revision, without a new
    revision: for demo pictures only (no editor's work is in these pages yet)."""
    type(page).objects.filter(pk=page.pk).update(**fields)
    revision = page.latest_revision
    if revision is not None:
        for name, value in fields.items():
            revision.content[name] = getattr(value, "pk", value)  # a relation is kept as its key
        revision.save(update_fields=["content"])


def language_of(page: Page) -> str:
    return "zh" if page.locale.language_code.startswith("zh") else "en"


def place_illustration(place: PlacePage) -> str:
    return (
        PLACES.get(place.slug)
        or PLACE_KINDS.get((place.kind, place.city))
        or CITY_SKYLINES.get(place.city, "cooperation")
    )


@transaction.atomic
def illustrate_demo(homes: dict) -> int:
    """Pictures for the demo pages that have none; returns how many pages got one."""
    given = 0
    for article in NewsArticlePage.objects.filter(image__isnull=True, slug__in=NEWS).select_related(
        "locale"
    ):
        name = NEWS[article.slug]
        caption = illustration_texts(name)[language_of(article)]
        set_quietly(article, image=illustration(name), image_caption=caption)
        given += 1
    for event in EventPage.objects.filter(image__isnull=True):
        set_quietly(event, image=illustration(EVENTS.get(event.kind, "cooperation")))
        given += 1
    for place in PlacePage.objects.filter(image__isnull=True):
        set_quietly(place, image=illustration(place_illustration(place)))
        given += 1
    return given + illustrate_banner(homes)


def illustrate_banner(homes: dict) -> int:
    """The home page's banner in both languages, linked to the travel pages."""
    given = 0
    for language, home in homes.items():
        home = HomePage.objects.get(pk=home.pk)
        if home.banner_image_id is not None:
            continue
        name = BANNER["image"]
        travel = Page.objects.child_of(home).filter(slug="travel").first()
        set_quietly(
            home,
            banner_image=illustration(name),
            banner_image_alt=illustration_texts(name)["zh" if language != "en" else "en"],
            banner_link=travel,
            **BANNER[language],
        )
        given += 1
    return given
