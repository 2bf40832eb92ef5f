"""Who gets what: every address of the site against every kind of user.

The table below is the site's authorisation rule, read row by row: a request, then the answer
each kind of user gets. Every named URL of the URL configuration must have a row (see
`test_every_url_of_the_site_has_a_row`), so a new page cannot go live without someone saying
who may open it. Wagtail's admin is represented by its home and the pages the apps add to it;
the Wagtail pages by a few pages of each kind.

The users (conftest.py): enterprise A's recruiter and enterprise B's, each owning a vacancy
with an application of the graduate (application_a, application_b), and A one that was
withdrawn (withdrawn_a); a recruiter whose sign-up, naming a new enterprise, is pending; the
staff of co-organisers P and Q, who share the event "shared" and have one event each of their
own (event_p, event_q); the job fair's organiser; an editor of Wagtail's "Editors" group.

Answers: a status code, `login` (302 to the site's sign-in, coming back afterwards),
`admin-login` (302 to the admin's sign-in), `302` (a redirect elsewhere).
"""

import html
import re
from dataclasses import dataclass
from urllib.parse import urlparse

import pytest
from django.urls import URLPattern, URLResolver, get_resolver, reverse
from django.utils import translation

from .conftest import USERS

pytestmark = pytest.mark.django_db

# fmt: off
MATRIX = """
request                                            anon        grad  rec_a rec_b pend  stf_p stf_q org   editor
# --- public pages ---------------------------------------------------------------------------------
GET  sitemap                                       200         200   200   200   200   200   200   200   200
GET  portal:search                                 200         200   200   200   200   200   200   200   200
GET  favicon                                       302         302   302   302   302   302   302   302   302
GET  healthz                                       200         200   200   200   200   200   200   200   200
GET  readyz                                        200         200   200   200   200   200   200   200   200
GET  metrics                                       200         200   200   200   200   200   200   200   200
GET  portal:styleguide                             login       403   403   403   403   200   200   403   200
GET  news:rss                                      200         200   200   200   200   200   200   200   200
GET  news:atom                                     200         200   200   200   200   200   200   200   200
GET  invest:policies-rss                            200         200   200   200   200   200   200   200   200
GET  invest:policies-atom                           200         200   200   200   200   200   200   200   200
GET  directory:index                               200         200   200   200   200   200   200   200   200
GET  directory:organisation enterprise_a           200         200   200   200   200   200   200   200   200
GET  directory:organisation pending_enterprise     404         404   404   404   404   404   404   404   404
GET  talent:job-search                             200         200   200   200   200   200   200   200   200
GET  talent:vacancy vacancy_a                      200         200   200   200   200   200   200   200   200
GET  talent:fair-list                              200         200   200   200   200   200   200   200   200
GET  talent:fair fair                              200         200   200   200   200   200   200   200   200
GET  talent:fair 999999                            404         404   404   404   404   404   404   404   404
GET  events:event-register shared                  200         200   200   200   200   200   200   200   200
GET  events:event-ics shared                       200         200   200   200   200   200   200   200   200
GET  events:feed chengdu                           200         200   200   200   200   200   200   200   200
GET  events:feed atlantis                          404         404   404   404   404   404   404   404   404
GET  tourism:trip-planner                          200         200   200   200   200   200   200   200   200
GET  tourism:trip-calendar                         302         302   302   302   302   302   302   302   302
GET  tourism:trip-pdf                              302         302   302   302   302   302   302   302   302
GET  tourism:campaign-go campaign chengdu          302         302   302   302   302   302   302   302   302
GET  tourism:campaign-seen campaign chengdu        405         405   405   405   405   405   405   405   405
POST tourism:campaign-seen campaign chengdu        204         204   204   204   204   204   204   204   204
GET  invest:enquiry                                 200         200   200   200   200   200   200   200   200
POST invest:enquiry                                 302         302   302   302   302   302   302   302   302
GET  invest:enquiry-status guessed-token            404         404   404   404   404   404   404   404   404
POST invest:enquiry-erase guessed-token             404         404   404   404   404   404   404   404   404
GET  invest:enquiry-erase guessed-token             405         405   405   405   405   405   405   405   405
# --- the ticket link is the key: anyone holding it, nobody guessing it -------------------------------
GET  events:ticket registration.access_token       200         200   200   200   200   200   200   200   200
GET  events:ticket guessed-token                   404         404   404   404   404   404   404   404   404
GET  events:ticket-cancel registration.access_token 200        200   200   200   200   200   200   200   200
GET  events:ticket-cancel guessed-token            404         404   404   404   404   404   404   404   404
GET  events:offer-accept registration.access_token 405         405   405   405   405   405   405   405   405
POST events:offer-accept guessed-token             404         404   404   404   404   404   404   404   404
GET  events:email-confirm registration.access_token 302        302   302   302   302   302   302   302   302
GET  events:email-confirm guessed-token            404         404   404   404   404   404   404   404   404
GET  events:ticket-data registration.access_token  200         200   200   200   200   200   200   200   200
GET  events:ticket-data guessed-token              404         404   404   404   404   404   404   404   404
GET  events:ticket-data-download registration.access_token 200 200   200   200   200   200   200   200   200
GET  events:ticket-data-download guessed-token     404         404   404   404   404   404   404   404   404
GET  events:registration-mailed shared             200         200   200   200   200   200   200   200   200
# --- accounts ------------------------------------------------------------------------------------------
GET  talent:account-home                           login        302   302   302   302   302   302   302   302
GET  talent:login                                  200         302   302   302   302   302   302   302   302
GET  talent:logout                                 405         405   405   405   405   405   405   405   405
POST talent:logout                                 302         302   302   302   302   302   302   302   302
GET  talent:register-graduate                      200         200   200   200   200   200   200   200   200
GET  talent:register-recruiter                     200         200   200   200   200   200   200   200   200
GET  talent:check-email                            200         200   200   200   200   200   200   200   200
GET  talent:confirm-email guessed-key              400         400   400   400   400   400   400   400   400
POST talent:confirm-email guessed-key              400         400   400   400   400   400   400   400   400
GET  talent:resend-confirmation                    200         200   200   200   200   200   200   200   200
POST talent:resend-confirmation                    200         302   302   302   302   302   302   302   302
GET  talent:password-reset                         200         200   200   200   200   200   200   200   200
GET  talent:password-reset-sent                    200         200   200   200   200   200   200   200   200
GET  talent:password-reset-confirm MQ guessed-token 200        200   200   200   200   200   200   200   200
GET  talent:password-reset-complete                200         200   200   200   200   200   200   200   200
GET  talent:save-search                            405         405   405   405   405   405   405   405   405
POST talent:save-search                            login        302   302   302   302   302   302   302   302
# --- the graduate's own pages ----------------------------------------------------------------------------
GET  talent:my-applications                        login       200   403   403   403   403   403   403   403
GET  talent:my-profile                             login       200   403   403   403   403   403   403   403
GET  talent:my-cv                                  login       200   403   403   403   403   403   403   403
GET  talent:apply vacancy_a                        login       200   403   403   403   403   403   403   403
GET  talent:application-status application_a      405         405   405   405   405   405   405   405   405
POST talent:application-status application_a      login       302   403   403   403   403   403   403   403
POST talent:book-slot free_slot_a                  login       302   403   403   403   403   403   403   403
POST talent:cancel-booking booking_a               login       302   403   403   403   403   403   403   403
GET  talent:my-ranking fair                        login       200   403   403   403   403   403   403   403
GET  talent:my-searches                            login       200   403   403   403   403   403   403   403
GET  talent:open-search search                     login       302   403   403   403   403   403   403   403
POST talent:delete-search search                   login       302   403   403   403   403   403   403   403
GET  talent:my-data                                login       200   403   403   403   403   403   403   403
GET  talent:delete-account                         login       200   403   403   403   403   403   403   403
# --- the enterprise's pages: A's objects are A's only -----------------------------------------------------
GET  talent:employer-home                          login       403   200   200   200   403   403   403   403
GET  talent:vacancy-new                            login       403   200   200   403   403   403   403   403
GET  talent:vacancy-edit vacancy_a                 login       403   200   403   403   403   403   403   403
POST talent:vacancy-edit vacancy_a                 login       403   200   403   403   403   403   403   403
GET  talent:vacancy-edit vacancy_b                 login       403   403   200   403   403   403   403   403
GET  talent:candidates vacancy_a                   login       403   200   403   403   403   403   403   403
GET  talent:vacancy-ranking vacancy_a              login       403   200   403   403   403   403   403   403
GET  talent:applicants                             login       403   200   200   403   403   403   403   403
POST talent:applicants +move_application_a         login       403   302   403   403   403   403   403   403
GET  talent:applicant application_a                login       403   200   403   403   403   403   403   403
GET  talent:applicant application_b                login       403   403   200   403   403   403   403   403
GET  talent:applicant-cv application_a             login       403   200   403   403   403   403   403   403
GET  talent:applicant-cv application_b             login       403   403   200   403   403   403   403   403
GET  talent:applicant-cv withdrawn_a               login       403   403   403   403   403   403   403   403
GET  talent:graduate-profile graduate              login       403   200   200   403   403   403   403   403
GET  talent:employer-slots fair                    login       403   200   200   403   403   403   403   403
GET  talent:recruiter-data                         login       403   200   200   200   403   403   403   403
GET  talent:recruiter-delete-account               login       403   200   200   200   403   403   403   403
POST talent:employer-slots fair +attendance_a      login       403   302   403   403   403   403   403   403
# --- the job fair's organisers -----------------------------------------------------------------------------
GET  talent:organiser-dashboard                    login       403   403   403   403   403   403   200   403
GET  talent:organiser-fair fair                    login       403   403   403   403   403   403   200   403
GET  talent:organiser-export +csv_export           login       403   403   403   403   403   403   200   403
GET  talent:assignment fair                        login       403   403   403   403   403   403   200   403
GET  talent:publish-assignment run                 login       403   403   403   403   403   403   405   403
POST talent:publish-assignment run                 login       403   403   403   403   403   403   200   403
GET  talent:recruiter-approvals                    login       403   403   403   403   403   403   200   403
# --- an event's staff: P and Q share "shared"; each has an event of its own ------------------------------
GET  events:event-manage shared                    login       403   403   403   403   200   200   403   403
GET  events:event-manage event_p                   login       403   403   403   403   200   403   403   403
GET  events:event-manage event_q                   login       403   403   403   403   403   200   403   403
GET  events:event-export event_p +attendee_csv     login       403   403   403   403   200   403   403   403
GET  events:checkin event_p                        login       403   403   403   403   200   403   403   403
GET  events:checkin event_q                        login       403   403   403   403   403   200   403   403
GET  events:booth-applications event_p             login       403   403   403   403   200   403   403   403
GET  events:booth-decide event_p                   login       403   403   403   403   405   403   403   403
POST events:booth-decide event_q                   login       403   403   403   403   403   302   403   403
GET  events:booth-apply shared                     login       403   200   200   403   200   200   403   403
GET  events:event-manage 999999                    login       404   404   404   404   404   404   404   404
GET  events:event-manage 99999999999999999999      login       404   404   404   404   404   404   404   404
# --- Wagtail pages: published for everyone, a draft for nobody -------------------------------------------
GET  wagtail_serve home                            200         200   200   200   200   200   200   200   200
GET  wagtail_serve article                         200         200   200   200   200   200   200   200   200
GET  wagtail_serve shared                          200         200   200   200   200   200   200   200   200
GET  wagtail_serve place                           200         200   200   200   200   200   200   200   200
GET  wagtail_serve draft                           404         404   404   404   404   404   404   404   404
GET  wagtailcore_login                             200         200   200   200   200   200   200   200   200
GET  wagtailcore_authenticate_with_password 999999 999999 404   404   404   404   404   404   404   404   404
GET  wagtaildocs_serve 999999 missing.pdf          404         404   404   404   404   404   404   404   404
GET  wagtaildocs_authenticate_with_password 999999 302         302   302   302   302   302   302   302   302
GET  media ../settings.py                          400         400   400   400   400   400   400   400   400
# --- Wagtail admin: editors; organisers' staff for their own events only ----------------------------------
GET  wagtailadmin_home                             admin-login admin-login admin-login admin-login admin-login 200 200 admin-login 200
GET  wagtailadmin_pages:edit event_p               admin-login admin-login admin-login admin-login admin-login 200 302 admin-login 200
GET  wagtailadmin_pages:edit event_q               admin-login admin-login admin-login admin-login admin-login 302 200 admin-login 200
GET  event_ticket_types:edit ticket_type_p         admin-login admin-login admin-login admin-login admin-login 200 302 admin-login 302
GET  event_staff:index                             admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  event_questions:index                         admin-login admin-login admin-login admin-login admin-login 200 200 admin-login 302
GET  event_registrations:index                     admin-login admin-login admin-login admin-login admin-login 200 200 admin-login 302
GET  event_registrations:index +registrations_csv  admin-login admin-login admin-login admin-login admin-login 200 200 admin-login 302
GET  event_registrations:inspect registration      admin-login admin-login admin-login admin-login admin-login 200 200 admin-login 302
GET  event_invitation_codes:index                  admin-login admin-login admin-login admin-login admin-login 200 200 admin-login 302
GET  event_booth_spaces:index                      admin-login admin-login admin-login admin-login admin-login 200 200 admin-login 302
GET  wagtailsnippets_directory_organisation:list   admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  core_locked_sign_ins                          admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  directory_import                              admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  tourism_campaign_figures_list                 admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  tourism_campaign_figures campaign             admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
# --- investment cases: only staff who work cases, of their offices (tests/invest/test_cases_views.py)
GET  invest_cases:enquiries                       admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  invest_cases:projects                        admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  invest_figures                                admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  invest_offices:index                          admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  invest_routing_rules:index                    admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  invest_scorecard:index                        admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
# --- the economic circle in figures: public, its open data, and the staff version (tests/dashboard)
GET  dashboard:index                               200         200   200   200   200   200   200   200   200
GET  dashboard:download events csv                 200         200   200   200   200   200   200   200   200
GET  dashboard:download attendance json            200         200   200   200   200   200   200   200   200
GET  dashboard_staff_figures                       admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
# --- the public read API: the same for everyone, with or without a session (tests/api)
GET  api-v1:api-root                               404         404   404   404   404   404   404   404   404
GET  api-v1:openapi-json                           200         200   200   200   200   200   200   200   200
GET  api-v1:openapi-view                           200         200   200   200   200   200   200   200   200
GET  api-v1:list_articles                          200         200   200   200   200   200   200   200   200
GET  api-v1:get_article 999999                     404         404   404   404   404   404   404   404   404
GET  api-v1:list_events                            200         200   200   200   200   200   200   200   200
GET  api-v1:get_event 999999                       404         404   404   404   404   404   404   404   404
GET  api-v1:list_places                            200         200   200   200   200   200   200   200   200
GET  api-v1:get_place 999999                       404         404   404   404   404   404   404   404   404
GET  api-v1:list_campaigns                         200         200   200   200   200   200   200   200   200
GET  api-v1:get_campaign 999999                    404         404   404   404   404   404   404   404   404
GET  api-v1:list_guidebooks                        200         200   200   200   200   200   200   200   200
GET  api-v1:get_guidebook 999999                   404         404   404   404   404   404   404   404   404
GET  api-v1:list_organisations                     200         200   200   200   200   200   200   200   200
GET  api-v1:get_organisation 999999                404         404   404   404   404   404   404   404   404
GET  api-v1:list_groups                            200         200   200   200   200   200   200   200   200
GET  api-v1:get_group 999999                       404         404   404   404   404   404   404   404   404
GET  api-v1:list_vacancies                         200         200   200   200   200   200   200   200   200
GET  api-v1:get_vacancy 999999                     404         404   404   404   404   404   404   404   404
GET  api-v1:list_fairs                             200         200   200   200   200   200   200   200   200
GET  api-v1:get_fair 999999                        404         404   404   404   404   404   404   404   404
GET  api-v1:list_opportunities                     200         200   200   200   200   200   200   200   200
GET  api-v1:get_opportunity 999999                 404         404   404   404   404   404   404   404   404
GET  api-v1:list_parks                             200         200   200   200   200   200   200   200   200
GET  api-v1:get_park 999999                        404         404   404   404   404   404   404   404   404
GET  api-v1:list_policies                          200         200   200   200   200   200   200   200   200
GET  api-v1:get_policy 999999                      404         404   404   404   404   404   404   404   404
# --- the partner API: a key or nothing (session users have no key); admin pages (tests/api)
GET  api-v1:partner_me                             401         401   401   401   401   401   401   401   401
GET  api-v1:partner_list_vacancies                 401         401   401   401   401   401   401   401   401
GET  api-v1:partner_create_vacancy                 401         401   401   401   401   401   401   401   401
GET  api-v1:partner_change_vacancy 999999          405         405   405   405   405   405   405   405   405
GET  api-v1:partner_close_vacancy 999999           405         405   405   405   405   405   405   405   405
GET  api-v1:partner_register 999999                401         401   401   401   401   401   401   401   401
GET  api-v1:partner_registrations 999999           401         401   401   401   401   401   401   401   401
GET  api-v1:partner_cancel 999999 999999           405         405   405   405   405   405   405   405   405
GET  api-v1:partner_check_ins 999999               401         401   401   401   401   401   401   401   401
GET  api-v1:partner_webhook_endpoints              401         401   401   401   401   401   401   401   401
GET  api-v1:partner_webhook_deliveries             401         401   401   401   401   401   401   401   401
GET  api-v1:partner_redeliver 999999               405         405   405   405   405   405   405   405   405
GET  api_admin_keys                                admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  api_admin_key_issue                           admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  api_admin_key_revoke 999999                   admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  api_admin_endpoints                           admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  api_admin_endpoint_add                        admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  api_admin_endpoint_toggle 999999              admin-login admin-login admin-login admin-login admin-login 405 405 admin-login 405
GET  api_admin_deliveries 999999                   admin-login admin-login admin-login admin-login admin-login 302 302 admin-login 302
GET  api_admin_delivery_resend 999999              admin-login admin-login admin-login admin-login admin-login 405 405 admin-login 405
"""
# fmt: on

# Payloads of POST rows (and query strings of GET rows), by the name after "+".
PAYLOADS = {
    "move_application_a": lambda w: {
        "application": [w.objects["application_a"].pk],
        "status": "reviewed",
    },
    "attendance_a": lambda w: {
        "action": "attendance",
        "booking": w.objects["booking_a"].pk,
        "attended": "no",
    },
    "csv_export": lambda w: {"format": "csv"},
    "attendee_csv": lambda w: {"what": "attendees", "format": "csv"},
    "registrations_csv": lambda w: {"export": "csv"},
}


@dataclass(frozen=True)
class Row:
    method: str
    name: str
    arguments: tuple[str, ...]
    payload: str | None
    answers: dict[str, str]

    def __str__(self) -> str:
        extra = [f"+{self.payload}"] if self.payload else []
        return " ".join([self.method, self.name, *self.arguments, *extra])


ANSWERS = {"200", "204", "302", "400", "401", "403", "404", "405", "login", "admin-login"}


def parse_row(line: str) -> Row:
    """ "GET talent:applicant application_a login 403 …": the request, then one answer per user."""
    words = line.split()
    request, answers = words[: -len(USERS)], words[-len(USERS) :]
    method, name, *rest = request
    unknown = set(answers) - ANSWERS
    assert method in ("GET", "POST") and not unknown, f"a malformed row: {line}"
    payloads = [word[1:] for word in rest if word.startswith("+")]
    arguments = tuple(word for word in rest if not word.startswith("+"))
    payload = payloads[0] if payloads else None
    return Row(method, name, arguments, payload, dict(zip(USERS, answers, strict=True)))


def parse_matrix(text: str) -> list[Row]:
    lines = text.strip().splitlines()[1:]  # below the heading
    return [parse_row(line) for line in lines if line.strip() and not line.startswith("#")]


ROWS = parse_matrix(MATRIX)


# --- Turning a row into a request ------------------------------------------------------------------


def argument(world, word: str):
    """A world object's pk (or `object.attribute`), else the word itself (a number or text)."""
    key, _dot, attribute = word.partition(".")
    if key in world.objects:
        thing = world.objects[key]
        return getattr(thing, attribute) if attribute else thing.pk
    return int(word) if word.isdigit() else word


def page_path(world, key: str, language: str) -> str:
    page = world.objects[key].specific
    with translation.override(language):
        return page.localized.get_url()


def address(world, row: Row, language: str) -> str:
    if row.name == "wagtail_serve":
        return page_path(world, row.arguments[0], language)
    if row.name == "media":
        return "/media/" + row.arguments[0]
    with translation.override(language):
        return reverse(row.name, args=[argument(world, word) for word in row.arguments])


def send(world, user: str, row: Row, language: str):
    client = world.client(user)
    data = PAYLOADS[row.payload](world) if row.payload else {}
    path = address(world, row, language)
    if row.method == "POST":
        return client.post(path, data)
    return client.get(path, data)


def login_path(language: str) -> str:
    with translation.override(language):
        return reverse("talent:login")


def answer_of(response, language: str) -> str:
    """The response in the matrix's words."""
    if response.status_code != 302:
        return str(response.status_code)
    target = urlparse(response["Location"]).path
    if target == login_path(language):
        return "login"
    if target == reverse("wagtailadmin_login"):
        return "admin-login"
    return "302"


def as_row(row: Row, observed: dict[str, str]) -> str:
    """What the site answered, as a line of the table (to compare with the row)."""
    return f"observed: {row} " + " ".join(observed[user] for user in USERS)


# --- The matrix ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("row", ROWS, ids=str)
def test_every_user_gets_the_answer_of_the_matrix_in_english(world, row):
    observed = {user: answer_of(send(world, user, row, "en"), "en") for user in USERS}

    assert observed == row.answers, as_row(row, observed)


# The site's own pages (not the admin's) are walked under /zh-hans/ as well, by the users they
# refuse: the answer is the same, and a refusal says why in Chinese.
SITE_NAMESPACES = ("portal", "news", "directory", "talent", "events", "tourism")
REFUSALS = ("403", "login")
CHINESE_ROWS = [
    row
    for row in ROWS
    if row.name.split(":")[0] in SITE_NAMESPACES and "403" in row.answers.values()
]


@pytest.mark.parametrize("row", CHINESE_ROWS, ids=str)
def test_refusals_are_the_same_in_chinese_and_say_why_in_chinese(world, row):
    refused = {user: answer for user, answer in row.answers.items() if answer in REFUSALS}
    observed = {}
    for user in refused:
        response = send(world, user, row, "zh-hans")
        observed[user] = answer_of(response, "zh-hans")
        if response.status_code == 403:
            assert_chinese_page(response)

    assert observed == refused, as_row(row, {**row.answers, **observed})


def assert_chinese_page(response) -> None:
    text = response.content.decode()
    assert '<html lang="zh-hans"' in text
    main = re.search(r"<main.*?</main>", text, re.S)
    message = html.unescape(re.sub(r"<[^>]+>", " ", main.group(0) if main else text))
    assert not re.search(r"\b(Sign|Only|This|Your|Not allowed|another)\b", message), message


# --- Every URL has a row ----------------------------------------------------------------------------


def named_patterns(patterns, prefix: str = "", namespace: str = ""):
    """(route, name) of every pattern, names with their namespaces ("talent:apply")."""
    for pattern in patterns:
        if isinstance(pattern, URLResolver):
            inner = namespace
            if pattern.namespace:
                inner = f"{namespace}:{pattern.namespace}" if namespace else pattern.namespace
            yield from named_patterns(pattern.url_patterns, prefix + str(pattern.pattern), inner)
        elif isinstance(pattern, URLPattern):
            name = pattern.name and (f"{namespace}:{pattern.name}" if namespace else pattern.name)
            yield prefix + str(pattern.pattern), name, pattern


def project_view(pattern: URLPattern) -> bool:
    """A view written in this project (not one of Wagtail's own)."""
    view = getattr(pattern.callback, "view_class", pattern.callback)
    module = getattr(view, "__module__", "") or ""
    wrapped = getattr(pattern.callback, "__wrapped__", None)
    return module.startswith("twincity") or (
        wrapped is not None and getattr(wrapped, "__module__", "").startswith("twincity")
    )


def admin_group(name: str | None) -> str | None:
    """An admin page's viewset ("event_staff" of "event_staff:edit"), or its own name."""
    return name and name.split(":")[0]


def test_every_url_of_the_site_has_a_row():
    """Outside the admin every URL; inside it, each viewset or page a project app adds has a
    row (Wagtail's own admin pages are represented by the admin's home)."""
    covered = {row.name for row in ROWS}
    covered_in_admin = {admin_group(row.name) for row in ROWS}
    missing = []
    for route, name, pattern in named_patterns(get_resolver().url_patterns):
        if route.startswith("admin/"):
            if project_view(pattern) and admin_group(name) not in covered_in_admin:
                missing.append(f"{route} ({name or 'no name'})")
        elif name not in covered:
            missing.append(f"{route} ({name or 'no name'})")
    assert not missing, "URLs without a row in the authorisation matrix:\n" + "\n".join(missing)
