"""Statutory and local timescales as pure functions (no Django imports): units, counting conventions,
the default standards, and the due time, elapsed time and state of any clock.

Sources: ../shared/domain/standards.md §1 (timescales §1.1, complaints §1.2, working-day and
calendar rules §1.3, DfE measures §1.4).

Invariants:
- Aware datetimes in, aware datetimes out: `due` returns the due moment in the time zone of `start`.
- Day and month units are due at the END of the due date in the calendar's zone (Europe/London),
  23:59:59.999999 local, so a clock is breached from the first instant of the next day.
- Calendar-month units fall due on the last working day on or before the date n months on (a
  review conference due on a Sunday is due the Friday before: issue 18; the standard is "within"
  n months, so moving earlier never breaches it, moving later would).
- Conventions (§1.3.2) apply to the day units only; hours and months ignore them. DAY_ZERO (default,
  the Working Together reading): the day of the event is day 0, due = start + n days. DAY_ONE (the
  DfE validator's inclusive count, `CustomBusinessDay(n=n-1)`): the day of the event is day 1, due =
  start + (n - 1) days, rolling a non-working start forward as pandas does.
- Pauses extend the due time by the time paused, measured in the standard's unit: clock hours by the
  duration; working hours by the office hours paused; working days by the working days in
  (pause start date, pause end date], so a pause opened and closed on one day adds nothing; calendar
  days and months by the calendar days in that interval. Elapsed time leaves paused time out.
- Out of hours (§1.3.2: LOCAL, configurable): with `out_of_hours_next_day`, a start on a non-working
  day, or outside office hours when the calendar has them, counts from the opening of the next
  working day (midnight without office hours; the same day's opening when before it). Callers set
  it for standards that start on receipt (`Standard.receipt_based`) only: the statutory 72-hour
  return interview runs from the child's return whatever the hour.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from enum import StrEnum
from itertools import pairwise

from dateutil.relativedelta import relativedelta

from frontdoor.clocks.calendar import WorkingCalendar


class Unit(StrEnum):
    CLOCK_HOURS = "clock_hours"
    WORKING_HOURS = "working_hours"
    WORKING_DAYS = "working_days"
    CALENDAR_DAYS = "calendar_days"
    CALENDAR_MONTHS = "calendar_months"

    @property
    def is_hours(self) -> bool:
        return self in (Unit.CLOCK_HOURS, Unit.WORKING_HOURS)

    def describe(self, length: float) -> str:
        """'1 working day', '72 clock hours', '3 calendar months'."""
        words = self.value.replace("_", " ")
        amount = f"{length:g}"
        return f"{amount} {words[:-1]}" if length == 1 else f"{amount} {words}"


class Convention(StrEnum):
    DAY_ZERO = "day_zero"  # the day of the event is day 0 (Working Together; default)
    DAY_ONE = "day_one"  # the day of the event is day 1 (DfE validator, england_working_days)


class Status(StrEnum):
    STATUTORY = "statutory"
    STATUTORY_GUIDANCE = "statutory_guidance"
    LOCAL = "local"
    DFE_MEASURE = "dfe_measure"


@dataclass(frozen=True)
class Standard:
    """One timescale: `length` `unit`s from `start_event`, as `source` sets it."""

    code: str
    name: str
    unit: Unit
    length: int
    start_event: str
    source: str
    status: Status = Status.STATUTORY
    repeats: bool = False
    extendable_to: int | None = None
    # The clock starts when something arrives from outside, so the out-of-hours rule may apply.
    receipt_based: bool = False
    # For working days: due at this local time of the length-th working day after the start,
    # counting a working day whose `due_time` is still to come as the first (Operation Encompass:
    # "before the start of the next school day"), instead of at the end of the due day.
    due_time: time | None = None

    @property
    def definition(self) -> str:
        extension = f", extendable to {self.extendable_to}" if self.extendable_to else ""
        again = "; repeats from each event" if self.repeats else ""
        if self.due_time is not None and self.unit is Unit.WORKING_DAYS:
            return f"by {self.due_time:%H:%M} on the next working day after {self.start_event}{again}"
        return f"{self.unit.describe(self.length)} from {self.start_event}{extension}{again}"


@dataclass(frozen=True)
class Pause:
    """A stretch of time when a clock stood still; end is None while it is still paused."""

    start: datetime
    end: datetime | None = None


@dataclass(frozen=True)
class ClockState:
    """A clock as at `now`, or as at its completion when completed."""

    due_at: datetime
    time_left: timedelta  # negative when breached
    breached: bool
    elapsed: int | float  # in the standard's unit, paused time left out
    completed: bool


_WT = "Working Together to Safeguard Children 2023, ch. 3"
_LOCAL = "Local standard (standards.md §1.1)"
_COMPLAINTS = (
    "Children Act 1989 Representations Procedure (England) Regulations 2006 (SI 2006/1738); "
    "Getting the Best from Complaints (DfE, 2006)"
)


_STANDARDS = (
    Standard("contact_decision", "Contact decision", Unit.CLOCK_HOURS, 24, "the contact being received",
             f"{_LOCAL} T1/T2: local 24-hour standards", status=Status.LOCAL, receipt_based=True),
    Standard("contact_decision_statutory", "Referral decision (statutory)", Unit.WORKING_DAYS, 1,
             "the referral being received", f"{_WT} (standards.md §1.1 T1)", receipt_based=True),
    Standard("partner_check_response", "Partner agency check response", Unit.WORKING_DAYS, 1,
             "the check being requested", f"{_LOCAL}: local information-sharing agreement",
             status=Status.LOCAL, receipt_based=True),
    Standard("daily_review", "Daily review of an undecided contact", Unit.CLOCK_HOURS, 24,
             "the contact being received",
             f"{_LOCAL}: undecided contacts reviewed daily by a manager", status=Status.LOCAL, repeats=True),
    Standard("child_seen_urgent", "Child seen (significant harm suspected)", Unit.WORKING_DAYS, 1,
             "the referral", f"{_WT} (seen within a timescale fitting the concerns); local figure, "
             "standards.md §1.1 T3", status=Status.LOCAL),
    Standard("child_seen", "Child seen", Unit.WORKING_DAYS, 5, "the referral",
             f"{_WT} (principle); local figure, standards.md §1.1 T3", status=Status.LOCAL),
    Standard("assessment", "Assessment completed", Unit.WORKING_DAYS, 45, "the referral",
             f"{_WT}: maximum 45 working days from the point of referral (standards.md §1.1 T4)"),
    Standard("assessment_dfe", "Assessment completed (DfE measure)", Unit.WORKING_DAYS, 45,
             "the assessment start (AssessmentActualStartDate)",
             "DfE children in need census and COLLECT 'Assessments working days' (standards.md §1.1 T4, "
             "§1.4)", status=Status.DFE_MEASURE),
    Standard("strategy_discussion", "Strategy discussion", Unit.WORKING_DAYS, 1,
             "the decision that the section 47 threshold may be met",
             f"{_WT} (duty; no national deadline); local figure, standards.md §1.1 T5", status=Status.LOCAL),
    Standard("icpc", "Initial child protection conference", Unit.WORKING_DAYS, 15,
             "the strategy discussion (S47ActualStartDate)", f"{_WT} (standards.md §1.1 T7, T8)"),
    Standard("first_core_group", "First core group meeting", Unit.WORKING_DAYS, 10,
             "the initial child protection conference", f"{_WT} (standards.md §1.1 T10)"),
    Standard("core_group", "Core group meeting", Unit.CALENDAR_DAYS, 28, "the previous core group",
             f"{_LOCAL} T11: later core groups at least monthly, every 28 days (no national timescale; "
             "Wales: monthly, never more than 6-weekly)", status=Status.LOCAL, repeats=True),
    Standard("first_review_conference", "First child protection review conference", Unit.CALENDAR_MONTHS, 3,
             "the initial child protection conference", f"{_WT} (standards.md §1.1 T12)"),
    Standard("review_conference", "Child protection review conference", Unit.CALENDAR_MONTHS, 6,
             "the previous review conference", f"{_WT} (standards.md §1.1 T13)", repeats=True),
    Standard("cp_visit", "Child protection visit", Unit.WORKING_DAYS, 10, "the previous visit",
             f"{_LOCAL} T15: every 10 working days, the most common local minimum",
             status=Status.LOCAL, repeats=True),
    Standard("cin_plan_review", "Child in need plan review", Unit.CALENDAR_MONTHS, 3,
             "the plan start", f"{_LOCAL} T16", status=Status.LOCAL, repeats=True),
    Standard("papers_sent", "Papers sent to partners", Unit.WORKING_DAYS, 5,
             "the paper being ready (the meeting held, the plan made, the assessment completed)",
             f"{_LOCAL}: issue 16 §3.4, every agency receives the papers promptly (Working Together "
             "2023, ch. 4); local figure beside standards.md §1.1 T16", status=Status.LOCAL),
    Standard("rhi_offered", "Return home interview offered", Unit.CLOCK_HOURS, 72,
             "the child's return (weekends count)",
             "Children who run away or go missing from home or care, DfE statutory guidance, January 2014 "
             "(standards.md §1.1 T18)", status=Status.STATUTORY_GUIDANCE),
    Standard("rhi_held", "Return home interview held", Unit.CLOCK_HOURS, 72,
             "the child's return (weekends count); ended early only by the child declining",
             "Children who run away or go missing from home or care, DfE statutory guidance, January 2014: "
             "the interview should normally be undertaken within 72 hours of the child's return "
             "(standards.md §1.1 T18)", status=Status.STATUTORY_GUIDANCE),
    Standard("missing_oversight", "Management oversight of a missing notification", Unit.WORKING_DAYS, 1,
             "the missing notification being received", f"{_LOCAL} T17/T18: local missing protocol",
             status=Status.LOCAL, receipt_based=True),
    Standard("exploitation_review_high", "Exploitation risk review (high risk)", Unit.CALENDAR_DAYS, 28,
             "the screening or last review", f"{_LOCAL}: local exploitation protocol (Get Safe)",
             status=Status.LOCAL),
    Standard("exploitation_review_medium", "Exploitation risk review (medium risk)", Unit.CALENDAR_MONTHS, 3,
             "the screening or last review", f"{_LOCAL}: local exploitation protocol (Get Safe)",
             status=Status.LOCAL),
    Standard("exploitation_review_low", "Exploitation risk review (low risk)", Unit.CALENDAR_MONTHS, 6,
             "the screening or last review", f"{_LOCAL}: local exploitation protocol (Get Safe)",
             status=Status.LOCAL),
    Standard("supervision", "Supervision", Unit.CALENDAR_DAYS, 28, "the previous supervision",
             f"{_LOCAL}: supervision every 4 weeks", status=Status.LOCAL, repeats=True),
    Standard("early_help_review", "Early help plan review", Unit.CALENDAR_DAYS, 42,
             "the plan being agreed, then each review",
             f"{_LOCAL}: team-around-the-family reviews every 6 weeks, a common local figure "
             "(assumption; no national timescale)", status=Status.LOCAL, repeats=True),
    Standard("complaint_stage1", "Complaint stage 1 response", Unit.WORKING_DAYS, 10,
             "the complaint being received",
             "Children Act 1989 Representations Procedure (England) Regulations 2006 (SI 2006/1738) reg 14; "
             "Getting the Best from Complaints (2006) (standards.md §1.2)",
             extendable_to=20, receipt_based=True),
    Standard("complaint_stage1_extended", "Complaint stage 1 response (extended)", Unit.WORKING_DAYS, 20,
             "the complaint being received",
             f"{_COMPLAINTS} reg 14(2): extended, with the complainant told why, to at most 20 working "
             "days (standards.md §1.2)",
             receipt_based=True),
    Standard("complaint_stage2", "Complaint stage 2 investigation response", Unit.WORKING_DAYS, 25,
             "the stage 2 request", f"{_COMPLAINTS} reg 17(2)-(3) (standards.md §1.2)", extendable_to=65),
    Standard("complaint_stage2_extended", "Complaint stage 2 response (extended)", Unit.WORKING_DAYS, 65,
             "the stage 2 request", f"{_COMPLAINTS} reg 17(4): extended to at most 65 working days "
             "(standards.md §1.2)"),
    Standard("complaint_stage3", "Complaint stage 3 review panel held", Unit.WORKING_DAYS, 30,
             "the stage 3 request", f"{_COMPLAINTS} reg 19(4) (standards.md §1.2)"),
    Standard("case_note_recorded", "Case note recorded", Unit.WORKING_DAYS, 2,
             "the visit, call or meeting the note records",
             f"{_LOCAL}: case notes recorded within 2 working days of the event, a common local "
             "recording standard (Ofsted ILACS: visits and management oversight recorded promptly)",
             status=Status.LOCAL),
    Standard("lado_consideration", "Initial consideration of an allegation (LADO)", Unit.WORKING_DAYS, 1,
             "the allegation reaching the designated officer",
             f"{_LOCAL} T20: allegations against people who work with children considered within 1 working "
             "day (Working Together 2023, ch. 2; KCSIE Part 4; practice.md)", status=Status.LOCAL,
             receipt_based=True),
    Standard("lado_outcome", "Allegation resolved (LADO)", Unit.CALENDAR_MONTHS, 1,
             "the allegation reaching the designated officer",
             f"{_LOCAL} T21: 80% of allegations resolved within 1 month, 90% within 3 months, all but the "
             "most exceptional within 12 months (KCSIE timeliness targets; practice.md)",
             status=Status.LOCAL),
    Standard("restriction_review", "Restricted record review", Unit.CALENDAR_MONTHS, 3,
             "the restriction being made or last reviewed",
             f"{_LOCAL}: restrictions reviewed on a 90-day rolling process (security.md §4, Nottingham City)",
             status=Status.LOCAL, repeats=True),
    Standard("operation_encompass", "School told of a domestic abuse incident (Operation Encompass)",
             Unit.WORKING_DAYS, 1, "the police attending the incident",
             "Operation Encompass (operationencompass.org): the school's key adult is told before the start "
             "of the next school day; school days taken as England and Wales working days, school day "
             "starting 08:30 (docs/adr/0015); local standard beside standards.md §1.1",
             status=Status.LOCAL, due_time=time(8, 30)),
)  # fmt: skip

DEFAULT_STANDARDS: dict[str, Standard] = {standard.code: standard for standard in _STANDARDS}


# -- helpers -------------------------------------------------------------------------------------


def _aware(moment: datetime) -> datetime:
    if moment.tzinfo is None or moment.utcoffset() is None:
        raise ValueError("Naive datetime: clocks need time-zone-aware datetimes")
    return moment


def _utc(moment: datetime) -> datetime:
    """Aware arithmetic in UTC: Python subtracts and compares datetimes that share a tzinfo by wall
    clock, which is an hour out across a clock change."""
    return _aware(moment).astimezone(UTC)


def _hours_between(start: datetime, end: datetime) -> float:
    return (_utc(end) - _utc(start)).total_seconds() / 3600


def _local_date(moment: datetime, calendar: WorkingCalendar) -> date:
    return _aware(moment).astimezone(calendar.tz).date()


def _end_of_day(day: date, calendar: WorkingCalendar, zone: tzinfo | None) -> datetime:
    """The last instant of `day` in the calendar's zone, expressed in `zone`."""
    return datetime.combine(day, time.max, tzinfo=calendar.tz).astimezone(zone)


def _months_between(start: date, end: date) -> int:
    """Whole calendar months m with start + m months <= end (month ends clamp, as relativedelta)."""
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if start + relativedelta(months=months) > end else months


def with_length(standard: Standard, length: int, unit: Unit | str | None = None) -> Standard:
    """The standard with another length (an authority's setting or an extension), and unit. An
    extendable standard (complaint stage 1: 10 working days, up to 20) refuses more than its cap."""
    cap = standard.extendable_to
    if cap is not None and length > max(cap, standard.length):
        raise ValueError(f"{standard.code} extends to {cap} at most, not {length}")
    if length < 0:
        raise ValueError("A standard's length cannot be negative")
    return replace(standard, length=length, unit=standard.unit if unit is None else Unit(unit))


def _resolved(standard: Standard, length: int | None, unit: Unit | str | None) -> Standard:
    if length is None and unit is None:
        return standard
    return with_length(standard, standard.length if length is None else length, unit)


def _due_day(standard: Standard, start_day: date, calendar: WorkingCalendar, convention: Convention) -> date:
    n = standard.length
    if standard.unit is Unit.CALENDAR_MONTHS:
        months_later: date = start_day + relativedelta(months=n)  # dateutil's stubs: Any
        return last_working_day_on_or_before(months_later, calendar, not_before=start_day)
    days = n - 1 if convention is Convention.DAY_ONE and n >= 1 else n
    if standard.unit is Unit.WORKING_DAYS:
        return calendar.add_working_days(start_day, days)
    return start_day + timedelta(days=days)


def _clipped(pauses: Sequence[Pause], begin: datetime, until: datetime | None = None) -> list[Pause]:
    """Pauses within [begin, until], open pauses closed at `until`; empty ones dropped."""
    kept = []
    for pause in pauses:
        end = pause.end if pause.end is not None else until
        if end is None:
            raise ValueError("A clock that is still paused has no due time")
        if until is not None:
            end = min(end, until, key=_utc)
        start = max(pause.start, begin, key=_utc)
        if _utc(end) > _utc(start):
            kept.append(Pause(start, end))
    return kept


# -- the rules -----------------------------------------------------------------------------------


def effective_start(
    start: datetime, calendar: WorkingCalendar, *, out_of_hours_next_day: bool = False
) -> datetime:
    """When the clock starts counting: `start`, or for out-of-hours receipt under the local rule
    (standards.md §1.3.2) the opening of the next working day, in start's time zone."""
    _aware(start)
    if not out_of_hours_next_day or calendar.in_office_hours(start):
        return start
    local = start.astimezone(calendar.tz)
    day = local.date()
    before_opening = calendar.office_hours is not None and local.time() < calendar.office_hours[0]
    if not (before_opening and calendar.is_working_day(day)):
        day = calendar.next_working_day(day)
    return calendar.opening(day).astimezone(start.tzinfo)


def paused_amount(standard: Standard, pause: Pause, calendar: WorkingCalendar) -> int | float:
    """How much a finished pause stopped the clock, in the standard's unit (see module docstring)."""
    if pause.end is None:
        raise ValueError("The pause has not ended")
    if standard.unit is Unit.CLOCK_HOURS:
        return _hours_between(pause.start, pause.end)
    if standard.unit is Unit.WORKING_HOURS:
        return calendar.working_hours_between(pause.start, pause.end)
    first, last = _local_date(pause.start, calendar), _local_date(pause.end, calendar)
    if standard.unit is Unit.WORKING_DAYS:
        return calendar.working_days_between(first, last)
    return (last - first).days


def extend_due(standard: Standard, due_at: datetime, pause: Pause, calendar: WorkingCalendar) -> datetime:
    """The due moment after a finished pause: `due_at` moved on by paused_amount. Services call this
    when a pause ends, so a clock's stored due time needs no history of earlier pauses."""
    amount = paused_amount(standard, pause, calendar)
    if standard.unit is Unit.CLOCK_HOURS:
        moved = due_at.astimezone(UTC) + timedelta(hours=amount)
        return moved.astimezone(due_at.tzinfo)
    if standard.unit is Unit.WORKING_HOURS:
        return calendar.add_working_hours(due_at, amount)
    day = _local_date(due_at, calendar)
    if standard.unit is Unit.WORKING_DAYS:
        day = calendar.add_working_days(day, int(amount))
    elif standard.unit is Unit.CALENDAR_MONTHS:
        day = last_working_day_on_or_before(day + timedelta(days=amount), calendar, not_before=day)
    else:
        day += timedelta(days=amount)
    return _end_of_day(day, calendar, due_at.tzinfo)


def last_working_day_on_or_before(day: date, calendar: WorkingCalendar, *, not_before: date) -> date:
    """`day` when it is a working day, otherwise the working day before it, but never before
    `not_before` (a zero-month standard started on a Sunday is due that Sunday)."""
    if calendar.is_working_day(day):
        return day
    return max(calendar.working_days_before(day, 1), not_before)


def _working_day_at(standard: Standard, begin: datetime, calendar: WorkingCalendar, at: time) -> datetime:
    """`at` (local) on the `length`-th working day whose `at` is after `begin`: with length 1, an
    incident on a Tuesday at 03:00 is due 08:30 that Tuesday, at 10:00 the Wednesday at 08:30, on a
    Friday evening the Monday (or the Tuesday after a bank holiday Monday)."""
    local = begin.astimezone(calendar.tz)
    day = local.date()
    first = day if calendar.is_working_day(day) and local.time() < at else calendar.next_working_day(day)
    target = calendar.add_working_days(first, max(standard.length, 1) - 1) if standard.length > 1 else first
    return datetime.combine(target, at, tzinfo=calendar.tz).astimezone(begin.tzinfo)


def due(
    standard: Standard,
    start: datetime,
    calendar: WorkingCalendar,
    *,
    convention: Convention = Convention.DAY_ZERO,
    pauses: Sequence[Pause] = (),
    out_of_hours_next_day: bool = False,
    length: int | None = None,
    unit: Unit | str | None = None,
) -> datetime:
    """The moment the clock is due, in start's time zone (standards.md §1.3).

    Clock hours are elapsed time (72 hours across a clock change is 72 real hours); working hours
    count office hours only; day and month units end at the end of the due date, Europe/London.
    `length`/`unit` override the standard's (an authority's setting, or an extension up to
    `extendable_to`). Pauses must have ended; pauses before the start count only from the start.
    """
    standard = _resolved(standard, length, unit)
    begin = effective_start(start, calendar, out_of_hours_next_day=out_of_hours_next_day)
    if standard.unit is Unit.CLOCK_HOURS:
        moment = (begin.astimezone(UTC) + timedelta(hours=standard.length)).astimezone(begin.tzinfo)
    elif standard.unit is Unit.WORKING_DAYS and standard.due_time is not None:
        moment = _working_day_at(standard, begin, calendar, standard.due_time)
    elif standard.unit is Unit.WORKING_HOURS:
        moment = calendar.add_working_hours(begin, standard.length)
    else:
        day = _due_day(standard, _local_date(begin, calendar), calendar, convention)
        moment = _end_of_day(day, calendar, begin.tzinfo)
    for pause in _clipped(pauses, begin):
        moment = extend_due(standard, moment, pause, calendar)
    return moment


def due_date(
    standard: Standard,
    start: datetime,
    calendar: WorkingCalendar,
    *,
    convention: Convention = Convention.DAY_ZERO,
    pauses: Sequence[Pause] = (),
    out_of_hours_next_day: bool = False,
    length: int | None = None,
    unit: Unit | str | None = None,
) -> date:
    """The due date in the calendar's zone (for day and month standards), with due's options."""
    moment = due(
        standard,
        start,
        calendar,
        convention=convention,
        pauses=pauses,
        out_of_hours_next_day=out_of_hours_next_day,
        length=length,
        unit=unit,
    )
    return _local_date(moment, calendar)


def elapsed(
    standard: Standard,
    start: datetime,
    end: datetime,
    calendar: WorkingCalendar,
    *,
    convention: Convention = Convention.DAY_ZERO,
) -> int | float:
    """Time from start to end in the standard's unit: hours as floats, days and whole months as ints.

    Working days are those in (start date, end date]; DAY_ONE adds the start day when end is not
    before it, so elapsed(start, due(start, n)) == n in both conventions (the one exception: DAY_ONE
    with n = 1 from a non-working day, where pandas' roll-forward makes the due day count as day 2).
    """
    if standard.unit is Unit.CLOCK_HOURS:
        return _hours_between(start, end)
    if standard.unit is Unit.WORKING_HOURS:
        return calendar.working_hours_between(start, end)
    first, last = _local_date(start, calendar), _local_date(end, calendar)
    if standard.unit is Unit.CALENDAR_MONTHS:
        return _months_between(first, last)
    if standard.unit is Unit.WORKING_DAYS:
        count = calendar.working_days_between(first, last)
    else:
        count = (last - first).days
    return count + 1 if convention is Convention.DAY_ONE and last >= first else count


def evaluate(
    standard: Standard,
    start: datetime,
    calendar: WorkingCalendar,
    *,
    now: datetime,
    completed_at: datetime | None = None,
    pauses: Sequence[Pause] = (),
    convention: Convention = Convention.DAY_ZERO,
    out_of_hours_next_day: bool = False,
    length: int | None = None,
) -> ClockState:
    """Due time, time left, breach and elapsed time of one clock, as at its completion or `now`.
    A pause still open counts as ending then; paused time is left out of the elapsed figure."""
    standard = _resolved(standard, length, None)
    at = completed_at if completed_at is not None else now
    begin = effective_start(start, calendar, out_of_hours_next_day=out_of_hours_next_day)
    closed = _clipped(pauses, begin, until=max(at, begin, key=_utc))
    due_at = due(standard, begin, calendar, convention=convention, pauses=closed)
    paused = sum(paused_amount(standard, pause, calendar) for pause in closed)
    taken = elapsed(standard, begin, at, calendar, convention=convention) - paused
    return ClockState(
        due_at=due_at,
        time_left=_utc(due_at) - _utc(at),
        breached=_utc(at) > _utc(due_at),
        elapsed=taken,
        completed=completed_at is not None,
    )


def next_due(
    standard: Standard,
    previous_event_at: datetime,
    calendar: WorkingCalendar,
    *,
    convention: Convention = Convention.DAY_ZERO,
) -> datetime:
    """For a repeating standard (visits, reviews, supervision): the clock restarts from the last
    event, so the next one is due a full interval after it (standards.md §1.1 T13, T15, T16)."""
    if not standard.repeats:
        raise ValueError(f"{standard.code} does not repeat")
    return due(standard, previous_event_at, calendar, convention=convention)


def evaluate_series(
    standard: Standard,
    start: datetime,
    events: Sequence[datetime],
    calendar: WorkingCalendar,
    *,
    now: datetime,
    convention: Convention = Convention.DAY_ZERO,
) -> list[ClockState]:
    """Each interval of a repeating standard: the first runs from `start` to the first event, each
    later one from the previous event, and the last (still open) from the last event to `now`."""
    if not standard.repeats:
        raise ValueError(f"{standard.code} does not repeat")
    starts = [start, *sorted(events)]
    states = [
        evaluate(standard, begin, calendar, now=now, completed_at=end, convention=convention)
        for begin, end in pairwise(starts)
    ]
    states.append(evaluate(standard, starts[-1], calendar, now=now, convention=convention))
    return states
