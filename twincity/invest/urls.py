"""The investment app's own URLs (opportunities, parks, policies and the guide are Wagtail
pages): the enquiry form and the investor's status page."""

from django.urls import path  # noqa: F401

app_name = "invest"

urlpatterns: list = []
