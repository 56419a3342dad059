"""Every write in early help but step-up (early_help/step_up.py, which calls contacts.services).

Each service checks permission and authority, validates through early_help.rules, writes in one
transaction with its audit event, and starts or stops the plan-review clock.
"""

from datetime import date, datetime, time
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.contacts.models import ContactChild, Decision
from frontdoor.core.records import claim_version, same_authority
from frontdoor.early_help import rules
from frontdoor.early_help.models import (
    CaseStatus,
    EarlyHelpAssessment,
    EarlyHelpCase,
    EarlyHelpPlan,
    EarlyHelpReview,
)
from frontdoor.organisations.models import PartnerAgency, Professional, User
from frontdoor.organisations.permissions import require


def start_of(day: date) -> datetime:
    """The first moment of a London day: clocks for things recorded by date start then."""
    return timezone.make_aware(datetime.combine(day, time.min))


def _claim_version(case: EarlyHelpCase, version: int) -> None:
    claim_version(case, version)


def _audit(actor: User, action: str, case: EarlyHelpCase, subject: Any, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=subject,
        authority_id=case.authority_id,
        person_id=case.person_id,
        changes=changes,
    )


def _require_open(case: EarlyHelpCase) -> None:
    if not case.is_open:
        raise ValidationError("This early help case has ended: nothing more can be added.")


def early_help_open_from_decision(*, actor: User, journey: ContactChild, decision: Decision) -> EarlyHelpCase:
    """Open the child's early help case when the front door steps the contact down to early help.
    Runs inside the decision's transaction (contacts.services.contact_child_decide), so a step-down
    decision never leaves a child waiting for someone to remember to open the case.

    A child with an open early help case keeps it: the new contact is recorded against it.
    """
    existing = EarlyHelpCase.objects.filter(person_id=journey.person_id, status=CaseStatus.OPEN).first()
    if existing is not None:
        return existing
    agency = journey.contact.source_agency
    case = EarlyHelpCase.objects.create(
        authority_id=journey.authority_id,
        person_id=journey.person_id,
        contact_child=journey,
        started_at=decision.decided_at,
        started_by=actor,
        # The referring school usually leads; the lead can be changed once agreed with the family.
        lead_agency=agency if agency is not None and agency.kind == rules.SCHOOL_KIND else None,
    )
    _audit(
        actor,
        "early_help.opened",
        case,
        case,
        {"contact_child": journey.pk, "lead_agency": case.lead_agency_id},
    )
    return case


@transaction.atomic
def early_help_lead_set(
    *,
    actor: User,
    case: EarlyHelpCase,
    version: int,
    agency: PartnerAgency | None,
    professional: Professional | None,
) -> EarlyHelpCase:
    """Name the lead professional (often a school's designated teacher) and their organisation."""
    require(actor, "early_help.record")
    same_authority(actor, case, agency, professional)
    _require_open(case)
    problems = rules.lead_problems(
        agency_id=agency.pk if agency else None,
        professional_agency_id=professional.agency_id if professional else None,
    )
    if problems:
        raise ValidationError(problems)
    _claim_version(case, version)
    old = [case.lead_agency_id, case.lead_professional_id]
    case.lead_agency, case.lead_professional = agency, professional
    case.save(update_fields=["lead_agency", "lead_professional"])
    _audit(
        actor,
        "early_help.lead_set",
        case,
        case,
        {"lead": [old, [case.lead_agency_id, case.lead_professional_id]]},
    )
    return case


@transaction.atomic
def early_help_assessment_record(
    *,
    actor: User,
    case: EarlyHelpCase,
    started_on: date,
    needs: str,
    childs_voice: str,
    completed_on: date | None = None,
    organisation: PartnerAgency | None = None,
    family_views: str = "",
) -> EarlyHelpAssessment:
    """Record (or update) the case's early help assessment; the child's voice is required."""
    require(actor, "early_help.record")
    same_authority(actor, case, organisation)
    _require_open(case)
    problems = rules.assessment_problems(
        started_on=started_on,
        completed_on=completed_on,
        today=timezone.localdate(),
        case_started_on=timezone.localdate(case.started_at),
        needs=needs,
        childs_voice=childs_voice,
    )
    if problems:
        raise ValidationError(problems)
    assessment, created = EarlyHelpAssessment.objects.update_or_create(
        case=case,
        defaults={
            "started_on": started_on,
            "completed_on": completed_on,
            "organisation": organisation,
            "needs": needs.strip(),
            "childs_voice": childs_voice.strip(),
            "family_views": family_views.strip(),
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    action = "early_help.assessment_recorded" if created else "early_help.assessment_updated"
    _audit(actor, action, case, assessment, {"started_on": started_on, "completed_on": completed_on})
    return assessment


@transaction.atomic
def early_help_plan_agree(
    *, actor: User, case: EarlyHelpCase, agreed_on: date, outcomes: str, actions: str
) -> EarlyHelpPlan:
    """Agree the plan, or agree a revised one; the next review is due 6 weeks after it is agreed
    (clocks: early_help_review). Earlier reviews stay with the plan."""
    require(actor, "early_help.record")
    same_authority(actor, case)
    _require_open(case)
    problems = rules.dated_record_problems(
        field="agreed_on",
        on=agreed_on,
        today=timezone.localdate(),
        not_before=timezone.localdate(case.started_at),
        what="plan",
    )
    if not outcomes.strip():
        problems["outcomes"] = "Enter what will be different for the child"
    if not actions.strip():
        problems["actions"] = "Enter who will do what, by when"
    if problems:
        raise ValidationError(problems)
    plan, created = EarlyHelpPlan.objects.update_or_create(
        case=case,
        defaults={
            "agreed_on": agreed_on,
            "outcomes": outcomes.strip(),
            "actions": actions.strip(),
            "recorded_by": actor,
            "recorded_at": timezone.now(),
        },
    )
    _restart_review_clock(case, at=start_of(agreed_on))
    action = "early_help.plan_agreed" if created else "early_help.plan_revised"
    _audit(actor, action, case, plan, {"agreed_on": agreed_on})
    return plan


def _restart_review_clock(case: EarlyHelpCase, *, at: datetime) -> None:
    clock = case.review_clock
    if clock is not None and clock.completed_at is None:
        clock_complete(clock=clock, at=max(at, clock.started_at))
    case.review_clock = clock_start(
        authority=case.authority,
        standard="early_help_review",
        started_at=at,
        subject=case,
        person=case.person,
    )
    case.save(update_fields=["review_clock"])


@transaction.atomic
def early_help_review_record(
    *, actor: User, case: EarlyHelpCase, held_on: date, progress: str, childs_voice: str = ""
) -> EarlyHelpReview:
    """Review the plan; the next review is due 6 weeks after this one."""
    require(actor, "early_help.record")
    same_authority(actor, case)
    _require_open(case)
    plan = EarlyHelpPlan.objects.filter(case=case).first()
    if plan is None:
        raise ValidationError({"held_on": "Agree the plan before reviewing it"})
    last = plan.reviews.order_by("-held_on").values_list("held_on", flat=True).first()
    problems = rules.dated_record_problems(
        field="held_on",
        on=held_on,
        today=timezone.localdate(),
        not_before=last or plan.agreed_on,
        what="review",
    )
    if not progress.strip():
        problems["progress"] = "Enter the progress made against the plan"
    if problems:
        raise ValidationError(problems)
    review = EarlyHelpReview.objects.create(
        plan=plan,
        held_on=held_on,
        progress=progress.strip(),
        childs_voice=childs_voice.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _restart_review_clock(case, at=start_of(held_on))
    _audit(actor, "early_help.reviewed", case, review, {"held_on": held_on})
    return review


def end_case(case: EarlyHelpCase, *, status: str, at: datetime, reason: str = "") -> None:
    """Close the case and stop its review clock (callers hold the transaction and the version)."""
    case.status, case.ended_at, case.closure_reason = status, at, reason
    case.save(update_fields=["status", "ended_at", "closure_reason", "step_up_contact"])
    clock = case.review_clock
    if clock is not None and clock.completed_at is None:
        clock_complete(clock=clock, at=max(at, clock.started_at))


@transaction.atomic
def early_help_close(*, actor: User, case: EarlyHelpCase, version: int, reason: str) -> EarlyHelpCase:
    require(actor, "early_help.record")
    same_authority(actor, case)
    _require_open(case)
    if not reason:
        raise ValidationError({"reason": "Choose why the case is closing"})
    _claim_version(case, version)
    end_case(case, status=CaseStatus.CLOSED, at=timezone.now(), reason=reason)
    _audit(actor, "early_help.closed", case, case, {"reason": reason})
    return case
