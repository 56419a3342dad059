"""What follows an audit: actions tracked to completion, re-audits, child and family feedback."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.quality.models import (
    AuditFeedback,
    AuditStatus,
    CaseAudit,
)
from frontdoor.quality.services._common import _record, _same_authority
from frontdoor.tasks.models import Task, TaskKind
from frontdoor.tasks.services import Owner, may_complete, task_complete, task_create


@transaction.atomic
def audit_action_set(
    *, actor: User, audit: CaseAudit, what: str, owner: Owner | None, due_on: date | None
) -> Task:
    """An action from the audit (a tasks.Task), with its owner and due date, tracked until done."""
    require(actor, "audit.run")
    _same_authority(actor, audit)
    if audit.status == AuditStatus.SAMPLED:
        raise ValidationError({"what": "Grade the audit before setting actions from it"})
    return task_create(
        actor=actor, kind=TaskKind.CASE_AUDIT, source=audit, what=what, owner=owner or Owner(),
        due_on=due_on, person_id=audit.person_id, event="audit.action_set",
    )  # fmt: skip


@transaction.atomic
def audit_action_complete(*, actor: User, action: Task, note: str) -> Task:
    """The owner (or quality assurance, a manager) records that the action is done, and how."""
    require(actor, "audit_action.complete")
    _same_authority(actor, action)
    if action.kind != TaskKind.CASE_AUDIT:
        raise ValidationError("That is not an audit action.")
    if not may_complete(actor, owner=action.owner_user, manage="audit.run"):
        raise ValidationError(
            "Only the action's owner, a colleague covering in their team, quality assurance or a manager "
            "can complete it."
        )
    return task_complete(actor=actor, task=action, note=note, event="audit.action_completed")


@transaction.atomic
def re_audit_schedule(*, actor: User, audit: CaseAudit, scheduled_for: date) -> CaseAudit:
    """Schedule a re-audit of the same case, to see whether the actions changed practice."""
    require(actor, "audit.run")
    _same_authority(actor, audit)
    problems = {}
    if audit.status == AuditStatus.SAMPLED:
        problems["scheduled_for"] = "Grade this audit before scheduling a re-audit"
    elif scheduled_for <= timezone.localdate():
        problems["scheduled_for"] = "The re-audit must be scheduled for a future date"
    elif audit.re_audits.filter(status=AuditStatus.SAMPLED).exists():
        problems["scheduled_for"] = "A re-audit of this case is already scheduled"
    if problems:
        raise ValidationError(problems)
    again = CaseAudit.objects.create(
        authority_id=audit.authority_id,
        programme_id=audit.programme_id,
        person_id=audit.person_id,
        kind=audit.kind,
        contact_child_id=audit.contact_child_id,
        referral_id=audit.referral_id,
        early_help_case_id=audit.early_help_case_id,
        team_id=audit.team_id,
        re_audit_of=audit,
        scheduled_for=scheduled_for,
    )
    _record(actor, "audit.re_audit_scheduled", again, audit, {"of": audit.pk, "scheduled_for": scheduled_for})
    return again


@transaction.atomic
def audit_feedback_record(
    *, actor: User, audit: CaseAudit, given_by: str, feedback: str, how: str = ""
) -> AuditFeedback:
    """What the child or family said about the help they had, attached to the audit."""
    require(actor, "audit.run")
    _same_authority(actor, audit)
    if not feedback.strip():
        raise ValidationError({"feedback": "Enter what they said"})
    row = AuditFeedback.objects.create(
        authority_id=audit.authority_id,
        audit=audit,
        given_by=given_by,
        how=how.strip(),
        feedback=feedback.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _record(actor, "audit.feedback_recorded", row, audit, {"given_by": given_by})
    return row
