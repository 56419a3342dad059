"""What the audit services share: authority and version checks, the audit event, who may complete."""

from typing import Any

from django.core.exceptions import ValidationError
from django.db.models import F

from frontdoor.audit.services import audit_record
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import User
from frontdoor.quality.models import (
    CaseAudit,
)

DEFAULT_TEMPLATE = "Case file audit: standard questions"


def _same_authority(actor: User, *objects: Any) -> None:
    for obj in objects:
        if obj is not None and obj.authority_id != actor.authority_id:
            raise ValidationError("That record belongs to another authority.")


def _claim_version(audit: CaseAudit, version: int) -> None:
    if not CaseAudit.objects.filter(pk=audit.pk, version=version).update(version=F("version") + 1):
        raise StaleEdit()
    audit.version = version + 1


def _record(actor: User, action: str, subject: Any, audit: CaseAudit | None, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=subject,
        authority_id=actor.authority_id,
        person_id=audit.person_id if audit else None,
        changes=changes,
    )
