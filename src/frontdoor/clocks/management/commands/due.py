"""`frontdoor due STANDARD START [--at NOW]`: when a statutory clock is due.

The first line is the due date (day and month units, e.g. `2026-03-23`) or the due date-time in
ISO 8601 (hour units, Europe/London); then the standard's definition and source. `--list` lists
the standards. Works without a database: the BankHoliday table is used when it can be read, else
the library's England and Wales calendar.
"""

from datetime import datetime, time, timedelta
from math import ceil
from typing import Any
from zoneinfo import ZoneInfo

from django.core.exceptions import ImproperlyConfigured
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import DatabaseError, transaction

from frontdoor.clocks import rules
from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.services import calendar_for

LONDON = ZoneInfo("Europe/London")
USAGE_ERROR = 2


def _fail(message: str) -> CommandError:
    return CommandError(message, returncode=USAGE_ERROR)


def _moment(text: str, name: str) -> datetime:
    """An ISO 8601 date or date-time; a date means its midnight, and no offset means Europe/London."""
    try:
        value = datetime.fromisoformat(text)
    except ValueError:
        raise _fail(f"{name} must be an ISO 8601 date or date-time (e.g. 2026-03-02), not {text!r}") from None
    return value if value.tzinfo else value.replace(tzinfo=LONDON)


def _office_hours(text: str | None) -> tuple[time, time] | None:
    if not text:
        return None
    try:
        opens, closes = (time.fromisoformat(part) for part in text.split("-"))
    except ValueError:
        raise _fail(f"--office-hours must look like 09:00-17:00, not {text!r}") from None
    return opens, closes


def _database_calendar(office_hours: tuple[time, time] | None) -> WorkingCalendar:
    # A savepoint, so a failed read leaves any surrounding transaction usable.
    with transaction.atomic():
        return calendar_for(None, office_hours=office_hours)


def _calendar(office_hours: tuple[time, time] | None) -> WorkingCalendar:
    """The BankHoliday table's calendar, or the library's when the database is down or unmigrated."""
    try:
        return _database_calendar(office_hours)
    except (DatabaseError, ImproperlyConfigured):
        return WorkingCalendar(office_hours=office_hours)


def _duration(delta: timedelta) -> str:
    return str(timedelta(seconds=ceil(delta.total_seconds())))


class Command(BaseCommand):
    help = "Print when a statutory clock is due: frontdoor due STANDARD START [--at NOW]."
    requires_system_checks: list[str] = []

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("standard", nargs="?", help="a standard's code (see --list)")
        parser.add_argument("start", nargs="?", help="when the clock starts (ISO 8601 date or date-time)")
        parser.add_argument("--at", help="also show time left or breach as at this moment")
        parser.add_argument("--list", action="store_true", help="list the standards")
        parser.add_argument(
            "--convention",
            choices=[convention.value for convention in rules.Convention],
            default=rules.Convention.DAY_ZERO.value,
            help="day_zero: the day of the event is day 0 (default); day_one: inclusive (DfE validator)",
        )
        parser.add_argument("--length", type=int, help="a different length (e.g. an extension)")
        parser.add_argument("--office-hours", help="e.g. 09:00-17:00, for working-hour clocks")
        parser.add_argument(
            "--out-of-hours-next-day",
            action="store_true",
            help="receipt out of hours counts from the next working day (local rule)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        if options["list"]:
            for code, standard in rules.DEFAULT_STANDARDS.items():
                self.stdout.write(f"{code}\t{standard.name}")
            return
        code, start_text = options["standard"], options["start"]
        if not code or not start_text:
            raise _fail("Give a STANDARD and a START date, or --list")
        if code not in rules.DEFAULT_STANDARDS:
            raise _fail(f"Unknown standard {code!r}; `frontdoor due --list` lists them")
        standard = rules.DEFAULT_STANDARDS[code]
        start = _moment(start_text, "START")
        at = _moment(options["at"], "--at") if options["at"] else None
        calendar = _calendar(_office_hours(options["office_hours"]))
        convention = rules.Convention(options["convention"])
        length = options["length"]
        from_next_day = bool(options["out_of_hours_next_day"])
        if length is not None:
            try:
                standard = rules.with_length(standard, length)
            except ValueError as error:
                raise _fail(str(error)) from error
        try:
            due_at = rules.due(
                standard, start, calendar, convention=convention, out_of_hours_next_day=from_next_day
            )
            state = None
            if at is not None:
                state = rules.evaluate(
                    standard,
                    start,
                    calendar,
                    now=at,
                    convention=convention,
                    out_of_hours_next_day=from_next_day,
                )
        except ValueError as error:
            raise _fail(str(error)) from error
        self._report(standard, due_at, convention, state, at)

    def _report(
        self,
        standard: rules.Standard,
        due_at: datetime,
        convention: rules.Convention,
        state: rules.ClockState | None,
        at: datetime | None,
    ) -> None:
        local = due_at.astimezone(LONDON)
        first = local.isoformat(timespec="seconds") if standard.unit.is_hours else local.date().isoformat()
        self.stdout.write(first)
        self.stdout.write(f"{standard.code}: {standard.name}")
        self.stdout.write(f"Definition: {standard.definition} ({standard.status.value.replace('_', ' ')})")
        if not standard.unit.is_hours and standard.unit is not rules.Unit.CALENDAR_MONTHS:
            day = "day 1 (inclusive count)" if convention is rules.Convention.DAY_ONE else "day 0"
            self.stdout.write(f"Counting: the day of the start event is {day}")
        self.stdout.write(f"Due: {local.isoformat()}")
        self.stdout.write(f"Source: {standard.source}")
        if state is not None and at is not None:
            self.stdout.write(f"At: {at.astimezone(LONDON).isoformat()}")
            self.stdout.write(f"Elapsed: {state.elapsed:g} {standard.unit.value.replace('_', ' ')}")
            if state.breached:
                self.stdout.write(f"Breached: yes, overdue by {_duration(-state.time_left)}")
            else:
                self.stdout.write(f"Breached: no, time left {_duration(state.time_left)}")
