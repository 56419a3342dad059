"""Move every row of the four action models onto Task (issue 15 §2), keeping who set it and when,
who owns it, when it is due, whether and when it was done, by whom and what was done.

- child_protection.Action (strategy discussion / core group): the owner was free text; a text that
  names a member of staff in the authority (their full name or username, any case) becomes that
  owner_user, any other text is kept as owner_name.
- exploitation.Action (meeting): owner_user when set, otherwise the owner text as above.
- quality.AuditAction and supervision.Direction: the owner was a member of staff.
Who marked an action done was not stored for three of them; it is read from the audit event that
recorded it. Each task keeps legacy_type/legacy_id, the old row, because audit events written
about it cannot be rewritten (audit rows are protected by triggers).

The reverse puts the rows back into the old tables (their ids are the legacy ids) and removes the
moved tasks; tasks made since have no old home and stay. Going back to the owner text, a member of
staff's owner becomes their full name, as the text would have been.
"""

from collections.abc import Iterator
from typing import Any

from django.db import migrations

BATCH = 1000
NOT_RECORDED = "Not recorded"


def _staff_by_name(apps: Any) -> dict[tuple[int, str], int]:
    User = apps.get_model("organisations", "User")
    found: dict[tuple[int, str], int] = {}
    rows = User.objects.order_by("-pk").values_list("pk", "authority_id", "first_name", "last_name", "username")
    for pk, authority_id, first, last, username in rows:  # lowest pk wins a shared name
        found[(authority_id, username.casefold())] = pk
        if full := f"{first} {last}".strip():
            found[(authority_id, full.casefold())] = pk
    return found


def _done_by(apps: Any, subject_type: str, action: str) -> dict[int, int]:
    """The actor of the audit event that recorded each old row done: {old id: user id}."""
    AuditEvent = apps.get_model("audit", "AuditEvent")
    rows = AuditEvent.objects.filter(subject_type=subject_type, action=action, actor__isnull=False)
    return dict(rows.order_by("pk").values_list("subject_id", "actor_id"))


def _owner(staff: dict[tuple[int, str], int], authority_id: int, text: str, user_id: Any = None) -> dict:
    user_id = user_id or staff.get((authority_id, text.strip().casefold()))
    if user_id:
        return {"owner_user_id": user_id}
    return {"owner_name": text.strip() or NOT_RECORDED}


def _child_protection(apps: Any, staff: dict) -> Iterator[dict]:
    Action = apps.get_model("child_protection", "Action")
    done_by = _done_by(apps, "child_protection.action", "cp_action.done")
    for a in Action.objects.order_by("pk").iterator(chunk_size=BATCH):
        meeting = "strategydiscussion" if a.discussion_id else "coregroup"
        yield {
            "authority_id": a.authority_id, "person_id": a.person_id,
            "kind": "strategy_discussion" if a.discussion_id else "core_group",
            "source_type": f"child_protection.{meeting}", "source_id": a.discussion_id or a.core_group_id,
            "what": a.description, **_owner(staff, a.authority_id, a.owner), "due_on": a.due_on,
            "created_by_id": a.recorded_by_id, "created_at": a.recorded_at,
            "done_at": a.done_at, "done_by_id": done_by.get(a.pk) if a.done_at else None,
            "legacy_type": "child_protection.action", "legacy_id": a.pk,
        }  # fmt: skip


def _exploitation(apps: Any, staff: dict) -> Iterator[dict]:
    Action = apps.get_model("exploitation", "Action")
    for a in Action.objects.select_related("meeting").order_by("pk").iterator(chunk_size=BATCH):
        m = a.meeting
        yield {
            "authority_id": m.authority_id, "person_id": m.person_id, "kind": "exploitation_meeting",
            "source_type": "exploitation.meeting", "source_id": m.pk, "what": a.description,
            **_owner(staff, m.authority_id, a.owner, a.owner_user_id), "due_on": a.due_date,
            "created_by_id": m.chaired_by_id, "created_at": m.recorded_at,
            "done_at": a.done_at, "done_by_id": a.done_by_id,
            "legacy_type": "exploitation.action", "legacy_id": a.pk,
        }  # fmt: skip


def _quality(apps: Any, staff: dict) -> Iterator[dict]:
    AuditAction = apps.get_model("quality", "AuditAction")
    done_by = _done_by(apps, "quality.auditaction", "audit.action_completed")
    for a in AuditAction.objects.select_related("audit").order_by("pk").iterator(chunk_size=BATCH):
        yield {
            "authority_id": a.authority_id, "person_id": a.audit.person_id, "kind": "case_audit",
            "source_type": "quality.caseaudit", "source_id": a.audit_id, "what": a.description,
            "owner_user_id": a.owner_id, "due_on": a.due_date,
            "created_by_id": a.set_by_id, "created_at": a.set_at,
            "done_at": a.completed_at, "done_note": a.completion_note,
            "done_by_id": done_by.get(a.pk) if a.completed_at else None,
            "legacy_type": "quality.auditaction", "legacy_id": a.pk,
        }  # fmt: skip


def _direction_source(d: Any) -> tuple[str, int]:
    if d.supervision_id:
        return "supervision.supervision", d.supervision_id
    if d.referral_id:
        return "referrals.referral", d.referral_id
    return "people.person", d.person_id


def _supervision(apps: Any, staff: dict) -> Iterator[dict]:
    Direction = apps.get_model("supervision", "Direction")
    done_by = _done_by(apps, "supervision.direction", "direction.completed")
    for d in Direction.objects.order_by("pk").iterator(chunk_size=BATCH):
        source_type, source_id = _direction_source(d)
        yield {
            "authority_id": d.authority_id, "person_id": d.person_id, "kind": d.source,
            "source_type": source_type, "source_id": source_id, "what": d.direction,
            "owner_user_id": d.owner_id, "due_on": d.due_date,
            "created_by_id": d.given_by_id, "created_at": d.given_at,
            "done_at": d.completed_at, "done_note": d.completion_note,
            "done_by_id": done_by.get(d.pk) if d.completed_at else None,
            "legacy_type": "supervision.direction", "legacy_id": d.pk,
        }  # fmt: skip


MOVES = (_child_protection, _exploitation, _quality, _supervision)


def forward(apps: Any, schema_editor: Any) -> None:
    Task = apps.get_model("tasks", "Task")
    staff = _staff_by_name(apps)
    for move in MOVES:
        batch = []
        for fields in move(apps, staff):
            batch.append(Task(**fields))
            if len(batch) >= BATCH:
                Task.objects.bulk_create(batch)
                batch = []
        Task.objects.bulk_create(batch)


def _display(task: Any) -> str:
    if task.owner_user_id:
        u = task.owner_user
        return f"{u.first_name} {u.last_name}".strip() or u.username
    return task.owner_name


def backward(apps: Any, schema_editor: Any) -> None:
    """Put the moved rows back, with their old ids; tasks made since have no old home and are left."""
    Task = apps.get_model("tasks", "Task")
    moved = Task.objects.exclude(legacy_type="").select_related("owner_user").order_by("pk")
    rows: dict[str, list[Any]] = {}
    for t in moved.iterator(chunk_size=BATCH):
        rows.setdefault(t.legacy_type, []).append(_old_row(apps, t))
    for old in rows.values():
        model = type(old[0])
        # Unapplying only this migration finds the old tables still full: put back only what is missing.
        there = set(model.objects.values_list("pk", flat=True))
        model.objects.bulk_create([row for row in old if row.pk not in there], batch_size=BATCH)
    moved.delete()


def _old_row(apps: Any, t: Any) -> Any:
    if t.legacy_type == "child_protection.action":
        meeting = "discussion_id" if t.kind == "strategy_discussion" else "core_group_id"
        return apps.get_model("child_protection", "Action")(
            pk=t.legacy_id, authority_id=t.authority_id, person_id=t.person_id, **{meeting: t.source_id},
            description=t.what, owner=_display(t), due_on=t.due_on, done_at=t.done_at,
            recorded_by_id=t.created_by_id, recorded_at=t.created_at,
        )  # fmt: skip
    if t.legacy_type == "exploitation.action":
        return apps.get_model("exploitation", "Action")(
            pk=t.legacy_id, meeting_id=t.source_id, description=t.what, owner=_display(t),
            owner_user_id=t.owner_user_id, due_date=t.due_on, done_at=t.done_at, done_by_id=t.done_by_id,
        )  # fmt: skip
    if t.legacy_type == "quality.auditaction":
        return apps.get_model("quality", "AuditAction")(
            pk=t.legacy_id, authority_id=t.authority_id, audit_id=t.source_id, description=t.what,
            owner_id=t.owner_user_id, due_date=t.due_on, set_by_id=t.created_by_id, set_at=t.created_at,
            completed_at=t.done_at, completion_note=t.done_note,
        )  # fmt: skip
    supervision = t.source_id if t.source_type == "supervision.supervision" else None
    referral = t.source_id if t.source_type == "referrals.referral" else None
    return apps.get_model("supervision", "Direction")(
        pk=t.legacy_id, authority_id=t.authority_id, person_id=t.person_id, referral_id=referral,
        source=t.kind, supervision_id=supervision, direction=t.what, owner_id=t.owner_user_id,
        due_date=t.due_on, given_by_id=t.created_by_id, given_at=t.created_at,
        completed_at=t.done_at, completion_note=t.done_note,
    )  # fmt: skip


class Migration(migrations.Migration):
    dependencies = [
        ("tasks", "0001_task"),
        ("audit", "0003_audit_rows_cannot_change"),
        ("child_protection", "0003_emergency_protection"),
        ("exploitation", "0003_action_owner_user_and_done_by"),
        ("quality", "0001_initial"),
        ("supervision", "0001_initial"),
    ]

    operations = [migrations.RunPython(forward, backward)]
