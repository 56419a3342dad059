"""Every write about a children's complaint: recorded, extended, answered, escalated, its learning.

Each service checks permission and authority, validates with complaints.rules, writes in one
transaction with its audit event. Clocks come from the clock engine (complaints.rules.STANDARD);
the learning is a tasks.Task (kind "complaint") with an owner and a due date. Sources: SI 2006/1738
regs 14, 17 and 19; Getting the Best from Complaints (DfE, 2006).
"""

from collections.abc import Sequence
from datetime import date, datetime, time

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.complaints import rules
from frontdoor.complaints.models import Complaint, ComplaintStage
from frontdoor.core.records import check_version, same_authority
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.referrals.models import Allocation
from frontdoor.tasks.models import Task, TaskKind
from frontdoor.tasks.services import Owner, may_complete, task_complete, task_create

SUMMARY_MAX = 8000


def midday(day: date) -> datetime:
    """A day as a moment (UK time): a response or request is dated, not timed."""
    return timezone.make_aware(datetime.combine(day, time(12)))


def _team_of(person: Person) -> int | None:
    """The team of the child's latest allocation: the team whose work the complaint is about."""
    return (
        Allocation.objects.filter(referral__person=person)
        .order_by("-started_at", "-pk")
        .values_list("team_id", flat=True)
        .first()
    )


def _start_stage(*, actor: User, complaint: Complaint, stage: int, at: datetime) -> ComplaintStage:
    row = ComplaintStage(
        authority_id=complaint.authority_id, complaint=complaint, person_id=complaint.person_id,
        stage=stage, requested_at=at,
    )  # fmt: skip
    row.clock = clock_start(
        authority=actor.authority, standard=rules.STANDARD[stage], started_at=at, subject=complaint,
        person=complaint.person,
    )  # fmt: skip
    row.save()
    return row


@transaction.atomic
def complaint_record(
    *,
    actor: User,
    person: Person,
    complainant: str,
    complainant_name: str,
    theme: str,
    summary: str,
    received_at: datetime,
    advocacy_offered: bool = False,
    also_about: Sequence[Person] = (),
) -> Complaint:
    """Record a complaint received about a child: stage 1 starts, its clock from receipt (reg 14)."""
    require(actor, "complaint.manage")
    same_authority(actor, person, *also_about)
    problems: dict[str, str] = {}
    if not complainant_name.strip():
        problems["complainant_name"] = "Enter who made the complaint"
    if not summary.strip():
        problems["summary"] = "Enter what the complaint is about"
    if received_at > timezone.now():
        problems["received_at"] = "The complaint must have been received today or in the past"
    if any(other.pk == person.pk for other in also_about):
        problems["also_about"] = "The child is already named as the complaint's subject"
    if problems:
        raise ValidationError(problems)
    complaint = Complaint.objects.create(
        authority_id=actor.authority_id, person=person, complainant=complainant,
        complainant_name=complainant_name.strip(), theme=theme, summary=summary.strip()[:SUMMARY_MAX],
        team_id=_team_of(person), received_at=received_at, recorded_by=actor,
        advocacy_offered=advocacy_offered,
    )  # fmt: skip
    complaint.also_about.set(also_about)
    _start_stage(actor=actor, complaint=complaint, stage=1, at=received_at)
    audit_record(
        actor=actor, action="complaint.recorded", subject=complaint, authority_id=complaint.authority_id,
        person_id=person.pk,
        changes={"complainant": complainant, "theme": theme, "also_about": [p.pk for p in also_about]},
    )  # fmt: skip
    return complaint


def _current(complaint: Complaint, version: int) -> ComplaintStage:
    """Lock the complaint (refusing a stale edit) and return its latest stage."""
    locked = Complaint.objects.select_for_update().get(pk=complaint.pk)
    check_version(locked, version)
    Complaint.objects.filter(pk=complaint.pk).update(version=locked.version + 1)
    complaint.version = locked.version + 1
    return ComplaintStage.objects.select_related("clock", "extended_clock").filter(complaint=complaint).last()  # type: ignore[return-value]


@transaction.atomic
def complaint_stage_extend(*, actor: User, complaint: Complaint, version: int, reason: str) -> ComplaintStage:
    """Extend the current stage (1: to 20 working days, reg 14(2); 2: to 65, reg 17(4)), with why.
    The standard clock keeps running, so "answered within 10 (or 25) working days" still counts."""
    require(actor, "complaint.manage")
    same_authority(actor, complaint)
    stage = _current(complaint, version)
    problems = rules.extension_problems(
        stage=stage.stage, extended=stage.extended_clock_id is not None, responded=stage.responded,
        reason=reason,
    )  # fmt: skip
    if problems:
        raise ValidationError(problems)
    stage.extended_clock = clock_start(
        authority=actor.authority, standard=rules.EXTENDED[stage.stage], started_at=stage.requested_at,
        subject=complaint, person=complaint.person,
    )  # fmt: skip
    stage.extension_reason = reason.strip()
    stage.save(update_fields=["extended_clock", "extension_reason"])
    audit_record(
        actor=actor, action="complaint.extended", subject=complaint, authority_id=complaint.authority_id,
        person_id=complaint.person_id, changes={"stage": stage.stage, "reason": stage.extension_reason},
    )  # fmt: skip
    return stage


@transaction.atomic
def complaint_stage_respond(
    *, actor: User, complaint: Complaint, version: int, responded_on: date | None, outcome: str, response: str
) -> ComplaintStage:
    """The response to the current stage, its date and outcome (upheld, partly, not upheld); the
    stage's clocks stop on that day."""
    require(actor, "complaint.manage")
    same_authority(actor, complaint)
    stage = _current(complaint, version)
    if stage.responded:
        raise ValidationError({"responded_on": f"Stage {stage.stage} has already been answered"})
    problems = rules.response_problems(
        requested_on=timezone.localdate(stage.requested_at), responded_on=responded_on, outcome=outcome,
        today=timezone.localdate(),
    )  # fmt: skip
    if problems or responded_on is None:
        raise ValidationError(problems)
    at = max(midday(responded_on), stage.requested_at)
    for clock in (stage.clock, stage.extended_clock):
        if clock is not None:
            clock_complete(clock=clock, at=at)
    stage.responded_on, stage.outcome, stage.response, stage.responded_by = (
        responded_on, outcome, response.strip()[:SUMMARY_MAX], actor,
    )  # fmt: skip
    stage.full_clean(exclude=["clock", "extended_clock"])
    stage.save(update_fields=["responded_on", "outcome", "response", "responded_by"])
    audit_record(
        actor=actor, action="complaint.responded", subject=complaint, authority_id=complaint.authority_id,
        person_id=complaint.person_id,
        changes={"stage": stage.stage, "responded_on": responded_on, "outcome": outcome},
    )  # fmt: skip
    return stage


@transaction.atomic
def complaint_escalate(
    *, actor: User, complaint: Complaint, version: int, stage: int, requested_on: date | None
) -> ComplaintStage:
    """The complainant asks for the next stage: 2 after stage 1's response, 3 after stage 2's, never
    out of order (regs 17, 18); the new stage's clock runs from the request."""
    require(actor, "complaint.manage")
    same_authority(actor, complaint)
    _current(complaint, version)
    if requested_on is None:
        raise ValidationError({"requested_on": "Enter the date the complainant asked for the next stage"})
    so_far = [
        rules.StageSoFar(s.stage, timezone.localdate(s.requested_at), s.responded_on)
        for s in ComplaintStage.objects.filter(complaint=complaint)
    ]
    problems = rules.escalation_problems(
        stage=stage, requested_on=requested_on, so_far=so_far, today=timezone.localdate()
    )
    if problems:
        raise ValidationError(problems)
    row = _start_stage(actor=actor, complaint=complaint, stage=stage, at=midday(requested_on))
    audit_record(
        actor=actor, action="complaint.escalated", subject=complaint, authority_id=complaint.authority_id,
        person_id=complaint.person_id, changes={"stage": stage, "requested_on": requested_on},
    )  # fmt: skip
    return row


@transaction.atomic
def complaint_learning_set(
    *, actor: User, complaint: Complaint, what: str, owner: Owner, due_on: date | None
) -> Task:
    """The learning from a complaint, followed as a task with an owner and a due date ("learning
    from complaints ... embedded": Getting the Best from Complaints, ch. 10)."""
    require(actor, "complaint.manage")
    same_authority(actor, complaint)
    return task_create(
        actor=actor, kind=TaskKind.COMPLAINT, source=complaint, what=what, owner=owner, due_on=due_on,
        person_id=complaint.person_id, event="complaint.learning_set",
    )  # fmt: skip


@transaction.atomic
def complaint_learning_complete(*, actor: User, task: Task, note: str) -> Task:
    """The owner (a colleague covering in their team, or a complaints manager) records the learning
    acted on, and how."""
    require(actor, "task.complete")
    same_authority(actor, task)
    if task.kind != TaskKind.COMPLAINT:
        raise ValidationError("That is not the learning from a complaint.")
    if not may_complete(actor, owner=task.owner_user, manage="complaint.manage"):
        raise ValidationError(
            "Only the owner, a colleague covering in their team or a complaints manager can."
        )
    return task_complete(actor=actor, task=task, note=note, event="complaint.learning_done")
