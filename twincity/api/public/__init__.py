"""The public read API: what the site shows, for partners' systems."""

from ninja import Router

from . import directory, events, invest, news, places, talent

router = Router()
router.add_router("/news", news.router)
router.add_router("/events", events.router)
router.add_router("/places", places.router)
router.add_router("/campaigns", places.campaigns_router)
router.add_router("/guidebooks", places.guidebooks_router)
router.add_router("/organisations", directory.router)
router.add_router("/groups", directory.groups_router)
router.add_router("/vacancies", talent.vacancies_router)
router.add_router("/fairs", talent.fairs_router)
router.add_router("/invest", invest.router)
