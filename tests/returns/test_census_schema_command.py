"""Issue 18: the census XSD check, once only in the tests, is offered by `frontdoor cin-census
--validate` beside the DfE rules, with the two documented schema differences reported as such."""

from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils import timezone

from frontdoor.returns.census.schema import KNOWN_DIFFERENCES, SchemaReport, schema_report

pytestmark = pytest.mark.django_db


def _year() -> int:
    today = timezone.localdate()
    return today.year + (today.month > 3)


def test_validate_reports_the_schema_before_the_dfe_rules(casework, tmp_path, settings):
    settings.CIN_VALIDATOR_PYTHON = str(tmp_path / "no-validator" / "python")
    stdout = StringIO()
    with pytest.raises(CommandError):  # the DfE validator is not installed here: said after the schema
        call_command("cin-census", year=_year(), out=str(tmp_path / "c.xml"), validate=True, stdout=stdout)
    lines = stdout.getvalue().splitlines()[1:]
    reason = KNOWN_DIFFERENCES["Sex"].split(". ")[0]
    assert lines == [
        "ReferralNFA true on 0 of 1 episodes (0.0%)",
        "XML schema (CIN_schema_2024.xsd, patched for the current rules): ERROR 0",
        f"  documented difference, not an error: Sex (1 in the file): {reason}",
    ]


def test_the_report_counts_schema_errors_apart_from_documented_differences(casework, tmp_path):
    call_command("cin-census", year=_year(), out=str(tmp_path / "c.xml"), stdout=StringIO())
    xml = (tmp_path / "c.xml").read_bytes()
    assert schema_report(xml, year=_year()) == SchemaReport(errors=[], documented={"Sex": 1})
    broken = xml.replace(b"<ReferralSource>2A</ReferralSource>", b"<ReferralSource>99</ReferralSource>")
    report = schema_report(broken, year=_year())
    assert len(report.errors) == 1
    assert "ReferralSource" in report.errors[0]
    assert report.documented == {"Sex": 1}
