"""What everyone sees: job search, vacancies and fairs; signed-in graduates also get
recommendations, saved searches and the fair's free interview slots."""

from urllib.parse import urlencode

from django.contrib import messages
from django.core.paginator import Paginator
from django.db.models import Prefetch
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from twincity.core.images import prefetch_images
from twincity.core.localisation import localised
from twincity.core.navigation import query_to_keep, trail_from_home
from twincity.directory.models import Organisation
from twincity.directory.selectors import LOGO_FILTERS

from .. import jobsearch, selectors, services
from ..errors import TalentError
from ..forms import JobSearchForm, SaveSearchForm
from ..models import Booth, Fair, InterviewSlot, Vacancy

PER_PAGE = 20
RECOMMENDATIONS_SHOWN = 3
FILTERS = ("q", "city", "industry", "major", "skill", "salary", "education", "order")


def job_search(request):
    form = JobSearchForm(request.GET)
    filters = form.cleaned_data if form.is_valid() else {}
    kept = {name: filters.get(name) or "" for name in FILTERS}

    def listing() -> dict:  # only the shared content uses it (core.fragments): on a miss
        vacancies = jobsearch.find_vacancies(**{k: v for k, v in filters.items() if v})
        page = Paginator(vacancies, PER_PAGE).get_page(request.GET.get("page"))
        # The employers' logos on the cards, with their renditions: two queries for the page.
        page.object_list = prefetch_images(
            page.object_list, LOGO_FILTERS["list"], field="organisation__logo"
        )
        return {
            "vacancies": page,
            "page_keep": query_to_keep(**{k: str(v) for k, v in kept.items()}),
        }

    # "Applied on …" instead of nothing on what the graduate applied to already: all their
    # applications (a graduate has a few), whose vacancies also key the shared listing.
    applied_to = selectors.applications_by_vacancy(request.user)
    context = {
        "form": form,
        "listing": listing,
        "saved_query": urlencode({k: v for k, v in kept.items() if v}),
        "recommendations": recommendations_for(request.user, applied=set(applied_to)),
        "applied_to": applied_to,
        "applied_key": ",".join(f"{pk}:{applied_to[pk].pk}" for pk in sorted(applied_to)),
        "breadcrumb_trail": trail_from_home(request, (_("Jobs"), None)),
    }
    return render(request, "talent/public/job_search.html", context)


def recommendations_for(user, applied: set[int] | None = None) -> list:
    """`applied`: the ids of the vacancies the graduate applied to, if known already."""
    profile = getattr(user, "graduate", None) if user.is_authenticated else None
    if profile is None:
        return []
    return jobsearch.recommended_vacancies(profile, RECOMMENDATIONS_SHOWN, applied)


@require_POST
def save_search(request):
    form = SaveSearchForm(request.POST)
    query = form.data.get("query", "")
    target = reverse("talent:job-search") + (f"?{query}" if query else "")
    if not request.user.is_authenticated:
        return redirect(f"{reverse('talent:login')}?next={target}")
    if form.is_valid():
        try:
            services.save_search(request.user, form.cleaned_data["name"], query)
        except TalentError as error:
            messages.error(request, error.message)
        else:
            messages.success(request, _("Search saved. Find it under “My saved searches”."))
    return redirect(target)


def vacancy_detail(request, pk: int):
    vacancy = get_object_or_404(
        Vacancy.objects.filter(organisation__in=Organisation.objects.public()).select_related(
            "organisation", "fair"
        ),
        pk=pk,
    )
    title = localised(vacancy, "title") or str(vacancy)
    trail = trail_from_home(request, (_("Jobs"), reverse("talent:job-search")), (title, None))
    context = {
        "vacancy": vacancy,
        "title": title,
        "open_now": vacancy.takes_applications(timezone.localdate()),
        # A graduate who applied already sees when, instead of the "Apply" button.
        "my_application": selectors.applications_by_vacancy(request.user, [vacancy]).get(pk),
        "breadcrumb_trail": trail,
    }
    return render(request, "talent/public/vacancy_detail.html", context)


def fair_list(request):
    def listing() -> dict:  # only the shared content uses it (core.fragments): on a miss
        now = timezone.now()
        fairs = list(Fair.objects.prefetch_related("organisers").order_by("starts_at"))
        return {
            "upcoming": [fair for fair in fairs if fair.ends_at >= now],
            "past": [fair for fair in reversed(fairs) if fair.ends_at < now],
        }

    context = {
        "listing": listing,
        "breadcrumb_trail": trail_from_home(request, (_("Job fairs"), None)),
    }
    return render(request, "talent/public/fair_list.html", context)


def fair_detail(request, pk: int):
    public = Organisation.objects.public()
    fair = get_object_or_404(
        Fair.objects.prefetch_related(Prefetch("organisers", queryset=public)), pk=pk
    )
    title = localised(fair, "title")

    def listing() -> dict:  # only the shared content uses it (core.fragments): on a miss
        booths = (
            Booth.objects.filter(fair=fair, organisation__in=public)
            .select_related("organisation")
            .order_by("number")
        )
        return {"booths": booths, "vacancies": jobsearch.find_vacancies(fair=fair)[:50]}

    context = {
        "fair": fair,
        "title": title,
        "listing": listing,
        "booking_open": timezone.now() < fair.booking_closes_at,
        "breadcrumb_trail": trail_from_home(
            request, (_("Job fairs"), reverse("talent:fair-list")), (title, None)
        ),
        **graduate_slots(request.user, fair),
    }
    return render(request, "talent/public/fair_detail.html", context)


def graduate_slots(user, fair: Fair) -> dict:
    """For a signed-in graduate: the fair's free slots by enterprise, and their own bookings."""
    profile = getattr(user, "graduate", None) if user.is_authenticated else None
    if profile is None:
        return {"is_graduate": False}
    slots = (
        InterviewSlot.objects.filter(
            fair=fair,
            booking__isnull=True,
            starts_at__gt=timezone.now(),
            organisation__in=Organisation.objects.public(),
        )
        .select_related("organisation", "vacancy")
        .order_by("organisation__name_en", "starts_at")
    )
    by_enterprise: dict = {}
    for slot in slots:
        by_enterprise.setdefault(slot.organisation, []).append(slot)
    bookings = profile.bookings.filter(slot__fair=fair).select_related("slot__organisation")
    return {
        "is_graduate": True,
        "free_slots": list(by_enterprise.items()),
        "my_bookings": list(bookings.order_by("slot__starts_at")),
    }
