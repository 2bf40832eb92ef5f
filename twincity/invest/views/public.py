"""The investor's pages: the enquiry in four steps (在线咨询) and its status by private link.

The steps' input lives in the session (`Draft`) from the first step to the sending, so Back,
a refused field or a closed tab lose nothing typed; each step is a form of enquiry_forms.py,
and only the last step sends, through services.enquiries.submit_enquiry."""

import re
import time

from django.conf import settings
from django.contrib import messages
from django.http import Http404, QueryDict
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods
from wagtail.models import Locale

from twincity.core import abuse, consent
from twincity.core.errors import show_on_form

from .. import challenge
from ..enquiry_forms import STEPS, PlansForm, ReviewForm
from ..models import EnquiryStage, IntendedCity, OpportunityPage
from ..services import enquiries as services

DRAFT_KEY = "invest-enquiry"
# A person takes longer than this from the first step to sending; a script does not.
MIN_SECONDS = getattr(settings, "INVEST_ENQUIRY_MIN_SECONDS", 2)
# What secrets.token_urlsafe makes, with room to spare.
TOKEN_SHAPE = re.compile(r"[A-Za-z0-9_-]{16,64}")
LAST = len(STEPS)


# --- The draft kept between the steps -----------------------------------------------------------


class Draft:
    """The input of each step as posted (lists of strings, as a form reads them), the steps
    completed, and when the first step was shown."""

    def __init__(self, session):
        self.session = session
        self.data = session.get(DRAFT_KEY) or {"steps": {}, "done": [], "started": time.time()}

    def save(self) -> None:
        self.session[DRAFT_KEY] = self.data

    def clear(self) -> None:
        self.session.pop(DRAFT_KEY, None)

    def raw(self, number: int) -> QueryDict:
        query = QueryDict(mutable=True)
        for name, values in self.data["steps"].get(str(number), {}).items():
            query.setlist(name, values)
        return query

    def keep(self, number: int, posted: QueryDict, form) -> None:
        self.data["steps"][str(number)] = {name: posted.getlist(name) for name in form.fields}

    def complete(self, number: int, done: bool = True) -> None:
        steps = set(self.data["done"]) - {number}
        self.data["done"] = sorted(steps | {number} if done else steps)

    def first_open(self) -> int:
        return next((n for n in range(1, LAST) if n not in self.data["done"]), LAST)

    def reachable(self, number: int) -> int:
        """`number` if every step before it is complete, else the first one that is not."""
        return max(1, min(number, self.first_open()))

    def add_opportunity(self, page_id: int) -> None:
        plans = self.data["steps"].setdefault(str(STEPS.index(PlansForm) + 1), {})
        chosen = plans.setdefault("opportunities", [])
        if str(page_id) not in chosen:
            chosen.append(str(page_id))

    @property
    def seconds(self) -> float:
        return time.time() - self.data["started"]


# --- Building a step's form ---------------------------------------------------------------------


def opportunity_choices() -> list[tuple[int, str]]:
    """The live opportunities in the page's language (one query)."""
    pages = OpportunityPage.objects.live().filter(locale=Locale.get_active()).order_by("title")
    return list(pages.values_list("id", "title"))


def in_page_language(page_id: int) -> int | None:
    """The id of an opportunity in the page's language (a link from the other language's page
    names that page's id)."""
    page = OpportunityPage.objects.live().filter(id=page_id).only("translation_key").first()
    if page is None:
        return None
    same = OpportunityPage.objects.live().filter(
        translation_key=page.translation_key, locale=Locale.get_active()
    )
    return same.values_list("id", flat=True).first() or page_id


def step_form(number: int, data=None, draft: Draft | None = None, choices=None):
    """Step `number`'s form: bound to `data`, else filled with what the draft kept."""
    form_class = STEPS[number - 1]
    options = {"opportunities": choices or []} if form_class is PlansForm else {}
    if data is not None:
        return form_class(data, **options)
    form = form_class(**options)
    if draft is not None:
        kept = draft.raw(number)
        form.initial = {
            name: field.widget.value_from_datadict(kept, {}, name)
            for name, field in form.fields.items()
            if name in kept
        }
    return form


def kept_forms(draft: Draft, choices) -> list:
    """The input steps' forms bound to what the draft kept (validated)."""
    forms = [step_form(n, draft.raw(n), choices=choices) for n in range(1, LAST)]
    for form in forms:
        form.is_valid()
    return forms


def summary_of(forms) -> list[tuple[str, list[tuple[str, str]]]]:
    """(step title, [(label, value shown)]) of what the investor typed, for the review."""
    sections = []
    for form in forms:
        rows = []
        for name, field in form.fields.items():
            value = form.cleaned_data.get(name) if form.is_bound and not form.errors else None
            rows.append((str(field.label), shown(field, value)))
        sections.append((str(form.title), rows))
    return sections


def shown(field, value) -> str:
    if value in (None, "", []):
        return "—"
    choices = dict(getattr(field, "choices", ()) or ())
    if isinstance(value, list):
        return ", ".join(str(choices.get(item, item)) for item in value)
    if choices:
        return str(choices.get(value, value))
    return str(value)


# --- The enquiry --------------------------------------------------------------------------------


@never_cache
@require_http_methods(["GET", "POST"])
def enquiry(request):
    draft = Draft(request.session)
    if request.method == "GET":
        return show_step(request, draft)
    posted = request.POST.get("step", "")
    number = draft.reachable(int(posted) if posted.isdigit() else 1)
    if str(number) != posted:  # a step not reached yet (or no step): to the first one open
        draft.save()
        return redirect(step_url(number))
    if number == LAST and "back" not in request.POST:
        return send(request, draft)
    choices = opportunity_choices()
    form = step_form(number, request.POST, choices=choices)
    if number < LAST:
        draft.keep(number, request.POST, form)
    if "back" in request.POST:
        draft.save()
        return redirect(step_url(max(1, number - 1)))
    valid = form.is_valid()
    draft.complete(number, valid)
    draft.save()
    if valid:
        return redirect(step_url(number + 1))
    return render_step(request, draft, number, form, choices)


def step_url(number: int) -> str:
    return f"{reverse('invest:enquiry')}?step={number}"


def show_step(request, draft: Draft):
    """GET: the step asked for, or the first one not yet completed."""
    opportunity = request.GET.get("opportunity", "")
    if opportunity.isdigit() and (page_id := in_page_language(int(opportunity))):
        draft.add_opportunity(page_id)
    asked = request.GET.get("step", "1")
    number = draft.reachable(int(asked) if asked.isdigit() else 1)
    draft.save()
    choices = opportunity_choices()
    form = step_form(number, draft=draft, choices=choices) if number < LAST else ReviewForm()
    return render_step(request, draft, number, form, choices)


def render_step(request, draft: Draft, number: int, form, choices, status: int = 200):
    context = {
        "form": form,
        "number": number,
        "total": LAST,
        "steps": [str(form_class.title) for form_class in STEPS],
        "step_title": str(STEPS[number - 1].title),
        "trail": [(_("Enquiry"), None)],
    }
    if number == LAST:
        context.update(
            summary=summary_of(kept_forms(draft, choices)),
            challenge=challenge.issue(),
            question=challenge.ask(),
            notice_version=consent.current_version(services.PRIVACY_NOTICE),
        )
    return render(request, "invest/enquiry/step.html", context, status=status)


def send(request, draft: Draft):
    """The last step: consent, the checks that a person sends, the limits, then the service."""
    choices = opportunity_choices()
    kept = kept_forms(draft, choices)
    for number, form in enumerate(kept, start=1):
        if form.errors or not form.is_bound:
            return redirect(step_url(number))
    form = ReviewForm(request.POST)
    if not form.is_valid():
        return render_step(request, draft, LAST, form, choices)
    data = {key: value for step in kept for key, value in step.cleaned_data.items()}
    try:
        abuse.check("enquiry-address", abuse.client_address(request))
        abuse.check("enquiry-email", data["email"])
    except abuse.RateLimited as refusal:
        form.add_error(None, refusal.message)
        return refusal.mark(render_step(request, draft, LAST, form, choices))
    refusal = why_not_a_person(request, draft, form.cleaned_data)
    if refusal:
        form.add_error("answer", refusal)
        return render_step(request, draft, LAST, form, choices, status=400)
    try:
        sent = services.submit_enquiry(enquiry_input(data, form.cleaned_data))
    except services.EnquiryError as error:
        show_on_form(form, error)
        return render_step(request, draft, LAST, form, choices)
    draft.clear()
    messages.success(
        request,
        _(
            "Thank you: your enquiry %(reference)s has been sent. We have e-mailed you the link "
            "to this page, where you can follow it."
        )
        % {"reference": sent.reference},
    )
    return redirect("invest:enquiry-status", sent.status_token)


def why_not_a_person(request, draft: Draft, review: dict) -> str | None:
    """Why the sending looks like a script's (None when it looks like a person's): the
    honeypot filled; no valid proof of work and no right answer to the question. Sent
    quicker than a person types, the proof of work is not enough: the question must be
    answered."""
    if review.get("homepage"):
        return refused_as_a_script()
    quick = draft.seconds < MIN_SECONDS
    proof, answer = request.POST.get("proof", ""), review.get("answer", "")
    try:
        if proof and not quick:
            challenge.verify_solution(proof)
        else:
            challenge.verify_answer(request.POST.get("question", ""), answer)
    except challenge.ChallengeFailed:
        if answer:
            return _(
                "That is not the right answer, so nothing was sent. Please answer the new question."
            )
        if quick:
            return _(
                "That was quicker than we expected, so nothing was sent yet: please answer the "
                "question below, to show that a person is sending."
            )
        return refused_as_a_script()
    return None


def refused_as_a_script() -> str:
    return _(
        "We could not confirm that a person is sending this form, so nothing was sent. "
        "Please answer the question below and send it again."
    )


def enquiry_input(data: dict, review: dict) -> services.EnquiryInput:
    return services.EnquiryInput(
        name=data["name"],
        email=data["email"],
        phone=data["phone"],
        job_title=data["job_title"],
        company=data["company"],
        company_country=data["company_country"],
        company_website=data["company_website"],
        sector=data["sector"],
        intended_city=data["intended_city"],
        planned_investment_yuan=data["planned_investment_yuan"],
        planned_jobs=data["planned_jobs"],
        timeline=data["timeline"],
        preferred_modes=data["preferred_modes"],
        opportunity_ids=data.get("opportunities") or [],
        message=data["message"],
        consented=review["consent"],
        language=get_language() or "en",
    )


# --- The status page ----------------------------------------------------------------------------


def stage_words(enquiry) -> tuple[str, str]:
    """(the stage in plain words, what it means for the investor)."""
    offices = office_names(enquiry)
    closed = _("Closed")
    words = {
        EnquiryStage.NEW: (
            _("Received"),
            _("Your enquiry is with %(offices)s, who will contact you soon.") % {"offices": offices}
            if offices
            else _("We are passing your enquiry to the office in charge."),
        ),
        EnquiryStage.AWAITING_RESPONSE: (
            _("Waiting for your answer"),
            _("%(offices)s has replied to you and is waiting for your answer.")
            % {"offices": offices},
        ),
        EnquiryStage.ENGAGED: (
            _("We are discussing your project"),
            _("%(offices)s is discussing your project with you.") % {"offices": offices},
        ),
        EnquiryStage.PROJECT: (
            _("Your project is under way"),
            _("Your enquiry has become an investment project, followed by %(offices)s.")
            % {"offices": offices},
        ),
        EnquiryStage.NON_RESPONSIVE: (
            closed,
            _("We closed your enquiry as we did not hear back from you. Write to us to reopen it."),
        ),
        EnquiryStage.NOT_APPLICABLE: (closed, _("This enquiry is closed.")),
    }
    return words.get(enquiry.stage, (enquiry.get_stage_display(), ""))


def office_names(enquiry) -> str:
    chinese = (get_language() or "").startswith("zh")
    offices = sorted(enquiry.offices.all(), key=lambda o: o.pk != enquiry.lead_office_id)
    names = [
        (office.name_zh if chinese else office.name_en) or office.name_en for office in offices
    ]
    return ("、" if chinese else _(" and ")).join(names)


@never_cache
@require_GET
def enquiry_status(request, status_token: str):
    if not TOKEN_SHAPE.fullmatch(status_token):
        raise Http404
    found = services.enquiry_by_token(status_token)
    if found is None:
        raise Http404
    stage, meaning = stage_words(found)
    context = {
        "enquiry": found,
        "stage": stage,
        "meaning": meaning,
        "offices": office_names(found),
        "either": found.intended_city == IntendedCity.EITHER,
        "trail": [(_("Your enquiry"), None)],
    }
    response = render(request, "invest/enquiry/status.html", context)
    response["X-Robots-Tag"] = "noindex"
    return response


@never_cache
@require_http_methods(["POST"])
def erase_contact_details(request, status_token: str):
    """The investor's own deletion of their contact details, from the private link: the link
    went only to their mailbox, so holding it is their proof."""
    if not TOKEN_SHAPE.fullmatch(status_token):
        raise Http404
    found = services.enquiry_by_token(status_token)
    if found is None:
        raise Http404
    services.erase_contact_details(found)
    messages.success(request, _("Your name, e-mail address, telephone and message were deleted."))
    return redirect("invest:enquiry-status", status_token=status_token)
