"""Demo data of the job fair: the seed article's fair of 4 June 2021, where "fifty key
enterprises offered 2,100 jobs in industries such as manufacturing, logistics and services".

Everything here is invented, and marked so it can be told apart and replaced:
- enterprises carry "(demo)" / "（示例）" in their names and valid credit codes whose organisation
  code starts with MADEM (no real licence has them): found again by that code on each run;
- vacancies and graduate profiles carry `is_demo`; graduates' accounts have addresses at
  example.com and unusable passwords (nobody signs in as them);
- the fair carries "(demo)" in its title.
Running it again with the same arguments gives the same data: the previous demo rows are
deleted first, and rows that are not demo are never changed. Graduates study at the
directory's real schools (whatever exist); none are created here.

Everything is written with bulk_create, so 50 enterprises, 2,100 openings and 3,000 graduates
take seconds, not minutes.
"""

import random
from collections import Counter, defaultdict
from collections.abc import Callable
from contextlib import suppress
from dataclasses import dataclass
from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.contrib.auth.hashers import make_password
from django.contrib.auth.models import User
from django.db import transaction
from django.db.models import ProtectedError
from django.utils import timezone

from twincity.core.cities import City
from twincity.directory.credit_code import check_character
from twincity.directory.models import Organisation

from .models import (
    Application,
    ApplicationChange,
    Booth,
    Education,
    Fair,
    GraduateProfile,
    Industry,
    InterviewBooking,
    InterviewSlot,
    Vacancy,
)

Status = Application.Status
CHINA = ZoneInfo("Asia/Shanghai")
FAIR_TITLE_EN = "Chengdu–Chongqing school–industry job fair (demo)"
FAIR_TITLE_ZH = "成渝校企合作毕业生双选会（示例）"
FAIR_STARTS = datetime(2021, 6, 4, 9, 0, tzinfo=CHINA)
FAIR_HOURS = 8
HOST_SCHOOL = "Urban Technician College of Sichuan"  # hosted the fair (seed article)
DEMO_ORGANISATION_CODE = "MADEM"  # positions 9–13 of a demo credit code
AREA_CODES = {City.CHENGDU: "510100", City.CHONGQING: "500000"}
EMAIL_DOMAIN = "example.com"
EMAIL_PREFIX = "demo.graduate."
INTERVIEW_MINUTES = 10

# --- Vocabularies ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Job:
    title_en: str
    title_zh: str
    majors: tuple[str, ...]
    skills: tuple[str, ...]
    certificates: tuple[str, ...]
    salary: int  # typical monthly starting salary, CNY
    education: int = Education.SECONDARY_VOCATIONAL
    weight: float = 1.0  # how many openings such a job tends to have


JOBS = {
    Industry.MANUFACTURING: [
        Job("CNC machine operator", "数控机床操作工", ("数控技术", "机械制造与自动化"),
            ("数控编程", "机械制图", "质量检测"), ("数控车工证",), 5500, weight=2),
        Job("Maintenance electrician", "设备维修电工", ("电气自动化技术", "机电一体化技术"),
            ("PLC编程", "电气安装", "设备维护"), ("电工证",), 6000),
        Job("Quality inspector", "质检员", ("机械制造与自动化", "工业分析技术"),
            ("质量检测", "Excel", "机械制图"), (), 4800),
        Job("Welder", "焊工", ("焊接技术与自动化",), ("焊接", "机械制图"), ("焊工证",), 6500),
        Job("Industrial robot technician", "工业机器人运维员", ("工业机器人技术",),
            ("PLC编程", "机器人编程", "设备维护"), ("电工证",), 6500,
            Education.HIGHER_VOCATIONAL),
        Job("Production line operator", "生产线操作员", ("机电一体化技术", "数控技术"),
            ("设备维护", "质量检测"), (), 4500, weight=3),
    ],
    Industry.LOGISTICS: [
        Job("Warehouse keeper", "仓库管理员", ("物流管理", "供应链管理"),
            ("仓储管理", "WMS系统", "Excel"), ("叉车证",), 4800, weight=2),
        Job("Forklift driver", "叉车司机", ("物流管理",), ("叉车驾驶", "仓储管理"),
            ("叉车证",), 5500, weight=2),
        Job("Logistics dispatcher", "物流调度员", ("物流管理", "供应链管理"),
            ("运输调度", "Excel", "客户沟通"), ("1+X物流管理证书",), 5200,
            Education.HIGHER_VOCATIONAL),
        Job("Courier", "快递员", ("物流管理", "市场营销"), ("驾驶", "客户沟通"),
            ("机动车驾驶证",), 6000, weight=3),
        Job("Cold-chain logistics specialist", "冷链物流专员", ("冷链物流技术与管理", "物流管理"),
            ("冷链管理", "仓储管理"), ("1+X物流管理证书",), 5800, Education.HIGHER_VOCATIONAL),
        Job("Customs declaration clerk", "报关员", ("国际贸易实务", "物流管理"),
            ("报关报检", "英语", "Excel"), (), 5000, Education.HIGHER_VOCATIONAL),
    ],
    Industry.SERVICES: [
        Job("Customer service representative", "客服专员", ("市场营销", "电子商务"),
            ("客户沟通", "普通话", "Excel"), ("普通话二级甲等证书",), 4200, weight=2),
        Job("Administrative assistant", "行政助理", ("文秘", "人力资源管理"),
            ("办公软件", "公文写作"), ("计算机等级证书",), 4000),
        Job("Accounting assistant", "会计助理", ("大数据与会计", "财务管理"),
            ("财务软件", "Excel"), ("初级会计师证",), 4500, Education.HIGHER_VOCATIONAL),
        Job("Property management assistant", "物业管理员", ("现代物业管理",),
            ("客户沟通", "设备维护"), (), 4000),
        Job("Sales representative", "销售代表", ("市场营销",), ("客户沟通", "谈判技巧"),
            (), 5000, weight=2),
        Job("Human resources assistant", "人事专员", ("人力资源管理",),
            ("招聘面试", "办公软件"), (), 4500, Education.HIGHER_VOCATIONAL),
    ],
    Industry.RETAIL: [
        Job("E-commerce operations assistant", "电商运营专员", ("电子商务", "市场营销"),
            ("直播运营", "数据分析", "Photoshop"), (), 5000, Education.HIGHER_VOCATIONAL),
        Job("Store manager trainee", "储备店长", ("连锁经营与管理", "市场营销"),
            ("门店管理", "客户沟通"), (), 4800),
    ],
    Industry.HOSPITALITY: [
        Job("Hotel front desk receptionist", "酒店前台接待", ("酒店管理", "旅游管理"),
            ("英语", "客户沟通"), ("普通话二级甲等证书",), 4000),
        Job("Sichuan cuisine cook", "川菜厨师", ("烹饪工艺与营养",), ("川菜烹饪", "食品安全"),
            ("中式烹调师证",), 5000),
        Job("Tour guide", "导游", ("旅游管理",), ("讲解", "英语"), ("导游证",), 4500),
    ],
    Industry.IT: [
        Job("Network operations technician", "网络运维工程师", ("计算机网络技术",),
            ("Linux", "网络配置"), ("计算机等级证书",), 6000, Education.HIGHER_VOCATIONAL),
        Job("Software tester", "软件测试员", ("软件技术",), ("Python", "软件测试"),
            (), 6500, Education.HIGHER_VOCATIONAL),
    ],
}  # fmt: skip

# Mostly manufacturing, logistics and services, as at the article's fair.
INDUSTRY_WEIGHTS = {
    Industry.MANUFACTURING: 34,
    Industry.LOGISTICS: 30,
    Industry.SERVICES: 20,
    Industry.RETAIL: 6,
    Industry.HOSPITALITY: 6,
    Industry.IT: 4,
}

CITY_NAMES = {City.CHENGDU: ("Chengdu", "成都"), City.CHONGQING: ("Chongqing", "重庆")}
NAME_PARTS = {
    City.CHENGDU: ("成都", [("Rongcheng", "蓉城"), ("Tianfu", "天府"), ("Jinjiang", "锦江"),
                            ("Shudu", "蜀都"), ("Qingyang", "青羊"), ("Jincheng", "锦城")]),
    City.CHONGQING: ("重庆", [("Yuzhou", "渝州"), ("Bayu", "巴渝"), ("Shancheng", "山城"),
                              ("Liangjiang", "两江"), ("Jialing", "嘉陵"), ("Chaotianmen", "朝天门")]),
}  # fmt: skip
BUSINESS_NAMES = {
    Industry.MANUFACTURING: [("Precision Machinery", "精密机械"), ("Intelligent Equipment", "智能装备"),
                             ("Auto Parts", "汽车零部件"), ("Electronics", "电子科技"),
                             ("New Materials", "新材料")],
    Industry.LOGISTICS: [("Supply Chain", "供应链管理"), ("Logistics", "物流"),
                         ("Cold Chain Logistics", "冷链物流"), ("Express", "快运"),
                         ("Warehousing", "仓储服务")],
    Industry.SERVICES: [("Property Services", "物业服务"), ("Human Resources", "人力资源"),
                        ("Business Services", "商务服务"), ("Catering Management", "餐饮管理")],
    Industry.RETAIL: [("E-commerce", "电子商务"), ("Trading", "商贸")],
    Industry.HOSPITALITY: [("Hotel Management", "酒店管理"), ("Tourism Development", "旅游发展")],
    Industry.IT: [("Information Technology", "信息技术"), ("Software", "软件")],
}  # fmt: skip
DISTRICTS = {
    City.CHENGDU: ["Jinjiang", "Qingyang", "Wuhou", "Chenghua", "Shuangliu", "Pidu", "Longquanyi"],
    City.CHONGQING: ["Yuzhong", "Jiangbei", "Yubei", "Shapingba", "Jiulongpo", "Banan", "Liangjiang"],
}  # fmt: skip
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程"
GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉萍红娥玲芬燕彬鑫宇浩然欣怡梓涵子轩雨"

APPLICATIONS_PER_GRADUATE = {0: 20, 1: 30, 2: 30, 3: 20}  # how many graduates apply how often
STATUS_WEIGHTS = {
    Status.APPLIED: 35,
    Status.REVIEWED: 20,
    Status.INTERVIEW: 15,
    Status.OFFER: 7,
    Status.HIRED: 8,
    Status.DECLINED: 10,
    Status.WITHDRAWN: 5,
}
HISTORY = {  # the steps an application took to reach its status
    Status.APPLIED: [Status.APPLIED],
    Status.REVIEWED: [Status.APPLIED, Status.REVIEWED],
    Status.INTERVIEW: [Status.APPLIED, Status.REVIEWED, Status.INTERVIEW],
    Status.OFFER: [Status.APPLIED, Status.REVIEWED, Status.INTERVIEW, Status.OFFER],
    Status.HIRED: [Status.APPLIED, Status.REVIEWED, Status.INTERVIEW, Status.OFFER, Status.HIRED],
    Status.DECLINED: [Status.APPLIED, Status.REVIEWED, Status.DECLINED],
    Status.WITHDRAWN: [Status.APPLIED, Status.WITHDRAWN],
}
OFFERED = {Status.OFFER, Status.HIRED}
INTERVIEWED = {Status.INTERVIEW, Status.OFFER, Status.HIRED}


@dataclass(frozen=True)
class DemoSize:
    enterprises: int
    openings: int
    graduates: int

    def scaled(self, factor: float) -> "DemoSize":
        return DemoSize(
            enterprises=max(1, round(self.enterprises * factor)),
            openings=max(1, round(self.openings * factor)),
            graduates=max(0, round(self.graduates * factor)),
        )


# The seed article's fair: 50 key enterprises offering 2,100 jobs, and graduates to apply.
DEFAULT_SIZE = DemoSize(enterprises=50, openings=2100, graduates=3000)
DEFAULT_SEED = 2021


# --- Entry point ----------------------------------------------------------------------------------


def generate(size: DemoSize, seed: int, log: Callable[[str], None] = lambda line: None) -> dict:
    """Replace the previous demo rows by new ones of `size`; returns the counts made."""
    if size.enterprises < 1 or size.openings < 1 or size.graduates < 0:
        raise ValueError("Need at least one enterprise and one opening.")
    rng = random.Random(seed)
    with transaction.atomic():
        log("Removing the previous demo data…")
        remove_previous()
        fair = create_fair()
        log(f"Enterprises: {size.enterprises}")
        enterprises = upsert_enterprises(rng, size.enterprises)
        create_booths(fair, enterprises)
        log(f"Vacancies for {size.openings} openings…")
        vacancies = create_vacancies(rng, fair, enterprises, size.openings)
        log(f"Graduates: {size.graduates}…")
        graduates = create_graduates(rng, size.graduates)
        log("Applications, interviews and rankings…")
        applications = create_applications(rng, graduates, vacancies)
        bookings = create_interviews(rng, fair, applications)
    return {
        "enterprises": len(enterprises),
        "vacancies": len(vacancies),
        "openings": sum(vacancy.headcount for vacancy in vacancies),
        "graduates": len(graduates),
        "applications": len(applications),
        "interviews": bookings,
    }


# --- Finding and removing the previous demo ------------------------------------------------------


def demo_credit_code(number: int, city: str) -> str:
    body = f"91{AREA_CODES[city]}{DEMO_ORGANISATION_CODE}{number:04d}"
    return body + check_character(body)


def demo_enterprises():
    """Enterprises this module made: a demo credit code and "(demo)" in the name, both."""
    return Organisation.objects.filter(
        kind=Organisation.Kind.ENTERPRISE,
        credit_code__regex=rf"^91[0-9]{{6}}{DEMO_ORGANISATION_CODE}",
        name_en__endswith="(demo)",
    )


def remove_previous() -> None:
    """Demo vacancies (with their applications), demo graduates' accounts and the demo fair.
    Demo enterprises are updated in place by `upsert_enterprises`."""
    Vacancy.objects.filter(is_demo=True).delete()
    Fair.objects.filter(title_en=FAIR_TITLE_EN).delete()
    User.objects.filter(graduate__is_demo=True).delete()  # their profiles go with them
    # Accounts whose profile went first (an interrupted run): found by their address.
    User.objects.filter(
        username__startswith=EMAIL_PREFIX, username__endswith="@" + EMAIL_DOMAIN, graduate=None
    ).delete()


# --- Fair, enterprises, booths ------------------------------------------------------------------------


def create_fair() -> Fair:
    fair = Fair.objects.create(
        title_en=FAIR_TITLE_EN,
        title_zh=FAIR_TITLE_ZH,
        description_en=(
            "Employers and college graduates from Chengdu and Chongqing meet at the Urban "
            "Technician College of Sichuan, on the day of the two cities' seminar on "
            "school–industry cooperation. Demo data: the enterprises, vacancies and graduates "
            "are invented."
        ),
        description_zh=(
            "成渝两地用人单位与高校毕业生在四川城市技师学院双向选择，与成渝校企合作研讨会同日举行。"
            "示例数据：企业、岗位和毕业生均为虚构。"
        ),
        mode=Fair.Mode.ON_SITE,
        city=City.CHENGDU,
        venue_en="Urban Technician College of Sichuan, Chengdu",
        venue_zh="成都 四川城市技师学院",
        starts_at=FAIR_STARTS,
        ends_at=FAIR_STARTS + timedelta(hours=FAIR_HOURS),
        booking_closes_at=FAIR_STARTS - timedelta(hours=15),
    )
    fair.organisers.set(Organisation.objects.filter(name_en=HOST_SCHOOL))
    return fair


@dataclass(frozen=True)
class EnterpriseSpec:
    credit_code: str
    name_en: str
    name_zh: str
    city: str
    district: str
    industry: str


def enterprise_specs(rng: random.Random, count: int) -> list[EnterpriseSpec]:
    industries = rng.choices(list(INDUSTRY_WEIGHTS), list(INDUSTRY_WEIGHTS.values()), k=count)
    names_left = {
        (city, industry): rng.sample(
            [(p, b) for p in NAME_PARTS[city][1] for b in BUSINESS_NAMES[industry]],
            len(NAME_PARTS[city][1]) * len(BUSINESS_NAMES[industry]),
        )
        for city in NAME_PARTS
        for industry in INDUSTRY_WEIGHTS
    }
    specs = []
    for number, industry in enumerate(industries, start=1):
        city = City.CHENGDU if number % 2 else City.CHONGQING
        left = names_left[city, industry]
        (place_en, place_zh), (business_en, business_zh) = (
            left.pop()
            if left
            else rng.choice([(p, b) for p in NAME_PARTS[city][1] for b in BUSINESS_NAMES[industry]])
        )
        branch_en, branch_zh = (
            ("", "") if left or number <= 2 else (f" No. {number}", f"{number}号")
        )
        specs.append(
            EnterpriseSpec(
                credit_code=demo_credit_code(number, city),
                name_en=f"{place_en} {business_en}{branch_en} Co., Ltd. (demo)",
                name_zh=f"{NAME_PARTS[city][0]}{place_zh}{business_zh}{branch_zh}有限公司（示例）",
                city=city,
                district=rng.choice(DISTRICTS[city]),
                industry=industry,
            )
        )
    return specs


def upsert_enterprises(rng: random.Random, count: int) -> list[Organisation]:
    """The demo enterprises, by credit code: kept and updated if there, else created; demo
    enterprises no longer wanted are deleted unless something real (a recruiter) holds them."""
    specs = enterprise_specs(rng, count)
    existing = {o.credit_code: o for o in demo_enterprises()}
    fields = ["name_en", "name_zh", "city", "district", "industry"]
    enterprises, new = [], []
    for spec in specs:
        organisation = existing.pop(spec.credit_code, None) or Organisation(
            kind=Organisation.Kind.ENTERPRISE, credit_code=spec.credit_code
        )
        organisation.name_en, organisation.name_zh = spec.name_en, spec.name_zh
        organisation.city, organisation.district = spec.city, spec.district
        organisation.industry = spec.industry
        organisation.contact_email = f"hr.{spec.credit_code.lower()}@{EMAIL_DOMAIN}"
        (new if organisation.pk is None else enterprises).append(organisation)
    Organisation.objects.bulk_update(enterprises, [*fields, "contact_email"])
    enterprises += Organisation.objects.bulk_create(new)
    for unwanted in existing.values():
        with suppress(ProtectedError):  # a real recruiter registered with it: it stays
            unwanted.delete()
    by_code = {o.credit_code: o for o in enterprises}
    return [by_code[spec.credit_code] for spec in specs]


def create_booths(fair: Fair, enterprises: list[Organisation]) -> None:
    """Hall A, then B, …: 25 booths a hall."""
    Booth.objects.bulk_create(
        Booth(fair=fair, organisation=enterprise, number=f"{'ABCDEFGH'[i // 25]}{i % 25 + 1:02d}")
        for i, enterprise in enumerate(enterprises)
    )


# --- Vacancies ----------------------------------------------------------------------------------------


def split_exactly(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, each part at least 1, summing exactly to
    `total` (largest remainder); needs total >= len(weights)."""
    rest = total - len(weights)
    shares = [rest * weight / sum(weights) for weight in weights]
    parts = [int(share) for share in shares]
    by_remainder = sorted(range(len(weights)), key=lambda i: shares[i] - parts[i], reverse=True)
    for i in by_remainder[: rest - sum(parts)]:
        parts[i] += 1
    return [part + 1 for part in parts]


def create_vacancies(
    rng: random.Random, fair: Fair, enterprises: list[Organisation], openings: int
) -> list[Vacancy]:
    """Three to eight vacancies an enterprise, fewer if there are few openings; their
    headcounts add up to exactly `openings`."""
    planned = [
        (enterprise, rng.choice(JOBS[Industry(enterprise.industry)]))
        for enterprise in enterprises
        for _ in range(rng.randint(3, 8))
    ]
    rng.shuffle(planned)
    planned = sorted(planned[:openings], key=lambda pair: pair[0].pk)
    headcounts = split_exactly(openings, [job.weight * rng.uniform(0.5, 2.0) for _, job in planned])
    deadline = timezone.localdate() + timedelta(days=90)  # open for applications on the demo site
    vacancies = [
        new_vacancy(rng, fair, enterprise, job, headcount, deadline)
        for (enterprise, job), headcount in zip(planned, headcounts, strict=True)
    ]
    return Vacancy.objects.bulk_create(vacancies)


def new_vacancy(rng, fair, enterprise, job: Job, headcount: int, deadline) -> Vacancy:
    # Most work where the enterprise is; about one vacancy in twelve is in the other city.
    city = enterprise.city
    if rng.random() < 0.08:
        city = City.CHONGQING if city == City.CHENGDU else City.CHENGDU
    salary_min = max(3000, round(job.salary * rng.uniform(0.85, 1.1) / 500) * 500)
    return Vacancy(
        organisation=enterprise,
        fair=fair,
        title_en=job.title_en,
        title_zh=job.title_zh,
        description_en=(
            f"{enterprise.name_en} is hiring: {job.title_en}, {headcount} "
            f"opening{'s' if headcount > 1 else ''} in {CITY_NAMES[city][0]}. Training on the "
            "job, social insurance and housing fund, dormitory or housing allowance."
        ),
        description_zh=(
            f"{enterprise.name_zh}招聘{job.title_zh}{headcount}名，工作地点{CITY_NAMES[city][1]}。"
            "提供岗前培训，缴纳五险一金，提供宿舍或住房补贴。"
        ),
        industry=enterprise.industry,
        city=city,
        district=rng.choice(DISTRICTS[city]),
        salary_min=salary_min,
        salary_max=salary_min + rng.choice([1000, 1500, 2000, 3000]),
        headcount=headcount,
        education=job.education,
        majors=list(job.majors),
        skills=rng.sample(job.skills, k=min(len(job.skills), rng.randint(1, 3))),
        certificates=list(job.certificates),
        deadline=deadline,
        is_demo=True,
    )


# --- Graduates ----------------------------------------------------------------------------------------

MAJORS = sorted({major for jobs in JOBS.values() for job in jobs for major in job.majors})
JOBS_BY_MAJOR = defaultdict(list)
for _jobs in JOBS.values():
    for _job in _jobs:
        for _major in _job.majors:
            JOBS_BY_MAJOR[_major].append(_job)


def create_graduates(rng: random.Random, count: int) -> list[GraduateProfile]:
    """Accounts without a usable password (nobody signs in as a demo graduate: no hashing),
    and their profiles, at the directory's schools."""
    schools = list(Organisation.objects.filter(kind=Organisation.Kind.SCHOOL).order_by("pk"))
    users = User.objects.bulk_create(
        User(
            username=f"{EMAIL_PREFIX}{number:05d}@{EMAIL_DOMAIN}",
            email=f"{EMAIL_PREFIX}{number:05d}@{EMAIL_DOMAIN}",
            password=make_password(None),
        )
        for number in range(1, count + 1)
    )
    return GraduateProfile.objects.bulk_create(
        new_graduate(rng, user, schools, number) for number, user in enumerate(users, start=1)
    )


def new_graduate(rng, user: User, schools: list[Organisation], number: int) -> GraduateProfile:
    major = rng.choice(MAJORS)
    jobs = JOBS_BY_MAJOR[major]
    skills = sorted({skill for job in jobs for skill in job.skills} | {"Excel", "办公软件"})
    certificates = sorted({c for job in jobs for c in job.certificates})
    school = rng.choice(schools) if schools else None
    home = school.city if school and school.city in AREA_CODES else rng.choice(list(AREA_CODES))
    return GraduateProfile(
        user=user,
        full_name=rng.choice(SURNAMES) + "".join(rng.sample(GIVEN, k=rng.choice([1, 2]))),
        phone=f"1380000{number:04d}"[-11:],
        language="zh-hans" if rng.random() < 0.85 else "en",
        school=school,
        major=major,
        graduation_year=2021,
        education=rng.choices(
            [Education.SECONDARY_VOCATIONAL, Education.HIGHER_VOCATIONAL, Education.BACHELOR],
            [30, 55, 15],
        )[0],
        skills=rng.sample(skills, k=min(len(skills), rng.randint(2, 4))),
        certificates=rng.sample(certificates, k=min(len(certificates), rng.randint(0, 2))),
        preferred_cities=[home] if rng.random() < 0.6 else [City.CHENGDU, City.CHONGQING],
        expected_salary=rng.randrange(3500, 7500, 500),
        visibility=rng.choices(
            [GraduateProfile.Visibility.PRIVATE, GraduateProfile.Visibility.RECRUITERS], [60, 40]
        )[0],
        is_demo=True,
    )


# --- Applications and interviews -------------------------------------------------------------------


def create_applications(
    rng: random.Random, graduates: list[GraduateProfile], vacancies: list[Vacancy]
) -> list[Application]:
    """Graduates apply mostly where their major fits; statuses spread over the pipeline, with at
    most one offer or hire a graduate and no more offers than a vacancy's openings."""
    offered = Counter()
    applications = []
    for graduate in graduates:
        count = rng.choices(list(APPLICATIONS_PER_GRADUATE), APPLICATIONS_PER_GRADUATE.values())[0]
        weights = [5 if graduate.major in vacancy.majors else 1 for vacancy in vacancies]
        chosen = {id(v): v for v in rng.choices(vacancies, weights, k=count)}.values()
        has_offer = False
        for vacancy in chosen:
            status = rng.choices(list(STATUS_WEIGHTS), STATUS_WEIGHTS.values())[0]
            if status in OFFERED and (has_offer or offered[vacancy.pk] >= vacancy.headcount):
                status = Status.INTERVIEW
            if status in OFFERED:
                has_offer = True
                offered[vacancy.pk] += 1
            applications.append(
                Application(
                    graduate=graduate, vacancy=vacancy, school_id=graduate.school_id, status=status
                )
            )
    set_rankings(rng, applications)
    applications = Application.objects.bulk_create(applications)
    ApplicationChange.objects.bulk_create(
        ApplicationChange(application=application, status=step)
        for application in applications
        for step in HISTORY[application.status]
    )
    return applications


def set_rankings(rng: random.Random, applications: list[Application]) -> None:
    """Half the graduates rank their open applications; a third of the vacancies rank their
    open applicants; the others are left to the assignment's default order."""
    open_ones = [a for a in applications if a.status in (Status.APPLIED, Status.REVIEWED)]
    open_ones += [a for a in applications if a.status == Status.INTERVIEW]
    by_graduate, by_vacancy = defaultdict(list), defaultdict(list)
    for application in open_ones:
        by_graduate[application.graduate.pk].append(application)
        by_vacancy[application.vacancy.pk].append(application)
    for group, field, share in (
        (by_graduate, "graduate_rank", 0.5),
        (by_vacancy, "enterprise_rank", 0.33),
    ):
        for key in sorted(group):
            if rng.random() < share:
                ranked = group[key][:]
                rng.shuffle(ranked)
                for rank, application in enumerate(ranked, start=1):
                    setattr(application, field, rank)


def create_interviews(rng: random.Random, fair: Fair, applications: list[Application]) -> int:
    """A 10-minute interview at the booth for every application that got that far, at the
    enterprise's next free slot that leaves the graduate the fair's gap between interviews."""
    booths = dict(Booth.objects.filter(fair=fair).values_list("organisation_id", "number"))
    slot_count = FAIR_HOURS * 60 // INTERVIEW_MINUTES
    gap = timedelta(minutes=INTERVIEW_MINUTES + fair.min_gap_minutes)
    next_free = Counter()
    graduate_times = defaultdict(list)
    slots, attended = [], []
    for application in applications:
        if application.status not in INTERVIEWED:
            continue
        organisation_id = application.vacancy.organisation_id
        while next_free[organisation_id] < slot_count:
            starts = fair.starts_at + timedelta(
                minutes=INTERVIEW_MINUTES * next_free[organisation_id]
            )
            next_free[organisation_id] += 1
            taken = graduate_times[application.graduate.pk]
            if all(abs(starts - other) >= gap for other in taken):
                taken.append(starts)
                slots.append(
                    InterviewSlot(
                        fair=fair,
                        organisation_id=organisation_id,
                        vacancy=application.vacancy,
                        starts_at=starts,
                        ends_at=starts + timedelta(minutes=INTERVIEW_MINUTES),
                        place=f"Booth {booths.get(organisation_id, '')}".strip(),
                    )
                )
                came = application.status in OFFERED or rng.random() < 0.8
                attended.append((application.graduate, came))
                break
    slots = InterviewSlot.objects.bulk_create(slots)
    InterviewBooking.objects.bulk_create(
        InterviewBooking(slot=slot, graduate=graduate, attended=came)
        for slot, (graduate, came) in zip(slots, attended, strict=True)
    )
    return len(slots)
