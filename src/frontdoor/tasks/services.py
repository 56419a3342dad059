"""Every write about a task: created by the meeting or record that agrees it, done, or cancelled.

Each service checks permission and authority, validates with tasks.rules, writes in one transaction
with its audit event. The calling app (a strategy discussion, an audit, a supervision...) checks its
own permission first and passes its own audit vocabulary (`event`), so the trail reads the same as
before the four action models became one.
"""

from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.clocks import rules as clock_rules
from frontdoor.clocks.services import calendar_for, convention_for, standard_for
from frontdoor.core.records import same_authority
from frontdoor.organisations.models import Authority, PartnerAgency, Professional, User
from frontdoor.organisations.permissions import can, require
from frontdoor.tasks import rules
from frontdoor.tasks.models import Task, TaskKind

WHAT_MAX_LENGTH = 3000
STAFF_OWNER = "Choose a member of staff who works with children"


@dataclass(frozen=True)
class Owner:
    """Who will do it: a member of staff, or a partner agency with its named professional (a
    Professional record, or a name)."""

    user: User | None = None
    agency: PartnerAgency | None = None
    professional: Professional | None = None
    name: str = ""

    def agency_or_professionals(self) -> PartnerAgency | None:
        return self.agency or (self.professional.agency if self.professional else None)

    def choice(self) -> rules.OwnerChoice:
        agency = self.agency_or_professionals()
        return rules.OwnerChoice(
            user_id=self.user.pk if self.user else None,
            agency_id=agency.pk if agency else None,
            professional_id=self.professional.pk if self.professional else None,
            name=self.name,
        )


def due_from_standard(*, authority: Authority, standard: str, start: datetime) -> date:
    """The due date a clock standard gives from `start` (the clock engine's arithmetic)."""
    return clock_rules.due_date(
        standard_for(authority, standard),
        start,
        calendar_for(authority),
        convention=convention_for(authority),
    )


def task_problems(
    *, actor: User, what: str, owner: Owner, due_on: date | None, earliest: date | None = None
) -> dict[str, str]:
    """Everything wrong with a new task, by field ("what", "owner", "due_on"); empty when none."""
    problems: dict[str, str] = {}
    if not what.strip():
        problems["what"] = "Enter what must be done"
    elif len(what.strip()) > WHAT_MAX_LENGTH:
        problems["what"] = f"What must be done must be {WHAT_MAX_LENGTH} characters or fewer"
    if problem := rules.owner_problem(owner.choice()) or _owner_outside(actor, owner):
        problems["owner"] = problem
    if problem := rules.due_problem(due_on=due_on, today=timezone.localdate(), earliest=earliest):
        problems["due_on"] = problem
    return problems


def _owner_outside(actor: User, owner: Owner) -> str | None:
    """The owner must be in the actor's authority; a member of staff must be active and work with
    children; a professional must belong to the agency named with them."""
    if owner.user is not None:
        user = owner.user
        if user.authority_id != actor.authority_id or not user.is_active or not can(user, "task.own"):
            return STAFF_OWNER
    for partner in (owner.agency, owner.professional):
        if partner is not None and partner.authority_id != actor.authority_id:
            return "Choose a partner agency or professional from your authority"
    if owner.agency and owner.professional and owner.professional.agency_id != owner.agency.pk:
        return "That professional works for another agency"
    return None


@transaction.atomic
def task_create(
    *,
    actor: User,
    kind: str,
    source: models.Model,
    what: str,
    owner: Owner,
    due_on: date | None = None,
    standard: str = "",
    person_id: int | None = None,
    earliest: date | None = None,
    event: str = "task.created",
) -> Task:
    """A task set by `source` (the meeting or record that agreed it): always an owner and a due
    date, the date a chair sets or the one a clock standard gives from now. A date in the past, or
    before `earliest` (the meeting's day), is refused; nothing is saved."""
    require(actor, "task.create")
    if kind not in TaskKind.values:
        raise ValueError(f"Unknown kind of task {kind!r}")
    same_authority(actor, source)
    now = timezone.now()
    if due_on is None and standard:
        due_on = due_from_standard(authority=actor.authority, standard=standard, start=now)
    problems = task_problems(actor=actor, what=what, owner=owner, due_on=due_on, earliest=earliest)
    if problems or due_on is None:
        raise ValidationError(problems)
    task = Task.objects.create(
        authority_id=actor.authority_id, person_id=person_id, kind=kind,
        source_type=source._meta.label_lower, source_id=source.pk, what=what.strip(),
        owner_user=owner.user, owner_agency=owner.agency_or_professionals(),
        owner_professional=owner.professional, owner_name=owner.name.strip(),
        due_on=due_on, standard=standard, created_by=actor, created_at=now,
    )  # fmt: skip
    _record(actor, event, task, {"kind": kind, "owner": task.owner_label, "due_on": due_on})
    return task


def may_complete(actor: User, *, owner: User | None, manage: str) -> bool:
    """The owner, a colleague in the owner's team covering for them, or someone with `manage`
    (tasks.rules.may_complete; the audit trail records who it was)."""
    return rules.may_complete(
        actor_id=actor.pk,
        actor_team_id=actor.team_id,
        owner_id=owner.pk if owner else None,
        owner_team_id=owner.team_id if owner else None,
        manages=can(actor, manage),
    )


def _locked(actor: User, task: Task) -> Task:
    same_authority(actor, task)
    return Task.objects.select_for_update(of=("self",)).select_related("owner_user").get(pk=task.pk)


@transaction.atomic
def task_complete(*, actor: User, task: Task, note: str = "", event: str = "task.done") -> Task:
    """Record the task done: when, by whom and what was done (required for audits and directions,
    tasks.rules.NOTE_REQUIRED_KINDS). Who may is the calling app's rule, checked before this."""
    require(actor, "task.complete")
    current = _locked(actor, task)
    done, cancelled = current.done_at is not None, current.cancelled_at is not None
    if problem := rules.completion_problem(kind=current.kind, note=note, done=done, cancelled=cancelled):
        raise ValidationError({"note": problem})
    late = rules.is_overdue(due_on=current.due_on, done=False, cancelled=False, today=timezone.localdate())
    current.done_at, current.done_by, current.done_note = timezone.now(), actor, note.strip()
    current.save(update_fields=["done_at", "done_by", "done_note"])
    _record(actor, event, current, {"done_at": current.done_at, "note": current.done_note, "late": late})
    return current


@transaction.atomic
def task_cancel(*, actor: User, task: Task, reason: str) -> Task:
    """Cancel a task that is no longer needed, saying why (the reason is required and kept)."""
    require(actor, "task.cancel")
    current = _locked(actor, task)
    done, cancelled = current.done_at is not None, current.cancelled_at is not None
    if problem := rules.cancel_problem(reason=reason, done=done, cancelled=cancelled):
        raise ValidationError({"reason": problem})
    current.cancelled_at, current.cancelled_by = timezone.now(), actor
    current.cancel_reason = reason.strip()
    current.save(update_fields=["cancelled_at", "cancelled_by", "cancel_reason"])
    _record(actor, "task.cancelled", current, {"reason": current.cancel_reason})
    return current


def _record(actor: User, event: str, task: Task, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=event,
        subject=task,
        authority_id=task.authority_id,
        person_id=task.person_id,
        changes=changes,
    )
