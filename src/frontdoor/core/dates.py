"""Dates typed on forms as moments for clocks and the chronology."""

from datetime import date, datetime, time

from django.utils import timezone

NOON = time(12)


def moment_on(day: date) -> datetime:
    """The moment a dated event is taken to happen: now when it is today, otherwise midday (London)
    of that day, which falls inside a day-unit clock's due day either way."""
    if day == timezone.localdate():
        return timezone.now()
    return datetime.combine(day, NOON, tzinfo=timezone.get_current_timezone())
