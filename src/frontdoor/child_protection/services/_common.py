"""Helpers the child protection services share: scope checks, the episode's own rules, clocks."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

from django.db import models

from frontdoor.child_protection import rules
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.core.records import same_authority
from frontdoor.referrals.models import Referral

LONDON = ZoneInfo("Europe/London")
# Meetings recorded by date stop and start clocks at midday London time: working days are counted
# by date, so the hour changes nothing but the order of events on the day.
MEETING_TIME = time(12, 0)


def meeting_moment(day: date) -> datetime:
    return datetime.combine(day, MEETING_TIME, tzinfo=LONDON)


# Refuse a record of another authority (core.records, the one definition).
in_scope = same_authority


def episode_problem(referral: Referral, on: date) -> str | None:
    """CIN 8831/8832 (no CP work on an NFA referral), 8565 and 2990 (none after closure)."""
    return rules.not_nfa(nfa=referral.nfa) or rules.episode_open(
        closure_date=referral.closure_date, closure_reason=referral.closure_reason, on=on
    )


def restart(clock: Clock | None, *, at: datetime, standard: str, subject: models.Model) -> Clock:
    """Complete a repeating clock at `at` and start its next interval from the same moment."""
    if clock is not None and clock.completed_at is None:
        clock_complete(clock=clock, at=at)
    person = getattr(subject, "person", None)
    return clock_start(
        authority=subject.authority,  # type: ignore[attr-defined]
        standard=standard,
        started_at=at,
        subject=subject,
        person=person,
    )


def finish(clock: Clock | None, *, at: datetime) -> None:
    if clock is not None and clock.completed_at is None:
        clock_complete(clock=clock, at=at)


def end_plan(plan: ProtectionPlan, end_date: date, reason: str) -> None:
    """End the plan; its visit, review and core group duties end with it."""
    moment = meeting_moment(end_date)
    for clock in (plan.visit_clock, plan.review_clock, plan.core_group_clock):
        finish(clock, at=moment)
    plan.end_date, plan.end_reason = end_date, reason
    plan.save(update_fields=["end_date", "end_reason"])
