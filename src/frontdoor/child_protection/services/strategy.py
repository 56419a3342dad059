"""Strategy discussions, the section 47 enquiries they start, and the actions they agree.

Working Together to Safeguard Children 2023, ch. 4: a strategy discussion is held whenever there is
reasonable cause to suspect significant harm (s47 Children Act 1989), with the police and children's
social care at least; its timescale is local (standards.md §1.1 T5: the `strategy_discussion`
standard). The section 47 enquiry starts on the day of the discussion (CIN S47ActualStartDate).
"""

from collections.abc import Mapping
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.child_protection import rules
from frontdoor.child_protection.models import (
    Agency,
    CoreGroup,
    Participant,
    Section47,
    StrategyDiscussion,
)
from frontdoor.child_protection.services._common import episode_problem, in_scope
from frontdoor.child_protection.services.partners import Partners, audit_view, named, partner_problems
from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.referrals.models import Referral
from frontdoor.tasks.models import Task, TaskKind
from frontdoor.tasks.services import Owner, task_complete, task_create

STANDARD = "strategy_discussion"


def strategy_clock_start(*, referral: Referral, at: datetime) -> Clock:
    """Start the strategy discussion clock at the decision that the section 47 threshold may be met
    (T5). Called by referrals.services when the front door decides on a strategy discussion, inside
    its transaction."""
    return clock_start(
        authority=referral.authority,
        standard=STANDARD,
        started_at=at,
        subject=referral,
        person=referral.person,
    )


def strategy_clock_open(referral: Referral) -> Clock | None:
    return (
        Clock.objects.filter(
            authority_id=referral.authority_id,
            standard=STANDARD,
            subject_type=referral._meta.label_lower,
            subject_id=referral.pk,
            completed_at__isnull=True,
        )
        .order_by("started_at", "pk")
        .first()
    )


def _clock_for(referral: Referral, threshold_decided_at: datetime | None, held_at: datetime) -> Clock:
    """The running clock, or one started now from the moment the threshold decision was made
    during the episode (a typed start event; the due time is the engine's)."""
    clock = strategy_clock_open(referral)
    if clock is not None:
        return clock
    if threshold_decided_at is None:
        raise ValidationError(
            {"threshold_decided_at": "Enter when it was decided that a strategy discussion was needed"}
        )
    if threshold_decided_at > held_at:
        raise ValidationError(
            {"threshold_decided_at": "The decision that a discussion was needed cannot be after it was held"}
        )
    # Issue 18: no event before the contact that started the episode.
    journey = referral.contact_child
    if journey is not None and threshold_decided_at < journey.contact.received_at:
        raise ValidationError(
            {
                "threshold_decided_at": (
                    "The decision that a discussion was needed cannot be before the contact was received"
                )
            }
        )
    return strategy_clock_start(referral=referral, at=threshold_decided_at)


def _problems(
    referral: Referral,
    clock: Clock,
    *,
    held_at: datetime,
    section47: bool,
    late_rationale: str,
    interim_safety_plan: str,
    invited: list[str],
    attended: list[str],
) -> dict[str, str]:
    """The discussion's own rules, then the census's: the enquiry it starts is not before the
    referral (2889) and is the episode's only open one (8839, 8890)."""
    problems = rules.strategy_problems(
        held_at=held_at,
        now=timezone.now(),
        due_at=clock.due_at,
        late_rationale=late_rationale,
        interim_safety_plan=interim_safety_plan,
        invited=invited,
        attended=attended,
    )
    held_on = timezone.localdate(held_at)
    if start_problem := rules.section47_not_before_referral(
        start=held_on, referral_date=referral.referral_date
    ):
        problems.setdefault("held_at", start_problem)
    open_enquiries = Section47.objects.filter(referral=referral, end_date__isnull=True).count()
    if section47 and (message := rules.one_open_section47(open_enquiries=open_enquiries)):
        problems["section47"] = message
    return problems


@transaction.atomic
def strategy_discussion_record(
    *,
    actor: User,
    referral: Referral,
    held_at: datetime,
    information_shared: str,
    section47: bool,
    decision_reason: str,
    invited: list[str],
    attended: list[str],
    names: dict[str, str] | None = None,
    late_rationale: str = "",
    interim_safety_plan: str = "",
    threshold_decided_at: datetime | None = None,
    partners: Partners | None = None,
) -> StrategyDiscussion:
    """Record a strategy discussion, complete its clock and, when it decides so, start the section 47
    enquiry. Held later than the standard, it needs the management rationale for the timing and the
    interim safety plan, or nothing is saved. `partners` names, for an agency kind, the partner
    agency that was there (issue 10): the authority's own, of that kind, invited or attended."""
    require(actor, "child_protection.record")
    in_scope(actor, referral)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    held_on = timezone.localdate(held_at)
    if problem := episode_problem(referral, held_on):
        raise ValidationError(problem)
    clock = _clock_for(referral, threshold_decided_at, held_at)
    problems = _problems(
        referral,
        clock,
        held_at=held_at,
        section47=section47,
        late_rationale=late_rationale,
        interim_safety_plan=interim_safety_plan,
        invited=invited,
        attended=attended,
    )
    chosen = named(partners)
    for field, message in partner_problems(referral.authority_id, chosen, [*invited, *attended]).items():
        problems.setdefault(field, message)
    if problems:
        raise ValidationError(problems)
    discussion = StrategyDiscussion.objects.create(
        authority_id=referral.authority_id,
        referral=referral,
        person_id=referral.person_id,
        held_at=held_at,
        information_shared=information_shared.strip(),
        section47=section47,
        decision_reason=decision_reason.strip(),
        late_rationale=late_rationale.strip() if held_at > clock.due_at else "",
        interim_safety_plan=interim_safety_plan.strip(),
        clock=clock,
        recorded_by=actor,
        recorded_at=timezone.now(),
    )
    _participants(discussion, invited, attended, names or {}, chosen)
    clock_complete(clock=clock, at=held_at)
    enquiry = _start_enquiry(discussion) if section47 else None
    audit_record(
        actor=actor,
        action="strategy_discussion.recorded",
        subject=discussion,
        authority_id=discussion.authority_id,
        person_id=discussion.person_id,
        changes={
            "held_at": held_at,
            "section47": section47,
            "late": discussion.was_late,
            "invited": sorted(invited),
            "attended": sorted(attended),
            "section47_enquiry": enquiry.pk if enquiry else None,
            "partners": audit_view(chosen),
        },
    )
    return discussion


def _start_enquiry(discussion: StrategyDiscussion) -> Section47:
    """The section 47 starts on the day of the discussion that decided it (CIN S47ActualStartDate)."""
    return Section47.objects.create(
        authority_id=discussion.authority_id,
        referral_id=discussion.referral_id,
        person_id=discussion.person_id,
        discussion=discussion,
        start_date=timezone.localdate(discussion.held_at),
    )


def _participants(
    discussion: StrategyDiscussion,
    invited: list[str],
    attended: list[str],
    names: Mapping[str, str],
    partners: Partners,
) -> None:
    Participant.objects.bulk_create(
        Participant(
            discussion=discussion,
            agency=agency,
            invited=agency in invited,
            attended=agency in attended,
            name_and_role=(names.get(agency) or "").strip(),
            partner_agency=partners.get(agency),
        )
        for agency in Agency.values
        if agency in invited or agency in attended
    )


@transaction.atomic
def strategy_rationale_sign_off(*, actor: User, discussion: StrategyDiscussion) -> StrategyDiscussion:
    """A manager signs off the rationale for a discussion held later than its standard."""
    require(actor, "child_protection.sign_off")
    in_scope(actor, discussion)
    discussion = (
        StrategyDiscussion.objects.select_for_update(of=("self",))
        .select_related("clock")
        .get(pk=discussion.pk)
    )
    if not discussion.late_rationale:
        raise ValidationError("This discussion was on time: there is no late rationale to sign off")
    if discussion.rationale_signed_off_at is not None:
        raise ValidationError("The rationale has already been signed off")
    discussion.rationale_signed_off_by = actor
    discussion.rationale_signed_off_at = timezone.now()
    discussion.save(update_fields=["rationale_signed_off_by", "rationale_signed_off_at"])
    audit_record(
        actor=actor,
        action="strategy_discussion.rationale_signed_off",
        subject=discussion,
        authority_id=discussion.authority_id,
        person_id=discussion.person_id,
        changes={"signed_off_at": discussion.rationale_signed_off_at},
    )
    return discussion


@transaction.atomic
def action_add(
    *,
    actor: User,
    what: str,
    owner: Owner | None,
    due_on: date | None,
    discussion: StrategyDiscussion | None = None,
    core_group: CoreGroup | None = None,
) -> Task:
    """An action agreed at a strategy discussion or a core group (a tasks.Task): always an owner and
    a due date, not before the meeting (tasks.services.task_create refuses anything less)."""
    require(actor, "child_protection.record")
    meeting = discussion or core_group
    if meeting is None or (discussion is not None and core_group is not None):
        raise ValueError("An action belongs to exactly one meeting")
    in_scope(actor, meeting)
    if discussion is not None:
        kind, day = TaskKind.STRATEGY_DISCUSSION, timezone.localdate(discussion.held_at)
        person_id = discussion.person_id
    else:
        kind, day = TaskKind.CORE_GROUP, core_group.held_on  # type: ignore[union-attr]
        person_id = core_group.plan.person_id  # type: ignore[union-attr]
    return task_create(
        actor=actor, kind=kind, source=meeting, what=what, owner=owner or Owner(), due_on=due_on,
        person_id=person_id, earliest=day, event="cp_action.added",
    )  # fmt: skip


CP_KINDS = (TaskKind.STRATEGY_DISCUSSION, TaskKind.CORE_GROUP)


@transaction.atomic
def action_complete(*, actor: User, action: Task) -> Task:
    """Mark a strategy discussion or core group action done (the button is the confirmation)."""
    require(actor, "child_protection.record")
    in_scope(actor, action)
    if action.kind not in CP_KINDS:
        raise ValidationError("That is not a child protection action.")
    return task_complete(actor=actor, task=action, event="cp_action.done")
