from django.core.management import call_command
from django.core.management.base import BaseCommand
from wagtail import hooks

from twincity.core.demo import ensure_locales
from twincity.core.demo_translations import register_demo_translations
from twincity.core.hooks import DEMO_LOADERS
from twincity.portal.demo import load_site
from twincity.portal.demo_illustrations import illustrate_demo


def loader_app(loader) -> str:
    """The app label a demo loader belongs to (`twincity.events.wagtail_hooks` -> events)."""
    return loader.__module__.split(".")[1]


class Command(BaseCommand):
    help = (
        "Load the demo site in English and Chinese: the home pages and portal settings, then "
        "each app's demo content in the order the apps registered it. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--skip",
            nargs="*",
            default=[],
            metavar="APP",
            help="apps whose demo content is not loaded (e.g. --skip talent)",
        )

    def handle(self, *, skip: list[str], **options):
        homes = load_site()
        locales = ensure_locales()
        loaders = hooks.get_hooks(DEMO_LOADERS)
        if unknown := set(skip) - {loader_app(loader) for loader in loaders}:
            self.stderr.write(f"No demo loader for: {', '.join(sorted(unknown))}")
        for loader in loaders:
            app = loader_app(loader)
            if app in skip:
                continue
            summary = loader(homes, locales)
            if options["verbosity"] > 1:
                self.stdout.write(f"{app}: {summary}")
        illustrated = illustrate_demo(homes)
        if options["verbosity"] > 1:
            self.stdout.write(f"illustrations: {illustrated} pages given a picture")
        self.register_translations(options["verbosity"])
        # Wagtail queues index updates for the worker; index now so search works from the start.
        call_command("update_index", verbosity=0)
        self.stdout.write(self.style.SUCCESS("Demo content ready."))

    def register_translations(self, verbosity: int) -> None:
        """The loaders write both languages; wagtail-localize learns which page translates
        which, so that editors translate and sync them in the admin."""
        result = register_demo_translations()
        for mismatch in result.mismatched:
            self.stderr.write(f"Not registered as a translation: {mismatch}")
        if verbosity > 1:
            self.stdout.write(f"translations: {result.registered} registered")
