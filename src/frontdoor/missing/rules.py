"""Rules for missing episodes, return home interviews and pattern flags: pure functions, no Django.

Sources: Children who run away or go missing from home or care, DfE statutory guidance, January
2014 (standards.md §1.1 T17, T18): the police carry out a safe-and-well check on return; the local
authority offers an independent return interview, someone not involved in caring for the child,
within 72 hours of the return. The pattern rule is local practice (peers.md G4: "missing 3 or more
times in a 30 day period requires a strategy meeting", Derbyshire), so it is configurable.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo


@dataclass(frozen=True)
class PatternRule:
    """`episodes` or more episodes within `days` days, or an episode that lasts past `night_hour`
    o'clock local time (when `overnight` is on), flags the child for a strategy discussion."""

    episodes: int = 3
    days: int = 30
    overnight: bool = True
    night_hour: int = 0


def _utc(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Naive datetime: missing-episode rules need aware datetimes")
    return moment.astimezone(UTC)


def episodes_within(starts: Iterable[datetime], at: datetime, days: int) -> list[datetime]:
    """The episode starts in the `days` days up to and including `at` (at - days, at], in order."""
    end = _utc(at)
    begin = end - timedelta(days=days)
    return sorted(s for s in starts if begin < _utc(s) <= end)


def was_overnight(went: datetime, until: datetime, zone: tzinfo, night_hour: int = 0) -> bool:
    """Whether the child was missing at `night_hour`:00 local time on some night between going
    missing and `until` (the return, or now while still missing)."""
    local = went.astimezone(zone)
    night = datetime.combine(local.date(), time(night_hour), tzinfo=zone)
    if _utc(night) < _utc(went):
        night = datetime.combine(local.date() + timedelta(days=1), time(night_hour), tzinfo=zone)
    return _utc(night) < _utc(until)


def _day(moment: datetime, zone: tzinfo) -> str:
    local = moment.astimezone(zone)
    return f"{local.day} {local:%b}"


def pattern_reasons(
    rule: PatternRule,
    *,
    starts: Iterable[datetime],
    went: datetime,
    until: datetime,
    zone: tzinfo,
) -> list[str]:
    """Why this episode (`went` to `until`) flags the child, given the starts of all the child's
    episodes (this one included). Empty when it does not."""
    reasons = []
    known = list(starts)
    recent = episodes_within(known if went in known else [*known, went], went, rule.days)
    if len(recent) >= rule.episodes:
        days = ", ".join(_day(s, zone) for s in recent)
        reasons.append(f"Missing {len(recent)} times in {rule.days} days ({days})")
    if rule.overnight and was_overnight(went, until, zone, rule.night_hour):
        reasons.append(f"Missing overnight (went missing {_day(went, zone)})")
    return reasons


def episode_problems(
    *,
    went_missing_at: datetime,
    reported_at: datetime,
    notified_at: datetime,
    returned_at: datetime | None,
    now: datetime,
) -> dict[str, str]:
    """What is wrong with the times of an episode as recorded, by field."""
    problems: dict[str, str] = {}
    for field, moment in (("went_missing_at", went_missing_at), ("reported_at", reported_at),
                          ("notified_at", notified_at), ("returned_at", returned_at)):  # fmt: skip
        if moment is not None and _utc(moment) > _utc(now):
            problems[field] = "This must be now or in the past"
    if "reported_at" not in problems and _utc(reported_at) < _utc(went_missing_at):
        problems["reported_at"] = "The report to police cannot be before the child went missing"
    if "notified_at" not in problems and _utc(notified_at) < _utc(reported_at):
        problems["notified_at"] = "The notification cannot be before the report to police"
    if (
        returned_at is not None
        and "returned_at" not in problems
        and _utc(returned_at) < _utc(went_missing_at)
    ):
        problems["returned_at"] = "The return cannot be before the child went missing"
    return problems


def offer_problems(
    *,
    offered_at: datetime,
    returned_at: datetime | None,
    now: datetime,
    offered_by: str,
    independent: bool,
    not_independent_reason: str,
    accepted: bool | None,
    declined_reason: str,
    asked_preference: bool | None = None,
    preferred_person: str = "",
) -> dict[str, str]:
    """What is wrong with a recorded offer of a return home interview, by field. Whom the child
    would prefer is recorded only when they were asked (statutory guidance, January 2014: the
    child should be able to talk to someone they trust)."""
    problems: dict[str, str] = {}
    if returned_at is None:
        problems["offered_at"] = "Record the child's return first: the interview is offered after it"
    elif _utc(offered_at) < _utc(returned_at):
        problems["offered_at"] = "The offer cannot be before the child returned"
    if _utc(offered_at) > _utc(now):
        problems["offered_at"] = "The offer must be now or in the past"
    if not offered_by.strip():
        problems["offered_by"] = "Enter who offered the interview"
    if not independent and not not_independent_reason.strip():
        problems["not_independent_reason"] = (
            "Explain why the interview was not offered by an independent person"
        )
    if accepted is False and not declined_reason.strip():
        problems["declined_reason"] = "Record what the child said about why they declined"
    if preferred_person.strip() and asked_preference is not True:
        problems["preferred_person"] = "Record whom the child would prefer only if they were asked"
    return problems


NOT_OFFERED_REASONS = ("declined_before_offer", "moved_away", "strategy", "other")


def not_offered_problems(*, reason: str, detail: str, returned: bool, offered: bool) -> dict[str, str]:
    """What is wrong with recording why no return interview was offered, by field.

    The guidance (DfE 2014, standards.md T18) expects an offer after every return; when none is
    made, the reason is recorded so that managers and inspectors (Annex A List 8) can see why.
    Only a returned child without an offer can have one; "other" needs the reason in words.
    """
    problems: dict[str, str] = {}
    if not returned:
        problems["reason"] = "Record the child's return first: the interview is offered after it"
    elif offered:
        problems["reason"] = "An interview offer is already recorded for this episode"
    elif reason not in NOT_OFFERED_REASONS:
        problems["reason"] = "Select why the interview was not offered"
    if reason == "other" and not detail.strip():
        problems["detail"] = "Explain why the interview was not offered"
    return problems


def completion_problems(
    *,
    completed_at: datetime,
    offered_at: datetime,
    now: datetime,
    accepted: bool | None,
    completed_by: str,
    childs_account: str,
) -> dict[str, str]:
    """What is wrong with a recorded completed interview, by field."""
    problems: dict[str, str] = {}
    if accepted is not True:
        problems["completed_at"] = "Only an interview the child accepted can be completed"
    elif _utc(completed_at) < _utc(offered_at):
        problems["completed_at"] = "The interview cannot be before it was offered"
    if _utc(completed_at) > _utc(now):
        problems["completed_at"] = "The interview must be now or in the past"
    if not completed_by.strip():
        problems["completed_by"] = "Enter who carried out the interview"
    if not childs_account.strip():
        problems["childs_account"] = "Record the child's account, in their words"
    return problems


def month_of(moment: datetime, zone: tzinfo) -> date:
    """The first day of the local month `moment` falls in (figures are counted by month)."""
    local = moment.astimezone(zone)
    return date(local.year, local.month, 1)
