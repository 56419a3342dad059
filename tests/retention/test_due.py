"""The records-due page and command: lists what is due, deletes nothing."""

from datetime import date, timedelta
from unittest import mock

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from frontdoor.casenotes import services as note_services
from frontdoor.contacts import services as contact_services
from frontdoor.documents.services import document_attach
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person
from frontdoor.retention.models import LegalHold, RetentionSchedule
from frontdoor.retention.selectors import review_dates
from frontdoor.synthetic.generator.pdf import minimal_pdf
from tests import builders

pytestmark = pytest.mark.django_db


def earlier_today():
    """Two hours ago, or midnight if that was yesterday: the tests count years from today's date."""
    now = timezone.now()
    return max(now - timedelta(hours=2), timezone.localtime(now).replace(hour=0, minute=0, second=0))


@pytest.fixture
def people(la, officer):
    grown = builders.child(la, "Old", "Record", dob=date(1990, 1, 1))
    young = builders.child(la, "New", "Record", dob=date(2016, 1, 1))
    held = builders.child(la, "Held", "Record", dob=date(1990, 1, 1))
    for person in (grown, young, held):
        contact_services.contact_record(
            actor=officer, children=[person], received_at=earlier_today(),
            channel="phone",
            source="2A", concerns="Concern", concern_categories=["neglect"], consent="obtained",
        )  # fmt: skip
    LegalHold.objects.create(
        authority=la, person=held, reason="Inquiry", placed_by=officer, placed_at=timezone.now()
    )
    return grown, young, held


def test_review_dates_follow_the_authoritys_schedule(la, people):
    grown, young, held = people
    today = timezone.localdate()
    dates = {d.person.pk: d.review_on for d in review_dates(authority_id=la.pk, on=today)}
    assert dates == {grown.pk: today.replace(year=today.year + 3), young.pk: date(2037, 1, 1), held.pk: None}
    RetentionSchedule.objects.create(authority=la, effective_from=today, cin_years_after_inactivity=5)
    dates = {d.person.pk: d.review_on for d in review_dates(authority_id=la.pk, on=today)}
    assert dates[young.pk] == date(2039, 1, 1)


def test_the_page_lists_records_due_or_held_and_deletes_nothing(client, la, people):
    client.force_login(builders.user(la, Role.SENIOR_LEADER))
    later = timezone.localdate() + timedelta(days=365 * 3 + 2)
    with mock.patch("django.utils.timezone.localdate", return_value=later):
        page = client.get(reverse("retention:due")).content.decode()
    assert "Old Record" in page
    assert "Held Record" in page
    assert "New Record" not in page
    assert Person.objects.count() == 3


def test_a_contact_officer_cannot_see_the_list(client, officer, people):
    client.force_login(officer)
    response = client.get(reverse("retention:due"))
    assert response.status_code == 403
    assert b"Record" not in response.content


def test_the_command_reports_without_deleting(la, people, capsys):
    call_command("retention_due", "--authority", la.la_code, "--on", "2040-01-01")
    out = capsys.readouterr().out
    assert out.strip().splitlines()[-1] == "3 records evaluated; 2 due for review; 1 on legal hold"
    assert Person.objects.count() == 3


def test_a_case_note_or_a_document_is_activity_that_keeps_the_record(la, worker):
    """A grown-up's record with only a note, and another with only a document: each is reviewed 3
    years after that activity (security.md §3), and neither is deleted."""
    noted = builders.child(la, "Noted", "Record", dob=date(1990, 1, 1))
    filed = builders.child(la, "Filed", "Record", dob=date(1990, 1, 1))
    note_services.case_note_record(
        actor=worker, children=[noted], kind="phone_call", occurred_at=earlier_today(), text="Phoned"
    )
    letter = SimpleUploadedFile("a.pdf", minimal_pdf(["x"]))
    document_attach(actor=worker, person=filed, subject=filed, upload=letter, kind="letter", title="Letter")
    today = timezone.localdate()
    dates = {d.person.pk: d.review_on for d in review_dates(authority_id=la.pk, on=today)}
    assert dates == {
        noted.pk: today.replace(year=today.year + 3),
        filed.pk: today.replace(year=today.year + 3),
    }
