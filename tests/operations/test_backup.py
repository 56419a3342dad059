"""Backup and restore round trip: every table, row counts and checksums compared (security.md §7
item 18). Runs on whichever database the suite runs on (SQLite, or PostgreSQL with DATABASE_URL)."""

import hashlib
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.contacts import services
from frontdoor.documents.models import Document
from frontdoor.documents.services import document_attach, storage
from frontdoor.operations.backup import RestoreRefused, backup, checksums, restore
from frontdoor.operations.files import file_mismatches
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person
from frontdoor.people.selectors import person_get_for
from frontdoor.synthetic.generator.pdf import minimal_pdf
from tests import builders
from tests.evidence import evidence

LETTER = minimal_pdf(["Dear Ms Lovelace,", "We will visit on Tuesday."])


def _records() -> None:
    la = builders.authority()
    officer, manager = builders.user(la, Role.CONTACT_OFFICER), builders.user(la, Role.TEAM_MANAGER)
    child, sister = builders.child(la, "Ada", "Lovelace"), builders.child(la, "Beth", "Lovelace")
    builders.living_together(la, child, sister)
    services.contact_record(
        actor=officer,
        children=[child, sister],
        received_at=timezone.now() - timedelta(hours=3),
        channel="phone",
        source="2A",
        concerns="Unexplained bruise — “quoted” ünïcode",
        concern_categories=["physical"],
        consent="obtained",
    )
    access_services.restriction_create(actor=manager, person=sister, reason="high_profile")
    person_get_for(actor=manager, person_id=child.pk, purpose="people.detail")
    document_attach(
        actor=manager, person=child, subject=child, upload=SimpleUploadedFile("l.pdf", LETTER), kind="letter",
        title="Letter to the family",
    )  # fmt: skip


@pytest.mark.django_db(transaction=True)
def test_a_backup_restores_into_an_empty_database_with_every_table_identical(tmp_path: Path):
    _records()
    before = checksums()
    audit_rows = AuditEvent.objects.count() + AccessEvent.objects.count()
    report = backup(tmp_path / "frontdoor.jsonl.gz")
    assert report.rows == sum(t["rows"] for t in before.values())
    call_command("flush", interactive=False, verbosity=0)  # the suite's flush lifts the audit triggers
    assert Person.objects.count() == 0

    restored = restore(tmp_path / "frontdoor.jsonl.gz")

    assert restored.mismatches == []
    assert checksums() == before
    assert restored.rows == report.rows
    assert restored.counts["audit.auditevent"] + restored.counts["audit.accessevent"] == audit_rows > 0
    assert restored.counts["people.person"] == 2
    assert restored.files == report.files == 1
    _print(restored.tables, restored.rows, len(restored.mismatches))


@pytest.mark.django_db(transaction=True)
def test_documents_bytes_come_back_with_their_checksums_and_a_changed_file_is_named(tmp_path: Path):
    _records()
    document = Document.objects.get()
    backup(tmp_path / "frontdoor.jsonl")
    call_command("flush", interactive=False, verbosity=0)
    storage().delete(document.storage_name)  # the documents' storage is lost with the database

    restored = restore(tmp_path / "frontdoor.jsonl")

    assert restored.mismatches == []
    assert restored.files == 1
    with storage().open(document.storage_name, "rb") as handle:
        assert handle.read() == LETTER
    storage().delete(document.storage_name)
    storage().save(document.storage_name, ContentFile(b"%PDF-1.4 changed"))
    assert file_mismatches() == [
        f"document {document.storage_name}: checksum {hashlib.sha256(b'%PDF-1.4 changed').hexdigest()}, "
        f"recorded {document.sha256}"
    ]


def _print(tables: int, rows: int, mismatches: int) -> None:
    # The figure for docs/security-evidence.md; shown with pytest -s, and written for `make evidence`.
    print(f"\nBackup/restore: {tables} tables, {rows} rows compared, {mismatches} mismatches")  # noqa: T201
    evidence("backup", {"tables": tables, "rows": rows, "mismatches": mismatches})


@pytest.mark.django_db(transaction=True)
def test_restore_refuses_a_database_that_already_holds_records_and_changes_nothing(tmp_path: Path):
    _records()
    backup(tmp_path / "frontdoor.jsonl")
    before = checksums()
    with pytest.raises(RestoreRefused, match="not empty"):
        restore(tmp_path / "frontdoor.jsonl")
    assert checksums() == before


@pytest.mark.django_db(transaction=True)
def test_a_backup_cut_short_is_refused_and_leaves_nothing(tmp_path: Path):
    _records()
    whole = tmp_path / "whole.jsonl"
    backup(whole)
    lines = whole.read_text().splitlines()
    cut = tmp_path / "cut.jsonl"
    cut.write_text("\n".join(lines[: len(lines) // 2]) + "\n")
    call_command("flush", interactive=False, verbosity=0)
    with pytest.raises(RestoreRefused, match="cut short"):
        restore(cut)
    assert Person.objects.count() == 0


def test_a_file_that_is_not_a_backup_is_refused(tmp_path: Path, db):
    path = tmp_path / "other.jsonl"
    path.write_text('{"hello": 1}\n')
    with pytest.raises(RestoreRefused, match="Not a Frontdoor backup"):
        restore(path)
