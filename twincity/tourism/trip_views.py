"""The trip planner's pages: the form, the plan (with the form folded under it), and the plan
as .ics and PDF.

Everything is GET: the request is the address, so "plan again", pin and drop are links, and
the calendar and PDF links carry the same request (see `trips`).
"""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from django.http import HttpResponse, HttpResponseRedirect, QueryDict
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET
from icalendar import Calendar, Event, Timezone, TimezoneStandard

from twincity.core import abuse, answers
from twincity.core.navigation import trail_from_home
from twincity.core.pdf import PDF_CONTENT_TYPE, render_pdf

from . import planner, trips
from .trip_forms import TripForm


@never_cache
@require_GET
@abuse.refused_when_limited
def trip_planner(request):
    context = planned(request)
    return render(request, "tourism/trip/planner.html", context)


@never_cache
@require_GET
@abuse.refused_when_limited
def trip_calendar(request):
    return exported(request, plan_ics, "text/calendar; charset=utf-8", "twin-city-trip.ics")


@never_cache
@require_GET
@abuse.refused_when_limited
def trip_pdf(request):
    def pdf(context: dict) -> bytes:
        def fresh_pdf() -> bytes:
            abuse.check("pdf", abuse.client_address(request))
            return render_pdf("tourism/trip/plan_pdf.html", context, request=request)

        return answers.remembered("trip-pdf", context["trip"], fresh_pdf)

    return exported(request, pdf, PDF_CONTENT_TYPE, "twin-city-trip.pdf")


def exported(request, render_file, content_type: str, filename: str) -> HttpResponse:
    """The plan of the request as a download made by `render_file(context)`; back to the form
    if the request makes no plan."""
    context = planned(request)
    if "days" not in context:
        return back_to_the_form(request)
    response = HttpResponse(render_file(context), content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


# Django refuses to redirect to a longer address (a 400 page); a form's query is far shorter.
MAX_QUERY_KEPT = 8000


def back_to_the_form(request) -> HttpResponseRedirect:
    """An export of a request that makes no plan: the form says why (for a query no form
    makes, too long to carry back, the empty form)."""
    query = request.GET.urlencode()
    if len(query) > MAX_QUERY_KEPT:
        query = ""
    return HttpResponseRedirect(f"{reverse('tourism:trip-planner')}?{query}")


def planned(request) -> dict:
    """The form, and when it is filled in and valid, the plan (`days` and what goes with it)."""
    pages = trips.place_pages()
    form = TripForm.for_query(request.GET, pages)
    context = {"form": form, "trail": trail_from_home(request, (_("Trip planner"), None))}
    if not (form.is_bound and form.is_valid()):
        return context
    trip = form.trip_request()

    def fresh_plan() -> planner.Itinerary:
        abuse.check("planner", abuse.client_address(request))
        return trips.make_plan(pages, trip)

    try:
        # Kept by the validated request: parameters the form does not know change nothing.
        itinerary = answers.remembered("trip-plan", trip, fresh_plan)
    except planner.PlannerError as error:
        form.add_error(None, trips.REQUEST_ERRORS.get(error.code, str(error)))
        return context
    days = trips.shown_days(itinerary, pages, stop_links(request.GET))
    context.update(
        trip=trip,
        days=days,
        choices=form.choices_made(),
        unfitted=[
            (note, "?" + changed(request.GET, pin=(note.slug, True)) if note.can_pin else "")
            for note in trips.unfitted_notes(itinerary, pages, trip)
        ],
        points=trips.map_points(days),
        routes={str(day.number): trips.day_route(day) for day in days},
        map_days={str(day.number): day_name(day) for day in days},
        dropped=[
            (pages[slug], "?" + changed(request.GET, drop=(slug, False)))
            for slug in form.cleaned_data["drop"]
        ],
        links=plan_links(request.GET),
    )
    return context


def day_name(day: trips.ShownDay) -> str:
    """ "Day 2: 4 June", as the map's choice of the day to show."""
    return _("Day %(number)s: %(date)s") % {
        "number": day.number,
        "date": date_format(day.date, "MONTH_DAY_FORMAT"),
    }


# --- Links that change the request --------------------------------------------------------------


def changed(query: QueryDict, **changes: tuple[str, bool]) -> str:
    """`query` with each named list given or taken a value: changed(q, drop=("x", True))."""
    query = query.copy()
    for name, (value, present) in changes.items():
        values = [item for item in query.getlist(name) if item != value]
        query.setlist(name, [*values, value] if present else values)
    return query.urlencode()


def plan_links(query: QueryDict) -> dict:
    """The downloads of the plan, and the "better plan" button (none once it was pressed)."""
    better = query.get("better") not in (None, "", "0", "false", "False")
    return {
        "ics": f"{reverse('tourism:trip-calendar')}?{query.urlencode()}",
        "pdf": f"{reverse('tourism:trip-pdf')}?{query.urlencode()}",
        "better": "" if better else "?" + changed(query, better=("1", True)),
    }


def stop_links(query: QueryDict):
    """The links beside a place of the plan: pin it (or unpin it), drop it."""

    def links(slug: str) -> dict:
        pinned = slug in query.getlist("pin")
        return {
            "pinned": pinned,
            "pin": "?" + changed(query, pin=(slug, not pinned)),
            "drop": "?"
            + changed(query, drop=(slug, True), pin=(slug, False), must_see=(slug, False)),
        }

    return links


# --- The calendar -------------------------------------------------------------------------------


BEIJING_TIME = "Asia/Shanghai"


def plan_ics(context: dict) -> bytes:
    """One calendar event per stop, in Beijing time (RFC 5545: the zone the events name is
    defined in the file, lines end in CRLF and fold at 75 octets)."""
    days: list[trips.ShownDay] = context["days"]
    calendar = Calendar()
    calendar.add("prodid", "-//Twin City//Trip planner//EN")
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    calendar.add_component(beijing_time())
    stamp = timezone.now()
    for day in days:
        for stop in day.stops:
            calendar.add_component(stop_event(day, stop, stamp))
    return calendar.to_ical()


def beijing_time() -> Timezone:
    """Beijing time as a VTIMEZONE: UTC+8 all year (China has had no daylight saving time
    since 1991), so one STANDARD rule covers any trip the planner makes."""
    standard = TimezoneStandard()
    standard.add("dtstart", datetime(1970, 1, 1))
    standard.add("tzoffsetfrom", timedelta(hours=8))
    standard.add("tzoffsetto", timedelta(hours=8))
    standard.add("tzname", "CST")
    zone = Timezone()
    zone.add("tzid", BEIJING_TIME)
    zone.add_component(standard)
    return zone


def stop_event(day: trips.ShownDay, stop: trips.ShownStop, stamp: datetime) -> Event:
    event = Event()
    title = _("%(role)s: %(place)s") % {"role": stop.role_label, "place": stop.page.title}
    if stop.arrival_page is not None:
        title += f" → {stop.arrival_page.title}"
    event.add("summary", title)
    # In the zone the file defines, whatever the site's TIME_ZONE.
    event.add("dtstart", stop.starts.astimezone(ZoneInfo(BEIJING_TIME)))
    event.add("dtend", stop.ends.astimezone(ZoneInfo(BEIJING_TIME)))
    event.add("location", stop.page.address or stop.page.title)
    event.add("geo", (float(stop.page.latitude), float(stop.page.longitude)))
    event.add("uid", f"trip-{day.date:%Y%m%d}-{stop.starts:%H%M}-{stop.slug}@twincity")
    event.add("dtstamp", stamp)
    event.add("description", stop.page.summary)
    return event
