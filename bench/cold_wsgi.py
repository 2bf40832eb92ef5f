"""The site as bench/load.py --cold serves it: every request arrives just after a publish.

Renewing the content generation (twincity/core/generation.py) before each request empties, for
that request, everything a process keeps per generation (the site lookup, an article's
surroundings, any other memo), as in the moments after an editor publishes. Benchmark only:
gunicorn loads it with `--pythonpath bench cold_wsgi:application`.
"""

from twincity.core.generation import renew_generation
from twincity.wsgi import application as site


def application(environ, start_response):
    renew_generation()
    return site(environ, start_response)
