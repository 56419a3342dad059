"""Documents' bytes in a backup (issue 16 §2): the database holds each document's row and SHA-256;
the bytes live in the documents storage, so a backup carries them too, one line per document
({"file": storage name, "sha256": ..., "data": base64}), and a restore writes them back and checks
every document's bytes against its recorded checksum.

Checksums are taken from the bytes read, and compared with the row's: a file changed or lost in
storage since it was attached is reported at backup time and again after a restore.
"""

import base64
import hashlib
from collections.abc import Iterator
from typing import Any

from django.core.files.base import ContentFile

from frontdoor.documents.models import Document
from frontdoor.documents.services import storage


def file_lines() -> Iterator[dict[str, Any]]:
    """Every document's bytes as a backup line, in primary-key order (a missing file: no data)."""
    store = storage()
    for name, recorded in Document.objects.order_by("pk").values_list("storage_name", "sha256").iterator():
        try:
            with store.open(name, "rb") as handle:
                data = handle.read()
        except FileNotFoundError:
            yield {"file": name, "sha256": recorded, "missing": True}
            continue
        yield {
            "file": name,
            "sha256": hashlib.sha256(data).hexdigest(),
            "data": base64.b64encode(data).decode(),
        }


def file_restore(line: dict[str, Any]) -> None:
    """Write one backed-up document's bytes to storage, under the name its row records."""
    if line.get("missing"):
        return
    store = storage()
    if store.exists(line["file"]):
        store.delete(line["file"])
    saved = store.save(line["file"], ContentFile(base64.b64decode(line["data"])))
    if saved != line["file"]:
        raise ValueError(f"Storage renamed {line['file']} to {saved}")


def file_mismatches() -> list[str]:
    """Each document whose stored bytes are missing or do not match the checksum on its row."""
    store = storage()
    problems = []
    for name, recorded in Document.objects.order_by("pk").values_list("storage_name", "sha256").iterator():
        try:
            with store.open(name, "rb") as handle:
                found = hashlib.sha256(handle.read()).hexdigest()
        except FileNotFoundError:
            problems.append(f"document {name}: missing from storage")
            continue
        if found != recorded:
            problems.append(f"document {name}: checksum {found}, recorded {recorded}")
    return problems
