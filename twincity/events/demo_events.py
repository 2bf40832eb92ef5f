"""Demo events in English and Simplified Chinese: the seed article's events, then the team's own.

What is fact and what is illustration:
- SEED_EVENTS are the events the China Daily article (shared/seed/000_…) reports, with its
  dates. The article gives the day an event began, not its hours or last day, so each one spans
  that day (00:00–23:59, shown as a date without hours) and its text says "opened". A venue, an
  address or an organiser appears only where the article names it; nothing is added.
- OWN_EVENTS are events of 2027 the Twin City team made up to show the product: "(demo)" and
  "（示例）" are in their titles, and their texts say they are examples. Their organisers are
  real institutions of the directory; that they organise these events is illustration. Their
  speakers are described by role, never by an invented name.
- Venues: the addresses are the venues' published ones; coordinates (WGS-84) are given to two
  decimals, about a kilometre, which is what we are sure of without a survey. An editor can
  refine them from the venue's own site.
"""

from datetime import datetime
from zoneinfo import ZoneInfo

CHINA = ZoneInfo("Asia/Shanghai")


def beijing(year: int, month: int, day: int, hour: int = 0, minute: int = 0) -> datetime:
    return datetime(year, month, day, hour, minute, tzinfo=CHINA)


def whole_day(year: int, month: int, day: int) -> dict:
    """A day known without its hours (see the module's note)."""
    return {
        "starts_at": beijing(year, month, day),
        "ends_at": beijing(year, month, day, 23, 59),
    }


CENTURY_CITY = {
    "venue_name_en": "Chengdu Century City New International Convention & Exhibition Center",
    "venue_name_zh": "成都世纪城新国际会展中心",
    "venue_address_en": "198 Shijicheng Road, High-tech Zone, Chengdu",
    "venue_address_zh": "成都市高新区世纪城路198号",
    "latitude": "30.55",
    "longitude": "104.07",
}
CHONGQING_EXPO_CENTER = {
    "venue_name_en": "Chongqing International Expo Center",
    "venue_name_zh": "重庆国际博览中心",
    "venue_address_en": "66 Yuelai Avenue, Yubei District, Chongqing",
    "venue_address_zh": "重庆市渝北区悦来大道66号",
    "latitude": "29.72",
    "longitude": "106.55",
}
URBAN_TECHNICIAN_COLLEGE = {
    "venue_name_en": "Urban Technician College of Sichuan, Chengdu",
    "venue_name_zh": "成都 四川城市技师学院",
}
SEED_NOTE_EN = "From the China Daily article “Chengdu, Chongqing ramp up cooperation”."
SEED_NOTE_ZH = "摘自《中国日报》报道《成都、重庆加力推进合作》。"
OWN_NOTE_EN = (
    "This is a demo event made up by the Twin City team to show how events work on the "
    "portal; it will not take place."
)
OWN_NOTE_ZH = "这是双城网团队为演示活动功能而编写的示例活动，并不会实际举行。"

SEED_EVENTS: list[dict] = [
    {
        "slug": "hongyadong-kuanzhai-alleys-agreement-2020",
        "kind": "ceremony",
        "city": "both",
        **whole_day(2020, 4, 22),
        "title_en": "Hongyadong and Kuanzhai Alleys sign a cooperation agreement",
        "title_zh": "洪崖洞与宽窄巷子签署战略合作协议",
        "summary_en": "Two famous sights of Chongqing and Chengdu agree to build the Bashu "
        "Culture and Tourism Corridor together.",
        "summary_zh": "重庆、成都两大知名景区携手共建巴蜀文化旅游走廊。",
        "body_en": [
            "On 22 April 2020, Hongyadong in Yuzhong district of Chongqing and Kuanzhai Alleys "
            "in Qingyang district of Chengdu signed a strategic cooperation agreement to jointly "
            "build the Bashu Culture and Tourism Corridor.",
            "The two sights agreed to promote each other: Kuanzhai Alleys to visitors of "
            "Hongyadong and Hongyadong to visitors of Kuanzhai Alleys, in a campaign called "
            "“A Tale of Two Cities”, with themed food exhibitions and guidebooks to follow.",
            SEED_NOTE_EN,
        ],
        "body_zh": [
            "2020年4月22日，重庆渝中区洪崖洞与成都青羊区宽窄巷子签署战略合作协议，携手共建巴蜀文化旅游走廊。",
            "两大景区约定互相推介：在洪崖洞向游客推介宽窄巷子，在宽窄巷子向游客推介洪崖洞，开展“双城记”主题营销，"
            "并计划举办主题美食展、出版旅游指南。",
            SEED_NOTE_ZH,
        ],
    },
    {
        "slug": "vocational-education-group-founded-2020",
        "kind": "ceremony",
        "city": "both",
        **whole_day(2020, 5, 15),
        "co_organisers": ["Chengdu Polytechnic", "Urban Technician College of Sichuan"],
        "title_en": "Founding of the two cities' vocational education group for commerce "
        "and logistics",
        "title_zh": "成渝地区双城经济圈商贸物流职业教育集团成立",
        "summary_en": "Colleges, enterprises, associations and vocational schools of Chengdu "
        "and Chongqing found a group for commerce and logistics education.",
        "summary_zh": "成渝两地院校、企业、行业协会和职业学校共同组建商贸物流职业教育集团。",
        "body_en": [
            "On 15 May 2020, a vocational education group specialising in commerce and "
            "logistics in the Chengdu–Chongqing Economic Circle was established.",
            "It was founded by Chengdu Polytechnic, the Urban Technician College of Sichuan and "
            "the courier company SF Express, with more than 100 enterprises, over 20 industry "
            "associations or societies and more than 40 vocational schools of the two cities.",
            SEED_NOTE_EN,
        ],
        "body_zh": [
            "2020年5月15日，成渝地区双城经济圈商贸物流职业教育集团成立。",
            "集团由成都职业技术学院、四川城市技师学院和顺丰速运发起，成渝两地100余家企业、20余家行业协会和学会、"
            "40余所职业院校共同参与。",
            SEED_NOTE_ZH,
        ],
    },
    {
        "slug": "food-festivals-open-in-both-cities-2020",
        "kind": "festival",
        "city": "both",
        **whole_day(2020, 10, 16),
        "title_en": "Chengdu International Food Festival and Chongqing Hotpot Food Culture "
        "Festival open together",
        "title_zh": "成都国际美食节与重庆火锅美食文化节同日开幕",
        "summary_en": "The 17th Chengdu International Food Festival and the 12th Chongqing "
        "Hotpot Food Culture Festival opened in the two cities on the same day.",
        "summary_zh": "第十七届成都国际美食节与第十二届重庆火锅美食文化节在两地同日开幕。",
        "body_en": [
            "On 16 October 2020, the 17th Chengdu International Food Festival and the 12th "
            "Chongqing Hotpot Food Culture Festival opened in the two cities. Two recreational "
            "vehicles loaded with specialities of Chongqing, Chengdu and other cities of "
            "Sichuan showed the region's food.",
            "Part of the Chengdu festival, the first Chengdu International Chefs' Festival of "
            "Sichuan Cuisine brought experts, companies and chefs together for seminars, "
            "exhibitions and demonstrations of culinary skill.",
            SEED_NOTE_EN,
        ],
        "body_zh": [
            "2020年10月16日，第十七届成都国际美食节和第十二届重庆火锅美食文化节在两地开幕。两辆满载重庆、成都及"
            "四川其他城市特产的房车亮相活动现场，展示区域美食。",
            "作为成都国际美食节的一部分，首届成都国际川菜厨师节邀请专家、企业和厨师，通过研讨会、展览和厨艺展示交流学习。",
            SEED_NOTE_ZH,
        ],
    },
    {
        "slug": "school-industry-seminar-2021",
        "kind": "seminar",
        "city": "chengdu",
        **whole_day(2021, 6, 4),
        **URBAN_TECHNICIAN_COLLEGE,
        "title_en": "Seminar on school–industry cooperation between Chengdu and Chongqing",
        "title_zh": "成渝校企合作研讨会",
        "summary_en": "Schools and enterprises of the two cities discussed how to train "
        "students together, at the Urban Technician College of Sichuan.",
        "summary_zh": "两地院校与企业在四川城市技师学院研讨校企合作育人。",
        "body_en": [
            "On 4 June 2021, a seminar on school–industry cooperation between Chengdu and "
            "Chongqing took place at the Urban Technician College of Sichuan in Chengdu. On the "
            "same day the college hosted a job fair for graduates of both cities.",
            SEED_NOTE_EN,
        ],
        "body_zh": [
            "2021年6月4日，成渝校企合作研讨会在成都的四川城市技师学院举行。同日，学院为两地毕业生举办了招聘会。",
            SEED_NOTE_ZH,
        ],
    },
    {
        "slug": "graduate-job-fair-2021",
        "kind": "job_fair",
        "city": "chengdu",
        **whole_day(2021, 6, 4),
        **URBAN_TECHNICIAN_COLLEGE,
        "co_organisers": ["Urban Technician College of Sichuan"],
        "links_demo_fair": True,
        "title_en": "Job fair for graduates of Chengdu and Chongqing",
        "title_zh": "成渝高校毕业生招聘会",
        "summary_en": "Fifty key enterprises offered 2,100 jobs in manufacturing, logistics "
        "and services to graduates of the two cities.",
        "summary_zh": "50家重点企业面向两地毕业生提供制造、物流、服务等行业的2100个岗位。",
        "body_en": [
            "On 4 June 2021, the Urban Technician College of Sichuan hosted a job fair for "
            "employers and college graduates from Chengdu and Chongqing. Fifty key enterprises "
            "offered 2,100 jobs in industries such as manufacturing, logistics and services.",
            SEED_NOTE_EN,
        ],
        "body_zh": [
            "2021年6月4日，四川城市技师学院为成渝两地用人单位和高校毕业生举办招聘会，50家重点企业提供了制造、物流、"
            "服务等行业的2100个岗位。",
            SEED_NOTE_ZH,
        ],
    },
    {
        "slug": "western-china-tourism-expo-2021",
        "kind": "expo",
        "city": "chongqing",
        **whole_day(2021, 6, 11),
        "title_en": "Western China Tourism Industry Expo and Chongqing International Culture "
        "& Tourism Industry Expo",
        "title_zh": "第七届中国西部旅游产业博览会暨2021重庆国际文化旅游产业博览会",
        "summary_en": "The seventh Western China Tourism Industry Expo opened together with the "
        "2021 Chongqing International Culture & Tourism Industry Expo; Chengdu had a booth.",
        "summary_zh": "第七届中国西部旅游产业博览会与2021重庆国际文化旅游产业博览会同期开幕，成都设展参展。",
        "body_en": [
            "The seventh Western China Tourism Industry Expo and the 2021 Chongqing "
            "International Culture & Tourism Industry Expo opened on 11 June 2021. Chengdu's "
            "booth, themed “Chengdu – a city of creativity and a destination for every season”, "
            "drew many visitors.",
            "At the expo Chengdu presented its initiative for a modern culture and tourism "
            "industry, part of the two cities' work on the Bashu Culture and Tourism Corridor.",
            SEED_NOTE_EN,
        ],
        "body_zh": [
            "第七届中国西部旅游产业博览会暨2021重庆国际文化旅游产业博览会于2021年6月11日开幕。成都以"
            "“成都——创意之城、四季皆宜的旅游目的地”为主题的展台吸引了众多观众。",
            "成都在博览会上推介了现代文化旅游产业生态圈建设，助力两地共建巴蜀文化旅游走廊。",
            SEED_NOTE_ZH,
        ],
    },
]


def session(
    start: datetime, end: datetime, title: tuple, room: tuple, speakers: tuple = ((), ())
) -> dict:
    """A programme session in both languages: (English, Chinese) pairs."""
    return {
        "starts_at": start,
        "ends_at": end,
        "title_en": title[0],
        "title_zh": title[1],
        "room_en": room[0],
        "room_zh": room[1],
        "speakers_en": list(speakers[0]),
        "speakers_zh": list(speakers[1]),
    }


ON_SALE_FROM = beijing(2026, 11, 1)

OWN_EVENTS: list[dict] = [
    {
        "slug": "school-industry-seminar-2027-demo",
        "kind": "seminar",
        "city": "chengdu",
        "starts_at": beijing(2027, 3, 18, 9),
        "ends_at": beijing(2027, 3, 18, 12),
        "venue_name_en": "Chengdu Polytechnic",
        "venue_name_zh": "成都职业技术学院",
        "co_organisers": ["Chengdu Polytechnic", "Chongqing Industry Polytechnic College"],
        "title_en": "Seminar: training logistics students in two cities (demo)",
        "title_zh": "研讨会：两地联合培养物流专业学生（示例）",
        "summary_en": "Teachers and employers compare what works when students of one city "
        "train with enterprises of the other.",
        "summary_zh": "教师和用人单位交流：一座城市的学生到另一座城市的企业实训，哪些做法行之有效。",
        "body_en": [
            "A morning for vocational colleges and logistics enterprises: short reports from "
            "joint curricula, then a discussion on internships across the two cities.",
            OWN_NOTE_EN,
        ],
        "body_zh": [
            "面向职业院校和物流企业的半天研讨：先交流联合课程的经验，再讨论跨城实习。",
            OWN_NOTE_ZH,
        ],
        "programme": [
            session(
                beijing(2027, 3, 18, 9),
                beijing(2027, 3, 18, 10, 30),
                ("Reports from joint curricula", "联合课程经验交流"),
                ("Lecture hall", "报告厅"),
                (
                    ["Teachers of the two organising colleges"],
                    ["两所主办院校的教师"],
                ),
            ),
            session(
                beijing(2027, 3, 18, 10, 45),
                beijing(2027, 3, 18, 12),
                ("Discussion: internships across the two cities", "讨论：跨城实习"),
                ("Lecture hall", "报告厅"),
                (["Logistics employers of both cities"], ["两地物流企业代表"]),
            ),
        ],
        "tickets": [
            ("visitor", "Participant", "参会代表", 120, ON_SALE_FROM, beijing(2027, 3, 17)),
            ("speaker", "Speaker", "发言嘉宾", 10, ON_SALE_FROM, beijing(2027, 3, 17)),
        ],
        "questions": [
            {
                "kind": "yes_no",
                "text_en": "Would you like to visit the training workshops after the seminar?",
                "text_zh": "研讨会后是否参观实训车间？",
                "required": True,
            },
        ],
    },
    {
        "slug": "culture-tourism-expo-2027-demo",
        "kind": "expo",
        "city": "chongqing",
        "starts_at": beijing(2027, 6, 11, 9),
        "ends_at": beijing(2027, 6, 13, 17),
        **CHONGQING_EXPO_CENTER,
        "co_organisers": ["Chongqing Investment Promotion Association"],
        "title_en": "Chengdu–Chongqing Culture and Tourism Expo 2027 (demo)",
        "title_zh": "2027成渝文化旅游博览会（示例）",
        "summary_en": "Sights, hotels, travel agencies and makers of culture and tourism "
        "products of the two cities show what the Bashu Corridor offers.",
        "summary_zh": "两地景区、酒店、旅行社和文旅产品企业集中展示巴蜀文化旅游走廊。",
        "body_en": [
            "Three days in two halls: exhibitors from both cities, a stage for destination "
            "presentations and a day for the trade. Enterprises apply for a booth on this page; "
            "the organisers assign booths from the hall plan.",
            OWN_NOTE_EN,
        ],
        "body_zh": [
            "两个展馆、为期三天：两地参展商集中亮相，设目的地推介舞台和专业观众日。企业可在本页申请展位，主办方按展馆平面图分配展位。",
            OWN_NOTE_ZH,
        ],
        "programme": [
            session(
                beijing(2027, 6, 11, 9, 30),
                beijing(2027, 6, 11, 10, 30),
                ("Opening", "开幕式"),
                ("Hall N1 stage", "N1馆舞台"),
                (["Representatives of the organisers"], ["主办方代表"]),
            ),
            session(
                beijing(2027, 6, 11, 14),
                beijing(2027, 6, 11, 16),
                ("Destination presentations: Chengdu", "目的地推介：成都"),
                ("Hall N1 stage", "N1馆舞台"),
            ),
            session(
                beijing(2027, 6, 12, 14),
                beijing(2027, 6, 12, 16),
                ("Destination presentations: Chongqing", "目的地推介：重庆"),
                ("Hall N1 stage", "N1馆舞台"),
            ),
            session(
                beijing(2027, 6, 13, 10),
                beijing(2027, 6, 13, 12),
                ("Trade meetings: travel agencies and hotels", "专业洽谈：旅行社与酒店"),
                ("Hall N2 meeting rooms", "N2馆洽谈室"),
            ),
        ],
        "tickets": [
            ("visitor", "Visitor", "观众", 3000, ON_SALE_FROM, beijing(2027, 6, 13, 12)),
            (
                "exhibitor",
                "Exhibitor staff",
                "参展商工作人员",
                200,
                ON_SALE_FROM,
                beijing(2027, 6, 1),
            ),
            ("press", "Press", "媒体记者", 80, ON_SALE_FROM, beijing(2027, 6, 10)),
        ],
        "questions": [
            {
                "kind": "choice",
                "text_en": "What brings you to the expo?",
                "text_zh": "您参观博览会的主要目的是什么？",
                "choices_en": "Planning a trip\nBusiness in tourism\nReporting",
                "choices_zh": "规划旅行\n旅游业务洽谈\n新闻采访",
                "required": True,
            },
        ],
        "booths": [("N1", f"A{number:02d}", 9) for number in range(1, 13)]
        + [("N2", f"B{number:02d}", 18) for number in range(1, 9)],
    },
    {
        "slug": "exhibitions-conference-2027-demo",
        "kind": "conference",
        "city": "chengdu",
        "starts_at": beijing(2027, 9, 8, 9),
        "ends_at": beijing(2027, 9, 9, 17, 30),
        **CENTURY_CITY,
        "co_organisers": [
            "Chongqing Investment Promotion Association",
            "China Federation of Logistics and Purchasing",
        ],
        "title_en": "Conference on organising exhibitions together (demo)",
        "title_zh": "成渝联合办展办会研讨大会（示例）",
        "summary_en": "Organisers of both cities discuss sharing exhibitions, visitors and "
        "logistics, so that a show in one city serves the other too.",
        "summary_zh": "两地主办机构共商共享展会、客源和物流，让一地办展、两地受益。",
        "body_en": [
            "Two days on what the seed article calls jointly organising exhibitions and "
            "conferences: calendars that do not clash, shared visitor services, and moving "
            "exhibits between the two cities.",
            OWN_NOTE_EN,
        ],
        "body_zh": [
            "为期两天，围绕联合办展办会展开：错开展会档期、共享观众服务、两地之间的展品物流。",
            OWN_NOTE_ZH,
        ],
        "programme": [
            session(
                beijing(2027, 9, 8, 9, 30),
                beijing(2027, 9, 8, 11),
                ("One calendar for two cities", "两城一张展会日历"),
                ("Conference room 1", "1号会议室"),
                (["Exhibition organisers of both cities"], ["两地展会主办机构代表"]),
            ),
            session(
                beijing(2027, 9, 8, 14),
                beijing(2027, 9, 8, 16),
                ("Moving exhibits between the cities", "展品的跨城物流"),
                ("Conference room 1", "1号会议室"),
                (["Logistics enterprises"], ["物流企业代表"]),
            ),
            session(
                beijing(2027, 9, 9, 9, 30),
                beijing(2027, 9, 9, 11, 30),
                ("Shared services for visitors", "共享观众服务"),
                ("Conference room 2", "2号会议室"),
            ),
        ],
        "tickets": [
            ("visitor", "Delegate", "参会代表", 400, beijing(2027, 3, 1), beijing(2027, 9, 7)),
            ("press", "Press", "媒体记者", 40, beijing(2027, 3, 1), beijing(2027, 9, 7)),
            ("speaker", "Speaker", "演讲嘉宾", 20, beijing(2027, 3, 1), beijing(2027, 9, 7)),
        ],
        "questions": [
            {
                "kind": "yes_no",
                "text_en": "Will you join the visit to the exhibition halls on the second "
                "afternoon?",
                "text_zh": "是否参加第二天下午的展馆参观？",
                "required": True,
            },
            {
                "kind": "text",
                "text_en": "Anything we should know about your diet?",
                "text_zh": "饮食方面有什么需要我们注意的吗？",
                "required": False,
            },
        ],
    },
    {
        "slug": "two-city-food-festival-2027-demo",
        "kind": "festival",
        "city": "both",
        "starts_at": beijing(2027, 10, 15, 10),
        "ends_at": beijing(2027, 10, 17, 21),
        **CENTURY_CITY,
        "co_organisers": [
            "Chongqing Investment Promotion Association",
            "Chongqing Business Vocational College",
        ],
        "title_en": "Two-City Food Festival 2027 (demo)",
        "title_zh": "2027双城美食节（示例）",
        "summary_en": "Sichuan cuisine and Chongqing hotpot in both cities at once: stalls, "
        "chefs' demonstrations and a seminar for restaurants.",
        "summary_zh": "川菜与重庆火锅两地同时开席：美食摊位、厨艺展示和餐饮业研讨会。",
        "body_en": [
            "The festival opens on the same day in both cities, as the two food festivals did "
            "in 2020. The Chengdu part is at Century City; the Chongqing part at the Chongqing "
            "International Expo Center.",
            OWN_NOTE_EN,
        ],
        "body_zh": [
            "美食节在两地同日开幕，就像2020年的两个美食节一样。成都分会场设在世纪城，重庆分会场设在重庆国际博览中心。",
            OWN_NOTE_ZH,
        ],
        "programme": [
            session(
                beijing(2027, 10, 15, 10),
                beijing(2027, 10, 15, 11),
                ("Opening in both cities", "两地同时开幕"),
                ("Main stage", "主舞台"),
            ),
            session(
                beijing(2027, 10, 16, 14),
                beijing(2027, 10, 16, 15, 30),
                ("Chefs' demonstration: hotpot broth", "厨艺展示：火锅底料"),
                ("Demonstration kitchen", "厨艺展示区"),
                (["Chefs from Chongqing restaurants"], ["重庆餐饮企业厨师"]),
            ),
            session(
                beijing(2027, 10, 17, 10),
                beijing(2027, 10, 17, 12),
                ("Seminar: one supply chain for two cuisines", "研讨会：两大菜系共用一条供应链"),
                ("Meeting room", "会议室"),
            ),
        ],
        "tickets": [
            ("visitor", "Visitor", "观众", 2000, ON_SALE_FROM, beijing(2027, 10, 17, 12)),
            ("press", "Press", "媒体记者", 50, ON_SALE_FROM, beijing(2027, 10, 14)),
        ],
        "questions": [
            {
                "kind": "choice",
                "text_en": "Which city will you come to?",
                "text_zh": "您将前往哪个城市的会场？",
                "choices_en": "Chengdu\nChongqing\nBoth",
                "choices_zh": "成都\n重庆\n两地都去",
                "required": True,
            },
        ],
    },
]
