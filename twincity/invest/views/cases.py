"""The staff's case pages in the Wagtail admin (menu Investment → Enquiries, Projects).

Views parse the form, call a service of `services/cases.py` and show the page again: after a
change, a message and a redirect; after a refusal, the same page with the form as it was typed
and the refusal at its field. Only staff who work cases (`permissions.can_work_cases`) open
them, and only the cases of their offices."""

from functools import wraps

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db.models import Prefetch, Q
from django.http import HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import number_format
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST
from wagtail.admin.auth import permission_denied

from twincity.core.errors import show_on_form

from .. import permissions, scorecard
from ..case_forms import (
    CaseFilterForm,
    EnquiryStageForm,
    HandoverForm,
    NoteForm,
    ProjectForm,
    ProjectStageForm,
    ProjectStatusForm,
    TaskForm,
    TeamForm,
)
from ..matching import matches_for_enquiry
from ..models import (
    CaseEvent,
    CaseNote,
    CaseTask,
    CaseTeamMember,
    CooperationMode,
    Enquiry,
    EnquiryStage,
    Project,
    ProjectStage,
    ProjectStatus,
)
from ..services import audit, cases
from ..services.cases import CaseError

PER_PAGE = 50
TEMPLATES = "invest/admin/cases/"


def case_worker_required(view):
    """For those who work cases; a case of another office is refused as Wagtail refuses: back
    to the admin's home with a message."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        if not permissions.can_work_cases(request.user):
            return permission_denied(request)
        try:
            return view(request, *args, **kwargs)
        except PermissionDenied:
            return permission_denied(request)

    return wrapped


# --- Reads ------------------------------------------------------------------------------------


def enquiry_for(user, pk: int) -> Enquiry:
    """The case of one of the person's offices, with what its page shows (a fixed number of
    queries whatever the case holds)."""
    found = (
        permissions.visible_enquiries(user)
        .select_related("lead_office", "owner", "project__owner", "project__office")
        .prefetch_related(
            "offices",
            "opportunities",
            Prefetch("team", CaseTeamMember.objects.select_related("user")),
        )
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise PermissionDenied
    return found


def project_for(user, pk: int) -> Project:
    found = (
        permissions.visible_projects(user)
        .select_related("office", "owner", "enquiry__lead_office", "enquiry__owner")
        .filter(pk=pk)
        .first()
    )
    if found is None:
        raise PermissionDenied
    return found


def case_items(enquiry: Enquiry | None, project: Project | None) -> dict:
    """The notes, tasks and trail of a case: of its enquiry and of its project."""
    of_case = Q()
    if enquiry is not None:
        of_case |= Q(enquiry=enquiry)
    if project is not None:
        of_case |= Q(project=project)
    events = list(CaseEvent.objects.filter(of_case).select_related("actor"))
    return {
        "notes": CaseNote.objects.filter(of_case).select_related("created_by"),
        "tasks": CaseTask.objects.filter(of_case).select_related("assignee"),
        "trail": audit.describe(events),
    }


def project_of(enquiry: Enquiry) -> Project | None:
    return getattr(enquiry, "project", None)


# --- Lists --------------------------------------------------------------------------------------


@case_worker_required
def enquiry_list(request):
    offices = permissions.offices_of(request.user)
    form = CaseFilterForm(
        request.GET or None, offices=offices, stages=EnquiryStage.choices, auto_id="filter_%s"
    )
    rows = (
        permissions.visible_enquiries(request.user)
        .select_related("lead_office", "owner")
        .prefetch_related("offices")
        .order_by("-created_at")
    )
    rows = filtered(rows, form, request.user, owner_field="owner")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        TEMPLATES + "enquiry_list.html",
        {**header(_("Enquiries"), "mail"), "form": form, "page": page},
    )


@case_worker_required
def project_list(request):
    offices = permissions.offices_of(request.user)
    form = CaseFilterForm(
        request.GET or None, offices=offices, stages=ProjectStage.choices, auto_id="filter_%s"
    )
    rows = (
        permissions.visible_projects(request.user)
        .select_related("office", "owner", "enquiry")
        .order_by("-created_at")
    )
    rows = filtered(rows, form, request.user, owner_field="owner", office_field="office")
    page = Paginator(rows, PER_PAGE).get_page(request.GET.get("p"))
    return TemplateResponse(
        request,
        TEMPLATES + "project_list.html",
        {**header(_("Investment projects"), "tasks"), "form": form, "page": page},
    )


def filtered(rows, form: CaseFilterForm, user, *, owner_field: str, office_field: str = ""):
    if not form.is_bound or not form.is_valid():
        return rows
    data = form.cleaned_data
    if data["stage"]:
        rows = rows.filter(stage=data["stage"])
    if data["office"]:
        if office_field:
            rows = rows.filter(**{office_field: data["office"]})
        else:
            rows = rows.filter(pk__in=Enquiry.objects.filter(offices=data["office"]).values("pk"))
    if data["owner"]:
        rows = rows.filter(**{owner_field: data["owner"]})
    if data["high_value"]:
        rows = rows.filter(high_value=True) if rows.model is Enquiry else rows
    if data["mine"]:
        rows = rows.filter(**{owner_field: user})
    return rows


def header(title: str, icon: str) -> dict:
    # Wagtail's generic base template names the browser tab after header_title.
    return {"page_title": title, "header_title": title, "header_icon": icon}


# --- The enquiry's case page --------------------------------------------------------------------


@case_worker_required
def enquiry_detail(request, enquiry_id: int):
    return render_enquiry(request, enquiry_for(request.user, enquiry_id))


def render_enquiry(request, enquiry: Enquiry, status: int = 200, **bound):
    """The case page; `bound` holds the form that was sent and refused, as it was typed."""
    offices = list(enquiry.offices.all())
    project = project_of(enquiry)
    forms = {
        "stage_form": EnquiryStageForm(),
        "team_form": TeamForm(
            offices=offices,
            initial={
                "owner": enquiry.owner,
                "team": [member.user for member in enquiry.team.all()],
            },
        ),
        "handover_form": HandoverForm(lead_office=enquiry.lead_office),
        "note_form": NoteForm(),
        "task_form": TaskForm(offices=offices),
        **bound,
    }
    context = {
        **header(
            _("Enquiry %(reference)s · %(company)s")
            % {"reference": enquiry.reference, "company": enquiry.company},
            "mail",
        ),
        "enquiry": enquiry,
        "project": project,
        "offices": offices,
        "team": [member.user for member in enquiry.team.all()],
        "moves": [EnquiryStage(stage) for stage in cases.enquiry_moves(enquiry)],
        "reasons_needed": sorted(cases.NEEDS_REASON),
        "score_reasons": scorecard.describe_all(enquiry.score_reasons),
        "may_hand_over": request.user.has_perm(permissions.HAND_OVER),
        "matches": matches_for_enquiry(enquiry),
        "modes": cases.listed(mode_labels(enquiry.preferred_modes)),
        "today": timezone.localdate(),
        **forms,
        **case_items(enquiry, project),
    }
    return TemplateResponse(request, TEMPLATES + "enquiry.html", context, status=status)


def enquiry_action(view):
    """A POST on a case page: the case, then the action; a refusal shows the page again."""

    @case_worker_required
    @require_POST
    @wraps(view)
    def wrapped(request, enquiry_id: int):
        enquiry = enquiry_for(request.user, enquiry_id)
        return view(request, enquiry)

    return wrapped


def back_to_enquiry(request, enquiry: Enquiry, message: str) -> HttpResponseRedirect:
    messages.success(request, message)
    return HttpResponseRedirect(reverse("invest_cases:enquiry", args=[enquiry.pk]))


@enquiry_action
def enquiry_stage(request, enquiry: Enquiry):
    form = EnquiryStageForm(request.POST)
    if form.is_valid():
        try:
            moved = cases.move_enquiry(
                enquiry,
                form.cleaned_data["stage"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except CaseError as refusal:
            show_on_form(form, refusal)
        else:
            if moved.stage == EnquiryStage.PROJECT:
                messages.success(request, _("The enquiry is now a project at the lead stage."))
                return HttpResponseRedirect(
                    reverse("invest_cases:project", args=[moved.project.pk])
                )
            return back_to_enquiry(
                request, enquiry, _("Moved to “%(stage)s”.") % {"stage": moved.get_stage_display()}
            )
    return render_enquiry(request, enquiry, 400, stage_form=form)


@enquiry_action
def enquiry_team(request, enquiry: Enquiry):
    form = TeamForm(request.POST, offices=list(enquiry.offices.all()))
    if form.is_valid():
        try:
            cases.assign_team(
                enquiry,
                owner=form.cleaned_data["owner"],
                team=list(form.cleaned_data["team"]),
                actor=request.user,
            )
        except CaseError as refusal:
            show_on_form(form, refusal)
        else:
            return back_to_enquiry(request, enquiry, _("Owner and team saved."))
    return render_enquiry(request, enquiry, 400, team_form=form)


@enquiry_action
def enquiry_handover(request, enquiry: Enquiry):
    form = HandoverForm(request.POST, lead_office=enquiry.lead_office)
    if form.is_valid():
        try:
            cases.hand_over(
                enquiry,
                form.cleaned_data["office"],
                actor=request.user,
                note=form.cleaned_data["note"],
            )
        except CaseError as refusal:
            show_on_form(form, refusal)
        else:
            message = _("The case was handed over; the receiving office is told by e-mail.")
            if permissions.visible_enquiries(request.user).filter(pk=enquiry.pk).exists():
                return back_to_enquiry(request, enquiry, message)
            messages.success(request, message)
            return HttpResponseRedirect(reverse("invest_cases:enquiries"))
    return render_enquiry(request, enquiry, 400, handover_form=form)


@case_worker_required
@require_POST
def task_done(request, task_id: int):
    """Done or not done again (the checkbox's form sends done=1 or done=0)."""
    task = get_object_or_404(CaseTask, pk=task_id)
    case = task.enquiry or task.project
    try:
        cases.set_task_done(task, request.POST.get("done") == "1", actor=request.user)
    except CaseError as refusal:
        raise PermissionDenied from refusal  # not a case of the person's offices
    name = "invest_cases:enquiry" if task.enquiry_id else "invest_cases:project"
    messages.success(request, _("Task updated."))
    return HttpResponseRedirect(reverse(name, args=[case.pk]))


# --- The project's page -------------------------------------------------------------------------


@case_worker_required
def project_detail(request, project_id: int):
    return render_project(request, project_for(request.user, project_id))


def render_project(request, project: Project, status: int = 200, **bound):
    offices = cases.case_offices(project)
    moves = cases.project_moves(project, request.user)
    context = {
        **header(_("Project: %(name)s") % {"name": project.name}, "tasks"),
        "project": project,
        "enquiry": project.enquiry,
        "stages": [
            {
                "stage": stage,
                "current": stage == project.stage,
                "allowed": stage in moves,
                "forward": cases.stage_index(stage) > cases.stage_index(project.stage),
                "missing": cases.listed(cases.missing_for(project, stage))
                if stage != ProjectStage.LEAD
                else "",
            }
            for stage in (ProjectStage(value) for value in cases.PROJECT_ORDER)
        ],
        "stage_form": ProjectStageForm(),
        "status_form": ProjectStatusForm(initial={"status": project.status}),
        "note_form": NoteForm(),
        "task_form": TaskForm(offices=offices),
        "may_edit": request.user.has_perm(permissions.CHANGE_PROJECT),
        "amounts": project_figures(project),
        "today": timezone.localdate(),
        "bad_statuses": [ProjectStatus(value) for value in sorted(cases.STATUS_NEEDS_REASON)],
        **bound,
        **case_items(project.enquiry, project),
    }
    return TemplateResponse(request, TEMPLATES + "project.html", context, status=status)


def project_figures(project: Project) -> list[tuple[str, str | None]]:
    """The values and dates of the project's page, under their field names."""
    shown = []
    for name in cases.PROJECT_FIELDS[4:]:
        value = getattr(project, name)
        if value is not None and name.endswith("_yuan"):
            value = _("%(amount)s yuan") % {"amount": number_format(value, force_grouping=True)}
        elif value is not None and name.endswith("_on"):
            value = value.isoformat()
        shown.append((Project._meta.get_field(name).verbose_name, value))
    return shown


def mode_labels(values: list[str]) -> list[str]:
    labels = dict(CooperationMode.choices)
    return [str(labels.get(value, value)) for value in values or ()]


def project_action(view):
    @case_worker_required
    @require_POST
    @wraps(view)
    def wrapped(request, project_id: int):
        return view(request, project_for(request.user, project_id))

    return wrapped


def back_to_project(request, project: Project, message: str) -> HttpResponseRedirect:
    messages.success(request, message)
    return HttpResponseRedirect(reverse("invest_cases:project", args=[project.pk]))


@project_action
def project_stage(request, project: Project):
    form = ProjectStageForm(request.POST)
    if form.is_valid():
        try:
            moved = cases.move_project(project, form.cleaned_data["stage"], actor=request.user)
        except CaseError as refusal:
            show_on_form(form, refusal)
        else:
            return back_to_project(
                request, project, _("Moved to “%(stage)s”.") % {"stage": moved.get_stage_display()}
            )
    return render_project(request, project, 400, stage_form=form)


@project_action
def project_status(request, project: Project):
    form = ProjectStatusForm(request.POST)
    if form.is_valid():
        try:
            cases.set_project_status(
                project,
                form.cleaned_data["status"],
                actor=request.user,
                reason=form.cleaned_data["reason"],
            )
        except CaseError as refusal:
            show_on_form(form, refusal)
        else:
            return back_to_project(request, project, _("Status saved."))
    return render_project(request, project, 400, status_form=form)


def back_to_case(request, case: Enquiry | Project, message: str) -> HttpResponseRedirect:
    if isinstance(case, Enquiry):
        return back_to_enquiry(request, case, message)
    return back_to_project(request, case, message)


def render_case(request, case: Enquiry | Project, status: int, **bound):
    if isinstance(case, Enquiry):
        return render_enquiry(request, case, status, **bound)
    return render_project(request, case, status, **bound)


def add_case_note(request, case: Enquiry | Project):
    """A note on an enquiry or a project (wrapped below for each)."""
    form = NoteForm(request.POST)
    if form.is_valid():
        try:
            cases.add_note(case, form.cleaned_data["text"], actor=request.user)
        except CaseError as refusal:
            show_on_form(form, refusal)
        else:
            return back_to_case(request, case, _("Note added."))
    return render_case(request, case, 400, note_form=form)


def add_case_task(request, case: Enquiry | Project):
    """A task with a due date on an enquiry or a project (wrapped below for each)."""
    form = TaskForm(request.POST, offices=cases.case_offices(case))
    if form.is_valid():
        try:
            cases.add_task(
                case,
                form.cleaned_data["title"],
                form.cleaned_data["due_on"],
                assignee=form.cleaned_data["assignee"],
                actor=request.user,
            )
        except CaseError as refusal:
            show_on_form(form, refusal)
        else:
            return back_to_case(request, case, _("Task added."))
    return render_case(request, case, 400, task_form=form)


enquiry_note = enquiry_action(add_case_note)
enquiry_task = enquiry_action(add_case_task)
project_note = project_action(add_case_note)
project_task = project_action(add_case_task)


@case_worker_required
def project_edit(request, project_id: int):
    project = project_for(request.user, project_id)
    if not request.user.has_perm(permissions.CHANGE_PROJECT):
        return permission_denied(request)
    offices = cases.case_offices(project)
    form = ProjectForm(request.POST or None, instance=project, offices=offices)
    status = 200
    if request.method == "POST":
        if form.is_valid():
            values = {name: form.cleaned_data[name] for name in cases.PROJECT_FIELDS}
            try:
                cases.update_project(
                    project_for(request.user, project_id), values, actor=request.user
                )
            except CaseError as refusal:
                show_on_form(form, refusal)
            else:
                return back_to_project(request, project, _("Project saved."))
        status = 400
    context = {
        **header(_("Editing the project: %(name)s") % {"name": project.name}, "edit"),
        "project": project,
        "form": form,
    }
    return TemplateResponse(request, TEMPLATES + "project_edit.html", context, status=status)


app_name = "invest_cases"
urlpatterns = [
    path("enquiries/", enquiry_list, name="enquiries"),
    path("enquiries/<int:enquiry_id>/", enquiry_detail, name="enquiry"),
    path("enquiries/<int:enquiry_id>/stage/", enquiry_stage, name="enquiry-stage"),
    path("enquiries/<int:enquiry_id>/team/", enquiry_team, name="enquiry-team"),
    path("enquiries/<int:enquiry_id>/handover/", enquiry_handover, name="enquiry-handover"),
    path("enquiries/<int:enquiry_id>/notes/", enquiry_note, name="enquiry-note"),
    path("enquiries/<int:enquiry_id>/tasks/", enquiry_task, name="enquiry-task"),
    path("tasks/<int:task_id>/done/", task_done, name="task-done"),
    path("projects/", project_list, name="projects"),
    path("projects/<int:project_id>/", project_detail, name="project"),
    path("projects/<int:project_id>/edit/", project_edit, name="project-edit"),
    path("projects/<int:project_id>/stage/", project_stage, name="project-stage"),
    path("projects/<int:project_id>/status/", project_status, name="project-status"),
    path("projects/<int:project_id>/notes/", project_note, name="project-note"),
    path("projects/<int:project_id>/tasks/", project_task, name="project-task"),
]
