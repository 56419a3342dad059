"""What the audit services share: authority and version checks, the audit event, who may complete."""

from typing import Any

from frontdoor.audit.services import audit_record
from frontdoor.core.records import claim_version, same_authority
from frontdoor.organisations.models import User
from frontdoor.quality.models import (
    CaseAudit,
)

DEFAULT_TEMPLATE = "Case file audit: standard questions"


_same_authority = same_authority  # core.records: one definition


_claim_version = claim_version  # core.records: one definition


def _record(actor: User, action: str, subject: Any, audit: CaseAudit | None, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=subject,
        authority_id=actor.authority_id,
        person_id=audit.person_id if audit else None,
        changes=changes,
    )
