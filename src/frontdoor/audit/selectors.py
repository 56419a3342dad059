"""Reading the audit trail back where a service needs it: what changed about a person since an edit began.

The "who has looked at this child's record" page gathers from people and access, so it lives above them,
in records.audit_trail.
"""

from typing import Any

from django.utils import timezone

from frontdoor.audit.models import AuditEvent


def changes_since(*, person_id: int, writes: int) -> list[str]:
    """The latest `writes` changes recorded about a person, oldest first, in words: what a stale save
    shows so that its author sees what changed ("14:05 Sam Manager: contact.screened: rag amber → red")."""
    events = list(
        AuditEvent.objects.filter(person_id=person_id).select_related("actor").order_by("-pk")[:writes]
    )
    lines = []
    for event in reversed(events):
        who = event.actor.display_name if event.actor else "The system"
        fields = "; ".join(_change(name, value) for name, value in event.changes.items())
        lines.append(
            f"{timezone.localtime(event.at):%H:%M} {who}: {event.action}{': ' if fields else ''}{fields}"
        )
    return lines


def _change(name: str, value: Any) -> str:
    if isinstance(value, list) and len(value) == 2:
        return f"{name} {value[0] or 'blank'} → {value[1] or 'blank'}"
    return f"{name} {value}"
