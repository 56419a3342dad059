"""Rebuild past days' caseload snapshots from allocation history (issue 20 §1, §3).

Method: for each day, each worker's allocations open at the end of that day (an allocation counts
from the day it started until the day it ended or its episode closed, whichever came first), and of
those, the episodes with a protection plan open that day; every social worker and assistant in post
that day (start and leaving dates) is counted, with 0 if they held nothing. What history does not
keep is not rebuilt: team moves (a worker is counted in the team they are in now) and front-door
contacts they owned. Days already recorded, captured or rebuilt, are left as they are, so the
command can be run again safely."""

from datetime import timedelta

from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from frontdoor.organisations.models import Authority
from frontdoor.workforce.services import caseload_snapshot_backfill


class Command(BaseCommand):
    help = "Rebuild past days' caseloads per worker from allocation history (days already recorded are kept)."

    def add_arguments(self, parser) -> None:  # type: ignore[no-untyped-def]
        parser.add_argument(
            "--days", type=int, default=730, help="How many days back from yesterday (default 730)"
        )
        parser.add_argument("--authority-code", help="One authority's DfE LA code (default: every authority)")

    def handle(self, *args, **options) -> None:  # type: ignore[no-untyped-def]
        if options["days"] < 1:
            raise CommandError("--days must be at least 1")
        last = timezone.localdate() - timedelta(days=1)
        first = last - timedelta(days=options["days"] - 1)
        authorities = Authority.objects.order_by("la_code")
        if options["authority_code"]:
            authorities = authorities.filter(la_code=options["authority_code"])
            if not authorities.exists():
                raise CommandError(f"No authority with the code {options['authority_code']}")
        for authority in authorities:
            rows = caseload_snapshot_backfill(authority=authority, first=first, last=last)
            self.stdout.write(f"{authority}: {rows} caseloads rebuilt from {first} to {last}")
