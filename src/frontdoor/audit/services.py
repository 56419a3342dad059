"""Writing the audit trail. Called by every service, inside the service's own transaction."""

from collections.abc import Iterable
from typing import Any

from django.db import connection, models, transaction
from django.utils import timezone

from frontdoor.audit.models import AccessEvent, AuditEvent


def _jsonable(value: Any) -> Any:
    if isinstance(value, models.Model):
        return value.pk
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, list | tuple):
        return [_jsonable(v) for v in value]
    return value


def audit_record(
    *,
    actor: Any,
    action: str,
    subject: models.Model,
    authority_id: int,
    person_id: int | None = None,
    changes: dict[str, Any] | None = None,
    at: Any = None,
) -> AuditEvent:
    """Record a write. Must run inside the transaction of the change it describes."""
    if not transaction.get_connection().in_atomic_block:
        raise RuntimeError("audit_record must be called inside the transaction of the change")
    return AuditEvent.objects.create(
        authority_id=authority_id,
        actor=actor if getattr(actor, "pk", None) else None,
        at=at or timezone.now(),
        action=action,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        person_id=person_id,
        changes={key: _jsonable(value) for key, value in (changes or {}).items()},
    )


def diff(instance: models.Model, data: dict[str, Any]) -> dict[str, list[Any]]:
    """Old and new values of the fields that `data` changes on `instance`."""
    return {
        field: [_jsonable(getattr(instance, field)), _jsonable(value)]
        for field, value in data.items()
        if getattr(instance, field) != value
    }


ACCESS_TABLE = AccessEvent._meta.db_table
ACCESS_COLUMNS = "authority_id, actor_id, at, person_id, purpose"
ACCESS_BATCH = 500  # rows per INSERT: 2,500 parameters, inside every backend's limit


def access_log(*, actor: Any, person_ids: Iterable[int], purpose: str) -> int:
    """Record that `actor` saw these people's records through `purpose`. Returns rows written."""
    ids = sorted(set(person_ids))
    if not ids:
        return 0
    # One INSERT per batch, written out: every list and board page logs each child it shows, and
    # bulk_create's model instances and wrapping transaction were most of the board's cost to build
    # (bench/board.py). The rows are the same.
    at = connection.ops.adapt_datetimefield_value(timezone.now())
    with connection.cursor() as cursor:
        for start in range(0, len(ids), ACCESS_BATCH):
            batch = ids[start : start + ACCESS_BATCH]
            rows = ", ".join(["(%s, %s, %s, %s, %s)"] * len(batch))
            params: list[Any] = []
            for pid in batch:
                params += [actor.authority_id, actor.pk, at, pid, purpose]
            sql = f"INSERT INTO {ACCESS_TABLE} ({ACCESS_COLUMNS}) VALUES {rows}"  # noqa: S608 (constants and %s only)
            cursor.execute(sql, params)
    return len(ids)
