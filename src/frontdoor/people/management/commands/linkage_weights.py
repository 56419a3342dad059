from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.organisations.models import Authority
from frontdoor.people import linkage
from frontdoor.people.linkage_services import linkage_weights_estimate


class Command(BaseCommand):
    help = (
        "Estimate the matching weights (Fellegi-Sunter m and u) from one authority's register, without "
        "labels, and store them with today's date; searches use the newest."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--authority", required=True, help="DfE LA code")
        parser.add_argument("--pairs", type=int, default=20_000, help="pairs sampled per pass")

    def handle(self, *args: Any, **options: Any) -> None:
        authority = Authority.objects.filter(la_code=options["authority"]).first()
        if authority is None:
            raise CommandError("No authority with that code")
        row = linkage_weights_estimate(authority=authority, pairs=options["pairs"])
        weights = linkage.Weights.from_json(row.weights)
        self.stdout.write(
            f"{authority.name}: weights estimated {row.estimated_at:%Y-%m-%d %H:%M} "
            f"from {row.people:,} people ({row.pairs:,} pairs compared)"
        )
        for name in linkage.FIELDS:
            levels = ", ".join(f"{level} {weights.bits(name, level):+.1f}" for level in linkage.LEVELS[name])
            self.stdout.write(f"  {name}: {levels}")
