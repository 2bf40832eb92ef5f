"""The one shape of an access check on a view: sign in first, then the app's rule.

    recruiter_page = access_required(
        admit=lambda request, **url: ((access.approved_recruiter(request.user),), url),
        refused=lambda request, refusal, **url: forbidden(request, refusal.message),
        refusal=NotAllowed,
    )

An anonymous visitor is sent to sign in and brought back. `admit(request, **url)` applies the
app's rule to the URL's arguments and returns what the view is called with, `(args, kwargs)`
(the recruiter first, say, or the event in place of its id), or raises `refusal`; a `refusal`
raised by the rule or later by a service inside the view becomes `refused(request, error,
**url)`, a translated 403 page. Pages behind a check are never cached.
"""

from collections.abc import Callable
from functools import wraps

from django.conf import settings
from django.contrib.auth.views import redirect_to_login
from django.http import HttpRequest, HttpResponse
from django.shortcuts import resolve_url
from django.views.decorators.cache import never_cache

from .errors import UserFacingError

Admit = Callable[..., tuple[tuple, dict]]
Refused = Callable[..., HttpResponse]


def access_required(admit: Admit, refused: Refused, refusal: type[UserFacingError]):
    def decorator(view):
        @wraps(view)
        @never_cache
        def checked(request: HttpRequest, **url) -> HttpResponse:
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path(), resolve_url(settings.LOGIN_URL))
            try:
                args, kwargs = admit(request, **url)
                return view(request, *args, **kwargs)
            except refusal as error:
                return refused(request, error, **url)

        return checked

    return decorator
