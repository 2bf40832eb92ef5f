from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from twincity.directory import views as directory_views
from twincity.news import feeds
from twincity.portal import views as portal_views

handler404 = "twincity.portal.views.page_not_found"
handler500 = "twincity.portal.views.server_error"

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", portal_views.sitemap, name="sitemap"),
]

urlpatterns += i18n_patterns(
    path("search/", portal_views.search, name="search"),
    path("directory/", directory_views.organisation_list, name="directory"),
    path("directory/<int:pk>/", directory_views.organisation_detail, name="organisation"),
    path("", include("twincity.talent.urls")),
    path("", include("twincity.events.urls")),
    path("", include("twincity.tourism.urls")),
    path("", include("twincity.tourism.trip_urls")),
    path("feeds/news.rss", feeds.LatestNewsRss(), name="news-rss"),
    path("feeds/news.atom", feeds.LatestNewsAtom(), name="news-atom"),
    path("", include(wagtail_urls)),
)

# Uploaded images for a single-machine set-up; in production the proxy serves MEDIA_ROOT first.
urlpatterns.insert(
    0, re_path(r"^media/(?P<path>.*)$", serve, {"document_root": settings.MEDIA_ROOT}, name="media")
)
