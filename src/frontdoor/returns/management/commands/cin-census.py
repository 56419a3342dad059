"""`frontdoor cin-census --year YYYY --out FILE.xml [--authority CODE] [--as USERNAME] [--validate]`:
write the DfE Children in Need census for the year ending 31 March YYYY, and with --validate check
it against the XML schema (the documented differences reported as such) and with the DfE validator
(`make validator`), printing the ERROR and QUERY counts."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser

from frontdoor.returns import services
from frontdoor.returns.census.schema import KNOWN_DIFFERENCES, SCHEMA_NAME, schema_report
from frontdoor.returns.management.commands._options import actor_for, add_common, authority_for, write
from frontdoor.returns.rules import rate


class Command(BaseCommand):
    help = "Write the DfE Children in Need census XML for one authority and census year."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--year", type=int, required=True, help="the census year's end, e.g. 2026 for 2025-26"
        )
        parser.add_argument(
            "--validate",
            action="store_true",
            help="check the file against the XSD and with the DfE validator",
        )
        add_common(parser)

    def handle(self, *args: object, **options: object) -> None:
        authority = authority_for(options["authority"])  # type: ignore[arg-type]
        actor = actor_for(options["username"], authority)  # type: ignore[arg-type]
        try:
            file = services.cin_census_generate(actor=actor, authority=authority, year=options["year"])  # type: ignore[arg-type]
        except (ValidationError, PermissionDenied) as error:
            raise CommandError("; ".join(getattr(error, "messages", [str(error)]))) from error
        out = write(str(options["out"]), bytes(file.content))
        services.export_record(actor=actor, file=file, purpose="returns.cin_census.command")
        self.stdout.write(
            f"Wrote {out}: {file.children:,} children, {file.rows:,} episodes, in {file.seconds:.2f} s"
        )
        nfa = bytes(file.content).count(b"<ReferralNFA>true</ReferralNFA>")
        self.stdout.write(f"ReferralNFA true on {nfa:,} of {file.rows:,} episodes ({rate(nfa, file.rows)}%)")
        if options["validate"]:
            self._schema(bytes(file.content), file.year or 0)
            run = services.census_validate(actor=actor, file=file)
            if run.failure:
                raise CommandError(run.failure)
            self.stdout.write(f"DfE validator ({run.validator}, {run.ruleset}), {run.seconds:.1f} s:")
            self.stdout.write(f"ERROR {run.errors}\nQUERY {run.queries}")
            for code, kind, count in _by_rule(run):
                self.stdout.write(f"  {code:<6} {kind:<5} {count:>6,}")

    def _schema(self, xml: bytes, year: int) -> None:
        """The XSD check (census/schema.py), before the DfE rules: the two places the published
        schema predates the current rules are reported as documented differences, not errors."""
        report = schema_report(xml, year=year)
        self.stdout.write(
            f"XML schema ({SCHEMA_NAME}, patched for the current rules): ERROR {len(report.errors)}"
        )
        for problem in report.errors[:20]:
            self.stdout.write(f"  {problem}")
        for element, count in sorted(report.documented.items()):
            reason = KNOWN_DIFFERENCES[element].split(". ")[0]
            self.stdout.write(
                f"  documented difference, not an error: {element} ({count:,} in the file): {reason}"
            )


def _by_rule(run) -> list[tuple[str, str, int]]:  # type: ignore[no-untyped-def]
    from django.db.models import Count

    rows = run.issues.values("rule_code", "rule_type").annotate(n=Count("pk")).order_by("rule_type", "-n")
    return [(row["rule_code"], row["rule_type"], row["n"]) for row in rows]
