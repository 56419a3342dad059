from datetime import date
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.organisations.models import Authority
from frontdoor.retention.selectors import review_dates


class Command(BaseCommand):
    help = "List records due for a retention review in one authority. Nothing is deleted."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--authority", required=True, help="DfE LA code")
        parser.add_argument("--on", type=date.fromisoformat, default=None, help="YYYY-MM-DD (default today)")

    def handle(self, *args: Any, **options: Any) -> None:
        authority = Authority.objects.filter(la_code=options["authority"]).first()
        if authority is None:
            raise CommandError("No authority with that code")
        on = options["on"] or date.today()  # noqa: DTZ011 - a calendar date for the report
        rows = review_dates(authority_id=authority.pk, on=on)
        due = [r for r in rows if r.review_on is not None and r.review_on <= on]
        held = [r for r in rows if r.review_on is None]
        for row in due:
            self.stdout.write(f"{row.person.reference}\t{row.review_on:%Y-%m-%d}\t{','.join(row.reasons)}")
        self.stdout.write(
            f"{len(rows)} records evaluated; {len(due)} due for review; {len(held)} on legal hold"
        )
