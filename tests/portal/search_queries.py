"""Labelled search queries for the demo articles in ``twincity/news/data/articles.json``.

Each entry is ``(language, query, expected_slug)``. ``language`` is ``"en"`` (the query is
run over the English versions of the articles only) or ``"zh-hans"`` (over the Chinese
versions only). ``expected_slug`` is the article that best answers the query: its title or
lead carries the query terms, while other articles mention them less or not at all.
"""

from __future__ import annotations

SEED = "chengdu-chongqing-ramp-up-cooperation"

LABELLED_QUERIES: list[tuple[str, str, str]] = [
    # English: single names and short phrases, one distinctive topic per article
    ("en", "Kuanzhai", SEED),
    ("en", "Chongqing Tourism Investment Group", SEED),
    ("en", "Yu Zhiping Chengdu Polytechnic", SEED),
    (
        "en",
        "vocational education group school-industry projects",
        "vocational-group-school-industry-projects",
    ),
    ("en", "order classes dual mentors", "vocational-group-school-industry-projects"),
    ("en", "job fair graduates", "job-fair-2100-posts-for-graduates"),
    ("en", "high-speed rail", "bullet-trains-one-hour-between-cities"),
    ("en", "hotpot festival", "hotpot-and-sichuan-cuisine-festivals-open"),
    ("en", "mapo tofu", "hotpot-and-sichuan-cuisine-festivals-open"),
    ("en", "tourism expo booth", "chengdu-booth-western-china-tourism-expo"),
    ("en", "Hongyadong stilt houses", "hongyadong-tale-of-two-cities-week"),
    ("en", "guidebook", "two-city-guidebook-published"),
    ("en", "Wuhouci Jinli", "two-city-guidebook-published"),
    ("en", "parcel delivery cold chain", "next-day-parcel-delivery-cold-chain"),
    ("en", "Jiefangbei Chunxi Road", "jiefangbei-chunxi-road-shoppers"),
    ("en", "night economy shopping", "jiefangbei-chunxi-road-shoppers"),
    ("en", "Ciqikou", "ciqikou-people-park-teahouses"),
    ("en", "giant pandas", "giant-panda-fans-visit-both-cities"),
    ("en", "trade shows conferences", "jointly-organised-trade-shows-conferences"),
    ("en", "outline plan 2035", "economic-circle-outline-plan-published"),
    (
        "en",
        "social insurance paperwork",
        "sichuan-chongqing-tongban-government-services",
    ),
    ("en", "smart warehousing skills contest", "smart-warehousing-skills-contest"),
    ("en", "events calendar", "portal-opens-bilingual-events-calendar"),
    # Chinese: place names, organisations and topics, single words and space-separated words
    ("zh-hans", "宽窄巷子", SEED),
    ("zh-hans", "重庆旅游投资集团", SEED),
    ("zh-hans", "职业教育", "vocational-group-school-industry-projects"),
    ("zh-hans", "订单班 双导师", "vocational-group-school-industry-projects"),
    ("zh-hans", "招聘会", "job-fair-2100-posts-for-graduates"),
    ("zh-hans", "高铁", "bullet-trains-one-hour-between-cities"),
    ("zh-hans", "美食节 川菜", "hotpot-and-sichuan-cuisine-festivals-open"),
    ("zh-hans", "火锅", "hotpot-and-sichuan-cuisine-festivals-open"),
    ("zh-hans", "旅游博览会 展台", "chengdu-booth-western-china-tourism-expo"),
    ("zh-hans", "洪崖洞", "hongyadong-tale-of-two-cities-week"),
    ("zh-hans", "指南 攻略", "two-city-guidebook-published"),
    ("zh-hans", "冷链 快递", "next-day-parcel-delivery-cold-chain"),
    ("zh-hans", "解放碑 春熙路", "jiefangbei-chunxi-road-shoppers"),
    ("zh-hans", "茶馆 评书", "ciqikou-people-park-teahouses"),
    ("zh-hans", "大熊猫", "giant-panda-fans-visit-both-cities"),
    ("zh-hans", "会展", "jointly-organised-trade-shows-conferences"),
    ("zh-hans", "规划纲要", "economic-circle-outline-plan-published"),
    ("zh-hans", "川渝通办", "sichuan-chongqing-tongban-government-services"),
    ("zh-hans", "技能大赛", "smart-warehousing-skills-contest"),
    ("zh-hans", "活动日历", "portal-opens-bilingual-events-calendar"),
    # Mixed script, other word forms and hyphenation (Latin words inside Chinese text, plurals, compounds)
    ("zh-hans", "SF Express 物流", "next-day-parcel-delivery-cold-chain"),
    ("zh-hans", "PDF 指南", "two-city-guidebook-published"),
    ("zh-hans", "App 政务服务", "sichuan-chongqing-tongban-government-services"),
    ("en", "Hongyadong Kuanzhai agreement", SEED),
    ("en", "bullet train commute", "bullet-trains-one-hour-between-cities"),
    ("en", "giant panda breeding base", "giant-panda-fans-visit-both-cities"),
    ("en", "teahouse storyteller", "ciqikou-people-park-teahouses"),
    ("en", "job-fair graduate", "job-fair-2100-posts-for-graduates"),
]
