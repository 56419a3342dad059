"""Backup and restore of the whole database through the ORM, portable between SQLite and PostgreSQL,
with per-table row counts and checksums compared after a restore (security.md §7 item 18; ASVS
8.1.6; NDG standard 7).

Format: JSON lines (gzip when the name ends .gz). A header line, then one line per row
{"m": "app.model", "pk": ..., "f": {field: value}}, table by table in primary-key order, then a
lines carrying documents' bytes (operations.files), then a manifest line {"manifest": {"app.model":
{"rows": n, "sha256": ...}}, "files": {storage name: sha256}}. A table's checksum is the SHA-256 of
its rows' canonical JSON, so the same data gives the same checksum on either database; a document's
is the SHA-256 of its bytes, which must equal the checksum on its row.

Restore goes into an empty, freshly migrated database (docs/adr/0006): it refuses one that already
holds people or audit rows, clears what migrations put there (content types, permissions), inserts
every row in one transaction (foreign keys are checked at commit), resets PostgreSQL's sequences, then
recomputes every checksum from the database and compares it with the manifest; documents' bytes are
written back to storage and each is checked against its row's checksum.
"""

import gzip
import hashlib
import json
from collections.abc import Iterator
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


def _open(path: Path, mode: str) -> IO[str]:
    if path.suffix == ".gz":
        return gzip.open(path, mode + "t", encoding="utf-8")  # type: ignore[return-value]
    return path.open(mode, encoding="utf-8")


def backup(out: Path) -> Report:
    """Write every table to `out` in one read transaction (a consistent snapshot on PostgreSQL)."""
    report = Report()
    manifest: dict[str, dict[str, Any]] = {}
    with transaction.atomic(), _open(out, "w") as handle:
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


def _read(path: Path) -> tuple[dict[str, Any], Iterator[dict[str, Any]]]:
    handle = _open(path, "r")
    header = json.loads(handle.readline())
    if header.get("format") != FORMAT or header.get("version") != VERSION:
        handle.close()
        raise RestoreRefused("Not a Frontdoor backup file")

    def rows() -> Iterator[dict[str, Any]]:
        with handle:
            for line in handle:
                yield json.loads(line)

    return header, rows()


def _refuse_unless_empty() -> None:
    for label in MUST_BE_EMPTY:
        if apps.get_model(label)._base_manager.exists():
            raise RestoreRefused(f"The database is not empty ({label} has rows): restore into a new one")


def restore(path: Path) -> Report:
    """Load `path` into an empty, migrated database, then compare every table with the manifest."""
    _header, rows = _read(path)
    by_label = {m._meta.label_lower: m for m in backup_models()}
    manifest: dict[str, dict[str, Any]] = {}
    files: dict[str, str] = {}
    with transaction.atomic():
        _refuse_unless_empty()
        for model in by_label.values():
            if model._meta.label_lower not in PROTECTED:
                model._base_manager.all()._raw_delete(model._base_manager.db)  # what migrate put there
        pending: dict[str, list[models.Model]] = {}
        for row in rows:
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
        if not manifest:  # refused before commit, so nothing of it is kept
            raise RestoreRefused("The backup has no manifest: it was cut short")
        _reset_sequences(list(by_label.values()))
    report = compare(manifest)
    report.files = len(files)
    report.mismatches += file_mismatches()
    return report


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
