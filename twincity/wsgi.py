"""WSGI entry point: Django behind the anonymous page cache (see portal.pagecache)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twincity.settings")

from twincity.portal.pagecache import CachedPageApplication  # noqa: E402 - needs settings

application = CachedPageApplication(get_wsgi_application())
