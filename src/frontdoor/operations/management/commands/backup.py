from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from frontdoor.operations.backup import backup
from frontdoor.operations.sealed import KEY_VARIABLE, SealError, key_from_environment


class Command(BaseCommand):
    help = (
        "Back up the whole database to FILE (JSON lines; gzip if FILE ends .gz), with checksums, "
        f"readable by its owner only; sealed with AES-256-GCM when {KEY_VARIABLE} is set."
    )

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        try:
            sealed = key_from_environment() is not None
            report = backup(options["out"])
        except SealError as error:
            raise CommandError(str(error)) from None
        how = f"sealed with {KEY_VARIABLE}" if sealed else "not encrypted"
        self.stdout.write(
            f"Backed up {report.tables} tables, {report.rows} rows and {report.files} documents' files "
            f"to {options['out']} ({how})"
        )
        for problem in report.mismatches:
            self.stderr.write(problem)
