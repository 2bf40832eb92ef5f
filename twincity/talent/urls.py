"""The job fair's pages, mounted under the language prefix (/en/…, /zh-hans/…)."""

from django.urls import include, path

from .views import accounts, graduate, organiser, public, recruiter

urlpatterns = [
    path("accounts/", include(accounts.urlpatterns)),
    path("jobs/", include(public.urlpatterns)),
    path("me/", include(graduate.urlpatterns)),
    path("employer/", include(recruiter.urlpatterns)),
    path("organiser/", include(organiser.urlpatterns)),
]
