"""Backup and restore of the whole database through the ORM, portable between SQLite and PostgreSQL,
with per-table row counts and checksums compared after a restore (security.md §7 item 18; ASVS
8.1.6; NDG standard 7).

Format: JSON lines (gzip when the name ends .gz; sealed with AES-256-GCM, gzipped inside, when
FRONTDOOR_BACKUP_KEY is set: operations/sealed.py). The file is readable by its owner only (0600).
A header line, then one line per row
{"m": "app.model", "pk": ..., "f": {field: value}}, table by table in primary-key order, then a
lines carrying documents' bytes (operations.files), then a manifest line {"manifest": {"app.model":
{"rows": n, "sha256": ...}}, "files": {storage name: sha256}}. A table's checksum is the SHA-256 of
its rows' canonical JSON, so the same data gives the same checksum on either database; a document's
is the SHA-256 of its bytes, which must equal the checksum on its row.

Restore goes into an empty, freshly migrated database (docs/adr/0006): it refuses one that already
holds people or audit rows, clears what migrations put there (content types, permissions), inserts
every row in one transaction (foreign keys are checked at commit) keeping the times Django would
otherwise stamp (auto_now_add: sign-in attempts, the sign-in log, MFA devices), resets PostgreSQL's
sequences, writes documents' bytes back to storage, then recomputes every checksum from the
database and every document's from its bytes and compares them with the manifest, all before
committing: a backup that does not match its manifest (altered, cut short, wrong key) leaves
no rows loaded.
"""

import gzip
import hashlib
import io
import json
import os
from collections.abc import Iterator
from contextlib import ExitStack, contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime, time
from decimal import Decimal
from pathlib import Path
from typing import IO, Any
from uuid import UUID

from django.apps import apps
from django.core import serializers
from django.core.management.color import no_style
from django.db import connection, models, transaction
from django.utils import timezone

from frontdoor.operations import sealed
from frontdoor.operations.files import file_lines, file_mismatches, file_restore

FORMAT = "frontdoor-backup"
VERSION = 1
BATCH = 2000
PROTECTED = ("audit.auditevent", "audit.accessevent")  # insert-only tables (docs/adr/0006)
MUST_BE_EMPTY = (*PROTECTED, "people.person")


class RestoreRefused(Exception):
    pass


@dataclass
class Report:
    tables: int = 0
    rows: int = 0
    mismatches: list[str] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    files: int = 0


class RestoreMismatch(RestoreRefused):
    """The loaded tables do not match the backup's manifest: rolled back, nothing kept."""

    def __init__(self, report: Report) -> None:
        super().__init__(
            f"{len(report.mismatches)} tables do not match the backup's manifest; nothing was restored"
        )
        self.report = report


def _encode(value: Any) -> Any:
    if isinstance(value, datetime | date | time):
        return value.isoformat()  # full precision: DjangoJSONEncoder drops microseconds' last digits
    if isinstance(value, Decimal | UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return bytes(value).hex()
    raise TypeError(f"Cannot back up {type(value).__name__}")


def _canonical(record: dict[str, Any]) -> str:
    return json.dumps(record, sort_keys=True, default=_encode, separators=(",", ":"))


def backup_models() -> list[type[models.Model]]:
    """Every table Django manages, many-to-many link tables included, in a stable order."""
    found = [
        m
        for m in apps.get_models(include_auto_created=True)
        if m._meta.managed and not m._meta.proxy and not m._meta.swapped
    ]
    return sorted(found, key=lambda m: m._meta.label_lower)


def _fields(model: type[models.Model]) -> list[str]:
    return [f.name for f in model._meta.concrete_fields if not f.primary_key]


def table_rows(model: type[models.Model]) -> Iterator[dict[str, Any]]:
    """The table's rows as {"m", "pk", "f"}, in primary-key order, a batch at a time."""
    label = model._meta.label_lower
    names = _fields(model)
    batch: list[models.Model] = []
    for instance in model._base_manager.order_by("pk").iterator(chunk_size=BATCH):
        batch.append(instance)
        if len(batch) == BATCH:
            yield from _serialised(label, names, batch)
            batch = []
    yield from _serialised(label, names, batch)


def _serialised(label: str, names: list[str], batch: list[models.Model]) -> Iterator[dict[str, Any]]:
    for item in serializers.serialize("python", batch, fields=names):
        yield {"m": label, "pk": item["pk"], "f": item["fields"]}


def checksums() -> dict[str, dict[str, Any]]:
    """Row count and checksum of every table, read from the database."""
    result = {}
    for model in backup_models():
        digest, count = hashlib.sha256(), 0
        for row in table_rows(model):
            digest.update(_canonical(row).encode())
            count += 1
        result[model._meta.label_lower] = {"rows": count, "sha256": digest.hexdigest()}
    return result


@contextmanager
def _writing(path: Path) -> Iterator[IO[str]]:
    """The backup file, created or truncated readable by its owner only, gzipped when the name ends
    .gz, and sealed (gzipped inside) when FRONTDOOR_BACKUP_KEY is set."""
    key = sealed.key_from_environment()  # a malformed key is refused before the file is touched
    with ExitStack() as stack:
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.fchmod(fd, 0o600)  # O_CREAT keeps an existing file's mode, which may be wider
        raw: IO[bytes] = stack.enter_context(os.fdopen(fd, "wb"))
        if key is not None:
            raw = stack.enter_context(sealed.SealingWriter(raw, key))  # type: ignore[arg-type]
        if key is not None or path.suffix == ".gz":
            raw = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="wb"))  # type: ignore[arg-type]
        yield stack.enter_context(io.TextIOWrapper(raw, encoding="utf-8"))  # type: ignore[type-var]


@contextmanager
def _reading(path: Path) -> Iterator[IO[str]]:
    """The backup's text, opened with the key if it is sealed, and gunzipped if it is gzipped
    (known by their first bytes, whatever the file is called)."""
    with ExitStack() as stack:
        raw: io.BufferedReader = stack.enter_context(path.open("rb"))
        if sealed.is_sealed(raw.peek(len(sealed.MAGIC))):
            key = sealed.key_from_environment()
            if key is None:
                raise sealed.SealError(f"This backup is encrypted: set {sealed.KEY_VARIABLE} to its key")
            raw = stack.enter_context(io.BufferedReader(sealed.OpeningReader(raw, key), sealed.CHUNK))
        if raw.peek(2)[:2] == b"\x1f\x8b":
            raw = stack.enter_context(gzip.GzipFile(fileobj=raw, mode="rb"))  # type: ignore[arg-type]
        yield stack.enter_context(io.TextIOWrapper(raw, encoding="utf-8"))


def backup(out: Path) -> Report:
    """Write every table to `out` in one read transaction (a consistent snapshot on PostgreSQL)."""
    report = Report()
    manifest: dict[str, dict[str, Any]] = {}
    with transaction.atomic(), _writing(out) as handle:
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        header = {"format": FORMAT, "version": VERSION, "vendor": connection.vendor}
        handle.write(json.dumps(header | {"created_at": timezone.now().isoformat()}) + "\n")
        for model in backup_models():
            digest, count = hashlib.sha256(), 0
            for row in table_rows(model):
                line = _canonical(row)
                digest.update(line.encode())
                handle.write(line + "\n")
                count += 1
            manifest[model._meta.label_lower] = {"rows": count, "sha256": digest.hexdigest()}
            report.tables, report.rows = report.tables + 1, report.rows + count
            report.counts[model._meta.label_lower] = count
        files = _write_files(handle, report)
        handle.write(json.dumps({"manifest": manifest, "files": files}) + "\n")
    return report


def _write_files(handle: IO[str], report: Report) -> dict[str, str]:
    """Documents' bytes, one line each; {storage name: sha256} for the manifest."""
    files = {}
    for entry in file_lines():
        handle.write(json.dumps(entry) + "\n")
        files[entry["file"]] = entry["sha256"]
        if entry.get("missing"):
            report.mismatches.append(f"document {entry['file']}: missing from storage")
    report.files = len(files)
    return files


def _check_header(handle: IO[str]) -> None:
    try:
        header = json.loads(handle.readline())
    except (UnicodeDecodeError, json.JSONDecodeError, gzip.BadGzipFile):
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT or header.get("version") != VERSION:
        raise RestoreRefused("Not a Frontdoor backup file")


def _refuse_unless_empty() -> None:
    for label in MUST_BE_EMPTY:
        if apps.get_model(label)._base_manager.exists():
            raise RestoreRefused(f"The database is not empty ({label} has rows): restore into a new one")


def restore(path: Path) -> Report:
    """Load `path` into an empty, migrated database and compare every table with the manifest before
    committing: anything short of an exact match is rolled back (RestoreMismatch, RestoreRefused)."""
    by_label = {m._meta.label_lower: m for m in backup_models()}
    try:
        with _reading(path) as handle, transaction.atomic():
            _check_header(handle)
            _refuse_unless_empty()
            for model in by_label.values():
                if model._meta.label_lower not in PROTECTED:
                    model._base_manager.all()._raw_delete(model._base_manager.db)  # what migrate put there
            with _stamps_kept(list(by_label.values())):
                manifest, files = _load(handle, by_label)
            if not manifest:
                raise RestoreRefused("The backup has no manifest: it was cut short")
            _reset_sequences(list(by_label.values()))
            report = compare(manifest)
            report.files = len(files)
            report.mismatches += file_mismatches()
            if report.mismatches:
                raise RestoreMismatch(report)
    except sealed.SealError as error:
        raise RestoreRefused(str(error)) from None
    return report


def _load(
    handle: IO[str], by_label: dict[str, type[models.Model]]
) -> tuple[dict[str, dict[str, Any]], dict[str, str]]:
    """Insert every row, a batch at a time, and write documents' bytes back to storage; return the
    manifest (empty if the file was cut short) and its documents' checksums."""
    manifest: dict[str, dict[str, Any]] = {}
    files: dict[str, str] = {}
    pending: dict[str, list[models.Model]] = {}
    for line in handle:
        row = json.loads(line)
        if "manifest" in row:
            manifest, files = row["manifest"], row.get("files", {})
            continue
        if "file" in row:
            file_restore(row)
            continue
        record = {"model": row["m"], "pk": row["pk"], "fields": row["f"]}
        obj = next(iter(serializers.deserialize("python", [record], ignorenonexistent=True))).object
        pending.setdefault(row["m"], []).append(obj)
        if len(pending[row["m"]]) >= BATCH:
            by_label[row["m"]]._base_manager.bulk_create(pending.pop(row["m"]))
    for label, objs in pending.items():
        by_label[label]._base_manager.bulk_create(objs)
    return manifest, files


@contextmanager
def _stamps_kept(models_: list[type[models.Model]]) -> Iterator[None]:
    """Switch off auto_now and auto_now_add while loading: bulk_create would otherwise stamp the time
    of the restore over the backed-up time (django-axes' attempt_time, django-otp's created_at).
    This changes the fields for the whole process, so only the restore command calls it."""
    stamped = [
        (f, f.auto_now, f.auto_now_add)
        for m in models_
        for f in m._meta.concrete_fields
        if isinstance(f, models.DateField | models.TimeField) and (f.auto_now or f.auto_now_add)
    ]
    for f, _, _ in stamped:
        f.auto_now = f.auto_now_add = False
    try:
        yield
    finally:
        for f, now, now_add in stamped:
            f.auto_now, f.auto_now_add = now, now_add


def _reset_sequences(models_: list[type[models.Model]]) -> None:
    statements = connection.ops.sequence_reset_sql(no_style(), models_)
    with connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


def compare(manifest: dict[str, dict[str, Any]]) -> Report:
    """Every table's rows and checksum now, against the manifest: a mismatch names the table."""
    now = checksums()
    report = Report(tables=len(manifest))
    for label in sorted(set(manifest) | set(now)):
        want, got = manifest.get(label), now.get(label)
        if want != got:
            report.mismatches.append(f"{label}: backup {want}, database {got}")
        report.rows += (got or {}).get("rows", 0)
        report.counts[label] = (got or {}).get("rows", 0)
    return report
