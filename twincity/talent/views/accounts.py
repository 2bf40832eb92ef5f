"""Sign in, sign out and registration for graduates and recruiters."""

from django.contrib import messages
from django.contrib.auth import login, logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from twincity.core import abuse
from twincity.core.errors import show_on_form
from twincity.core.navigation import trail_from_home

from .. import access, services
from ..errors import TalentError
from ..forms import GraduateRegistrationForm, RecruiterRegistrationForm


def account_home(request):
    """Where a signed-in person starts: their own part of the job fair."""
    user = request.user
    if not user.is_authenticated:
        return redirect("talent:login")
    if access.is_organiser(user):
        return redirect("talent:organiser-dashboard")
    if hasattr(user, "recruiter"):
        return redirect("talent:employer-home")
    if hasattr(user, "graduate"):
        return redirect("talent:my-applications")
    return redirect("/" + get_language() + "/")


class SignInForm(AuthenticationForm):
    """Django gives the user name field a maximum length but does not check it: a longer name
    would be looked up, and written into the sign-in log's 255-character column (an error
    page on PostgreSQL). It is refused as a wrong name instead."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        field = self.fields["username"]
        field.validators.append(MaxLengthValidator(field.max_length))


class SignInView(auth_views.LoginView):
    form_class = SignInForm
    template_name = "talent/accounts/login.html"
    redirect_authenticated_user = True

    def get_default_redirect_url(self):
        return reverse("talent:account-home")

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["breadcrumb_trail"] = trail_from_home(self.request, (_("Sign in"), None))
        return context


class SignOutView(auth_views.LogoutView):
    """Back to the home page in the visitor's language. Without a page to go to, Django would
    render the admin's "logged out" template, which fails on this site (no Django admin)."""

    def get_default_redirect_url(self):
        return "/" + get_language() + "/"


@require_http_methods(["GET", "POST"])
@abuse.limited("sign-up")  # each sent form counts: accounts cannot be made by the thousand
def register_graduate(request):
    form = GraduateRegistrationForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            profile = services.register_graduate(
                form.cleaned_data["email"],
                form.cleaned_data["password"],
                form.cleaned_data["full_name"],
                form.cleaned_data["language"],
            )
        except TalentError as error:
            show_on_form(form, error)
        else:
            login(request, profile.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome! Complete your profile and upload your CV."))
            return redirect("talent:my-profile")
    return render_form(request, form, _("Register as a graduate"), "graduate")


@require_http_methods(["GET", "POST"])
@abuse.limited("sign-up")
def register_recruiter(request):
    form = RecruiterRegistrationForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            recruiter = services.request_recruiter_account(**form.account_request())
        except TalentError as error:
            show_on_form(form, error)
        else:
            login(request, recruiter.user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, signed_up_message(recruiter))
            return redirect("talent:employer-home")
    return render_form(request, form, _("Register as a recruiter"), "recruiter")


def signed_up_message(recruiter) -> str:
    if recruiter.organisation.listed:
        # The sign-up named a code already in the directory: the names typed were not used.
        return _(
            "Thank you. Your enterprise is in the directory already and keeps its names there. "
            "The organisers will check that you recruit for it and approve your account."
        )
    return _("Thank you. The organisers will check your enterprise and approve your account.")


def render_form(request, form, title: str, kind: str):
    trail = trail_from_home(request, (title, None))
    return render(
        request,
        "talent/accounts/register.html",
        {"form": form, "title": title, "kind": kind, "breadcrumb_trail": trail},
    )


def deleted_and_signed_out(request, delete_account):
    """After "delete my account": everything goes (`delete_account(user)`), the session ends,
    and the person lands on the home page with a goodbye."""
    delete_account(request.user)
    logout(request)
    messages.success(request, _("Your account and all your data are deleted. Goodbye."))
    return redirect("/" + get_language() + "/")
