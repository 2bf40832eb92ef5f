"""Fill the job fair with demo data: the seed article's fair, its enterprises and graduates."""

import time

from django.core.management.base import BaseCommand, CommandError

from twincity.talent.demo import DEFAULT_SEED, DEFAULT_SIZE, DemoSize, generate


class Command(BaseCommand):
    help = (
        "Create the demo job fair of 4 June 2021 with invented enterprises, vacancies, "
        "graduates and applications; re-running replaces the previous demo rows and leaves "
        "everything else alone."
    )

    def add_arguments(self, parser):
        parser.add_argument("--enterprises", type=int, default=DEFAULT_SIZE.enterprises)
        parser.add_argument(
            "--openings", type=int, default=DEFAULT_SIZE.openings, help="sum of headcounts"
        )
        parser.add_argument("--graduates", type=int, default=DEFAULT_SIZE.graduates)
        parser.add_argument("--seed", type=int, default=DEFAULT_SEED, help="same seed, same data")
        parser.add_argument(
            "--scale", type=float, default=1.0, help="multiply the three sizes, e.g. 0.02"
        )

    def handle(self, *, enterprises, openings, graduates, seed, scale, **options):
        self.verbosity = options["verbosity"]
        size = DemoSize(enterprises, openings, graduates).scaled(scale)
        started = time.monotonic()
        try:
            made = generate(size, seed, log=self.progress)
        except ValueError as error:
            raise CommandError(str(error)) from error
        summary = ", ".join(f"{count} {what}" for what, count in made.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Demo job fair ready in {time.monotonic() - started:.1f} s: {summary}."
            )
        )

    def progress(self, line: str) -> None:
        if self.verbosity >= 1:
            self.stdout.write(line)
