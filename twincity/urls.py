from django.conf import settings
from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from django.views.static import serve
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from twincity.api.main import api
from twincity.core import failures, health
from twincity.portal import styleguide as portal_styleguide
from twincity.portal import views as portal_views

handler400 = "twincity.portal.views.bad_request"
handler404 = "twincity.portal.views.page_not_found"
# A database that cannot be reached is "busy, try again" (503), not a server error.
handler500 = failures.database_aware(portal_views.server_error)

urlpatterns = [
    # For the load balancer and Prometheus; core.health's middleware answers them first.
    path("healthz", health.healthz, name="healthz"),
    path("readyz", health.readyz, name="readyz"),
    path("metrics", health.metrics, name="metrics"),
    path("admin/", include(wagtailadmin_urls)),
    path("documents/", include(wagtaildocs_urls)),
    path("sitemap.xml", portal_views.sitemap, name="sitemap"),
    path("favicon.ico", portal_styleguide.favicon, name="favicon"),
    # The partners' API: one address per resource whatever the language (?lang= or
    # Accept-Language chooses it), so it stays outside i18n_patterns.
    path("api/v1/", api.urls),
]

urlpatterns += i18n_patterns(
    # Each app's addresses, in its own namespace (app_name in its urls.py).
    path("", include("twincity.portal.urls")),
    path("", include("twincity.news.urls")),
    path("", include("twincity.directory.urls")),
    path("", include("twincity.talent.urls")),
    path("", include("twincity.events.urls")),
    path("", include("twincity.tourism.urls")),
    path("", include("twincity.invest.urls")),
    path("", include("twincity.dashboard.urls")),
    # Everything else is a Wagtail page (home, news, events, travel), in its language's tree.
    path("", include(wagtail_urls)),
)

# Uploaded images for a single-machine set-up; in production the proxy serves MEDIA_ROOT first.
# Never documents: a document may be private to a collection, and only Wagtail's serve view
# (/documents/<id>/<name>) checks that (settings.WAGTAILDOCS_SERVE_METHOD).
urlpatterns.insert(
    0,
    re_path(
        r"^media/(?!documents/)(?P<path>.*)$",
        serve,
        {"document_root": settings.MEDIA_ROOT},
        name="media",
    ),
)
