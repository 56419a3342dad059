"""Subject access: one person seeded in every kind of record that can name them; the bundle holds
every kind (M of M), the page is for the DPO and managers, and compiling it is itself recorded."""

import json
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.casenotes import services as note_services
from frontdoor.casenotes.rules import CONTENT
from frontdoor.child_protection import services as cp_services
from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import Outcome
from frontdoor.documents.services import document_attach
from frontdoor.organisations.models import Role
from frontdoor.people import services as people_services
from frontdoor.people.selectors import person_get_for
from frontdoor.records.sar import gather, person_models
from frontdoor.referrals import services as referral_services
from frontdoor.referrals.models import Referral
from frontdoor.retention.models import LegalHold
from frontdoor.synthetic.generator.pdf import minimal_pdf
from tests import builders
from tests.evidence import evidence

DRAWING = minimal_pdf(["A house, a dog and me"])

pytestmark = pytest.mark.django_db


@pytest.fixture
def everywhere(db, la, officer, manager, worker):
    """A child named in every model that has a key to a person."""
    child, mum = builders.child(la, "Sar", "Subject"), builders.adult(la, "Mae", "Subject")
    builders.living_together(la, child, mum)
    people_services.person_name_add(actor=manager, person=child, first_name="Sara", last_name="Former")
    people_services.relationship_add(actor=manager, person=mum, other=child, kind="parent")
    contact = contact_services.contact_record(
        actor=officer, children=[child], received_at=timezone.now() - timedelta(hours=30), channel="phone",
        source="1B", concerns="Concern", concern_categories=["neglect"], consent="obtained",
        referrer_person=mum, referrer_relationship="Mother",
    )  # fmt: skip
    journey = contact.children.get()
    contact_services.partner_check_request(
        actor=manager, contact=contact, agency=builders.agency(la), question="Known?"
    )
    contact_services.contact_child_decide(
        actor=manager, journey=journey, version=journey.version, outcome=Outcome.ASSESSMENT,
        need_level=builders.level(la, 3), rationale="Assessment of the child's needs",
    )  # fmt: skip
    referral = Referral.objects.get(person=child)
    referral_services.allocation_make(actor=manager, referral=referral, team=worker.team, worker=worker)
    referral_services.visit_record(
        actor=worker,
        person=child,
        referral=referral,
        occurred_at=timezone.now() - timedelta(hours=1),
        seen=True,
        seen_alone=True,
    )
    cp_services.emergency_protection_record(
        actor=worker, referral=referral, kind="police_protection",
        started_at=timezone.now() - timedelta(hours=20), circumstances="Police powers used at night",
    )  # fmt: skip
    note = note_services.case_note_record(
        actor=worker, children=[child], kind="home_visit", occurred_at=timezone.now() - timedelta(hours=2),
        text="Saw Sar at home", childs_words="I am fine",
    )  # fmt: skip
    note_services.case_note_correct(actor=worker, note=note, version=1, reason="Typo", **(
        {name: getattr(note, name) for name in CONTENT} | {"text": "Saw Sara at home"}))  # fmt: skip
    document_attach(actor=worker, person=child, subject=note, upload=SimpleUploadedFile("d.pdf", DRAWING),
                    kind="child_work", title="Sara's drawing")  # fmt: skip
    access_services.health_mark(actor=worker, person=child, sensitive=True)
    access_services.restriction_create(actor=manager, person=child, reason="high_profile")
    access_services.break_glass_grant(actor=officer, person=child, reason="Urgent call")
    LegalHold.objects.create(
        authority=la, person=child, reason="Inquiry", placed_by=manager, placed_at=timezone.now()
    )
    person_get_for(actor=manager, person_id=child.pk, purpose="people.detail")
    return child


def test_the_bundle_holds_every_kind_of_record_that_names_the_person(db, everywhere):
    bundle = gather(everywhere)
    kinds = {m._meta.label_lower for m, _ in person_models()}
    present = kinds & set(bundle.counts)
    # The kinds the apps after the front door added. gather() walks every model that points at a
    # person; this fixture makes the front door's kinds by hand, and test_sar_every_kind.py shows each
    # of these in a bundle built from the synthetic county's own records.
    later = {
        "assessments.assessment", "child_protection.conferencechild",
        "child_protection.protectionplan", "child_protection.section47",
        "child_protection.strategydiscussion", "early_help.earlyhelpcase", "exploitation.associatelink",
        "exploitation.meeting", "exploitation.placelink", "exploitation.screening",
        "missing.missingepisode", "missing.patternflag", "plans.childinneedplan", "quality.caseaudit",
        "returns.validationissue", "tasks.task", "identity.duplicatepair", "identity.merge",
        "plans.papersent", "plans.plancontent", "allegations.allegation", "allegations.allegationchild",
        "complaints.complaint", "complaints.complaintstage", "documents.documentperson",
        "domestic_abuse.notifiedchild", "people.staffwarning", "quality.practicenote",
        "drift.paneldecision",
    }  # fmt: skip
    assert later <= kinds
    assert sorted(kinds - present - later) == []
    # A break-glass notice (notifications.Notification) names no person and points at no record
    # about them (docs/adr/0010), so it is not in the bundle; the break-glass row itself is.
    for follow_on in ("contacts.contact", "contacts.decision", "contacts.partnercheck",
                      "referrals.allocation", "access.breakglass",
                      "people.address", "contacts.stageevent",
                      "casenotes.casenote", "documents.document"):  # fmt: skip
        assert bundle.counts.get(follow_on, 0) >= 1, follow_on
    assert bundle.counts["people.person"] == 1  # the mother is third-party: named by the relationship row
    assert bundle.counts["people.relationship"] == 1
    assert bundle.counts["casenotes.noteversion"] == 2  # the note as written, and as corrected
    print(f"\nSubject access: {len(present)} of {len(kinds)} record types present")  # noqa: T201
    evidence("sar", {"present": len(present), "types": len(kinds)})


def test_the_dpo_compiles_the_bundle_on_a_page_and_that_is_recorded(client, la, everywhere):
    auditor = builders.user(la, Role.AUDITOR)
    client.force_login(auditor)
    response = client.get(reverse("records:subject_access", args=[everywhere.pk]))
    assert response.status_code == 200
    assert b"Everything held about this person" in response.content
    assert AuditEvent.objects.filter(actor=auditor, action="sar.compiled", person=everywhere).count() == 1
    assert (
        AccessEvent.objects.filter(actor=auditor, person=everywhere, purpose="access.subject_access").count()
        == 1
    )


def test_a_contact_officer_is_refused_the_bundle_and_nothing_is_written(client, officer, everywhere):
    client.force_login(officer)
    audit, reads = AuditEvent.objects.count(), AccessEvent.objects.count()
    response = client.get(reverse("records:subject_access", args=[everywhere.pk]))
    assert response.status_code == 403
    assert b"Subject" not in response.content
    assert (AuditEvent.objects.count(), AccessEvent.objects.count()) == (audit, reads)


def test_the_command_writes_the_bundle_for_review_and_is_audited(db, tmp_path, everywhere):
    call_command("sar", person=everywhere.pk, out=tmp_path / "sar")
    bundle = json.loads((tmp_path / "sar" / "bundle.json").read_text())
    assert bundle["reference"] == everywhere.reference
    assert bundle["counts"]["audit.accessevent"] >= 1
    assert "review before release" in (tmp_path / "sar" / "summary.txt").read_text()
    (document,) = bundle["sections"]["documents.document"]
    assert (tmp_path / "sar" / "documents" / f"{document['id']}.pdf").read_bytes() == DRAWING
    assert (
        AuditEvent.objects.filter(action="sar.compiled", actor=None, changes__channel="command").count() == 1
    )
