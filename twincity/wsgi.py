"""WSGI entry point: Django behind the anonymous page cache (see core.pagecache)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twincity.settings")

from twincity.core.pagecache import CachedPageApplication  # noqa: E402 - needs settings

application = CachedPageApplication(get_wsgi_application())
