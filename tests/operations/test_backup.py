"""Backup and restore round trip: every table, row counts and checksums compared (security.md §7
item 18). Runs on whichever database the suite runs on (SQLite, or PostgreSQL with DATABASE_URL)."""

import base64
import hashlib
import stat
from datetime import timedelta
from pathlib import Path

import pytest
from django.core.files.base import ContentFile
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.contacts import services
from frontdoor.documents.models import Document
from frontdoor.documents.services import document_attach, storage
from frontdoor.operations.backup import RestoreMismatch, RestoreRefused, backup, checksums, restore
from frontdoor.operations.files import file_mismatches
from frontdoor.operations.sealed import SealError
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


def _signed_in_and_enrolled(at) -> None:
    """What people leave behind once they use the system: sign-in attempts, the sign-in log, a
    failure, and an MFA device, each stamped at `at` (Django would stamp them with now)."""
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    la = builders.authority()
    user = builders.user(la, Role.TEAM_MANAGER)
    where = {"ip_address": "192.0.2.7", "user_agent": "Firefox", "username": user.username}
    AccessAttempt.objects.create(**where, failures_since_start=2, get_data="", post_data="", path_info="/")
    AccessLog.objects.create(**where, path_info="/")
    AccessFailureLog.objects.create(**where, path_info="/", locked_out=False)
    TOTPDevice.objects.create(user=user, name="Phone", confirmed=True)
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        model.objects.update(attempt_time=at)
    TOTPDevice.objects.update(created_at=at)


@pytest.mark.django_db(transaction=True)
def test_sign_ins_and_mfa_devices_keep_their_own_times(tmp_path: Path):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog
    from django_otp.plugins.otp_totp.models import TOTPDevice

    at = timezone.now() - timedelta(days=40, microseconds=123)
    _signed_in_and_enrolled(at)
    before = checksums()
    backup(tmp_path / "used.jsonl")
    call_command("flush", interactive=False, verbosity=0)

    restored = restore(tmp_path / "used.jsonl")

    assert restored.mismatches == []
    assert checksums() == before
    for model in (AccessAttempt, AccessLog, AccessFailureLog):
        assert list(model.objects.values_list("attempt_time", flat=True)) == [at]
    assert list(TOTPDevice.objects.values_list("created_at", flat=True)) == [at]


@pytest.mark.django_db(transaction=True)
def test_a_tampered_backup_is_refused_before_commit_and_leaves_nothing(tmp_path: Path):
    _records()
    path = tmp_path / "frontdoor.jsonl"
    backup(path)
    text = path.read_text()
    assert text.count('"first_name":"Ada"') == 1
    path.write_text(text.replace('"first_name":"Ada"', '"first_name":"Eve"'))
    call_command("flush", interactive=False, verbosity=0)

    with pytest.raises(RestoreMismatch) as refused:
        restore(path)

    assert refused.value.report.mismatches[0].startswith("people.person: backup {'rows': 2")
    assert len(refused.value.report.mismatches) == 1
    assert (Person.objects.count(), AuditEvent.objects.count(), AccessEvent.objects.count()) == (0, 0, 0)
    with pytest.raises(CommandError, match="nothing was restored"):
        call_command("restore", str(path))
    assert Person.objects.count() == 0


@pytest.mark.django_db(transaction=True)  # backup sets its isolation level: a transaction of its own
@pytest.mark.parametrize("name", ["frontdoor.jsonl", "frontdoor.jsonl.gz"])
def test_a_backup_is_readable_by_its_owner_only(tmp_path: Path, name: str):
    path = tmp_path / name
    path.write_text("an older file, left world-readable")
    path.chmod(0o644)

    backup(path)

    assert stat.S_IMODE(path.stat().st_mode) == 0o600


KEY = base64.urlsafe_b64encode(bytes(range(32))).decode()
OTHER_KEY = base64.b64encode(bytes(range(1, 33))).decode()


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_restores_only_with_its_key(tmp_path: Path, monkeypatch):
    _records()
    before = checksums()
    path = tmp_path / "frontdoor.jsonl"
    monkeypatch.setenv("FRONTDOOR_BACKUP_KEY", KEY)
    report = backup(path)
    sealed = path.read_bytes()
    assert b"Lovelace" not in sealed
    assert not sealed.startswith((b"{", b"\x1f\x8b"))  # neither JSON nor gzip: ciphertext
    assert stat.S_IMODE(path.stat().st_mode) == 0o600
    call_command("flush", interactive=False, verbosity=0)

    monkeypatch.setenv("FRONTDOOR_BACKUP_KEY", OTHER_KEY)
    with pytest.raises(RestoreRefused, match="FRONTDOOR_BACKUP_KEY does not open this backup"):
        restore(path)
    assert Person.objects.count() == 0
    monkeypatch.delenv("FRONTDOOR_BACKUP_KEY")
    with pytest.raises(RestoreRefused, match="encrypted: set FRONTDOOR_BACKUP_KEY"):
        restore(path)
    assert Person.objects.count() == 0

    monkeypatch.setenv("FRONTDOOR_BACKUP_KEY", KEY)
    restored = restore(path)
    assert (restored.mismatches, restored.rows) == ([], report.rows)
    assert checksums() == before


@pytest.mark.django_db(transaction=True)
def test_an_encrypted_backup_cut_or_altered_is_refused(tmp_path: Path, monkeypatch):
    _records()
    monkeypatch.setenv("FRONTDOOR_BACKUP_KEY", KEY)
    path = tmp_path / "frontdoor.jsonl"
    backup(path)
    sealed = path.read_bytes()
    call_command("flush", interactive=False, verbosity=0)
    altered = bytearray(sealed)
    altered[len(sealed) // 2] ^= 1
    for name, content in (("cut", sealed[: len(sealed) - 40]), ("altered", bytes(altered))):
        (tmp_path / name).write_bytes(content)
        with pytest.raises(RestoreRefused):
            restore(tmp_path / name)
        assert Person.objects.count() == 0


@pytest.mark.parametrize("key", ["short", base64.b64encode(b"x" * 16).decode()])
def test_a_key_that_is_not_32_bytes_is_refused_with_a_clear_message(tmp_path: Path, monkeypatch, key, db):
    monkeypatch.setenv("FRONTDOOR_BACKUP_KEY", key)
    with pytest.raises(SealError, match="32 bytes"):
        backup(tmp_path / "frontdoor.jsonl")
