"""`frontdoor due STANDARD START [--at NOW]` and `frontdoor build_calendar`."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import OperationalError

from frontdoor.clocks.management.commands import due as due_command
from frontdoor.clocks.models import BankHoliday, CalendarDay


def run(*args: str) -> list[str]:
    out = StringIO()
    call_command("due", *args, stdout=out)
    return out.getvalue().splitlines()


@pytest.fixture
def no_database(monkeypatch):
    """The database is down or unmigrated: reading BankHoliday fails."""

    def unavailable(*args, **kwargs):
        raise OperationalError("no such table: clocks_bankholiday")

    monkeypatch.setattr(due_command, "_database_calendar", unavailable)


@pytest.mark.usefixtures("no_database")
class TestWithoutADatabase:
    def test_icpc_due_date_first_then_definition_and_source(self):
        lines = run("icpc", "2026-03-02")
        assert lines[:3] == [
            "2026-03-23",
            "icpc: Initial child protection conference",
            "Definition: 15 working days from the strategy discussion (S47ActualStartDate) (statutory)",
        ]
        assert (
            lines[-1]
            == "Source: Working Together to Safeguard Children 2023, ch. 3 (standards.md §1.1 T7, T8)"
        )

    def test_hour_standards_print_an_iso_date_time(self):
        assert run("rhi_offered", "2026-03-27T18:00")[0] == "2026-03-30T19:00:00+01:00"

    def test_at_shows_breach(self):
        lines = run("icpc", "2026-03-02", "--at", "2026-03-25T12:00")
        assert lines[-2:] == ["Elapsed: 17 working days", "Breached: yes, overdue by 1 day, 12:00:01"]

    def test_at_shows_time_left(self):
        lines = run("rhi_offered", "2026-03-27T18:00", "--at", "2026-03-29T12:00")
        assert lines[-2:] == ["Elapsed: 41 clock hours", "Breached: no, time left 1 day, 7:00:00"]

    def test_inclusive_convention(self):
        assert run("icpc", "2026-03-02", "--convention", "day_one")[0] == "2026-03-20"

    def test_extension(self):
        assert run("complaint_stage1", "2026-03-02", "--length", "20")[0] == "2026-03-30"

    def test_out_of_hours_with_office_hours(self):
        args = ("contact_decision_statutory", "2026-03-06T18:30", "--office-hours", "09:00-17:00")
        assert run(*args)[0] == "2026-03-09"
        assert run(*args, "--out-of-hours-next-day")[0] == "2026-03-10"

    def test_list(self):
        lines = run("--list")
        assert len(lines) == 35  # with rhi_held, operation_encompass, two LADO and five complaint standards
        assert lines[9] == "icpc\tInitial child protection conference"

    @pytest.mark.parametrize(
        ("args", "message"),
        [
            (("nonsense", "2026-03-02"), "Unknown standard 'nonsense'"),
            (("icpc", "2026-13-02"), "START must be an ISO 8601 date"),
            (("icpc",), "Give a STANDARD and a START"),
            (("icpc", "2026-03-02", "--at", "soon"), "--at must be an ISO 8601 date"),
            (("complaint_stage1", "2026-03-02", "--length", "25"), "extends to 20 at most"),
            (("icpc", "2026-03-02", "--office-hours", "9-5"), "--office-hours must look like"),
        ],
    )
    def test_bad_input_is_a_usage_error(self, args, message):
        with pytest.raises(CommandError, match=message) as error:
            run(*args)
        assert error.value.returncode == 2


@pytest.mark.django_db
def test_uses_the_bank_holiday_table_when_there_is_one():
    BankHoliday.objects.create(date=date(2026, 3, 10), name="Snow closure")
    assert run("icpc", "2026-03-02")[0] == "2026-03-24"


@pytest.mark.django_db
def test_build_calendar():
    out = StringIO()
    call_command("build_calendar", "--start", "2026-01-01", "--end", "2026-12-31", stdout=out)
    assert (out.getvalue(), CalendarDay.objects.filter(is_working_day=True).count()) == (
        "365 calendar days written\n",
        253,
    )


@pytest.mark.django_db
def test_build_calendar_refuses_bad_dates():
    with pytest.raises(CommandError, match="end must not be before start") as error:
        call_command("build_calendar", "--start", "2026-12-31", "--end", "2026-01-01")
    assert error.value.returncode == 2
