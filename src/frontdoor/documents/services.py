"""Attaching a document: checked (empty, too large for the authority, not an accepted type by its
content), hashed, stored through the "documents" storage, recorded and audited in one transaction.
A file written to storage for a row that is then not saved is removed again, so a refusal leaves
neither a row nor a file.
"""

import hashlib
import uuid
from collections.abc import Sequence
from typing import Any

from django.core.exceptions import ValidationError
from django.core.files.base import File
from django.core.files.storage import storages
from django.db import models, transaction
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import audit_record
from frontdoor.documents import rules
from frontdoor.documents.models import (
    DEFAULT_MAX_UPLOAD_BYTES,
    Document,
    DocumentKind,
    DocumentPerson,
    DocumentPolicy,
)
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

STORAGE = "documents"
CHUNK = 64 * 1024
OUT_OF_SCOPE = "You can only attach a document to the record of a child you can see"


def storage() -> Any:
    return storages[STORAGE]


def upload_limit(authority_id: int) -> int:
    limit = DocumentPolicy.objects.filter(authority_id=authority_id).values_list(
        "max_upload_bytes", flat=True
    )
    return next(iter(limit), DEFAULT_MAX_UPLOAD_BYTES)


def sha256_of(content: Any) -> str:
    digest = hashlib.sha256()
    content.seek(0)
    for chunk in iter(lambda: content.read(CHUNK), b""):
        digest.update(chunk)
    content.seek(0)
    return digest.hexdigest()


def _checked(actor: User, people: Sequence[Any], subject: models.Model, kind: str, title: str) -> None:
    same = all(p.authority_id == actor.authority_id == subject.authority_id for p in people)  # type: ignore[attr-defined]
    model = type(people[0])
    seen = model.objects.filter(visible(actor), pk__in=[p.pk for p in people]).count()
    if not same or seen != len({p.pk for p in people}):
        raise ValidationError({"upload": OUT_OF_SCOPE})
    if kind not in DocumentKind.values:
        raise ValidationError({"kind": "Select what the document is"})
    if not title.strip():
        raise ValidationError({"title": "Enter a title for the document"})


@transaction.atomic
def document_attach(
    *,
    actor: User,
    person: Any,
    subject: models.Model,
    upload: Any,
    kind: str,
    title: str,
    also_about: Sequence[Any] = (),
) -> Document:
    """Attach `upload` (a Django UploadedFile or File) to `subject`, filed on the child `person` and
    about the children `also_about` too (the other children of a note): only a user who may see
    every one of them sees it."""
    require(actor, "document.upload")
    others = [p for p in also_about if p.pk != person.pk]
    _checked(actor, [person, *others], subject, kind, title)
    size = upload.size or 0
    found = rules.detect(upload) if size else None
    problem = rules.upload_problems(size=size, limit=upload_limit(actor.authority_id), kind=found)  # type: ignore[arg-type]
    if problem or found is None:
        raise ValidationError({"upload": problem})
    checksum = sha256_of(upload)
    name = storage().save(f"{actor.authority_id}/{uuid.uuid4().hex}", File(upload))
    try:
        document = Document(
            authority_id=actor.authority_id,
            person=person,
            subject_type=subject._meta.label_lower,
            subject_id=subject.pk,
            kind=kind,
            title=title.strip(),
            original_name=rules.clean_name(getattr(upload, "name", "") or ""),
            content_type=found.content_type,
            extension=found.extension,
            size=size,
            sha256=checksum,
            storage_name=name,
            uploaded_by=actor,
            uploaded_at=timezone.now(),
        )
        document.full_clean()
        document.save()
        DocumentPerson.objects.bulk_create(DocumentPerson(document=document, person=p) for p in others)
        audit_record(
            actor=actor,
            action="document.attached",
            subject=document,
            authority_id=document.authority_id,
            person_id=person.pk,
            changes={"subject": f"{document.subject_type}:{document.subject_id}", "kind": kind,
                     "type": found.content_type, "size": size, "sha256": checksum,
                     "also_about": [p.pk for p in others]},
        )  # fmt: skip
    except BaseException:
        storage().delete(name)
        raise
    return document
