"""`frontdoor build_calendar [--start DATE] [--end DATE]`: fill the CalendarDay table SQL joins."""

from datetime import date

from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from frontdoor.clocks.services import calendar_table_build

YEARS_EACH_SIDE = 10


class Command(BaseCommand):
    help = "Fill the working-day calendar table (default: ten years either side of this year)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--start", help="first date, YYYY-MM-DD")
        parser.add_argument("--end", help="last date, YYYY-MM-DD")

    def handle(self, *args: object, **options: str | None) -> None:
        year = timezone.localdate().year
        try:
            start = date.fromisoformat(options["start"] or f"{year - YEARS_EACH_SIDE}-01-01")
            end = date.fromisoformat(options["end"] or f"{year + YEARS_EACH_SIDE}-12-31")
            written = calendar_table_build(start, end)
        except ValueError as error:
            raise CommandError(str(error), returncode=2) from error
        self.stdout.write(f"{written} calendar days written")
