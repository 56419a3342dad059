"""`frontdoor annex-a --out FILE.xlsx [--as-of YYYY-MM-DD] [--authority CODE] [--as USERNAME]`: write the
Ofsted Annex A workbook (Lists 1 to 11 and a summary) for the six months up to the date (default today)."""

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.utils import timezone

from frontdoor.returns import services
from frontdoor.returns.management.commands._options import actor_for, add_common, authority_for, write


def _date(text: str) -> date:
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise CommandError(f"--as-of must be a date (YYYY-MM-DD), not {text!r}") from None


class Command(BaseCommand):
    help = "Write the Ofsted Annex A workbook for one authority."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--as-of", help="the inspection date the six months run up to (default today)")
        add_common(parser)

    def handle(self, *args: object, **options: object) -> None:
        authority = authority_for(options["authority"])  # type: ignore[arg-type]
        actor = actor_for(options["username"], authority)  # type: ignore[arg-type]
        as_of = _date(str(options["as_of"])) if options["as_of"] else timezone.localdate()
        try:
            file = services.annex_a_generate(actor=actor, authority=authority, as_of=as_of)
        except (ValidationError, PermissionDenied) as error:
            raise CommandError("; ".join(getattr(error, "messages", [str(error)]))) from error
        out = write(str(options["out"]), bytes(file.content))
        services.export_record(actor=actor, file=file, purpose="returns.annex_a.command")
        self.stdout.write(
            f"Wrote {out}: {file.children:,} children, {file.rows:,} rows, in {file.seconds:.2f} s"
        )
