from django.core.management import call_command
from django.core.management.base import BaseCommand

from twincity.directory.demo import load_directory_demo
from twincity.events.demo import load_events
from twincity.news.demo import load_news
from twincity.portal.demo import ensure_locales, load_site
from twincity.tourism.demo import load_tourism


class Command(BaseCommand):
    help = "Load the demo site (home pages, news, portal settings) in English and Chinese. Safe to re-run."

    def handle(self, **options):
        homes = load_site()
        added = load_news(homes, ensure_locales())
        load_directory_demo()
        load_events(homes, ensure_locales())  # after the directory: events name its organisations
        # Places from tourism/data/places.json, the first campaign and the guidebooks.
        load_tourism(homes, ensure_locales())
        # Wagtail queues index updates for the worker; index now so search works from the start.
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS(f"Demo content ready ({added} news articles added)."))
