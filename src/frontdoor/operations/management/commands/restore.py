from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.operations.backup import RestoreRefused, restore


class Command(BaseCommand):
    help = "Restore FILE (from `frontdoor backup`) into an empty, migrated database, then verify it."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore(options["file"])
        except RestoreRefused as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {report.tables} tables, {report.rows} rows; rows compared {report.rows}, "
            f"documents' files checked {report.files}, {len(report.mismatches)} mismatches"
        )
        if report.mismatches:
            raise CommandError("Mismatches:\n" + "\n".join(report.mismatches))
