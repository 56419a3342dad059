"""Exports are reads of every child in them; only performance leads make them; the validator's
verdict is shown with each issue linked to the child."""

from io import StringIO
from pathlib import Path

import pytest
from django.core.management import call_command
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.organisations.models import Role
from frontdoor.returns import services, validator
from frontdoor.returns.models import ReturnFile, ValidationRun
from tests import builders

pytestmark = pytest.mark.django_db
NO_VALIDATOR = override_settings(CIN_VALIDATOR_PYTHON="/nonexistent/python")


def _year() -> int:
    today = timezone.localdate()
    return today.year + (today.month > 3)


def test_downloading_a_census_logs_a_read_of_every_child_in_it(client, casework):
    file = services.cin_census_generate(actor=casework.lead, year=_year())
    before = AccessEvent.objects.count()
    client.force_login(casework.lead)
    response = client.get(reverse("returns:download", kwargs={"pk": file.pk}))
    assert response.status_code == 200
    assert response["Content-Type"] == "application/xml"
    assert response["Content-Disposition"] == f'attachment; filename="cin-census-885-{_year()}.xml"'
    assert response.content == bytes(file.content)
    events = AccessEvent.objects.order_by("pk")[before:]
    assert [(e.person_id, e.actor_id, e.purpose) for e in events] == [
        (casework.amelia.pk, casework.lead.pk, "returns.download.cin_census")
    ]


def test_downloading_annex_a_logs_every_child_on_any_list(client, casework):
    file = services.annex_a_generate(actor=casework.lead, as_of=timezone.localdate())
    client.force_login(casework.lead)
    before = AccessEvent.objects.count()
    response = client.get(reverse("returns:download", kwargs={"pk": file.pk}))
    assert response.status_code == 200
    logged = sorted(AccessEvent.objects.order_by("pk")[before:].values_list("person_id", flat=True))
    assert logged == sorted([casework.amelia.pk, casework.ben.pk])


def test_a_team_manager_cannot_export_and_nothing_is_logged_or_written(client, casework):
    file = services.cin_census_generate(actor=casework.lead, year=_year())
    client.force_login(casework.manager)
    counts = (AccessEvent.objects.count(), ReturnFile.objects.count())
    assert client.get(reverse("returns:download", kwargs={"pk": file.pk})).status_code == 403
    assert client.post(reverse("returns:census_generate"), {"year": _year()}).status_code == 403
    assert (AccessEvent.objects.count(), ReturnFile.objects.count()) == counts


def test_the_command_line_export_is_audited_per_child_without_a_member_of_staff(tmp_path, casework):
    out = tmp_path / "census.xml"
    before = AuditEvent.objects.filter(action="returns.exported_by_command").count()
    call_command("cin-census", year=_year(), out=str(out), stdout=StringIO())
    rows = AuditEvent.objects.filter(action="returns.exported_by_command")
    assert rows.count() == before + 1
    assert list(rows.values_list("person_id", "actor_id")) == [(casework.amelia.pk, None)]
    assert out.read_bytes() == bytes(ReturnFile.objects.get().content)


def test_the_command_line_export_as_a_lead_is_their_read(tmp_path, casework):
    stdout = StringIO()
    call_command("annex-a", out=str(tmp_path / "a.xlsx"), username=casework.lead.username, stdout=stdout)
    events = AccessEvent.objects.filter(actor=casework.lead, purpose="returns.annex_a.command")
    assert sorted(events.values_list("person_id", flat=True)) == sorted([casework.amelia.pk, casework.ben.pk])
    assert stdout.getvalue().startswith(f"Wrote {tmp_path / 'a.xlsx'}: 2 children, 4 rows")


@NO_VALIDATOR
def test_the_census_page_writes_the_file_and_says_the_validator_is_missing(client, casework):
    client.force_login(casework.lead)
    response = client.post(reverse("returns:census_generate"), {"year": _year()}, follow=True)
    file = ReturnFile.objects.get()
    assert response.redirect_chain == [(reverse("returns:detail", kwargs={"pk": file.pk}), 302)]
    assert "Census written. The DfE validator is not installed on this server." in response.content.decode()
    assert ValidationRun.objects.count() == 0


@NO_VALIDATOR
def test_a_year_outside_the_rulesets_is_refused_beside_the_field(client, casework):
    client.force_login(casework.lead)
    response = client.post(reverse("returns:census_generate"), {"year": 2019})
    assert response.status_code == 200
    assert "Select a valid choice" in response.content.decode()
    assert ReturnFile.objects.count() == 0


def test_the_validators_issues_link_to_each_child_and_are_logged(client, casework):
    file = services.cin_census_generate(actor=casework.lead, year=_year())
    issue = {
        "rule_code": "8770Q",
        "rule_type": "QUERY",
        "message": "UPN missing",
        "tables": "ChildIdentifiers",
        "la_child_id": casework.amelia.reference,
        "columns": "UPN, UPNunknown",
        "value": "UN2",
    }
    result = validator.Result(issues=[issue], validator="csc-validator-be-cin 0.1.13", seconds=2.0)
    run = services.validation_record(actor=casework.lead, file=file, ruleset="cin2026_27", result=result)
    assert (run.errors, run.queries, run.issues.get().person_id) == (0, 1, casework.amelia.pk)
    client.force_login(casework.lead)
    before = AccessEvent.objects.count()
    page = client.get(reverse("returns:detail", kwargs={"pk": file.pk})).content.decode()
    assert f'href="/people/{casework.amelia.pk}/">{casework.amelia.reference}</a>' in page
    assert "0 errors" in page
    assert list(AccessEvent.objects.order_by("pk")[before:].values_list("person_id", "purpose")) == [
        (casework.amelia.pk, "returns.validation")
    ]


def test_another_authoritys_lead_gets_not_found(client, casework):
    file = services.cin_census_generate(actor=casework.lead, year=_year())
    other = builders.user(builders.authority("884", "Herefordshire (test)"), Role.SENIOR_LEADER)
    client.force_login(other)
    assert client.get(reverse("returns:detail", kwargs={"pk": file.pk})).status_code == 404
    assert client.get(reverse("returns:download", kwargs={"pk": file.pk})).status_code == 404


@pytest.mark.skipif(not validator.available(), reason="the DfE validator is not installed (make validator)")
def test_the_dfe_validator_finds_no_error_in_a_census_made_through_the_services(casework):
    file = services.cin_census_generate(actor=casework.lead, year=_year())
    run = services.census_validate(actor=casework.lead, file=file)
    assert run.failure == ""
    assert run.validator == "csc-validator-be-cin 0.1.13"
    assert run.errors == 0
    # A one-child return uses fewer than 8 disability codes: the LA-level query, nothing else.
    assert list(run.issues.values_list("rule_code", "rule_type", "la_child_id")) == [("2887Q", "QUERY", "")]
    assert Path(validator.interpreter()).exists()
