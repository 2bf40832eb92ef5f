from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from twincity.core.demo import ensure_locales, site_homes
from twincity.tourism.demo import DATA_FILE, PlacesDataError, load_tourism


class Command(BaseCommand):
    help = (
        "Create or update the place pages (English and Chinese) from the places data file, "
        "the first joint campaign and the guidebooks. Safe to re-run."
    )

    def add_arguments(self, parser):
        parser.add_argument("--file", type=Path, default=DATA_FILE, help="places JSON file")

    def handle(self, *, file: Path, **options):
        if not file.exists():
            raise CommandError(f"No places file at {file}")
        try:
            result = load_tourism(site_homes(), ensure_locales(), file)
        except (PlacesDataError, LookupError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(
            self.style.SUCCESS(
                f"Places: {result.created} created, {result.updated} updated, "
                f"{result.unchanged} unchanged, {result.kept} kept as editors left them."
            )
        )
