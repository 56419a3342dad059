"""Every write to a child in need plan: start it, send it, review it, end it.

Each service checks permission, validates with plans.rules, writes in one transaction with its audit
event, and keeps the plan's `cin_plan_review` clock running: it starts with the plan, completes at
each review (a new one starting from the review) and completes when the plan ends.
"""

from collections.abc import Iterable
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.core.dates import moment_on
from frontdoor.core.records import claim_version, same_authority
from frontdoor.organisations.models import PartnerAgency, User
from frontdoor.organisations.permissions import require
from frontdoor.plans import content_services, rules
from frontdoor.plans.facts import Review
from frontdoor.plans.models import ChildInNeedPlan, PlanKind, PlanPartner, PlanReview
from frontdoor.plans.protection import protection_plans_of
from frontdoor.referrals.models import Referral


def _refuse_if_ended(plan: ChildInNeedPlan) -> None:
    if plan.end_date is not None:
        raise ValidationError("This plan has ended.")


@transaction.atomic
def cin_plan_start(
    *,
    actor: User,
    referral: Referral,
    start_date: date,
    involved: Iterable[PartnerAgency] = (),
    invited: Iterable[PartnerAgency] = (),
) -> ChildInNeedPlan:
    """Start the child's children-in-need plan in this episode, with the partner agencies involved
    and those invited to its meetings."""
    require(actor, "cin_plan.manage")
    involved, invited = list(involved), list(invited)
    same_authority(actor, referral, *involved, *invited)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    earlier = ChildInNeedPlan.objects.filter(person_id=referral.person_id, authority_id=referral.authority_id)
    protection = protection_plans_of(person_id=referral.person_id, authority_id=referral.authority_id)
    problems = rules.start_problems(
        start_date=start_date,
        today=timezone.localdate(),
        referral_date=referral.referral_date,
        referral_nfa=referral.nfa,
        episode_closed_on=referral.closure_date,
        open_plans=earlier.filter(end_date__isnull=True).count(),
        last_plan_ended_on=earlier.aggregate(last=Max("end_date"))["last"],
        protection_plan_open=protection.any_open,
        last_protection_plan_ended_on=protection.last_ended_on,
        died_on=referral.person.date_of_death,
    )
    if problems:
        raise ValidationError(problems)
    plan = ChildInNeedPlan.objects.create(
        authority_id=referral.authority_id,
        person_id=referral.person_id,
        referral=referral,
        start_date=start_date,
        started_by=actor,
    )
    for agency in {a.pk: a for a in [*involved, *invited]}.values():
        PlanPartner.objects.create(
            plan=plan, agency=agency, involved=agency in involved, invited=agency in invited
        )
    plan.review_clock = clock_start(
        authority=referral.authority,
        standard="cin_plan_review",
        started_at=moment_on(start_date),
        subject=plan,
        person=referral.person,
    )
    plan.save(update_fields=["review_clock"])
    audit_record(
        actor=actor,
        action="cin_plan.started",
        subject=plan,
        authority_id=plan.authority_id,
        person_id=plan.person_id,
        changes={
            "start_date": start_date,
            "involved": sorted(a.pk for a in involved),
            "invited": sorted(a.pk for a in invited),
        },
    )
    return plan


@transaction.atomic
def cin_plan_send(
    *,
    actor: User,
    plan: ChildInNeedPlan,
    sent_on: date,
    agency: PartnerAgency | None = None,
    name: str = "",
) -> PlanPartner:
    """Record that an agency, or a named person such as a parent, received the plan on `sent_on`."""
    require(actor, "cin_plan.manage")
    same_authority(actor, plan, *([agency] if agency else []))
    _refuse_if_ended(plan)
    name = name.strip()
    problems = rules.sent_problems(sent_on=sent_on, start_date=plan.start_date, today=timezone.localdate())
    if (agency is None) == (not name):
        problems["agency"] = "Choose an agency, or give the name of the person who received the plan"
    if problems:
        raise ValidationError(problems)
    if agency is not None:
        partner, _ = PlanPartner.objects.get_or_create(plan=plan, agency=agency)
    else:
        partner = PlanPartner(plan=plan, name=name)
    partner.received_on = sent_on
    partner.save()
    audit_record(
        actor=actor,
        action="cin_plan.sent",
        subject=plan,
        authority_id=plan.authority_id,
        person_id=plan.person_id,
        changes={"agency": agency.pk if agency else None, "name": name, "sent_on": sent_on},
    )
    return partner


def _last_review_on(plan: ChildInNeedPlan) -> date | None:
    last: date | None = plan.reviews.aggregate(last=Max("reviewed_on"))["last"]
    return last


@transaction.atomic
def cin_plan_review(
    *,
    actor: User,
    plan: ChildInNeedPlan,
    version: int,
    reviewed_on: date,
    summary: str,
    progress: content_services.Scores | None = None,
) -> PlanReview:
    """Record a review of the plan; the review clock starts again from it. `progress` (from the
    review's form: every outcome of the plan scored) is saved with the review, or nothing is."""
    require(actor, "cin_plan.manage")
    same_authority(actor, plan)
    _refuse_if_ended(plan)
    problems = rules.review_problems(
        reviewed_on=reviewed_on,
        start_date=plan.start_date,
        today=timezone.localdate(),
        last_review_on=_last_review_on(plan),
        summary=summary,
    )
    problems |= content_services.meeting_progress_problems(
        kind=PlanKind.CIN, plan_id=plan.pk, scores=progress
    )
    if problems:
        raise ValidationError(problems)
    claim_version(plan, version)
    review = PlanReview.objects.create(
        plan=plan, reviewed_on=reviewed_on, summary=summary.strip(), recorded_by=actor
    )
    at_review = Review("plans.planreview", review.pk, reviewed_on, "")
    content_services.meeting_progress_save(
        actor=actor, kind=PlanKind.CIN, plan_id=plan.pk, review=at_review, scores=progress
    )
    at = moment_on(reviewed_on)
    if plan.review_clock is not None and plan.review_clock.completed_at is None:
        at = max(at, plan.review_clock.started_at)  # a review on the day the clock started
        clock_complete(clock=plan.review_clock, at=at)
    plan.review_clock = clock_start(
        authority=plan.referral.authority,
        standard="cin_plan_review",
        started_at=at,
        subject=plan,
        person=plan.person,
    )
    plan.save(update_fields=["review_clock"])
    audit_record(
        actor=actor,
        action="cin_plan.reviewed",
        subject=plan,
        authority_id=plan.authority_id,
        person_id=plan.person_id,
        changes={"reviewed_on": reviewed_on, "review": review.pk},
    )
    return review


@transaction.atomic
def cin_plan_end(
    *, actor: User, plan: ChildInNeedPlan, version: int, end_date: date, end_reason: str = ""
) -> ChildInNeedPlan:
    """End the plan (CINPlanEndDate); its review clock stops."""
    require(actor, "cin_plan.manage")
    same_authority(actor, plan)
    _refuse_if_ended(plan)
    problems = rules.end_problems(
        end_date=end_date,
        start_date=plan.start_date,
        today=timezone.localdate(),
        last_review_on=_last_review_on(plan),
    )
    if problems:
        raise ValidationError(problems)
    claim_version(plan, version)
    plan.end_date, plan.end_reason = end_date, end_reason.strip()
    plan.save(update_fields=["end_date", "end_reason"])
    if plan.review_clock is not None and plan.review_clock.completed_at is None:
        clock_complete(clock=plan.review_clock, at=max(moment_on(end_date), plan.review_clock.started_at))
    audit_record(
        actor=actor,
        action="cin_plan.ended",
        subject=plan,
        authority_id=plan.authority_id,
        person_id=plan.person_id,
        changes={"end_date": end_date, "end_reason": plan.end_reason},
    )
    return plan


CP_PLAN_STARTED = "A child protection plan started"


def cin_plan_end_at_protection(*, actor: User, plan: ChildInNeedPlan, on: date) -> ChildInNeedPlan:
    """End the child's open CIN plan on the day their child protection plan starts (CIN 4001, 4016,
    4017). Called by child_protection's initial conference inside its transaction, which has checked
    the actor may record child protection and locked the plan; the census allows a CIN plan to end
    on the day a CP plan starts, and on the day it started (4011)."""
    same_authority(actor, plan)
    _refuse_if_ended(plan)
    plan.end_date, plan.end_reason = on, CP_PLAN_STARTED
    plan.version += 1
    plan.save(update_fields=["end_date", "end_reason", "version"])
    if plan.review_clock is not None and plan.review_clock.completed_at is None:
        clock_complete(clock=plan.review_clock, at=max(moment_on(on), plan.review_clock.started_at))
    audit_record(
        actor=actor,
        action="cin_plan.ended",
        subject=plan,
        authority_id=plan.authority_id,
        person_id=plan.person_id,
        changes={"end_date": on, "end_reason": plan.end_reason, "by": "child_protection_plan"},
    )
    return plan


def death_problem(person_id: int, date_of_death: date) -> str | None:
    """people.checks: a date of death against the child's child in need plans (CIN 4008)."""
    starts = ChildInNeedPlan.objects.filter(person_id=person_id).values_list("start_date", flat=True)
    return rules.death_not_before_plans(date_of_death=date_of_death, plan_starts=starts)
