"""Every write about missing children: the notification, the return, the manager's oversight, the
return home interview, and the pattern flags.

Each service checks permission, validates (missing.rules), writes in one transaction with its
audit event, and starts or stops the clocks it touches: `missing_oversight` (1 working day from the
notification) and `rhi_offered` (72 clock hours from the return, weekends and bank holidays
included), both in clocks.rules.DEFAULT_STANDARDS.
"""

from dataclasses import dataclass
from datetime import datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.core.records import check_version, same_authority
from frontdoor.missing import rules
from frontdoor.missing.models import (
    MissingEpisode,
    Oversight,
    OversightDecision,
    PatternFlag,
    PatternSetting,
    ReturnInterview,
    Source,
)
from frontdoor.notifications.models import Kind
from frontdoor.notifications.services import notify
from frontdoor.organisations.models import Role, User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person


@dataclass(frozen=True)
class EpisodeData:
    """One notification's facts, as typed in or read from a police spreadsheet row."""

    person: Person
    looked_after: bool
    went_missing_at: datetime
    reported_at: datetime
    notified_at: datetime
    returned_at: datetime | None = None
    where_found: str = ""
    safe_and_well_done: bool | None = None
    police_reference: str = ""


def pattern_rule_for(authority_id: int) -> rules.PatternRule:
    setting = PatternSetting.objects.filter(authority_id=authority_id).first()
    if setting is None:
        return rules.PatternRule()
    return rules.PatternRule(
        episodes=setting.episodes,
        days=setting.days,
        overnight=setting.flag_overnight,
        night_hour=setting.night_hour,
    )


def episode_problems(data: EpisodeData, now: datetime) -> dict[str, str]:
    problems = rules.episode_problems(
        went_missing_at=data.went_missing_at,
        reported_at=data.reported_at,
        notified_at=data.notified_at,
        returned_at=data.returned_at,
        now=now,
    )
    if not data.person.is_child:
        problems["person"] = "Missing episodes are recorded for children"
    if (
        data.police_reference
        and MissingEpisode.objects.filter(
            authority_id=data.person.authority_id, police_reference=data.police_reference
        ).exists()
    ):
        problems["police_reference"] = f"Police reference {data.police_reference} is already recorded"
    return problems


def _create(actor: User, data: EpisodeData, source: str, now: datetime) -> MissingEpisode:
    """Write one validated episode with its clocks, audit row and any pattern flag."""
    person = data.person
    episode = MissingEpisode(
        authority_id=person.authority_id,
        person=person,
        looked_after=data.looked_after,
        went_missing_at=data.went_missing_at,
        reported_at=data.reported_at,
        notified_at=data.notified_at,
        returned_at=data.returned_at,
        where_found=data.where_found.strip(),
        safe_and_well_done=data.safe_and_well_done,
        police_reference=data.police_reference.strip(),
        source=source,
        recorded_by=actor,
        recorded_at=now,
    )
    episode.save()
    episode.oversight_clock = clock_start(
        authority=person.authority,
        standard="missing_oversight",
        started_at=data.notified_at,
        subject=episode,
        person=person,
    )
    episode.save(update_fields=["oversight_clock"])
    if data.returned_at is not None:
        _start_interview_clock(episode)
    audit_record(
        actor=actor,
        action="missing.episode_recorded" if source == Source.RECORDED else "missing.episode_imported",
        subject=episode,
        authority_id=episode.authority_id,
        person_id=person.pk,
        changes={
            "looked_after": episode.looked_after,
            "went_missing_at": episode.went_missing_at,
            "notified_at": episode.notified_at,
            "returned_at": episode.returned_at,
            "police_reference": episode.police_reference,
        },
    )
    _flag_if_pattern(actor=actor, episode=episode, now=now)
    if episode.returned_at is None:
        _tell_managers_on_duty(actor, episode)
    return episode


def _tell_managers_on_duty(actor: User, episode: MissingEpisode) -> None:
    """A child still missing: the front door's team managers are told at once. The front door
    receives every police notification and its managers record the oversight (missing.oversee), so
    they are the managers on duty; a child's allocated team is the referrals app's to know. No
    child is named: the notice may be emailed."""
    managers = User.objects.filter(
        authority_id=episode.authority_id, role=Role.TEAM_MANAGER, team__is_front_door=True, is_active=True
    ).exclude(pk=actor.pk)
    recorded = f"{timezone.localtime(episode.recorded_at):%H:%M on %d %b %Y}"
    due = episode.oversight_clock.due_at if episode.oversight_clock else None
    oversight = (
        f" A manager's oversight is due by {timezone.localtime(due):%H:%M on %d %b %Y}." if due else ""
    )
    notify(
        authority_id=episode.authority_id,
        recipients=managers,
        kind=Kind.CHILD_MISSING,
        event_key=f"missing_episode:{episode.pk}",
        title="A child has been reported missing",
        body=f"A child was reported missing, recorded at {recorded}.{oversight}",
        link=reverse("missing:detail", kwargs={"pk": episode.pk}),
    )


def _start_interview_clock(episode: MissingEpisode) -> None:
    """Start both 72-hour clocks from the return: the interview offered, and the interview held."""
    assert episode.returned_at is not None  # noqa: S101  # callers start it on a recorded return
    episode.interview_clock, episode.held_clock = (
        clock_start(
            authority=episode.person.authority,
            standard=standard,
            started_at=episode.returned_at,
            subject=episode,
            person=episode.person,
        )
        for standard in ("rhi_offered", "rhi_held")
    )
    episode.save(update_fields=["interview_clock", "held_clock"])


def _stop_held_clock(episode: MissingEpisode, at: datetime) -> None:
    """The interview was held, or the child declined it: the duty to hold it ends at `at`."""
    clock = episode.held_clock
    if clock is not None and clock.completed_at is None:
        clock_complete(clock=clock, at=at)


@transaction.atomic
def episode_record(*, actor: User, data: EpisodeData) -> MissingEpisode:
    """Record a missing notification. Starts the manager's oversight clock (1 working day from
    receipt) and, if the child has already returned, the 72-hour return interview clock."""
    require(actor, "missing.record")
    same_authority(actor, data.person)
    now = timezone.now()
    problems = episode_problems(data, now)
    if problems:
        raise ValidationError(problems)
    return _create(actor, data, Source.RECORDED, now)


@transaction.atomic
def episodes_import(*, actor: User, rows: list[EpisodeData]) -> list[MissingEpisode]:
    """Import episodes from a police spreadsheet: every row is checked again here and, if any one
    is refused, none is written (one transaction). The caller offers "import the valid rows" only
    as a separate, explicit step, by passing just those rows."""
    require(actor, "missing.import")
    if not rows:
        raise ValidationError("There are no rows to import")
    same_authority(actor, *(row.person for row in rows))
    now = timezone.now()
    refused = {
        f"{row.police_reference or index}": "; ".join(problems.values())
        for index, row in enumerate(rows, start=1)
        if (problems := episode_problems(row, now))
    }
    references = [row.police_reference for row in rows if row.police_reference]
    if len(references) != len(set(references)):
        refused["police_reference"] = "The same police reference appears more than once"
    if refused:
        raise ValidationError([f"{key}: {reason}" for key, reason in refused.items()])
    return [_create(actor, row, Source.IMPORTED, now) for row in rows]


def _locked(episode: MissingEpisode, version: int) -> MissingEpisode:
    current = MissingEpisode.objects.select_for_update().get(pk=episode.pk)
    check_version(current, version)
    return current


@transaction.atomic
def episode_return(
    *,
    actor: User,
    episode: MissingEpisode,
    version: int,
    returned_at: datetime,
    where_found: str = "",
    safe_and_well_done: bool | None = None,
) -> MissingEpisode:
    """Record that the child was found or came back: starts the 72-hour interview clock."""
    require(actor, "missing.record")
    same_authority(actor, episode)
    episode = _locked(episode, version)
    if episode.returned_at is not None:
        raise ValidationError({"returned_at": "The child's return is already recorded"})
    now = timezone.now()
    problems = rules.episode_problems(
        went_missing_at=episode.went_missing_at,
        reported_at=episode.reported_at,
        notified_at=episode.notified_at,
        returned_at=returned_at,
        now=now,
    )
    if problems:
        raise ValidationError({"returned_at": problems.get("returned_at", next(iter(problems.values())))})
    episode.returned_at = returned_at
    episode.where_found = where_found.strip()
    episode.safe_and_well_done = safe_and_well_done
    episode.version += 1
    episode.save(update_fields=["returned_at", "where_found", "safe_and_well_done", "version"])
    _start_interview_clock(episode)
    audit_record(
        actor=actor,
        action="missing.returned",
        subject=episode,
        authority_id=episode.authority_id,
        person_id=episode.person_id,
        changes={"returned_at": returned_at, "where_found": episode.where_found,
                 "safe_and_well_done": safe_and_well_done},
    )  # fmt: skip
    _flag_if_pattern(actor=actor, episode=episode, now=now)
    return episode


@transaction.atomic
def oversight_record(*, actor: User, episode: MissingEpisode, decision: str, rationale: str) -> Oversight:
    """A manager's oversight of the notification; stops the 1-working-day oversight clock."""
    require(actor, "missing.oversee")
    same_authority(actor, episode)
    problems = {}
    if decision not in OversightDecision.values:
        problems["decision"] = "Select the decision"
    if not rationale.strip():
        problems["rationale"] = "Explain the decision"
    if Oversight.objects.filter(episode=episode).exists():
        problems["decision"] = "Oversight of this notification is already recorded"
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    oversight = Oversight.objects.create(
        episode=episode, decision=decision, rationale=rationale.strip(), by=actor, at=now
    )
    if episode.oversight_clock is not None:
        clock_complete(clock=episode.oversight_clock, at=now)
    audit_record(
        actor=actor,
        action="missing.oversight_recorded",
        subject=oversight,
        authority_id=episode.authority_id,
        person_id=episode.person_id,
        changes={"decision": decision},
    )
    return oversight


@transaction.atomic
def interview_offer(
    *,
    actor: User,
    episode: MissingEpisode,
    offered_at: datetime,
    offered_by: str,
    offered_by_independent: bool,
    not_independent_reason: str = "",
    accepted: bool | None = None,
    declined_reason: str = "",
    asked_preference: bool | None = None,
    preferred_person: str = "",
) -> ReturnInterview:
    """Record the offer of a return home interview, and whether the child was asked who they would
    prefer to talk to. Stops the 72-hour offer clock at the offer; a decline also stops the
    72-hour clock for holding it (there is no interview to hold)."""
    require(actor, "missing.interview")
    same_authority(actor, episode)
    problems = rules.offer_problems(
        offered_at=offered_at,
        returned_at=episode.returned_at,
        now=timezone.now(),
        offered_by=offered_by,
        independent=offered_by_independent,
        not_independent_reason=not_independent_reason,
        accepted=accepted,
        declined_reason=declined_reason,
        asked_preference=asked_preference,
        preferred_person=preferred_person,
    )
    if ReturnInterview.objects.filter(episode=episode).exists():
        problems["offered_at"] = "An offer is already recorded for this episode"
    if problems:
        raise ValidationError(problems)
    interview = ReturnInterview.objects.create(
        episode=episode,
        offered_at=offered_at,
        offered_by=offered_by.strip(),
        offered_by_independent=offered_by_independent,
        not_independent_reason="" if offered_by_independent else not_independent_reason.strip(),
        accepted=accepted,
        declined_reason=declined_reason.strip() if accepted is False else "",
        asked_preference=asked_preference,
        preferred_person=preferred_person.strip() if asked_preference else "",
        recorded_by=actor,
    )
    clock = episode.interview_clock
    if clock is not None and clock.completed_at is None:
        clock_complete(clock=clock, at=offered_at)
    if accepted is False:
        _stop_held_clock(episode, offered_at)
    audit_record(
        actor=actor,
        action="missing.interview_offered",
        subject=interview,
        authority_id=episode.authority_id,
        person_id=episode.person_id,
        changes={
            "offered_at": offered_at,
            "independent": offered_by_independent,
            "accepted": accepted,
            "asked_preference": asked_preference,
        },
    )
    return interview


@transaction.atomic
def interview_complete(
    *,
    actor: User,
    interview: ReturnInterview,
    version: int,
    completed_at: datetime,
    completed_by: str,
    childs_account: str,
    push_factors: str = "",
    pull_factors: str = "",
    risks_identified: str = "",
    follow_up_actions: str = "",
    accepted: bool | None = None,
    held_by_independent: bool | None = None,
) -> ReturnInterview:
    """Record the interview itself: the child's account, push and pull factors, risks and actions,
    and whether the person who held it was independent. An offer still awaiting the child's answer
    is accepted by completing it. Stops the 72-hour clock for holding the interview."""
    require(actor, "missing.interview")
    same_authority(actor, interview.episode)
    current = ReturnInterview.objects.select_for_update().get(pk=interview.pk)
    check_version(current, version)
    if current.completed_at is not None:
        raise ValidationError({"completed_at": "This interview is already recorded as completed"})
    if current.accepted is None and accepted:
        current.accepted = True
    problems = rules.completion_problems(
        completed_at=completed_at,
        offered_at=current.offered_at,
        now=timezone.now(),
        accepted=current.accepted,
        completed_by=completed_by,
        childs_account=childs_account,
    )
    if problems:
        raise ValidationError(problems)
    fields = {
        "completed_at": completed_at,
        "completed_by": completed_by.strip(),
        "childs_account": childs_account.strip(),
        "push_factors": push_factors.strip(),
        "pull_factors": pull_factors.strip(),
        "risks_identified": risks_identified.strip(),
        "follow_up_actions": follow_up_actions.strip(),
        "held_by_independent": held_by_independent,
    }
    for name, value in fields.items():
        setattr(current, name, value)
    current.version += 1
    current.save(update_fields=[*fields, "accepted", "version"])
    _stop_held_clock(current.episode, completed_at)
    audit_record(
        actor=actor,
        action="missing.interview_completed",
        subject=current,
        authority_id=current.episode.authority_id,
        person_id=current.episode.person_id,
        changes={
            "completed_at": completed_at,
            "completed_by": fields["completed_by"],
            "held_by_independent": held_by_independent,
        },
    )
    return current


def _flag_if_pattern(*, actor: User, episode: MissingEpisode, now: datetime) -> PatternFlag | None:
    """Flag the child when this episode meets the authority's pattern rule; an unacknowledged flag
    already open is brought up to date rather than duplicated."""
    starts = list(
        MissingEpisode.objects.filter(person_id=episode.person_id).values_list("went_missing_at", flat=True)
    )
    reasons = rules.pattern_reasons(
        pattern_rule_for(episode.authority_id),
        starts=starts,
        went=episode.went_missing_at,
        until=episode.returned_at or now,
        zone=timezone.get_default_timezone(),
    )
    if not reasons:
        return None
    reason = "; ".join(reasons)
    flag = (
        PatternFlag.objects.select_for_update()
        .filter(person_id=episode.person_id, acknowledged_at__isnull=True)
        .first()
    )
    if flag is not None:
        if flag.reason == reason:
            return flag
        flag.reason, flag.episode = reason, episode
        flag.save(update_fields=["reason", "episode"])
        action = "missing.flag_updated"
    else:
        flag = PatternFlag.objects.create(
            authority_id=episode.authority_id, person_id=episode.person_id, episode=episode,
            reason=reason, raised_at=now,
        )  # fmt: skip
        action = "missing.flag_raised"
    audit_record(
        actor=actor,
        action=action,
        subject=flag,
        authority_id=flag.authority_id,
        person_id=flag.person_id,
        changes={"reason": reason, "episode": episode.pk},
    )
    return flag


@transaction.atomic
def flag_acknowledge(*, actor: User, flag: PatternFlag, note: str) -> PatternFlag:
    """A manager acknowledges the flag, saying what happens next (usually a strategy discussion)."""
    require(actor, "missing.flag_acknowledge")
    same_authority(actor, flag)
    current = PatternFlag.objects.select_for_update().get(pk=flag.pk)
    if current.acknowledged_at is not None:
        raise ValidationError({"note": "This flag is already acknowledged"})
    if not note.strip():
        raise ValidationError({"note": "Say what will happen next"})
    current.acknowledged_by, current.acknowledged_at, current.note = actor, timezone.now(), note.strip()
    current.save(update_fields=["acknowledged_by", "acknowledged_at", "note"])
    audit_record(
        actor=actor,
        action="missing.flag_acknowledged",
        subject=current,
        authority_id=current.authority_id,
        person_id=current.person_id,
        changes={"note": current.note},
    )
    return current
