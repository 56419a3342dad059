"""Administrators' changes to the working-day calendar, and what they do to running clocks.

A bank holiday added (a one-off day, or a year the library does not yet cover) or withdrawn moves
the due time of every open clock that runs across it. Each change is audited, the SQL calendar
table is rebuilt around it, and open unpaused clocks are recomputed, all in one transaction.
"""

from datetime import date, datetime, time, timedelta
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.audit.services import audit_record
from frontdoor.clocks import rules
from frontdoor.clocks.models import BankHoliday, Clock
from frontdoor.clocks.services import (
    _effective_start,
    calendar_for,
    calendar_table_build,
    convention_for,
    standard_for,
)
from frontdoor.organisations.permissions import require

DAY_UNITS = {rules.Unit.WORKING_DAYS, rules.Unit.WORKING_HOURS}


def open_clocks_recalculate(*, around: date) -> int:
    """Recompute due_at for open, never-paused clocks due on or after `around` whose standard counts
    working days or hours (clock hours and calendar units do not depend on holidays).

    Paused clocks keep their stored due time: the pause history that moved it is not kept.
    Returns the number of clocks whose due time changed.
    """
    start_of_day = datetime.combine(around, time.min, tzinfo=ZoneInfo("Europe/London"))
    changed = []
    candidates = Clock.objects.select_related("authority").filter(
        completed_at__isnull=True, paused_at__isnull=True, paused_seconds=0, due_at__gte=start_of_day
    )
    for clock in candidates.iterator(chunk_size=2000):
        definition = standard_for(clock.authority, clock.standard)
        if definition.unit not in DAY_UNITS:
            continue
        calendar = calendar_for(clock.authority)
        begin = _effective_start(clock, definition, calendar)
        due = rules.due(definition, begin, calendar, convention=convention_for(clock.authority))
        if due != clock.due_at:
            clock.due_at = due
            changed.append(clock)
    Clock.objects.bulk_update(changed, ["due_at"], batch_size=2000)
    return len(changed)


def _rebuild_around(day: date) -> None:
    calendar_table_build(day - timedelta(days=366), day + timedelta(days=366))


@transaction.atomic
def bank_holiday_add(*, actor: Any, day: date, name: str) -> tuple[BankHoliday, int]:
    """Add a non-working day for England and Wales (e.g. a one-off bank holiday)."""
    require(actor, "calendar.manage")
    problems = {}
    if not name.strip():
        problems["name"] = "Enter the name of the holiday"
    if day.weekday() >= 5:
        problems["day"] = "That date is a weekend: it is already a non-working day"
    elif calendar_for(None).holidays(day.year).get(day):
        problems["day"] = f"{day:%d %B %Y} is already a bank holiday"
    if BankHoliday.objects.filter(date=day).exists():
        problems["day"] = f"{day:%d %B %Y} is already in the table"
    if problems:
        raise ValidationError(problems)
    holiday = BankHoliday.objects.create(date=day, name=name.strip())
    _rebuild_around(day)
    moved = open_clocks_recalculate(around=day)
    audit_record(
        actor=actor,
        action="calendar.holiday_added",
        subject=holiday,
        authority_id=actor.authority_id,
        changes={"date": day, "name": holiday.name, "clocks_moved": moved},
    )
    return holiday, moved


@transaction.atomic
def bank_holiday_remove(*, actor: Any, holiday: BankHoliday) -> int:
    """Remove an administrator's entry; the day returns to what the library says."""
    require(actor, "calendar.manage")
    day, name, pk = holiday.date, holiday.name, holiday.pk
    holiday.delete()
    holiday.pk = pk
    _rebuild_around(day)
    moved = open_clocks_recalculate(around=day)
    audit_record(
        actor=actor,
        action="calendar.holiday_removed",
        subject=holiday,
        authority_id=actor.authority_id,
        changes={"date": day, "name": name, "clocks_moved": moved},
    )
    return moved
