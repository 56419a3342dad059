from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError
from django.http import Http404

from frontdoor.organisations.models import User
from frontdoor.records.sar import sar_export


class Command(BaseCommand):
    help = "Gather everything held about a person into DIR (bundle.json, summary.txt) for review."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--person", type=int, required=True)
        parser.add_argument("--out", type=Path, required=True)
        parser.add_argument("--operator", help="username of the member of staff making the export")

    def handle(self, *args: Any, **options: Any) -> None:
        operator = None
        if options["operator"]:
            operator = User.objects.filter(username=options["operator"], is_active=True).first()
            if operator is None:
                raise CommandError("No active member of staff with that username")
        try:
            bundle = sar_export(person_id=options["person"], out=options["out"], operator=operator)
        except Http404 as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"{bundle.total} records in {len(bundle.sections)} sections written to {options['out']}"
        )
