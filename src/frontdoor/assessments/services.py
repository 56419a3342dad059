"""Every write to an assessment: start it, record what was learned, complete it, authorise it.

Each service checks permission, validates with assessments.rules, writes in one transaction with its
audit event, and starts or completes the assessment clocks: `assessment_dfe` (45 working days from
the start, the DfE measure) starts with the assessment; both it and the episode's `assessment`
clock (45 working days from referral, Working Together 2023 ch. 3) complete on authorisation.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.assessments import rules
from frontdoor.assessments.models import Assessment
from frontdoor.audit.services import audit_record
from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.core.dates import moment_on
from frontdoor.core.records import claim_version, same_authority
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.referrals.models import Referral


def _claim_version(assessment: Assessment, version: int) -> None:
    """Optimistic concurrency: refuse a save made against an older version."""
    claim_version(assessment, version)


@transaction.atomic
def assessment_start(*, actor: User, referral: Referral, started_on: date) -> Assessment:
    """Start the single assessment of the child in this episode (AssessmentActualStartDate)."""
    require(actor, "assessment.record")
    same_authority(actor, referral)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    problems = rules.start_problems(
        started_on=started_on,
        today=timezone.localdate(),
        referral_date=referral.referral_date,
        referral_nfa=referral.nfa,
        episode_closed_on=referral.closure_date,
        open_assessments=referral.assessments.filter(authorised_on__isnull=True).count(),
    )
    if problems:
        raise ValidationError(problems)
    assessment = Assessment.objects.create(
        authority_id=referral.authority_id,
        person_id=referral.person_id,
        referral=referral,
        started_on=started_on,
        started_by=actor,
    )
    assessment.dfe_clock = clock_start(
        authority=referral.authority,
        standard="assessment_dfe",
        started_at=moment_on(started_on),
        subject=assessment,
        person=referral.person,
    )
    assessment.save(update_fields=["dfe_clock"])
    audit_record(
        actor=actor,
        action="assessment.started",
        subject=assessment,
        authority_id=assessment.authority_id,
        person_id=assessment.person_id,
        changes={"referral": referral.pk, "started_on": started_on},
    )
    return assessment


def _refuse_unless_in_progress(assessment: Assessment) -> None:
    if assessment.completed_on is not None:
        raise ValidationError("This assessment has been completed: it can no longer be changed.")


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    assessment: Assessment,
    version: int,
    child_seen_on: date | None,
    childs_voice: str,
    parents_views: str,
    analysis: str,
) -> Assessment:
    """Record what the assessment has learned so far: when the child was seen, their voice, their
    parents' views and the analysis of risk and need."""
    require(actor, "assessment.record")
    same_authority(actor, assessment)
    _refuse_unless_in_progress(assessment)
    problems = rules.child_seen_problems(
        child_seen_on=child_seen_on,
        referral_date=assessment.referral.referral_date,
        today=timezone.localdate(),
    )
    if problems:
        raise ValidationError(problems)
    _claim_version(assessment, version)
    new = {
        "child_seen_on": child_seen_on,
        "childs_voice": childs_voice.strip(),
        "parents_views": parents_views.strip(),
        "analysis": analysis.strip(),
    }
    changed = sorted(field for field, value in new.items() if getattr(assessment, field) != value)
    for field, value in new.items():
        setattr(assessment, field, value)
    assessment.save(update_fields=list(new))
    audit_record(
        actor=actor,
        action="assessment.recorded",
        subject=assessment,
        authority_id=assessment.authority_id,
        person_id=assessment.person_id,
        changes={"fields": changed, "child_seen_on": child_seen_on},
    )
    return assessment


@transaction.atomic
def assessment_complete(
    *, actor: User, assessment: Assessment, version: int, completed_on: date, factors: list[str], outcome: str
) -> Assessment:
    """The social worker completes the assessment with the factors identified at its end (DfE
    N00181) and the outcome they recommend; a manager then authorises it."""
    require(actor, "assessment.record")
    same_authority(actor, assessment)
    _refuse_unless_in_progress(assessment)
    problems = rules.completion_problems(
        started_on=assessment.started_on,
        completed_on=completed_on,
        today=timezone.localdate(),
        analysis=assessment.analysis,
        factors=factors,
    )
    if problems:
        raise ValidationError(problems)
    _claim_version(assessment, version)
    assessment.completed_on, assessment.factors, assessment.outcome = completed_on, list(factors), outcome
    assessment.completed_by = actor
    assessment.full_clean(exclude=["dfe_clock"])
    assessment.save(update_fields=["completed_on", "factors", "outcome", "completed_by"])
    audit_record(
        actor=actor,
        action="assessment.completed",
        subject=assessment,
        authority_id=assessment.authority_id,
        person_id=assessment.person_id,
        changes={"completed_on": completed_on, "factors": list(factors), "outcome": outcome},
    )
    return assessment


def due_on(assessment: Assessment) -> date:
    """The last day of the 45 working days from referral: the episode's `assessment` clock, or the
    assessment's own DfE clock where the episode has none."""
    clock: Clock | None = assessment.referral.assessment_clock or assessment.dfe_clock
    if clock is None:
        raise ValidationError("This assessment has no clock to measure it against.")
    return timezone.localdate(clock.due_at)


@transaction.atomic
def assessment_authorise(
    *,
    actor: User,
    assessment: Assessment,
    version: int,
    authorised_on: date,
    primary_need: str,
    late_reason: str = "",
) -> Assessment:
    """A manager authorises the completed assessment (AssessmentAuthorisationDate), which ends it
    and completes its clocks, and records the child's primary need on the episode (CIN
    PrimaryNeedCode, 8610). Later than 45 working days from referral, the reason is required."""
    require(actor, "assessment.authorise")
    same_authority(actor, assessment)
    if assessment.authorised_on is not None:
        raise ValidationError("This assessment has already been authorised.")
    due = due_on(assessment)
    problems = rules.authorisation_problems(
        started_on=assessment.started_on,
        completed_on=assessment.completed_on,
        authorised_on=authorised_on,
        today=timezone.localdate(),
        due_on=due,
        late_reason=late_reason,
    ) | rules.primary_need_problems(code=primary_need)
    if problems:
        raise ValidationError(problems)
    _claim_version(assessment, version)
    referral = Referral.objects.select_for_update().get(pk=assessment.referral_id)
    previous_need, referral.primary_need = referral.primary_need, primary_need
    referral.save(update_fields=["primary_need"])
    late = rules.is_late(authorised_on=authorised_on, due_on=due)
    assessment.authorised_on, assessment.authorised_by = authorised_on, actor
    assessment.late_reason = late_reason.strip() if late else ""
    assessment.save(update_fields=["authorised_on", "authorised_by", "late_reason"])
    at = moment_on(authorised_on)
    for clock in (assessment.referral.assessment_clock, assessment.dfe_clock):
        if clock is not None and clock.completed_at is None:
            # Authorised on the referral's own day, the moment is never before the clock started.
            clock_complete(clock=clock, at=max(at, clock.started_at))
    audit_record(
        actor=actor,
        action="assessment.authorised",
        subject=assessment,
        authority_id=assessment.authority_id,
        person_id=assessment.person_id,
        changes={
            "authorised_on": authorised_on,
            "late": late,
            "late_reason": assessment.late_reason,
            "primary_need": [previous_need, primary_need],
        },
    )
    return assessment
