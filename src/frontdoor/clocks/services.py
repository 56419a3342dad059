"""Starting, pausing and finishing clocks, and keeping the SQL calendar table.

Low-level helpers for other apps' services: they run inside the caller's transaction, which writes
the audit row. Each clock stores its due time when it starts and when a pause ends, so dashboards
never compute due times row by row. The arithmetic is clocks.rules (standards.md §1).
"""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING, Any, Protocol

from django.db import models
from django.db.models import Max, Min

from frontdoor.clocks import rules
from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.models import BankHoliday, CalendarDay, Clock, StandardSetting

if TYPE_CHECKING:
    from frontdoor.organisations.models import Authority


class HasPk(Protocol):
    """A record referred to by its primary key: the child a clock is about lives in people, which
    sits above the clock engine in the dependency order."""

    @property
    def pk(self) -> Any: ...


# CalendarDay.working_day_index counts working days in (INDEX_EPOCH, date], so the index of a date
# never depends on the range the table was built over, and rebuilding is idempotent.
INDEX_EPOCH = date(2000, 1, 1)
_CALENDARS: dict[tuple[object, ...], WorkingCalendar] = {}
_CALENDARS_MAX = 32


def _office_hours(authority: Authority | None) -> tuple[time, time] | None:
    if authority is None or authority.office_opens is None or authority.office_closes is None:
        return None
    return authority.office_opens, authority.office_closes


def calendar_for(
    authority: Authority | None = None, *, office_hours: tuple[time, time] | None = None
) -> WorkingCalendar:
    """The working-day calendar: the library's bank holidays with the BankHoliday table's changes,
    and the authority's office hours (or `office_hours` when no authority is given).

    Cached per process, keyed by the BankHoliday rows themselves (one small query), so an edit in
    the admin takes effect on the next call. The CalendarDay table needs calendar_table_build after
    such an edit.
    """
    rows = tuple(BankHoliday.objects.order_by("date").values_list("date", "name", "is_working_day"))
    hours = _office_hours(authority) if authority is not None else office_hours
    key = (rows, hours)
    calendar = _CALENDARS.get(key)
    if calendar is None:
        calendar = WorkingCalendar(
            extra_holidays={day: name for day, name, working in rows if not working},
            extra_working_days=[day for day, _name, working in rows if working],
            office_hours=hours,
        )
        if len(_CALENDARS) >= _CALENDARS_MAX:
            _CALENDARS.clear()
        _CALENDARS[key] = calendar
    return calendar


def convention_for(authority: Authority) -> rules.Convention:
    """The authority's counting convention (standards.md §1.3.2): day 0 unless it counts inclusively."""
    return rules.Convention.DAY_ONE if authority.inclusive_day_count else rules.Convention.DAY_ZERO


def standard_for(authority: Authority, code: str) -> rules.Standard:
    """The default standard with the authority's StandardSetting (unit and length) applied."""
    try:
        standard = rules.DEFAULT_STANDARDS[code]
    except KeyError:
        raise ValueError(f"Unknown standard {code!r}") from None
    setting = StandardSetting.objects.filter(authority=authority, code=code).values_list("unit", "length")
    for unit, length in setting:
        standard = replace(standard, unit=rules.Unit(unit), length=length)
    return standard


def _effective_start(clock: Clock, standard: rules.Standard, calendar: WorkingCalendar) -> datetime:
    from_next_day = clock.authority.out_of_hours_counts_from_next_working_day and standard.receipt_based
    return rules.effective_start(clock.started_at, calendar, out_of_hours_next_day=from_next_day)


def clock_start(
    *,
    authority: Authority,
    standard: str,
    started_at: datetime,
    subject: models.Model,
    person: HasPk | None = None,  # the child (people.Person), referred to by its id
) -> Clock:
    """Start a clock for `subject` and store its due time.

    The authority's convention applies to day units, and its out-of-hours rule to standards that
    start on receipt (rules.Standard.receipt_based). `started_at` is stored as given (the moment of
    receipt); the due time counts from the effective start.
    """
    definition = standard_for(authority, standard)
    calendar = calendar_for(authority)
    clock = Clock(
        authority=authority,
        standard=standard,
        person_id=person.pk if person is not None else None,
        subject_type=subject._meta.label_lower,
        subject_id=subject.pk,
        started_at=started_at,
    )
    begin = _effective_start(clock, definition, calendar)
    clock.due_at = rules.due(definition, begin, calendar, convention=convention_for(authority))
    clock.full_clean()
    clock.save()
    return clock


def clock_pause(*, clock: Clock, at: datetime) -> Clock:
    """Stop a running clock at `at`; its due time moves on when it resumes (clock_resume)."""
    if clock.completed_at is not None:
        raise ValueError("A completed clock cannot be paused")
    if clock.paused_at is not None:
        raise ValueError("The clock is already paused")
    clock.paused_at = at
    clock.save(update_fields=["paused_at"])
    return clock


def _end_pause(clock: Clock, at: datetime) -> list[str]:
    """Close the open pause at `at`: move due_at on by the time paused in the standard's unit."""
    if clock.paused_at is None:
        raise ValueError("The clock is not paused")
    # Compare and subtract in UTC: datetimes sharing a tzinfo subtract by wall clock.
    paused_at, end = clock.paused_at.astimezone(UTC), at.astimezone(UTC)
    if end < paused_at:
        raise ValueError("A pause cannot end before it started")
    definition = standard_for(clock.authority, clock.standard)
    calendar = calendar_for(clock.authority)
    pause_start = max(paused_at, _effective_start(clock, definition, calendar).astimezone(UTC))
    if end > pause_start:
        clock.due_at = rules.extend_due(definition, clock.due_at, rules.Pause(pause_start, end), calendar)
    clock.paused_seconds += int((end - paused_at).total_seconds())
    clock.paused_at = None
    return ["due_at", "paused_seconds", "paused_at"]


def clock_resume(*, clock: Clock, at: datetime) -> Clock:
    """Restart a paused clock and recompute its due time (rules.extend_due)."""
    clock.save(update_fields=_end_pause(clock, at))
    return clock


def clock_complete(*, clock: Clock, at: datetime) -> Clock:
    """Stop the clock for good at `at` (closing any open pause first).

    For working-day standards, working_days_taken is the count in the authority's convention with
    paused working days left out: <= length when the clock was met. (A finish on a weekend after a
    Friday due date still counts `length` working days, though due_at, the end of that Friday, has
    passed: working days do not grow over a weekend.)
    """
    if clock.completed_at is not None:
        raise ValueError("The clock is already completed")
    fields = _end_pause(clock, at) if clock.paused_at is not None else []
    clock.completed_at = at
    fields.append("completed_at")
    definition = standard_for(clock.authority, clock.standard)
    if definition.unit is rules.Unit.WORKING_DAYS:
        clock.working_days_taken = _working_days_taken(clock, definition, at)
        fields.append("working_days_taken")
    clock.save(update_fields=fields)
    return clock


def _working_days_taken(clock: Clock, definition: rules.Standard, at: datetime) -> int:
    calendar = calendar_for(clock.authority)
    convention = convention_for(clock.authority)
    begin = _effective_start(clock, definition, calendar)
    taken = int(rules.elapsed(definition, begin, at, calendar, convention=convention))
    if clock.paused_seconds:
        # The stored due time already holds the paused working days: due is length + paused.
        with_pauses = int(rules.elapsed(definition, begin, clock.due_at, calendar, convention=convention))
        taken -= max(with_pauses - definition.length, 0)
    return taken


def calendar_table_build(start: date, end: date) -> int:
    """Fill CalendarDay for start..end, widened to cover any rows already there, so every index is
    consistent after a holiday change. Idempotent (an upsert). Returns the number of rows written."""
    if end < start:
        raise ValueError("end must not be before start")
    existing = CalendarDay.objects.aggregate(first=Min("date"), last=Max("date"))
    first = min(start, existing["first"] or start)
    last = max(end, existing["last"] or end)
    calendar = calendar_for(None)
    rows = []
    day = first
    index = calendar.working_days_between(INDEX_EPOCH, first)
    while day <= last:
        working = calendar.is_working_day(day)
        rows.append(CalendarDay(date=day, is_working_day=working, working_day_index=index))
        day = date.fromordinal(day.toordinal() + 1)
        index += calendar.is_working_day(day)
    CalendarDay.objects.bulk_create(
        rows,
        batch_size=2000,
        update_conflicts=True,
        unique_fields=["date"],
        update_fields=["is_working_day", "working_day_index"],
    )
    return len(rows)
