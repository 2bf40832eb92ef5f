"""Demo data of the directory: the vocational education group the seed article describes, its
founders, real vocational colleges of both cities, a few associations, and cooperation projects.

What is fact and what is illustration:
- The group, its founding on 15 May 2020 and its two founding colleges are from the article.
  The article describes the group without a formal name; the names below follow its words.
- The other colleges and the associations are real institutions (public facts: names, city;
  a district only where it is certain). That they are members of the group is illustration:
  the article counts "more than 40 vocational schools" and "over 20 associations" without
  naming them. Those memberships, and every project, are flagged `is_demo` and shown as
  "[demo]" in the admin and on the public pages.

SF Express (顺丰速运), the third founder the article names, is left out on purpose: an enterprise
needs its unified social credit code (the database refuses one without), and no published code
of SF Express could be verified here. Inventing one would put a false official identifier on a
real company. Add it in the admin, with the code from its business licence, to complete the
founders.
"""

import datetime

from django.db import transaction

from .models import City, CooperationProject, Group, Membership, Organisation

FOUNDED_ON = datetime.date(2020, 5, 15)

GROUP = {
    "name_en": "Chengdu–Chongqing Vocational Education Group for Commerce and Logistics",
    "name_zh": "成渝地区双城经济圈商贸物流职业教育集团",
}

SCHOOL = {"kind": Organisation.Kind.SCHOOL, "industry": "education"}
CHENGDU = {**SCHOOL, "city": City.CHENGDU}
CHONGQING = {**SCHOOL, "city": City.CHONGQING}

FOUNDERS = [
    {"name_en": "Chengdu Polytechnic", "name_zh": "成都职业技术学院", **CHENGDU},
    {"name_en": "Urban Technician College of Sichuan", "name_zh": "四川城市技师学院", **CHENGDU},
]

MEMBER_SCHOOLS = [
    {
        "name_en": "Sichuan Vocational and Technical College of Communications",
        "name_zh": "四川交通职业技术学院",
        "district": "Wenjiang",
        **CHENGDU,
    },
    {"name_en": "Chengdu Aeronautic Polytechnic", "name_zh": "成都航空职业技术学院", **CHENGDU},
    {"name_en": "Chengdu Textile College", "name_zh": "成都纺织高等专科学校", **CHENGDU},
    {
        "name_en": "Sichuan Post and Telecommunication College",
        "name_zh": "四川邮电职业技术学院",
        **CHENGDU,
    },
    {
        "name_en": "Sichuan Vocational College of Finance and Economics",
        "name_zh": "四川财经职业学院",
        **CHENGDU,
    },
    {
        "name_en": "Chengdu Agricultural College",
        "name_zh": "成都农业科技职业学院",
        "district": "Wenjiang",
        **CHENGDU,
    },
    {
        "name_en": "Sichuan Technology and Business College",
        "name_zh": "四川工商职业技术学院",
        "district": "Dujiangyan",
        **CHENGDU,
    },
    {
        "name_en": "Sichuan Water Conservancy Vocational College",
        "name_zh": "四川水利职业技术学院",
        **CHENGDU,
    },
    {
        "name_en": "Chongqing Industry Polytechnic College",
        "name_zh": "重庆工业职业技术学院",
        **CHONGQING,
    },
    {
        "name_en": "Chongqing City Management College",
        "name_zh": "重庆城市管理职业学院",
        **CHONGQING,
    },
    {
        "name_en": "Chongqing College of Electronic Engineering",
        "name_zh": "重庆电子工程职业学院",
        **CHONGQING,
    },
    {
        "name_en": "Chongqing Vocational Institute of Engineering",
        "name_zh": "重庆工程职业技术学院",
        **CHONGQING,
    },
    {
        "name_en": "Chongqing Three Gorges Polytechnic College",
        "name_zh": "重庆三峡职业学院",
        "district": "Wanzhou",
        **CHONGQING,
    },
    {
        "name_en": "Chongqing Water Resources and Electric Engineering College",
        "name_zh": "重庆水利电力职业技术学院",
        **CHONGQING,
    },
    {
        "name_en": "Chongqing Business Vocational College",
        "name_zh": "重庆商务职业学院",
        **CHONGQING,
    },
    {"name_en": "Chongqing Electric Power College", "name_zh": "重庆电力高等专科学校", **CHONGQING},
    {
        "name_en": "Chongqing Vocational College of Transportation",
        "name_zh": "重庆交通职业学院",
        **CHONGQING,
    },
]

ASSOCIATION = {"kind": Organisation.Kind.ASSOCIATION}
# Members of the group in the demo, standing for the article's "over 20 industry associations
# or societies".
MEMBER_ASSOCIATIONS = [
    {
        "name_en": "China Federation of Logistics and Purchasing",
        "name_zh": "中国物流与采购联合会",
        "city": City.OTHER,
        "industry": "logistics",
        **ASSOCIATION,
    },
    {
        "name_en": "Chinese Society of Technical and Vocational Education",
        "name_zh": "中国职业技术教育学会",
        "city": City.OTHER,
        "industry": "education",
        **ASSOCIATION,
    },
]
# The article's undertaker: the association that runs the portal, not a member of the group.
OTHER_ORGANISATIONS = [
    {
        "name_en": "Chongqing Investment Promotion Association",
        "name_zh": "重庆市投资促进会",
        "city": City.CHONGQING,
        "industry": "investment promotion",
        **ASSOCIATION,
    },
]

ProjectKind = CooperationProject.Kind
ProjectStatus = CooperationProject.Status
PROJECTS = [
    {
        "title_en": "Two-city joint curriculum in e-commerce logistics",
        "title_zh": "成渝电商物流联合课程",
        "kind": ProjectKind.JOINT_CURRICULUM,
        "status": ProjectStatus.ACTIVE,
        "started_on": datetime.date(2020, 9, 1),
        "partners": ["Chengdu Polytechnic", "Chongqing Business Vocational College"],
    },
    {
        "title_en": "Shared cold-chain logistics training centre",
        "title_zh": "冷链物流共享实训中心",
        "kind": ProjectKind.TRAINING_CENTRE,
        "status": ProjectStatus.PLANNED,
        "started_on": None,
        "partners": [
            "Urban Technician College of Sichuan",
            "Chongqing Industry Polytechnic College",
        ],
    },
    {
        "title_en": "Cross-city internship exchange for logistics students",
        "title_zh": "物流专业学生跨城实习交流",
        "kind": ProjectKind.INTERNSHIP_BASE,
        "status": ProjectStatus.COMPLETED,
        "started_on": datetime.date(2021, 3, 1),
        "partners": [
            "Sichuan Vocational and Technical College of Communications",
            "Chongqing Vocational College of Transportation",
            "China Federation of Logistics and Purchasing",
        ],
    },
]


@transaction.atomic
def load_directory_demo() -> int:
    """Create what is missing of the demo directory; returns how many rows it added.

    Rows are found by their English name or title, and rows that exist are left as they are
    (an editor may have corrected them), so running it again adds nothing.
    """
    organisations = {}
    added = 0
    for values in FOUNDERS + MEMBER_SCHOOLS + MEMBER_ASSOCIATIONS + OTHER_ORGANISATIONS:
        name = values["name_en"]
        organisations[name], created = Organisation.objects.get_or_create(
            name_en=name, defaults=values
        )
        added += created
    group, created = Group.objects.get_or_create(
        name_en=GROUP["name_en"], defaults={**GROUP, "founded_on": FOUNDED_ON}
    )
    added += created
    added += add_members(group, FOUNDERS, Membership.Role.FOUNDER, organisations, is_demo=False)
    members = MEMBER_SCHOOLS + MEMBER_ASSOCIATIONS
    added += add_members(group, members, Membership.Role.MEMBER, organisations, is_demo=True)
    return added + add_projects(organisations)


def add_members(
    group: Group,
    rows: list[dict],
    role: str,
    organisations: dict[str, Organisation],
    *,
    is_demo: bool,
) -> int:
    added = 0
    for values in rows:
        _membership, created = Membership.objects.get_or_create(
            group=group,
            organisation=organisations[values["name_en"]],
            defaults={"role": role, "joined_on": FOUNDED_ON, "is_demo": is_demo},
        )
        added += created
    return added


def add_projects(organisations: dict[str, Organisation]) -> int:
    added = 0
    for values in PROJECTS:
        partners = [organisations[name] for name in values["partners"]]
        defaults = {key: value for key, value in values.items() if key != "partners"}
        project, created = CooperationProject.objects.get_or_create(
            title_en=values["title_en"], defaults={**defaults, "is_demo": True}
        )
        if created:
            project.partners.set(partners)
            added += 1
    return added
