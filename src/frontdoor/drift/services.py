"""Every write for drift panels: permission, validation (drift.rules), one transaction, its audit.

A panel decision is only for a child on the drift list the day it is recorded (the list the chair
sees, in their scope): anything else is refused beside the child field and nothing is saved."""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.drift import rules, selectors
from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.tasks.models import TaskKind
from frontdoor.tasks.services import Owner, task_create

NOT_LISTED = "That child is not on the drift list: the panel decides only for children on it"


@dataclass(frozen=True)
class Action:
    what: str
    owner: Owner
    due_on: date | None


@transaction.atomic
def panel_hold(*, actor: User, held_on: date, attendees: str) -> Panel:
    """Record a drift or complex-case panel: the date it met (today or before) and who attended."""
    require(actor, "drift.panel")
    problems = {}
    if held_on > timezone.localdate():
        problems["held_on"] = "The panel must have met today or in the past"
    if not attendees.strip():
        problems["attendees"] = "Enter who attended the panel"
    if problems:
        raise ValidationError(problems)
    panel = Panel.objects.create(
        authority_id=actor.authority_id,
        held_on=held_on,
        attendees=attendees.strip(),
        chair=actor,
        recorded_at=timezone.now(),
    )
    audit_record(
        actor=actor,
        action="drift.panel_held",
        subject=panel,
        authority_id=panel.authority_id,
        changes={"held_on": held_on, "attendees": panel.attendees},
    )
    return panel


@transaction.atomic
def panel_decide(
    *,
    actor: User,
    panel: Panel,
    person_id: int,
    decision: str,
    next_review_on: date | None,
    actions: Sequence[Action] = (),
) -> PanelDecision:
    """The panel's decision for one listed child, with its actions (tasks.Task, each with an owner
    and a due date) and the next review date. The reasons the child is listed are kept as words."""
    require(actor, "drift.panel")
    if panel.authority_id != actor.authority_id:
        raise ValidationError("That panel is another authority's.")
    found = selectors.listed(actor, person_ids=[person_id])
    if not found:
        raise ValidationError({"child": NOT_LISTED})
    if PanelDecision.objects.filter(panel=panel, person_id=person_id).exists():
        raise ValidationError({"child": "The panel has already recorded a decision for this child"})
    problems = rules.decision_problems(
        decision=decision, next_review_on=next_review_on, held_on=panel.held_on
    )
    if problems or next_review_on is None:
        raise ValidationError(problems)
    listed = found[0]
    row = PanelDecision.objects.create(
        authority_id=actor.authority_id, panel=panel, person=listed.person, referral=listed.referral,
        reasons=[{"code": r.code, "words": r.words} for r in listed.reasons],
        reason_codes=rules.codes_field([r.code for r in listed.reasons]), decision=decision.strip(),
        next_review_on=next_review_on, held_on=panel.held_on, recorded_by=actor, recorded_at=timezone.now(),
    )  # fmt: skip
    for action in actions:
        task_create(
            actor=actor, kind=TaskKind.DRIFT_PANEL, source=row, what=action.what, owner=action.owner,
            due_on=action.due_on, person_id=person_id, event="drift.action_set",
        )  # fmt: skip
    audit_record(
        actor=actor,
        action="drift.decided",
        subject=row,
        authority_id=row.authority_id,
        person_id=person_id,
        changes={"panel": panel.pk, "next_review_on": next_review_on, "actions": len(actions)},
    )
    return row
