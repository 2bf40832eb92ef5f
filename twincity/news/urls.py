"""The news center's feeds (under the language prefix); the articles are Wagtail pages."""

from django.urls import path

from . import feeds

app_name = "news"

urlpatterns = [
    path("feeds/news.rss", feeds.LatestNewsRss(), name="rss"),
    path("feeds/news.atom", feeds.LatestNewsAtom(), name="atom"),
]
