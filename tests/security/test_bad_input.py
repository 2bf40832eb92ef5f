"""The bad-input sweep: every public form and every query parameter the public pages read, fed
with generated garbage (hypothesis).

Whatever comes — very long text, NUL bytes, broken UTF-8 and lone surrogates, numbers out of
range, negative ids, dates in the wrong format, a list where one value is expected, SQL and
HTML meta characters — the answer is never a server error, a refused form says why in the
page's language, and nothing in the database has changed.

The values are sent as raw, percent-encoded bytes (a lone surrogate as the bytes UTF-8 would
give it), as a script on the internet sends them, not as a browser would.
"""

import re
import uuid
from urllib.parse import quote, quote_plus

import pytest
from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.db.models import Sum
from django.test import Client
from django.urls import reverse
from django.utils import translation
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.conftest import IN_CI
from tests.talent.factories import PASSWORD, credit_code
from twincity.directory.models import Organisation
from twincity.events.models import BoothApplication, EventIndexPage, Registration
from twincity.talent.models import Application, GraduateProfile, Recruiter, SavedSearch
from twincity.tourism.models import CampaignDailyCount, PlaceIndexPage
from twincity.tourism.trips import INTERESTS

pytestmark = pytest.mark.django_db

LANGUAGES = ("en", "zh-hans")
SWEEP = settings(
    max_examples=25,
    deadline=None,
    database=None,  # nothing written into the working tree
    # CI tries the same examples on every run, so that a red build is a change, not a dice
    # roll; a laptop tries new ones each time and finds what CI would not.
    derandomize=IN_CI,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)

# --- Bad values --------------------------------------------------------------------------------------

NASTY = [
    "",
    " ",
    "\x00",
    "a\x00b",
    "\ud800",
    "\udfff",
    "\u202e\ufeff",
    "-1",
    "0",
    "-99999999999999999999",
    "99999999999999999999",
    "9" * 400,
    "1e309",
    "NaN",
    "inf",
    "2027-13-45",
    "31/12/2027",
    "2027-02-30",
    "0000-00",
    "9999-99",
    "２０２７－０５",
    "' OR '1'='1",
    "1; DROP TABLE auth_user; --",
    "%",
    "_",
    "\\",
    "<script>alert(1)</script>",
    '"><img src=x onerror=alert(1)>',
    "{{ 7|add:7 }}",
    "${7*7}",
    "../../etc/passwd",
    "//evil.example/",
    "javascript:alert(1)",
]
ANY_CHARACTER = st.one_of(st.characters(), st.characters(categories=["Cs"]))
bad_text = st.one_of(
    st.sampled_from(NASTY),
    st.text(ANY_CHARACTER, max_size=30),
    st.integers(-(10**30), 10**30).map(str),
    st.lists(st.sampled_from(NASTY), min_size=2, max_size=4).map("".join),
    st.builds(
        lambda text, times: text * times,
        st.sampled_from(["x", "汉", "'"]),
        st.integers(2000, 20000),
    ),
)
# A list where one value is expected: the parameter given several times.
bad_values = st.one_of(
    bad_text.map(lambda value: [value]), st.lists(bad_text, min_size=2, max_size=3)
)


def not_an_email(text: str) -> bool:
    try:
        validate_email(text)
    except ValidationError:
        return True
    return False


bad_email = bad_text.filter(not_an_email)


def query(pairs: dict[str, list[str]]) -> str:
    """Percent-encoded as raw UTF-8 bytes: a lone surrogate arrives as bytes that are not UTF-8."""
    return "&".join(
        f"{quote_plus(name)}={quote_plus(value.encode('utf-8', 'surrogatepass'))}"
        for name, values in pairs.items()
        for value in values
    )


def segment(text: str) -> str:
    """A path segment of the same bytes; an empty one would change the address's shape."""
    return quote(text.encode("utf-8", "surrogatepass"), safe="") or "%20"


def bad_query(names: list[str]):
    """Some of `names`, each with one or more bad values."""
    return st.dictionaries(st.sampled_from(names), bad_values, min_size=1, max_size=len(names))


# --- What must hold of every answer -----------------------------------------------------------------


def database_state() -> dict:
    """Rows a visitor's request could add or change."""
    counts = {
        model.__name__: model.objects.count()
        for model in (
            Registration,
            Organisation,
            Recruiter,
            GraduateProfile,
            Application,
            SavedSearch,
            BoothApplication,
        )
    }
    counts["users"] = GraduateProfile._meta.get_field("user").related_model.objects.count()
    counts["campaign counts"] = CampaignDailyCount.objects.aggregate(
        views=Sum("views"), clicks=Sum("clicks")
    )
    counts["registration states"] = sorted(
        Registration.objects.values_list("pk", "status", "email")
    )
    return counts


# What a page says about the input: field errors, a form's alert, a notice, a refusal page.
MESSAGE = re.compile(
    r'<(\w+)[^>]*(?:class="(?:error|form-errors|notice|errorlist)"|role="alert")[^>]*>(.*?)</\1>',
    re.S,
)
CHINESE = re.compile(r"[\u4e00-\u9fff]")


def messages_on(response) -> list[str]:
    text = response.content.decode("utf-8", "replace")
    return [re.sub(r"<[^>]+>", "", inner).strip() for _tag, inner in MESSAGE.findall(text)]


def assert_answered_well(response, language: str) -> None:
    assert response.status_code < 500, response.status_code
    is_page = response.get("Content-Type", "").startswith("text/html") and response.content
    if is_page and response.status_code not in (301, 302) and language == "zh-hans":
        text = response.content.decode("utf-8", "replace")
        assert '<html lang="zh-hans"' in text
        english = [message for message in messages_on(response) if not CHINESE.search(message)]
        assert not english, f"messages in English on a Chinese page: {english}"


def assert_refused(response, language: str) -> None:
    """A form that was refused: shown again (or a 400/429 page) with a message saying why."""
    assert_answered_well(response, language)
    assert response.status_code in (200, 400, 429), response.status_code
    assert messages_on(response), "the form was refused without a message"


def url(name: str, language: str, *args) -> str:
    with translation.override(language):
        return reverse(name, args=args)


def page_url(page, language: str) -> str:
    with translation.override(language):
        return page.localized.get_url()


# --- Query parameters of the public pages ---------------------------------------------------------

TRIP_FIELDS = [
    "start_date",
    "days",
    "end_place",
    "pace",
    "must_see",
    "pin",
    "drop",
    *[f"start_{day}" for day in range(1, 6)],
    "interest",
    "step",
    *[f"weight_{interest.key}" for interest in INTERESTS[:3]],
]
QUERY_PAGES = {
    "search": (lambda w, lang: url("portal:search", lang), ["q", "page"]),
    "job search": (
        lambda w, lang: url("talent:job-search", lang),
        ["q", "city", "industry", "salary", "education", "order", "page"],
    ),
    "directory": (
        lambda w, lang: url("directory:index", lang),
        ["q", "kind", "city", "industry", "page"],
    ),
    "events listing": (
        lambda w, lang: page_url(
            EventIndexPage.objects.filter(locale__language_code="en").first(), lang
        ),
        ["city", "kind", "month", "when", "page"],
    ),
    "places": (
        lambda w, lang: page_url(
            PlaceIndexPage.objects.filter(locale__language_code="en").first(), lang
        ),
        ["q", "city", "kind", "tag", "district", "page"],
    ),
    "trip planner": (lambda w, lang: url("tourism:trip-planner", lang), TRIP_FIELDS),
    "trip calendar": (lambda w, lang: url("tourism:trip-calendar", lang), TRIP_FIELDS),
    "trip PDF": (lambda w, lang: url("tourism:trip-pdf", lang), TRIP_FIELDS),
    "calendar feed": (lambda w, lang: url("events:feed", lang, "chengdu"), ["kind"]),
    "sign-in": (lambda w, lang: url("talent:login", lang), ["next"]),
    "registration form": (
        lambda w, lang: url("events:event-register", lang, w.objects["shared"].pk),
        ["ticket_type", "page"],
    ),
}


@pytest.mark.parametrize("page", QUERY_PAGES)
@SWEEP
@given(language=st.sampled_from(LANGUAGES), data=st.data())
def test_query_parameters_of_public_pages(world, page, language, data):
    address, names = QUERY_PAGES[page]
    asked = data.draw(bad_query(names), label="query")
    before = database_state()

    response = Client().get(f"{address(world, language)}?{query(asked)}")

    assert_answered_well(response, language)
    assert database_state() == before


# --- Addresses with garbage in them -----------------------------------------------------------------

TOKEN_PAGES = [
    ("GET", "events:ticket"),
    ("POST", "events:ticket-cancel"),
    ("GET", "events:ticket-cancel"),
    ("POST", "events:offer-accept"),
    ("GET", "events:email-confirm"),
    ("POST", "events:email-confirm"),
    ("GET", "events:ticket-data"),
    ("POST", "events:ticket-data"),
    ("GET", "events:ticket-data-download"),
]


def address_with(name: str, language: str, *arguments: str | int) -> str:
    """The URL of `name`; its text arguments are put in as raw, encoded garbage."""
    placeholders = [
        f"ARGUMENT{index}" if isinstance(value, str) else value
        for index, value in enumerate(arguments)
    ]
    with translation.override(language):
        address = reverse(name, args=placeholders)
    for placeholder, value in zip(placeholders, arguments, strict=True):
        if isinstance(value, str):
            address = address.replace(placeholder, segment(value))
    return address


@SWEEP
@given(language=st.sampled_from(LANGUAGES), page=st.sampled_from(TOKEN_PAGES), token=bad_text)
def test_ticket_pages_with_garbage_tokens_find_nothing(world, language, page, token):
    method, name = page
    before = database_state()
    client = Client()
    address = address_with(name, language, token)

    response = client.post(address) if method == "POST" else client.get(address)

    assert_answered_well(response, language)
    assert response.status_code in (404, 405), response.status_code
    assert database_state() == before


NUMBERED_PAGES = [
    "directory:organisation",
    "talent:vacancy",
    "talent:fair",
    "events:event-register",
    "events:event-ics",
    "events:registration-mailed",
]


@SWEEP
@given(
    language=st.sampled_from(LANGUAGES),
    name=st.sampled_from(NUMBERED_PAGES),
    number=st.one_of(st.integers(2**31, 10**40), st.sampled_from([0, 2**31 - 1, 2**63, 2**64])),
)
def test_ids_out_of_range_find_nothing(world, language, name, number):
    before = database_state()

    response = Client().get(url(name, language, number))

    assert_answered_well(response, language)
    assert response.status_code == 404
    assert database_state() == before


@SWEEP
@given(language=st.sampled_from(LANGUAGES), city=bad_text, kind=bad_values)
def test_calendar_feeds_of_unknown_cities(world, language, city, kind):
    response = Client().get(
        f"{address_with('events:feed', language, city)}?{query({'kind': kind})}"
    )

    assert_answered_well(response, language)
    assert response.status_code == 404


@SWEEP
@given(
    language=st.sampled_from(LANGUAGES),
    side=st.one_of(bad_text, st.sampled_from(["chengdu", "chongqing"])),
    campaign=st.one_of(st.integers(0, 10**30), st.just(None)),
    origin=st.sampled_from(["", "https://evil.example", "null", "http://testserver\x00"]),
)
def test_campaign_beacons_from_elsewhere_count_nothing(world, language, side, campaign, origin):
    campaign_id = world.objects["campaign"].pk if campaign is None else campaign
    headers = {"Origin": origin, "Referer": origin} if origin else {}
    before = database_state()
    client = Client(headers=headers)

    seen = client.post(address_with("tourism:campaign-seen", language, campaign_id, side))
    followed = client.get(address_with("tourism:campaign-go", language, campaign_id, side))

    for response in (seen, followed):
        assert_answered_well(response, language)
    assert database_state() == before


# --- The public forms -----------------------------------------------------------------------------


def post_form(address: str, fields: dict[str, list[str]]):
    return Client().post(address, query(fields), content_type="application/x-www-form-urlencoded")


def with_bad_values(valid: dict[str, str], bad: dict[str, list[str]]) -> dict[str, list[str]]:
    return {**{name: [value] for name, value in valid.items()}, **bad}


@SWEEP
@given(language=st.sampled_from(LANGUAGES), email=bad_email, data=st.data())
def test_event_registration_with_bad_input_is_refused(world, language, email, data):
    event = world.objects["shared"]
    valid = {
        "submission_token": str(uuid.uuid4()),
        "ticket_type": str(event.ticket_types.get().pk),
        "name": "Zhang Wei",
        "organisation_name": "",
        "city_of_origin": "chongqing",
    }
    bad = data.draw(bad_query([*valid, "question_1"]), label="bad fields")
    before = database_state()

    response = post_form(
        url("events:event-register", language, event.pk),
        with_bad_values(valid, {**bad, "email": [email]}),
    )

    assert_refused(response, language)
    assert database_state() == before


SIGN_UPS = {
    "graduate": (
        "talent:register-graduate",
        {"full_name": "Wang Fang", "password": PASSWORD, "language": "en", "consent": "on"},
    ),
    "recruiter": (
        "talent:register-recruiter",
        {
            "full_name": "Li Hua",
            "password": PASSWORD,
            "language": "en",
            "credit_code": "",
            "city": "chengdu",
            "organisation_name_en": "Bad Input Ltd",
            "organisation_name_zh": "坏输入有限公司",
        },
    ),
}


@pytest.mark.parametrize("kind", SIGN_UPS)
@SWEEP
@given(language=st.sampled_from(LANGUAGES), email=bad_email, data=st.data())
def test_sign_ups_with_bad_input_are_refused(world, kind, language, email, data):
    name, valid = SIGN_UPS[kind]
    if "credit_code" in valid:
        valid = {**valid, "credit_code": credit_code()}
    bad = data.draw(bad_query(list(valid)), label="bad fields")
    before = database_state()

    response = post_form(url(name, language), with_bad_values(valid, {**bad, "email": [email]}))

    assert_refused(response, language)
    assert database_state() == before


@SWEEP
@given(
    language=st.sampled_from(LANGUAGES),
    username=bad_values,
    password=bad_values,
    next_=st.one_of(st.just([]), bad_values),
)
def test_sign_in_with_bad_input_is_refused(world, language, username, password, next_):
    fields = {"username": username, "password": password}
    if next_:
        fields["next"] = next_
    before = database_state()

    response = post_form(url("talent:login", language), fields)

    assert_refused(response, language)
    assert database_state() == before
