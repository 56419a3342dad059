"""Work while a child is on a protection plan: statutory visits, core groups, and the plan's end.

Visits: no national frequency; the local `cp_visit` standard (standards.md §1.1 T15: every 10 working
days, the most common local minimum) repeats from each visit that sees the child. Core groups: the
first within 10 working days of the initial conference (T10, Working Together 2023 ch. 4); later ones
have no national timescale, so each core group starts the local `core_group` clock for the next
(standards.md §1.1 T11: at least monthly, every 28 days; configurable per authority).
"""

from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.child_protection import rules
from frontdoor.child_protection.models import CoreGroup, ProtectionPlan
from frontdoor.child_protection.services._common import end_plan, in_scope, meeting_moment, restart
from frontdoor.child_protection.services.partners import Partners, audit_view, named, partner_problems
from frontdoor.core.records import check_version
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.plans import content_services
from frontdoor.plans.facts import Review
from frontdoor.plans.models import PlanKind
from frontdoor.referrals.models import Visit
from frontdoor.referrals.services import visit_record


def _locked_open(actor: User, plan: ProtectionPlan) -> ProtectionPlan:
    in_scope(actor, plan)
    current = (
        ProtectionPlan.objects.select_for_update(of=("self",))
        .select_related("visit_clock", "core_group_clock", "person")
        .get(pk=plan.pk)
    )
    if not current.is_open:
        raise ValidationError("This plan has ended")
    return current


@transaction.atomic
def plan_visit_record(
    *, actor: User, plan: ProtectionPlan, occurred_at: datetime, seen: bool, **details: object
) -> Visit:
    """Record a statutory visit (referrals.services.visit_record) and, when it saw the child, complete
    the visit clock and start the next interval from the visit."""
    require(actor, "child_protection.record")
    plan = _locked_open(actor, plan)
    if timezone.localdate(occurred_at) < plan.start_date:
        raise ValidationError({"occurred_at": "A visit under the plan cannot be before the plan started"})
    visit = visit_record(
        actor=actor,
        person=plan.person,
        referral=plan.referral,
        occurred_at=occurred_at,
        seen=seen,
        **details,  # type: ignore[arg-type]
    )
    clock = plan.visit_clock
    if seen and (clock is None or occurred_at >= clock.started_at):
        plan.visit_clock = restart(clock, at=occurred_at, standard="cp_visit", subject=plan)
        plan.save(update_fields=["visit_clock"])
    audit_record(
        actor=actor,
        action="protection_plan.visit_recorded",
        subject=plan,
        authority_id=plan.authority_id,
        person_id=plan.person_id,
        changes={
            "visit": visit.pk,
            "seen": seen,
            "seen_alone": visit.seen_alone,
            "next_due": plan.visit_clock.due_at if plan.visit_clock else None,
        },
    )
    return visit


@transaction.atomic
def core_group_record(
    *,
    actor: User,
    plan: ProtectionPlan,
    held_on: date,
    attended: list[str],
    family_attendance: str = "",
    notes: str = "",
    partners: Partners | None = None,
    progress: content_services.Scores | None = None,
) -> CoreGroup:
    """Record a core group meeting. It completes the running core group clock (the first: T10) and
    starts the next one's from this meeting (T11). A meeting recorded late, before the meeting the
    clock now runs from, leaves the clock as it is. `partners` names the partner agencies that
    attended (issue 10): the authority's own, each of a kind ticked as attending. `progress` (every
    outcome of the plan scored, plans.content_services) is saved with the meeting, or nothing is."""
    require(actor, "child_protection.record")
    plan = _locked_open(actor, plan)
    problems = rules.meeting_problems(held_on=held_on, plan_start=plan.start_date, today=timezone.localdate())
    if not attended:
        problems["attended"] = "Select the agencies that attended"
    chosen = named(partners)
    problems |= partner_problems(plan.authority_id, chosen, attended, how="attended")
    problems |= content_services.meeting_progress_problems(kind=PlanKind.CP, plan_id=plan.pk, scores=progress)
    if problems:
        raise ValidationError(problems)
    group = CoreGroup.objects.create(
        authority_id=plan.authority_id,
        plan=plan,
        held_on=held_on,
        attended=sorted(set(attended)),
        family_attendance=family_attendance.strip(),
        notes=notes.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    group.attended_partners.set(chosen.values())
    content_services.meeting_progress_save(
        actor=actor, kind=PlanKind.CP, plan_id=plan.pk, scores=progress,
        review=Review(group._meta.label_lower, group.pk, held_on, ""),
    )  # fmt: skip
    moment = meeting_moment(held_on)
    clock = plan.core_group_clock
    if clock is None or moment >= clock.started_at:
        plan.core_group_clock = restart(clock, at=moment, standard="core_group", subject=plan)
        plan.save(update_fields=["core_group_clock"])
    audit_record(
        actor=actor,
        action="core_group.recorded",
        subject=group,
        authority_id=group.authority_id,
        person_id=plan.person_id,
        changes={
            "held_on": held_on,
            "attended": group.attended,
            "partners": audit_view(chosen),
            "next_due": plan.core_group_clock.due_at if plan.core_group_clock else None,
        },
    )
    return group


@transaction.atomic
def plan_end(
    *, actor: User, plan: ProtectionPlan, version: int, end_date: date, end_reason: str
) -> ProtectionPlan:
    """End a plan (outside a review conference: a move, becoming looked after, turning 18)."""
    require(actor, "child_protection.record")
    current = _locked_open(actor, plan)
    check_version(current, version)
    problems = rules.plan_end_problems(
        start=current.start_date,
        end=end_date,
        today=timezone.localdate(),
        date_of_death=current.person.date_of_death,
    )
    if not end_reason:
        problems["end_reason"] = "Select why the plan ended"
    if problems:
        raise ValidationError(problems)
    end_plan(current, end_date, end_reason)
    current.version += 1
    current.save(update_fields=["version"])
    audit_record(
        actor=actor,
        action="protection_plan.ended",
        subject=current,
        authority_id=current.authority_id,
        person_id=current.person_id,
        changes={"end_date": end_date, "end_reason": end_reason},
    )
    return current


def death_problem(person_id: int, date_of_death: date) -> str | None:
    """people.checks: a date of death against the child's child protection plans (CIN 8915, 8920)."""
    plans = ProtectionPlan.objects.filter(person_id=person_id).values_list("start_date", "end_date")
    return rules.death_not_before_plans(date_of_death=date_of_death, plans=plans)
