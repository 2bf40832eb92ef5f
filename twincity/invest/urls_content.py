"""The public content's own URLs: the policy library's feeds (the pages themselves are
Wagtail pages). Included by invest/urls.py, so named invest:policies-rss and -atom."""

from django.urls import path

from . import feeds

urlpatterns = [
    path("feeds/policies.rss", feeds.LatestPoliciesRss(), name="policies-rss"),
    path("feeds/policies.atom", feeds.LatestPoliciesAtom(), name="policies-atom"),
]
