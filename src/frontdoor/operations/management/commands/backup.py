from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand

from frontdoor.operations.backup import backup


class Command(BaseCommand):
    help = "Back up the whole database to FILE (JSON lines; gzip if FILE ends .gz), with checksums."

    def add_arguments(self, parser: Any) -> None:
        parser.add_argument("--out", type=Path, required=True)

    def handle(self, *args: Any, **options: Any) -> None:
        report = backup(options["out"])
        self.stdout.write(
            f"Backed up {report.tables} tables, {report.rows} rows and {report.files} documents' files "
            f"to {options['out']}"
        )
        for problem in report.mismatches:
            self.stderr.write(problem)
