"""Sign in, sign out and sign-up for graduates and recruiters; confirming the e-mail address
and setting a new password by a link e-mailed to it.

Every page that takes an address (sign-up, a new password, a new confirmation link) answers
the same whether or not an account uses it: what happens next is said by e-mail, to the
address. Those that send e-mail are limited per visitor (core.abuse, settings.
TWINCITY_RATE_LIMITS) and, in the services, per mailbox.
"""

from django.contrib import messages
from django.contrib.auth import logout
from django.contrib.auth import views as auth_views
from django.contrib.auth.forms import AuthenticationForm
from django.core.validators import MaxLengthValidator
from django.http import HttpResponseRedirect
from django.shortcuts import redirect, render
from django.urls import reverse, reverse_lazy
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from twincity.core import abuse
from twincity.core.errors import show_on_form
from twincity.core.navigation import trail_from_home

from .. import access, services, tokens
from ..errors import TalentError
from ..forms import (
    EmailAddressForm,
    GraduateRegistrationForm,
    NewPasswordForm,
    RecruiterRegistrationForm,
)
from ..services import confirmation, passwords


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
            services.sign_up_graduate(
                email=form.cleaned_data["email"],
                password=form.cleaned_data["password"],
                full_name=form.cleaned_data["full_name"],
                language=form.cleaned_data["language"],
            )
        except TalentError as error:
            show_on_form(form, error)
        else:
            return redirect("talent:check-email")
    return render_form(request, form, _("Register as a graduate"), "graduate")


@require_http_methods(["GET", "POST"])
@abuse.limited("sign-up")
def register_recruiter(request):
    form = RecruiterRegistrationForm(request.POST or None, initial={"language": get_language()})
    if request.method == "POST" and form.is_valid():
        try:
            names_kept = services.sign_up_recruiter(**form.account_request())
        except TalentError as error:
            show_on_form(form, error)
        else:
            messages.success(request, signed_up_message(names_kept))
            return redirect("talent:check-email")
    return render_form(request, form, _("Register as a recruiter"), "recruiter")


def signed_up_message(names_kept: bool) -> str:
    if names_kept:
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


def account_page(request, template: str, title: str, extra: dict | None = None, status=200):
    """One of the pages below: its title is its heading and the last step of its trail."""
    context = {"title": title, "breadcrumb_trail": trail_from_home(request, (title, None))}
    return render(request, f"talent/accounts/{template}", context | (extra or {}), status=status)


def back_or(request, fallback: str):
    """Back where the form came from if it said so (and it is on this site), else `fallback`."""
    target = request.POST.get("next", "")
    if url_has_allowed_host_and_scheme(target, {request.get_host()}, request.is_secure()):
        return redirect(target)
    return redirect(fallback)


# --- Confirming the e-mail address ---------------------------------------------------------------

# never_cache on the pages after a form: they show messages (core.pagecache must not keep them).


@require_GET
@never_cache
def check_email(request):
    """Where every sign-up lands, with or without a new account: the e-mail says which."""
    days = {"days": tokens.CONFIRMATION_DAYS}
    return account_page(request, "check_email.html", _("Check your e-mail"), days)


@never_cache
@require_http_methods(["GET", "POST"])
def confirm_email(request, key: str):
    """Opening the link checks it and shows a button; the person's POST confirms (a link
    scanner's GET changes nothing)."""
    try:
        user = services.confirm_email(key, apply=request.method == "POST")
    except TalentError as error:
        form = EmailAddressForm()
        context = {"message": error.message, "form": form}
        title = _("This link does not work")
        return account_page(request, "link_refused.html", title, context, status=400)
    if request.method == "GET" and not services.email_confirmed(user):
        title = _("Confirm your e-mail address")
        return account_page(request, "confirm_email.html", title, {"address": user.email})
    if request.user == user:
        messages.success(request, _("Thank you: your e-mail address is confirmed."))
        return redirect("talent:account-home")
    messages.success(request, _("Your e-mail address is confirmed. Sign in to continue."))
    return redirect(f"{reverse('talent:login')}?next={reverse('talent:account-home')}")


@require_http_methods(["GET", "POST"])
@abuse.limited("confirmation-resend")
def resend_confirmation(request):
    """The banner's button on a waiting account's pages (no address: the account's own), or
    the public form, which answers the same for every address."""
    if request.method == "POST" and "email" not in request.POST and request.user.is_authenticated:
        return resend_to_own_address(request)
    form = EmailAddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        services.resend_confirmation(form.cleaned_data["email"], get_language())
        return redirect("talent:check-email")
    return account_page(
        request, "resend_confirmation.html", _("Send the confirmation link again"), {"form": form}
    )


def resend_to_own_address(request):
    if confirmation.send_confirmation_again(request.user, get_language()):
        sent = _("We have sent a new link to %(email)s. It works for %(days)d days.")
        messages.success(
            request, sent % {"email": request.user.email, "days": tokens.CONFIRMATION_DAYS}
        )
    else:
        messages.info(request, _("Your e-mail address is confirmed already."))
    return back_or(request, "talent:account-home")


# --- A new password ------------------------------------------------------------------------------


@require_http_methods(["GET", "POST"])
@abuse.limited("password-reset")
def password_reset(request):
    form = EmailAddressForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        # In the language of this page: the person reads the e-mail right after asking.
        passwords.request_password_reset(form.cleaned_data["email"], get_language())
        return redirect("talent:password-reset-sent")
    return account_page(request, "password_reset.html", _("Forgot your password?"), {"form": form})


@require_GET
@never_cache
def password_reset_sent(request):
    hours = {"hours": tokens.password_reset_hours()}
    return account_page(request, "password_reset_sent.html", _("Check your e-mail"), hours)


class NewPasswordView(auth_views.PasswordResetConfirmView):
    """Django's checks of the link (it works once, for settings.PASSWORD_RESET_TIMEOUT, and
    leaves the address bar before the form shows); the new password is set by the service."""

    form_class = NewPasswordForm
    template_name = "talent/accounts/password_reset_confirm.html"
    success_url = reverse_lazy("talent:password-reset-complete")

    def form_valid(self, form):
        try:
            passwords.set_new_password(self.user, form.cleaned_data["new_password"], get_language())
        except TalentError as error:
            show_on_form(form, error)
            return self.form_invalid(form)
        del self.request.session[auth_views.INTERNAL_RESET_SESSION_TOKEN]
        return HttpResponseRedirect(self.get_success_url())

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        title = _("Choose a new password") if self.validlink else _("This link does not work")
        context["title"] = title
        context["breadcrumb_trail"] = trail_from_home(self.request, (title, None))
        context["hours"] = tokens.password_reset_hours()
        context["request_form"] = EmailAddressForm()
        return context


@require_GET
@never_cache
def password_reset_complete(request):
    return account_page(request, "password_reset_complete.html", _("Your password is changed"))


def deleted_and_signed_out(request, delete_account):
    """After "delete my account": everything goes (`delete_account(user)`), the session ends,
    and the person lands on the home page with a goodbye."""
    delete_account(request.user)
    logout(request)
    messages.success(request, _("Your account and all your data are deleted. Goodbye."))
    return redirect("/" + get_language() + "/")
