"""Section 47 findings and outcome (issue 16 §4): concerns substantiated or not, likely to suffer
significant harm or not, the next step, and a manager's sign-off with a comment."""

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection import rules, services
from frontdoor.child_protection.models import Section47

from .conftest import at, discuss

pytestmark = pytest.mark.django_db


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_findings_are_required_with_an_outcome_and_a_conference_needs_harm_likely():
    assert rules.section47_findings_problems(outcome="", harm_likely=None, next_step="") == {}
    assert rules.section47_findings_problems(
        outcome="not_substantiated", harm_likely=None, next_step=" "
    ) == {
        "harm_likely": "Select whether the child is likely to suffer significant harm",
        "next_step": "Enter the next step",
    }
    assert rules.section47_findings_problems(outcome="icpc", harm_likely=False, next_step="ICPC") == {
        "harm_likely": "An initial conference is for a child likely to suffer significant harm"
    }
    assert (
        rules.section47_findings_problems(outcome="not_substantiated", harm_likely=False, next_step="CIN")
        == {}
    )


def _enquiry(worker, referral):
    return discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry


def test_an_outcome_without_findings_is_answered_beside_the_fields_and_saves_nothing(
    client, referral, worker
):
    enquiry = _enquiry(worker, referral)
    client.force_login(worker)
    url = reverse("child_protection:enquiry_outcome", args=[enquiry.pk])
    fields = {
        "version": enquiry.version,
        **_date("child_seen_on", enquiry.start_date),
        "outcome": "substantiated_no_icpc",
        **_date("end_date", enquiry.start_date),
    }
    response = client.post(url, fields)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Select whether the child is likely to suffer significant harm") == 2
    assert page.count("Enter the next step") == 2
    enquiry.refresh_from_db()
    assert (enquiry.outcome, enquiry.end_date, enquiry.version) == ("", None, 1)
    fields |= {"harm_likely": "no", "next_step": "Child in need plan", "findings": "Bruise explained"}
    assert client.post(url, fields).status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.harm_likely, enquiry.next_step, enquiry.findings) == (
        False,
        "Child in need plan",
        "Bruise explained",
    )


def _concluded(worker, referral):
    enquiry = _enquiry(worker, referral)
    return services.section47_outcome_record(
        actor=worker,
        enquiry=enquiry,
        version=enquiry.version,
        child_seen_on=enquiry.start_date,
        outcome="substantiated_no_icpc",
        end_date=enquiry.start_date,
        findings="Neglect substantiated; parents engaging",
        harm_likely=False,
        next_step="Child in need plan",
    )


def test_a_manager_signs_off_the_findings_with_a_comment(client, referral, worker, manager):
    enquiry = _concluded(worker, referral)
    client.force_login(manager)
    url = reverse("child_protection:enquiry_sign_off", args=[enquiry.pk])
    response = client.post(url, {"version": enquiry.version, "comment": ""})
    assert response.content.decode().count("Enter your comment on the findings and outcome") == 2
    assert Section47.objects.get(pk=enquiry.pk).signed_off_at is None
    assert client.post(url, {"version": enquiry.version, "comment": "Agreed: CIN plan"}).status_code == 302
    enquiry.refresh_from_db()
    assert (enquiry.signed_off_by, enquiry.sign_off_comment) == (manager, "Agreed: CIN plan")
    event = AuditEvent.objects.get(action="section47.signed_off", subject_id=enquiry.pk)
    assert event.changes == {"comment": "Agreed: CIN plan", "outcome": "substantiated_no_icpc"}
    page = client.get(reverse("child_protection:episode", args=[referral.pk])).content.decode()
    assert "Agreed: CIN plan" in page
    assert 'data-testid="child-header"' in page
    # Signed off, the findings stand.
    again = services.section47_outcome_record
    with pytest.raises(ValidationError) as error:
        again(
            actor=worker,
            enquiry=enquiry,
            version=enquiry.version,
            child_seen_on=enquiry.start_date,
            outcome="substantiated_no_icpc",
            end_date=enquiry.start_date,
            harm_likely=True,
            next_step="Conference",
        )
    assert "signed off" in str(error.value)
    assert Section47.objects.get(pk=enquiry.pk).harm_likely is False


def test_a_social_worker_cannot_sign_off_and_nothing_changes(referral, worker):
    enquiry = _concluded(worker, referral)
    with pytest.raises(PermissionDenied):
        services.section47_sign_off(actor=worker, enquiry=enquiry, version=enquiry.version, comment="Mine")
    enquiry.refresh_from_db()
    assert (enquiry.signed_off_at, enquiry.sign_off_comment) == (None, "")
    assert AuditEvent.objects.filter(action="section47.signed_off").count() == 0


def test_an_enquiry_without_an_outcome_cannot_be_signed_off(referral, worker, manager):
    enquiry = _enquiry(worker, referral)
    with pytest.raises(ValidationError) as error:
        services.section47_sign_off(actor=manager, enquiry=enquiry, version=enquiry.version, comment="Fine")
    assert "Record the outcome and findings before signing them off" in str(error.value)
    assert Section47.objects.get(pk=enquiry.pk).signed_off_at is None
