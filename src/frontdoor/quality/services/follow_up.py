"""What follows an audit: actions tracked to completion, re-audits, child and family feedback."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import can, require
from frontdoor.quality import rules
from frontdoor.quality.models import (
    AuditAction,
    AuditFeedback,
    AuditStatus,
    CaseAudit,
)
from frontdoor.quality.services._common import _record, _same_authority, may_complete


@transaction.atomic
def audit_action_set(
    *, actor: User, audit: CaseAudit, description: str, owner: User, due_date: date
) -> AuditAction:
    """An action from the audit, with its owner and due date, tracked until it is done."""
    require(actor, "audit.run")
    _same_authority(actor, audit, owner)
    problems = rules.action_problems(due=due_date, today=timezone.localdate(), description=description)
    if audit.status == AuditStatus.SAMPLED:
        problems["description"] = "Grade the audit before setting actions from it"
    if not owner.is_active or not can(owner, "audit_action.complete"):
        problems["owner"] = "Choose a member of staff who works with children"
    if problems:
        raise ValidationError(problems)
    action = AuditAction.objects.create(
        authority_id=audit.authority_id,
        audit=audit,
        description=description.strip(),
        owner=owner,
        due_date=due_date,
        set_by=actor,
        set_at=timezone.now(),
    )
    _record(actor, "audit.action_set", action, audit, {"owner": owner.pk, "due_date": due_date})
    return action


@transaction.atomic
def audit_action_complete(*, actor: User, action: AuditAction, note: str) -> AuditAction:
    """The owner (or quality assurance, a manager) records that the action is done, and how."""
    require(actor, "audit_action.complete")
    _same_authority(actor, action)
    action = AuditAction.objects.select_for_update(of=("self",)).select_related("audit").get(pk=action.pk)
    if not may_complete(actor, owner=action.owner, manage="audit.run"):
        raise ValidationError(
            "Only the action's owner, a colleague covering in their team, quality assurance or a manager "
            "can complete it."
        )
    problems = {}
    if action.completed_at is not None:
        problems["note"] = "This action has already been completed"
    elif not note.strip():
        problems["note"] = "Say what was done"
    if problems:
        raise ValidationError(problems)
    action.completed_at, action.completion_note = timezone.now(), note.strip()
    action.save(update_fields=["completed_at", "completion_note"])
    late = rules.is_overdue(due=action.due_date, completed=False, today=timezone.localdate())
    _record(
        actor, "audit.action_completed", action, action.audit, {"note": action.completion_note, "late": late}
    )
    return action


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
