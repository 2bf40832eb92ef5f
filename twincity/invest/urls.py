"""The investment app's own URLs (opportunities, parks, policies and the guide are Wagtail
pages): the enquiry form and the investor's status page."""

from django.urls import include, path

from .views import public

app_name = "invest"

urlpatterns: list = [
    # The public content's feeds (part A, urls_content.py): invest:policies-rss, -atom.
    path("", include("twincity.invest.urls_content")),
    path("invest/enquiry/", public.enquiry, name="enquiry"),
    path("invest/enquiry/status/<str:status_token>/", public.enquiry_status, name="enquiry-status"),
    path(
        "invest/enquiry/status/<str:status_token>/erase/",
        public.erase_contact_details,
        name="enquiry-erase",
    ),
]
