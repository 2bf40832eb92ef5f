"""WSGI entry point: Django behind the anonymous page cache (core.pagecache) and the API's
kept answers (api.wsgi), all inside the request id (core.request_ids) and the database
failure answer (core.failures)."""

import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "twincity.settings")

django_application = get_wsgi_application()  # sets Django up: the wrappers read its models

from twincity.api.wsgi import KeptAnswerApplication  # noqa: E402
from twincity.core.failures import DatabaseFailureApplication  # noqa: E402
from twincity.core.pagecache import CachedPageApplication  # noqa: E402
from twincity.core.request_ids import RequestIdApplication  # noqa: E402

# Pages kept for anonymous visitors, then the API's kept answers, then Django.
application = RequestIdApplication(
    DatabaseFailureApplication(CachedPageApplication(KeptAnswerApplication(django_application)))
)
