"""A document attached to a note about brothers and sisters is about every child of the note: each
child's documents list shows it, and a user who may not see one of them (a restricted sister) gets no
trace of it: not on the other child's list, page or count, not by its download address."""

from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.casenotes import services as note_services
from frontdoor.documents import services
from frontdoor.documents.models import Document, DocumentPerson
from tests import builders

from . import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def siblings(la):
    ben, sam = builders.child(la, "Ben", "Rowe"), builders.child(la, "Sam", "Rowe")
    builders.living_together(la, ben, sam)
    return ben, sam


def _upload(client, url, title):
    return client.post(
        url, {"upload": SimpleUploadedFile("r.pdf", samples.pdf()), "kind": "report", "title": title}
    )


def test_a_document_on_a_note_about_siblings_is_on_each_list_and_hidden_with_a_restricted_one(
    client, worker, manager, siblings
):
    ben, sam = siblings
    note = note_services.case_note_record(
        actor=worker, children=[ben, sam], kind="home_visit", occurred_at=timezone.now() - timedelta(hours=1),
        text="Both boys seen at home",
    )  # fmt: skip
    client.force_login(worker)
    assert (
        _upload(client, reverse("casenotes:note_document_new", args=[note.pk]), "Sibling report").status_code
        == 302
    )
    assert (
        _upload(client, reverse("casenotes:document_new", args=[sam.pk]), "Sam's own report").status_code
        == 302
    )
    assert (
        _upload(client, reverse("casenotes:document_new", args=[ben.pk]), "Ben's own report").status_code
        == 302
    )
    shared = Document.objects.get(title="Sibling report")
    assert (shared.person_id, list(DocumentPerson.objects.values_list("document_id", "person_id"))) == (
        ben.pk, [(shared.pk, sam.pk)]
    )  # fmt: skip
    assert AuditEvent.objects.get(action="document.attached", subject_id=shared.pk).changes["also_about"] == [
        sam.pk
    ]
    for child in (ben, sam):
        assert "Sibling report" in client.get(reverse("casenotes:documents", args=[child.pk])).text

    access_services.restriction_create(actor=manager, person=sam, reason="staff")
    ben_list = client.get(reverse("casenotes:documents", args=[ben.pk]))
    ben_page = client.get(reverse("records:child", args=[ben.pk]))
    for page in (ben_list.text, ben_page.text):
        assert "Ben&#x27;s own report" in page
        assert "Sibling report" not in page
        assert "Sam&#x27;s own report" not in page
        assert "Sam" not in page.replace("Sam&#x27;s", "")  # no name of the restricted brother at all
    assert "All 1 document<" in ben_page.text
    before = AccessEvent.objects.count()
    for document in (shared, Document.objects.get(title="Sam's own report")):
        assert client.get(reverse("documents:download", args=[document.pk])).status_code == 404
    assert AccessEvent.objects.count() == before
    assert client.get(reverse("casenotes:documents", args=[sam.pk])).status_code == 404


def test_a_document_cannot_be_about_a_child_the_uploader_may_not_see(worker, manager, siblings):
    ben, sam = siblings
    access_services.restriction_create(actor=manager, person=sam, reason="staff")
    with pytest.raises(Exception) as refused:
        services.document_attach(
            actor=worker, person=ben, subject=ben, upload=SimpleUploadedFile("r.pdf", samples.pdf()),
            kind="report", title="About both", also_about=[sam],
        )  # fmt: skip
    assert "upload" in refused.value.message_dict  # type: ignore[attr-defined]
    assert (Document.objects.count(), DocumentPerson.objects.count()) == (0, 0)
