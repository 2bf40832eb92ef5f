"""WSGI entry point: Django behind the anonymous page cache (core.pagecache) and the API's
kept answers (api.wsgi)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twincity.settings")

django_application = get_wsgi_application()  # sets Django up: the wrappers read its models

from twincity.api.wsgi import KeptAnswerApplication  # noqa: E402
from twincity.core.pagecache import CachedPageApplication  # noqa: E402

# Pages kept for anonymous visitors, then the API's kept answers, then Django.
application = CachedPageApplication(KeptAnswerApplication(django_application))
