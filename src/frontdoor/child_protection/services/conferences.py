"""Initial and review child protection conferences, each child's decision, and what was sent to whom.

Working Together to Safeguard Children 2023, ch. 4: the initial conference within 15 working days of
the strategy discussion (T7), the first review within 3 months (T12), later ones at most 6 months
apart (T13); every agency involved receives the minutes, the plan and the outcome record. A
conference about siblings decides for each child: each gets a plan of their own (issue 5).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.child_protection import rules
from frontdoor.child_protection.models import (
    Conference,
    ConferenceAgency,
    ConferenceChild,
    ConferenceKind,
    PlanEndReason,
    ProtectionPlan,
    Section47,
)
from frontdoor.child_protection.services._common import (
    end_plan,
    episode_problem,
    in_scope,
    meeting_moment,
    restart,
)
from frontdoor.child_protection.services.cin_overlap import cin_plans_of, end_cin_plan_for
from frontdoor.child_protection.services.partners import Partners, audit_view, named, partner_problems
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.organisations.models import PartnerAgency, User
from frontdoor.organisations.permissions import require
from frontdoor.plans import content_services
from frontdoor.plans.facts import Review
from frontdoor.plans.models import PlanKind


@dataclass(frozen=True)
class ChildPart:
    """One child's part in a conference. `enquiry` for an initial conference, `plan` for a review;
    at a review, plan_needed=False ends the plan (with end_reason). `key`, when given, names the
    child's problems "<key>-<field>" so a page can show each beside that child's own fields."""

    child_attended: bool
    views_how: str = ""
    advocacy_offered: bool = False
    advocacy_accepted: bool = False
    advocacy_used: bool = False
    plan_needed: bool = False
    category: str = ""
    enquiry: Section47 | None = None
    plan: ProtectionPlan | None = None
    end_reason: str = ""
    key: str = ""
    # At a review: each outcome of the child's plan to (score 0-10, note), saved with the conference.
    progress: content_services.Scores | None = None


def _enquiry(part: ChildPart) -> Section47:
    if part.enquiry is None:
        raise ValueError("An initial conference decides about a child's section 47 enquiry")
    return part.enquiry


def _plan(part: ChildPart) -> ProtectionPlan:
    if part.plan is None:
        raise ValueError("A review conference decides about a child's plan")
    return part.plan


def _participation_problems(part: ChildPart) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not part.child_attended and not part.views_how.strip():
        problems["views_how"] = "Say how the child's views were brought to the conference"
    if part.advocacy_accepted and not part.advocacy_offered:
        problems["advocacy_accepted"] = "Advocacy can only be accepted once offered"
    if part.advocacy_used and not part.advocacy_accepted:
        problems["advocacy_used"] = "Advocacy can only be used once accepted"
    if part.plan_needed and (message := rules.category_valid(category=part.category)):
        problems["category"] = message
    return problems


def _merge(problems: dict[str, str], index: int, part: ChildPart, name: str, found: dict[str, str]) -> None:
    """A keyed child's problems go beside that child's fields; otherwise the first child's beside the
    form's fields and a sibling's at the top, named."""
    for field, message in found.items():
        if part.key:
            problems.setdefault(f"{part.key}-{field}", message)
        elif index == 0:
            problems.setdefault(field, message)
        else:
            problems.setdefault("__all__", f"{name}: {message}")


@dataclass(frozen=True)
class Meeting:
    """The conference itself, as both kinds record it."""

    held_on: date
    chair: str
    invited: list[str]
    attended: list[str]
    family: str
    partners: dict[str, PartnerAgency]


def _conference(actor: User, kind: str, meeting: Meeting) -> Conference:
    held_on, invited, attended = meeting.held_on, meeting.invited, meeting.attended
    conference = Conference.objects.create(
        authority_id=actor.authority_id,
        kind=kind,
        held_on=held_on,
        chair=meeting.chair.strip(),
        family_attendance=meeting.family.strip(),
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    ConferenceAgency.objects.bulk_create(
        ConferenceAgency(
            conference=conference,
            agency=a,
            invited=a in invited,
            attended=a in attended,
            partner_agency=meeting.partners.get(a),
        )
        for a in dict.fromkeys([*invited, *attended])
    )
    return conference


def _child_row(conference: Conference, part: ChildPart, person_id: int, referral_id: int) -> ConferenceChild:
    return ConferenceChild.objects.create(
        conference=conference,
        person_id=person_id,
        referral_id=referral_id,
        section47=part.enquiry,
        plan=part.plan,
        child_attended=part.child_attended,
        views_how="" if part.child_attended else part.views_how.strip(),
        advocacy_offered=part.advocacy_offered,
        advocacy_accepted=part.advocacy_accepted,
        advocacy_used=part.advocacy_used,
        plan_needed=part.plan_needed,
        category=part.category if part.plan_needed else "",
    )


def _check_meeting(actor: User, meeting: Meeting) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not meeting.chair.strip():
        problems["chair"] = "Enter the name of the chair"
    if not set(meeting.attended) <= set(meeting.invited):
        problems["attended"] = "An agency that attended must also be recorded as invited"
    if not meeting.invited:
        problems["invited"] = "Select the agencies invited"
    present = [*meeting.invited, *meeting.attended]
    return problems | partner_problems(actor.authority_id, meeting.partners, present)  # type: ignore[arg-type]


def _initial_problems(part: ChildPart, held_on: date) -> dict[str, str]:
    enquiry = _enquiry(part)
    referral = enquiry.referral
    problems = _participation_problems(part)
    if message := episode_problem(referral, held_on) or rules.icpc_needs_section47(outcome=enquiry.outcome):
        problems["__all__"] = message
    elif ConferenceChild.objects.filter(section47=enquiry).exists():
        problems["__all__"] = "This enquiry's initial conference is already recorded"
    problems |= rules.initial_conference_problems(
        held_on=held_on,
        section47_start=enquiry.start_date,
        referral_date=referral.referral_date,
        today=timezone.localdate(),
    )
    if part.plan_needed and not problems:
        plans = ProtectionPlan.objects.filter(person_id=enquiry.person_id)
        cin = cin_plans_of(enquiry.person_id)
        message = rules.plan_start_problems(
            start=rules.plan_start_for(icpc_held_on=held_on),
            referral_date=referral.referral_date,
            date_of_death=enquiry.person.date_of_death,
            has_open_plan=plans.filter(end_date__isnull=True).exists(),
            earlier_plans=list(plans.values_list("start_date", "end_date")),
            cin_plans=cin.spans,
            last_cin_review=cin.last_open_review,
        )
        if message:
            problems["plan_needed"] = message
    return problems


def _plan_start(part: ChildPart, held_on: date, conference: Conference) -> ProtectionPlan:
    enquiry = _enquiry(part)
    if message := rules.plan_needs_initial_conference(conference_kind=conference.kind):
        raise ValidationError(message)
    plan = ProtectionPlan.objects.create(
        authority_id=enquiry.authority_id,
        person_id=enquiry.person_id,
        referral_id=enquiry.referral_id,
        start_date=rules.plan_start_for(icpc_held_on=held_on),
        initial_category=part.category,
        latest_category=part.category,
    )
    moment = meeting_moment(held_on)
    authority, person = enquiry.authority, enquiry.person

    def start(standard: str):  # type: ignore[no-untyped-def]
        return clock_start(
            authority=authority, standard=standard, started_at=moment, subject=plan, person=person
        )

    plan.visit_clock = start("cp_visit")
    plan.core_group_clock = start("first_core_group")
    plan.review_clock = start("first_review_conference")
    plan.save(update_fields=["visit_clock", "core_group_clock", "review_clock"])
    return plan


@transaction.atomic
def conference_initial_record(
    *,
    actor: User,
    held_on: date,
    chair: str,
    invited: list[str],
    attended: list[str],
    children: list[ChildPart],
    family_attendance: str = "",
    partners: Partners | None = None,
) -> Conference:
    """Record an initial conference for one child or several siblings, each from their own section 47
    with the outcome "conference needed". It completes each child's ICPC clock; each child the
    conference decides needs a plan gets their own plan, starting that day (CIN 2885)."""
    require(actor, "child_protection.record")
    if not children:
        raise ValueError("A conference decides about at least one child")
    in_scope(actor, *(part.enquiry for part in children if part.enquiry))
    enquiries = Section47.objects.select_for_update().filter(
        pk__in=[p.enquiry.pk for p in children if p.enquiry]
    )
    list(enquiries)  # lock the enquiries so a second recording of the same conference waits
    meeting = Meeting(held_on, chair, invited, attended, family_attendance, named(partners))
    problems = _check_meeting(actor, meeting)
    for index, part in enumerate(children):
        _merge(
            problems,
            index,
            part,
            part.enquiry.person.full_name if part.enquiry else "",
            _initial_problems(part, held_on),
        )
    if problems:
        raise ValidationError(problems)
    conference = _conference(actor, ConferenceKind.INITIAL, meeting)
    for part in children:
        enquiry = _enquiry(part)
        _child_row(conference, part, enquiry.person_id, enquiry.referral_id)
        if enquiry.icpc_clock is not None and enquiry.icpc_clock.completed_at is None:
            clock_complete(clock=enquiry.icpc_clock, at=meeting_moment(held_on))
        plan = _plan_start(part, held_on, conference) if part.plan_needed else None
        cin_plan = (
            end_cin_plan_for(actor=actor, person_id=plan.person_id, plan_start=plan.start_date)
            if plan
            else None
        )
        audit_record(
            actor=actor,
            action="conference.initial_recorded",
            subject=conference,
            authority_id=conference.authority_id,
            person_id=enquiry.person_id,
            changes={
                "held_on": held_on,
                "plan": plan.pk if plan else None,
                "category": part.category,
                "cin_plan_ended": cin_plan.pk if cin_plan else None,
                "partners": audit_view(meeting.partners),
            },
        )
    return conference


def _review_problems(part: ChildPart, held_on: date) -> dict[str, str]:
    plan = _plan(part)
    problems = _participation_problems(part)
    if not plan.is_open:
        problems["__all__"] = "This plan has ended"
        return problems
    last = ConferenceChild.objects.filter(plan=plan).aggregate(last=Max("conference__held_on"))["last"]
    problems |= rules.review_conference_problems(
        held_on=held_on, plan_start=plan.start_date, last_review=last, today=timezone.localdate()
    )
    if message := rules.review_not_during_cin_plan(
        held_on=held_on, cin_plans=cin_plans_of(plan.person_id).spans
    ):
        problems.setdefault("held_on", message)
    if not part.plan_needed:
        ending = rules.plan_end_problems(
            start=plan.start_date,
            end=held_on,
            today=timezone.localdate(),
            date_of_death=plan.person.date_of_death,
        )
        if ending:
            problems.setdefault("held_on", ending["end_date"])
    return problems | content_services.meeting_progress_problems(
        kind=PlanKind.CP, plan_id=plan.pk, scores=part.progress
    )


@transaction.atomic
def conference_review_record(
    *,
    actor: User,
    held_on: date,
    chair: str,
    invited: list[str],
    attended: list[str],
    children: list[ChildPart],
    family_attendance: str = "",
    partners: Partners | None = None,
) -> Conference:
    """Record a review conference. The review clock completes; a plan that continues takes the latest
    category and its next review is due within 6 months (T13); a plan no longer needed ends that day."""
    require(actor, "child_protection.record")
    if not children:
        raise ValueError("A conference decides about at least one child")
    in_scope(actor, *(part.plan for part in children if part.plan))
    plans = {
        p.pk: p
        for p in ProtectionPlan.objects.select_for_update().filter(
            pk__in=[c.plan.pk for c in children if c.plan]
        )
    }
    children = [ChildPart(**{**part.__dict__, "plan": plans[part.plan.pk]}) for part in children if part.plan]
    meeting = Meeting(held_on, chair, invited, attended, family_attendance, named(partners))
    problems = _check_meeting(actor, meeting)
    for index, part in enumerate(children):
        _merge(
            problems,
            index,
            part,
            part.plan.person.full_name if part.plan else "",
            _review_problems(part, held_on),
        )
    if problems:
        raise ValidationError(problems)
    conference = _conference(actor, ConferenceKind.REVIEW, meeting)
    moment = meeting_moment(held_on)
    for part in children:
        plan = _plan(part)
        _child_row(conference, part, plan.person_id, plan.referral_id)
        content_services.meeting_progress_save(
            actor=actor, kind=PlanKind.CP, plan_id=plan.pk, scores=part.progress,
            review=Review(conference._meta.label_lower, conference.pk, held_on, ""),
        )  # fmt: skip
        if part.plan_needed:
            plan.latest_category = part.category
            plan.review_clock = restart(
                plan.review_clock, at=moment, standard="review_conference", subject=plan
            )
            plan.save(update_fields=["latest_category", "review_clock"])
        else:
            end_plan(plan, held_on, part.end_reason or PlanEndReason.NO_LONGER_AT_RISK)
        audit_record(
            actor=actor,
            action="conference.review_recorded",
            subject=conference,
            authority_id=conference.authority_id,
            person_id=plan.person_id,
            changes={
                "held_on": held_on,
                "plan": plan.pk,
                "continues": part.plan_needed,
                "category": part.category,
                "partners": audit_view(meeting.partners),
            },
        )
    return conference
