"""Attaching and downloading documents: stored through the documents storage with a SHA-256,
downloaded only through the scoped, logged view as an attachment; bad files refused beside the
field with nothing saved (no row, no stored file, no audit)."""

import hashlib
from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.core.files.storage import storages
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.casenotes import services as note_services
from frontdoor.documents import selectors as document_selectors
from frontdoor.documents import services
from frontdoor.documents.models import Document, DocumentPolicy
from frontdoor.organisations.models import Role, Team
from tests import builders

from . import samples

pytestmark = pytest.mark.django_db


@pytest.fixture
def child(la):
    return builders.child(la, "Lily", "Moss")


@pytest.fixture
def outsider(la):
    user = builders.user(la, Role.SOCIAL_WORKER)
    user.team = Team.objects.create(authority=la, name="Locality East", is_front_door=False)
    user.save(update_fields=["team"])
    return user


def _nothing_saved() -> bool:
    return (
        Document.objects.count() == 0 and not AuditEvent.objects.filter(action="document.attached").exists()
    )


def _attach(actor, child, content: bytes, name: str = "letter.pdf", **extra):
    given = {"kind": "letter", "title": "Letter from the school nurse"} | extra
    upload = SimpleUploadedFile(name, content)
    return services.document_attach(actor=actor, person=child, subject=child, upload=upload, **given)


@pytest.mark.parametrize(
    ("make", "extension"),
    [
        (samples.pdf, "pdf"),
        (samples.docx, "docx"),
        (samples.odt, "odt"),
        (samples.png, "png"),
        (samples.jpeg, "jpg"),
    ],
)
def test_each_accepted_type_is_stored_with_its_checksum_and_audited(worker, child, make, extension):
    content = make()
    document = _attach(worker, child, content, name="anything.bin")
    assert (document.extension, document.size, document.original_name) == (
        extension,
        len(content),
        "anything.bin",
    )
    assert document.sha256 == hashlib.sha256(content).hexdigest()
    with storages["documents"].open(document.storage_name, "rb") as handle:
        assert handle.read() == content
    audit = AuditEvent.objects.get(action="document.attached")
    assert (audit.person_id, audit.changes["sha256"]) == (child.pk, document.sha256)


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (samples.executable(), "report.pdf", "The selected file must be a PDF"),
        (b"", "empty.pdf", "The selected file is empty"),
        (samples.plain_zip(), "minutes.docx", "The selected file must be a PDF"),
    ],
)
def test_an_impostor_or_an_empty_file_is_refused_and_nothing_is_kept(worker, child, content, name, message):
    with pytest.raises(ValidationError) as refused:
        _attach(worker, child, content, name=name)
    assert refused.value.message_dict["upload"][0].startswith(message)
    assert _nothing_saved()


def test_a_file_over_the_authoritys_limit_is_refused(worker, child, la):
    DocumentPolicy.objects.create(authority=la, max_upload_bytes=500)
    content = samples.pdf()
    assert len(content) > 500
    with pytest.raises(ValidationError) as refused:
        _attach(worker, child, content)
    assert refused.value.message_dict == {"upload": ["The selected file must be smaller than 500 bytes"]}
    assert _nothing_saved()


def test_a_document_for_a_child_outside_the_uploaders_scope_is_refused(outsider, child):
    with pytest.raises(ValidationError) as refused:
        _attach(outsider, child, samples.pdf())
    assert refused.value.message_dict == {"upload": [services.OUT_OF_SCOPE]}
    assert _nothing_saved()


def _files() -> set[str]:
    storage = storages["documents"]
    return {f"{folder}/{name}" for folder in storage.listdir("")[0] for name in storage.listdir(folder)[1]}


def test_a_failure_after_the_file_is_stored_removes_it_again(worker, child):
    before = _files()
    with pytest.raises(ValidationError):
        _attach(worker, child, samples.pdf(), title="x" * 201)  # too long for the row
    assert _nothing_saved()
    assert _files() == before


def test_the_download_is_an_attachment_that_must_not_be_sniffed_and_is_logged(client, worker, child):
    document = _attach(worker, child, samples.pdf())
    client.force_login(worker)
    response = client.get(reverse("documents:download", args=[document.pk]))
    assert response.status_code == 200
    assert response["Content-Disposition"] == 'attachment; filename="Letter from the school nurse.pdf"'
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Content-Type"] == "application/pdf"
    assert b"".join(response.streaming_content) == samples.pdf()
    assert AccessEvent.objects.filter(actor=worker, person=child, purpose="documents.download").count() == 1


def test_a_restricted_or_out_of_scope_childs_document_is_not_found_and_nothing_is_logged(
    client, worker, outsider, manager, child
):
    document = _attach(worker, child, samples.pdf())
    url = reverse("documents:download", args=[document.pk])
    client.force_login(outsider)
    assert client.get(url).status_code == 404
    access_services.restriction_create(actor=manager, person=child, reason="staff")
    client.force_login(worker)
    response = client.get(url)
    assert response.status_code == 404
    assert not response.has_header("Content-Disposition")
    assert not AccessEvent.objects.filter(purpose="documents.download").exists()


def test_no_public_url_serves_documents(settings):
    assert storages["documents"].base_url is None or settings.MEDIA_URL in ("", "/")
    from frontdoor.urls import urlpatterns

    assert not any("media" in str(pattern.pattern) for pattern in urlpatterns)


def _form(content: bytes, name: str) -> dict:
    return {"upload": SimpleUploadedFile(name, content), "kind": "report", "title": "School report"}


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (samples.executable(), "report.pdf", "The selected file must be a PDF"),
        (b"", "empty.pdf", "The selected file is empty"),
        (b"%PDF-" + b"0" * 600, "big.pdf", "The selected file must be smaller than 500 bytes"),
    ],
)
def test_the_upload_form_answers_bad_files_beside_the_field(
    client, worker, child, la, content, name, message
):
    DocumentPolicy.objects.create(authority=la, max_upload_bytes=500)
    client.force_login(worker)
    response = client.post(reverse("casenotes:document_new", args=[child.pk]), _form(content, name))
    assert response.status_code == 200
    assert 'href="#id_upload' in response.text
    assert response.text.count(message) == 2
    assert _nothing_saved()


def test_a_worker_uploads_to_the_childs_record_and_to_a_note_and_both_are_listed(client, worker, child):
    client.force_login(worker)
    response = client.post(reverse("casenotes:document_new", args=[child.pk]), _form(samples.pdf(), "r.pdf"))
    assert response.status_code == 302
    note = note_services.case_note_record(
        actor=worker, children=[child], kind="direct_work", occurred_at=timezone.now() - timedelta(hours=1),
        text="Lily drew her family",
    )  # fmt: skip
    drawing = {
        "upload": SimpleUploadedFile("drawing.png", samples.png()),
        "kind": "child_work",
        "title": "Lily's drawing",
    }
    assert client.post(reverse("casenotes:note_document_new", args=[note.pk]), drawing).status_code == 302
    listing = client.get(reverse("casenotes:documents", args=[child.pk]))
    assert listing.text.count("documents/") >= 2
    assert "Lily&#x27;s drawing" in listing.text
    assert "A case note" in listing.text
    assert "The child&#x27;s record" in listing.text
    note_page = client.get(reverse("casenotes:note", args=[note.pk]))
    assert "Lily&#x27;s drawing" in note_page.text
    assert "School report" not in note_page.text
    page = client.get(reverse("records:child", args=[child.pk]))
    assert "Lily&#x27;s drawing" in page.text
    assert "All 2 documents" in page.text


def test_a_document_is_attached_to_an_episode_by_name_and_listed_on_it(worker, manager, la):
    referral = builders.referral(la, manager)
    upload = SimpleUploadedFile("minutes.odt", samples.odt())
    document = services.document_attach(
        actor=worker, person=referral.person, subject=referral, upload=upload, kind="minutes", title="Minutes"
    )
    assert (document.subject_type, document.subject_id) == ("referrals.referral", referral.pk)
    assert [d.pk for d in document_selectors.documents_on(actor=worker, subject=referral)] == [document.pk]
    assert document_selectors.subject_words(document) == "A children in need episode"


def test_a_subject_of_another_authority_is_refused(worker, child):
    elsewhere = builders.child(builders.authority("884", "Herefordshire (test)"), "Al", "Away")
    upload = SimpleUploadedFile("l.pdf", samples.pdf())
    with pytest.raises(ValidationError):
        services.document_attach(
            actor=worker, person=child, subject=elsewhere, upload=upload, kind="letter", title="Letter"
        )
    assert _nothing_saved()
