from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.operations.backup import RestoreMismatch, RestoreRefused, restore


class Command(BaseCommand):
    help = (
        "Restore FILE (from `frontdoor backup`) into an empty, migrated database, verifying every table "
        "before committing. A sealed backup opens with FRONTDOOR_BACKUP_KEY."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("file", type=Path)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            report = restore(options["file"])
        except RestoreMismatch as error:
            raise CommandError(f"{error}:\n" + "\n".join(error.report.mismatches)) from None
        except RestoreRefused as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Restored {report.tables} tables, {report.rows} rows; rows compared {report.rows}, "
            f"documents' files checked {report.files}, {len(report.mismatches)} mismatches"
        )
