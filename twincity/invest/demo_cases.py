"""A year of invented enquiries and projects in both cities, so that the figures and the case
list are not empty in the demo. Every company is invented and says so in its name ("(demo)",
"（演示）"); every address is at example.com. Made once: a later run finds them and stops.

The offices come from the enquiries part's demo (order 61); when there is none in a city (that
demo skipped), one is made here, marked as demo too.
"""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db import transaction
from django.db.models import Q
from django.utils import timezone

from twincity.core.cities import TWO_CITIES

from .models import (
    Enquiry,
    EnquiryStage,
    IntendedCity,
    Office,
    Project,
    ProjectStage,
    ProjectStatus,
    Timeline,
)
from .services.enquiries import score_enquiry

DEMO_MARK = "(demo)"
DEMO_MARK_ZH = "（演示）"
CITY_ZH = {"chengdu": "成都", "chongqing": "重庆"}
ENQUIRIES = 72
SEED = 15

# Invented investors: (English name, Chinese name, country, sector).
COMPANIES = [
    ("Rheinland Drive Systems GmbH", "莱茵驱动系统有限公司", "Germany", "vehicles"),
    ("Nordic Battery Cells AB", "北欧电芯有限公司", "Sweden", "energy"),
    ("Lumen Semiconductor Pte Ltd", "流明半导体有限公司", "Singapore", "electronics"),
    ("Alpine Precision Machines AG", "阿尔卑斯精密机械股份公司", "Switzerland", "equipment"),
    ("Maple Biologics Inc.", "枫叶生物制药公司", "Canada", "biomedicine"),
    ("Sakura Fine Materials K.K.", "樱花精细材料株式会社", "Japan", "materials"),
    ("Harbour Foods Holdings Ltd", "海港食品控股有限公司", "Hong Kong, China", "food"),
    ("Cloudline Software Ltd", "云线软件有限公司", "United Kingdom", "digital"),
    ("Tianfu Smart Manufacturing Co., Ltd.", "天府智造科技有限公司", "China", "equipment"),
    ("Bayu New Energy Vehicles Co., Ltd.", "巴渝新能源汽车有限公司", "China", "vehicles"),
    ("Jinjiang Digital Services Co., Ltd.", "锦江数字服务有限公司", "China", "digital"),
    ("Jialing Chip Packaging Co., Ltd.", "嘉陵芯片封测有限公司", "China", "electronics"),
]
# How far enquiries get, as shares of all: most stop early, a few become signed projects.
ENQUIRY_STAGES = [
    (EnquiryStage.NEW, 8),
    (EnquiryStage.AWAITING_RESPONSE, 10),
    (EnquiryStage.ENGAGED, 14),
    (EnquiryStage.NON_RESPONSIVE, 8),
    (EnquiryStage.NOT_APPLICABLE, 6),
    (EnquiryStage.PROJECT, 26),
]
PROJECT_STAGES = [
    ProjectStage.LEAD,
    ProjectStage.NEGOTIATION,
    ProjectStage.SIGNED,
    ProjectStage.CONSTRUCTION,
    ProjectStage.PRODUCTION,
]


@dataclass(frozen=True)
class DemoOffice:
    name_en: str
    name_zh: str


FALLBACK_OFFICES = {
    "chengdu": DemoOffice("Chengdu investment office (demo)", "成都投资促进办公室（演示）"),
    "chongqing": DemoOffice("Chongqing investment office (demo)", "重庆招商办公室（演示）"),
}


def load_demo_cases() -> str:
    marked = Q(company__endswith=DEMO_MARK) | Q(company__endswith=DEMO_MARK_ZH)
    if Enquiry.objects.filter(marked).exists():
        return "demo cases already loaded"
    with transaction.atomic():
        offices = demo_offices()
        made = make_cases(random.Random(SEED), offices, timezone.now())
    return f"{made} demo enquiries with their projects"


def demo_offices() -> dict[str, Office]:
    found = {}
    for city in TWO_CITIES:
        office = Office.objects.filter(city=city.value).order_by("pk").first()
        if office is None:
            names = FALLBACK_OFFICES[city.value]
            office = Office.objects.create(
                city=city.value, name_en=names.name_en, name_zh=names.name_zh
            )
        found[city.value] = office
    return found


def make_cases(rng: random.Random, offices: dict[str, Office], now: datetime) -> int:
    """ENQUIRIES enquiries spread over the last year, the older ones further along."""
    stages = [stage for stage, weight in ENQUIRY_STAGES for _ in range(weight)]
    for number in range(ENQUIRIES):
        age_days = 365 * (number + 0.5) / ENQUIRIES
        sent = now - timedelta(days=age_days, hours=rng.randint(0, 23))
        # A fresh enquiry cannot have got far yet.
        stage = EnquiryStage.NEW if age_days < 3 else rng.choice(stages)
        make_case(rng, number, offices, sent, stage, now)
    return ENQUIRIES


def make_case(
    rng: random.Random,
    number: int,
    offices: dict[str, Office],
    sent: datetime,
    stage: str,
    now: datetime,
) -> None:
    name_en, name_zh, country, sector = COMPANIES[number % len(COMPANIES)]
    chinese = country == "China" and number % 2 == 0
    city = rng.choice([IntendedCity.CHENGDU, IntendedCity.CHONGQING, IntendedCity.EITHER])
    office = offices[city if city != IntendedCity.EITHER else rng.choice(list(offices))]
    planned = Decimal(rng.choice([20, 50, 80, 120, 300, 500, 1200, 2500]) * 1_000_000)
    answered = None
    if stage != EnquiryStage.NEW:
        answered = sent + timedelta(hours=rng.choice([2, 5, 20, 30, 44, 60, 90]))
    enquiry = Enquiry.objects.create(
        name="王晓明" if chinese else "Alex Morgan",
        email=f"investor{number}@example.com",
        company=f"{name_zh}{DEMO_MARK_ZH}" if chinese else f"{name_en} {DEMO_MARK}",
        company_country=country,
        language="zh-hans" if chinese else "en",
        sector=sector,
        intended_city=city,
        planned_investment_yuan=planned,
        planned_jobs=rng.choice([30, 80, 150, 400, 1200]),
        timeline=rng.choice(Timeline.values),
        preferred_modes=rng.sample(["equity", "joint-venture", "wholly-owned", "lease"], 2),
        message="（演示咨询）" if chinese else "Demo enquiry: invented for the demo site.",
        consented_at=sent,
        lead_office=office,
        stage=stage,
        first_response_at=answered,
        last_contact_at=answered,
    )
    enquiry.offices.set([office])
    score_enquiry(enquiry)  # on the demo's scorecard, as a sent enquiry is
    # auto_now_add wrote today: the demo enquiry was sent back then.
    Enquiry.objects.filter(pk=enquiry.pk).update(created_at=sent, stage_changed_at=answered or sent)
    if stage == EnquiryStage.PROJECT:
        name = (
            f"{name_zh}{CITY_ZH[office.city]}项目{DEMO_MARK_ZH}"
            if chinese
            else (f"{name_en} {office.city.title()} project {DEMO_MARK}")
        )
        make_project(rng, enquiry, name, office, sent, planned, now)


def make_project(
    rng: random.Random,
    enquiry: Enquiry,
    name: str,
    office: Office,
    sent: datetime,
    planned: Decimal,
    now: datetime,
) -> Project:
    """The older the enquiry, the further its project got (but not always)."""
    months_old = (now - sent).days / 30
    furthest = min(len(PROJECT_STAGES) - 1, int(months_old // 2))
    lagging = furthest >= 3 and rng.random() < 0.3  # some take longer to build
    stage = PROJECT_STAGES[furthest - lagging]
    signed = PROJECT_STAGES.index(stage) >= PROJECT_STAGES.index(ProjectStage.SIGNED)
    signed_on = (sent + timedelta(days=rng.randint(30, 50))).date() if signed else None
    signed_on = min(signed_on, timezone.localdate(now)) if signed_on else None
    started = stage in (ProjectStage.CONSTRUCTION, ProjectStage.PRODUCTION)
    contract = planned * Decimal(rng.choice(["0.8", "1", "1.2"])) if signed else None
    project = Project.objects.create(
        enquiry=enquiry,
        name=name,
        investor=enquiry.company,
        sector=enquiry.sector,
        city=office.city,
        office=office,
        stage=stage,
        status=ProjectStatus.WON if stage == ProjectStage.PRODUCTION else ProjectStatus.ONGOING,
        contract_value_yuan=contract,
        funds_arrived_yuan=(contract * Decimal(rng.choice(["0.2", "0.5", "0.9"]))).quantize(1)
        if contract
        else None,
        planned_jobs=enquiry.planned_jobs,
        signed_on=signed_on,
        construction_started_on=later(signed_on, 45, now) if started else None,
        production_started_on=later(signed_on, 120, now)
        if stage == ProjectStage.PRODUCTION
        else None,
    )
    created = sent + timedelta(days=10)
    Project.objects.filter(pk=project.pk).update(created_at=created, stage_changed_at=created)
    return project


def later(day: date | None, days: int, now: datetime) -> date | None:
    """`days` after `day`, but not after today."""
    if day is None:
        return None
    return min(day + timedelta(days=days), timezone.localdate(now))
