"""Clock rules: worked examples from guidance (standards.md §1.1-§1.3)."""

from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from frontdoor.clocks import rules
from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.rules import DEFAULT_STANDARDS as S
from frontdoor.clocks.rules import Convention, Pause

LONDON = ZoneInfo("Europe/London")
CALENDAR = WorkingCalendar()
OFFICE = WorkingCalendar(office_hours=(time(9), time(17)))


def london(text: str) -> datetime:
    return datetime.fromisoformat(text).replace(tzinfo=LONDON)


def end_of(day: str) -> datetime:
    return datetime.combine(date.fromisoformat(day), time.max, tzinfo=LONDON)


def test_every_standard_the_issue_names_is_defined_with_its_source():
    assert sorted(S) == sorted([
        "contact_decision", "contact_decision_statutory", "partner_check_response", "daily_review",
        "child_seen_urgent", "child_seen", "assessment", "assessment_dfe", "strategy_discussion", "icpc",
        "first_core_group", "core_group", "first_review_conference", "review_conference", "cp_visit",
        "cin_plan_review", "papers_sent",
        "rhi_offered", "rhi_held", "missing_oversight", "supervision", "early_help_review",
        "complaint_stage1", "complaint_stage1_extended", "complaint_stage2", "complaint_stage2_extended",
        "complaint_stage3",
        "exploitation_review_high", "exploitation_review_medium", "exploitation_review_low",
        "restriction_review", "case_note_recorded", "lado_consideration", "lado_outcome",
        "operation_encompass",
    ])  # fmt: skip
    assert [code for code, standard in S.items() if "standards.md §1" not in standard.source] == []


@pytest.mark.parametrize(
    ("code", "unit", "length", "repeats"),
    [
        ("contact_decision", "clock_hours", 24, False),
        ("contact_decision_statutory", "working_days", 1, False),
        ("icpc", "working_days", 15, False),
        ("assessment", "working_days", 45, False),
        ("review_conference", "calendar_months", 6, True),
        ("cp_visit", "working_days", 10, True),
        ("rhi_offered", "clock_hours", 72, False),
        ("rhi_held", "clock_hours", 72, False),
        ("supervision", "calendar_days", 28, True),
        ("core_group", "calendar_days", 28, True),
    ],
)
def test_standard_defaults(code, unit, length, repeats):
    standard = S[code]
    assert (standard.unit, standard.length, standard.repeats) == (unit, length, repeats)


def test_definition_reads_as_a_sentence():
    assert S["icpc"].definition == "15 working days from the strategy discussion (S47ActualStartDate)"
    assert S["contact_decision_statutory"].definition == "1 working day from the referral being received"
    assert S["complaint_stage1"].definition.endswith("extendable to 20")


@pytest.mark.parametrize(
    ("code", "start", "expected"),
    [
        ("icpc", "2026-03-02T11:00", "2026-03-23"),  # §1.3.2 worked example
        ("contact_decision_statutory", "2026-03-06T10:00", "2026-03-09"),  # Friday -> Monday
        ("contact_decision_statutory", "2026-05-22T10:00", "2026-05-26"),  # Monday a bank holiday
        ("assessment", "2026-03-02T09:00", "2026-05-07"),
        ("first_core_group", "2026-03-23T14:00", "2026-04-08"),
        ("cp_visit", "2026-04-02T10:00", "2026-04-20"),
        ("complaint_stage1", "2026-03-02T10:00", "2026-03-16"),
        ("first_review_conference", "2026-11-15T10:00", "2027-02-15"),  # 15 Nov + 3 months = 15 Feb
        # Month ends clamp; a date that is not a working day moves to the last working day before it.
        ("first_review_conference", "2026-11-30T10:00", "2027-02-26"),  # 28 Feb 2027 is a Sunday
        ("first_review_conference", "2027-11-30T10:00", "2028-02-29"),  # month end, leap year
        ("review_conference", "2026-08-31T10:00", "2027-02-26"),  # Sunday 28 Feb -> Friday 26 Feb
        ("review_conference", "2026-12-04T10:00", "2027-06-04"),  # a Friday stays
        ("review_conference", "2026-11-03T10:00", "2027-04-30"),  # Monday 3 May (bank holiday), Sat, Sun
        ("review_conference", "2027-03-31T10:00", "2027-09-30"),
        ("cin_plan_review", "2027-12-31T10:00", "2028-03-31"),
        ("supervision", "2026-03-01T10:00", "2026-03-29"),
        ("child_seen", "2027-12-22T10:00", "2027-12-31"),  # 23, 24, 29, 30, 31 Dec
        ("child_seen", "2027-12-29T10:00", "2028-01-06"),  # 30, 31 Dec, 4, 5, 6 Jan (3 Jan substitute)
    ],
)
def test_due_date_worked_examples(code, start, expected):
    assert rules.due_date(S[code], london(start), CALENDAR) == date.fromisoformat(expected)


def test_day_units_are_due_at_the_end_of_the_day_in_london_in_the_start_zone():
    start = datetime(2026, 7, 1, 10, 0, tzinfo=UTC)  # 11:00 BST
    due = rules.due(S["first_core_group"], start, CALENDAR)
    assert due == datetime(2026, 7, 15, 22, 59, 59, 999999, tzinfo=UTC)
    assert due.tzinfo is UTC


def test_the_london_date_counts_not_the_utc_date():
    start = datetime(2026, 6, 30, 23, 30, tzinfo=UTC)  # 00:30 BST on Wednesday 1 July
    assert rules.due_date(S["contact_decision_statutory"], start, CALENDAR) == date(2026, 7, 2)


@pytest.mark.parametrize(
    ("start", "expected"),
    [
        ("2026-03-06T17:30", "2026-03-09T17:30"),  # 72 hours over a weekend
        ("2026-03-27T18:00", "2026-03-30T19:00"),  # over the clocks going forward: 72 real hours
        ("2026-10-23T18:00", "2026-10-26T17:00"),  # over the clocks going back
    ],
)
def test_return_home_interview_72_clock_hours(start, expected):
    assert rules.due(S["rhi_offered"], london(start), CALENDAR) == london(expected)


def test_contact_decision_24_hours():
    assert rules.due(S["contact_decision"], london("2026-03-06T16:45"), CALENDAR) == london(
        "2026-03-07T16:45"
    )


def test_naive_datetimes_are_refused():
    with pytest.raises(ValueError, match="Naive"):
        rules.due(S["icpc"], datetime(2026, 3, 2, 10), CALENDAR)


class TestOutOfHours:
    """§1.3.2: many LAs treat receipt after 17:00 or at a weekend as receipt on the next working day."""

    @pytest.mark.parametrize(
        ("received", "flag", "expected"),
        [
            ("2026-03-06T18:30", True, "2026-03-10"),  # Friday evening: counts from Monday 09:00
            ("2026-03-06T18:30", False, "2026-03-09"),
            ("2026-03-07T11:00", True, "2026-03-10"),  # Saturday
            ("2026-03-09T08:00", True, "2026-03-10"),  # before opening: counts from 09:00 that day
            ("2026-03-09T10:00", True, "2026-03-10"),  # in hours: unchanged
            ("2026-04-02T17:30", True, "2026-04-08"),  # Thursday before Easter: counts from Tue 7 Apr
        ],
    )
    def test_working_day_decision(self, received, flag, expected):
        due = rules.due_date(
            S["contact_decision_statutory"], london(received), OFFICE, out_of_hours_next_day=flag
        )
        assert due == date.fromisoformat(expected)

    def test_hour_clock_starts_at_the_next_opening(self):
        due = rules.due(S["contact_decision"], london("2026-03-06T18:30"), OFFICE, out_of_hours_next_day=True)
        assert due == london("2026-03-10T09:00")

    def test_effective_start(self):
        start = rules.effective_start(london("2026-03-06T18:30"), OFFICE, out_of_hours_next_day=True)
        assert start == london("2026-03-09T09:00")

    def test_without_office_hours_only_non_working_days_are_out_of_hours(self):
        late = rules.effective_start(london("2026-03-06T23:00"), CALENDAR, out_of_hours_next_day=True)
        weekend = rules.effective_start(london("2026-03-07T11:00"), CALENDAR, out_of_hours_next_day=True)
        assert (late, weekend) == (london("2026-03-06T23:00"), london("2026-03-09T00:00"))


class TestConventions:
    def test_day_one_counts_the_event_day(self):
        start = london("2026-03-02T10:00")
        assert rules.due_date(S["icpc"], start, CALENDAR, convention=Convention.DAY_ONE) == date(2026, 3, 20)
        assert rules.due_date(S["assessment_dfe"], start, CALENDAR, convention=Convention.DAY_ONE) == date(
            2026, 5, 6
        )

    def test_months_and_hours_ignore_the_convention(self):
        start = london("2026-11-30T10:00")
        for code in ("first_review_conference", "rhi_offered"):
            day_zero = rules.due(S[code], start, CALENDAR)
            assert rules.due(S[code], start, CALENDAR, convention=Convention.DAY_ONE) == day_zero

    def test_elapsed(self):
        start, end = london("2026-03-02T10:00"), london("2026-03-23T10:00")
        assert rules.elapsed(S["icpc"], start, end, CALENDAR) == 15
        assert rules.elapsed(S["icpc"], start, end, CALENDAR, convention=Convention.DAY_ONE) == 16
        assert rules.elapsed(S["supervision"], start, end, CALENDAR, convention=Convention.DAY_ONE) == 22


class TestPauses:
    def test_working_days_paused_extend_the_due_date(self):
        pause = Pause(london("2026-03-03T10:00"), london("2026-03-05T12:00"))  # Tue to Thu: 2 WD
        due = rules.due(S["icpc"], london("2026-03-02T10:00"), CALENDAR, pauses=[pause])
        assert due == end_of("2026-03-25")

    def test_a_pause_within_one_day_adds_no_working_day(self):
        pause = Pause(london("2026-03-03T10:00"), london("2026-03-03T15:00"))
        assert rules.due(S["icpc"], london("2026-03-02T10:00"), CALENDAR, pauses=[pause]) == end_of(
            "2026-03-23"
        )

    def test_clock_hours_paused_extend_by_the_duration(self):
        pause = Pause(london("2026-03-07T10:00"), london("2026-03-07T12:30"))
        due = rules.due(S["rhi_offered"], london("2026-03-06T17:30"), CALENDAR, pauses=[pause])
        assert due == london("2026-03-09T20:00")

    def test_calendar_days_paused(self):
        pause = Pause(london("2026-03-02T10:00"), london("2026-03-05T10:00"))
        due = rules.due(S["supervision"], london("2026-03-01T10:00"), CALENDAR, pauses=[pause])
        assert due == end_of("2026-04-01")

    def test_a_pause_before_the_start_counts_only_from_the_start(self):
        pause = Pause(london("2026-02-20T10:00"), london("2026-03-03T10:00"))  # 1 WD after the start
        assert rules.due(S["icpc"], london("2026-03-02T10:00"), CALENDAR, pauses=[pause]) == end_of(
            "2026-03-24"
        )

    def test_an_open_pause_has_no_due_time(self):
        with pytest.raises(ValueError, match="still paused"):
            rules.due(
                S["icpc"], london("2026-03-02T10:00"), CALENDAR, pauses=[Pause(london("2026-03-03T10:00"))]
            )

    def test_extend_due_matches_due_with_the_pause(self):
        start, pause = (
            london("2026-03-02T10:00"),
            Pause(london("2026-03-20T10:00"), london("2026-04-07T09:00")),
        )
        base = rules.due(S["icpc"], start, CALENDAR)
        assert rules.extend_due(S["icpc"], base, pause, CALENDAR) == rules.due(
            S["icpc"], start, CALENDAR, pauses=[pause]
        )
        assert rules.paused_amount(S["icpc"], pause, CALENDAR) == 10  # 23-27 Mar, 30, 31 Mar, 1, 2, 7 Apr


class TestEvaluate:
    START = london("2026-03-02T10:00")

    def test_running_on_the_due_day(self):
        state = rules.evaluate(S["icpc"], self.START, CALENDAR, now=london("2026-03-23T12:00"))
        assert state == rules.ClockState(
            due_at=end_of("2026-03-23"),
            time_left=timedelta(hours=11, minutes=59, seconds=59, microseconds=999999),
            breached=False,
            elapsed=15,
            completed=False,
        )

    def test_breached_from_the_first_instant_of_the_next_day(self):
        state = rules.evaluate(S["icpc"], self.START, CALENDAR, now=london("2026-03-24T00:00"))
        assert (state.breached, state.elapsed, state.time_left) == (True, 16, timedelta(microseconds=-1))

    def test_completed_in_time(self):
        state = rules.evaluate(
            S["icpc"],
            self.START,
            CALENDAR,
            now=london("2026-04-30T00:00"),
            completed_at=london("2026-03-20T15:00"),
        )
        assert (state.completed, state.breached, state.elapsed) == (True, False, 14)

    def test_paused_time_is_left_out_of_elapsed_and_an_open_pause_ends_now(self):
        pause = Pause(london("2026-03-03T10:00"))  # still paused
        state = rules.evaluate(
            S["icpc"], self.START, CALENDAR, now=london("2026-03-05T12:00"), pauses=[pause]
        )
        assert (state.due_at, state.elapsed) == (end_of("2026-03-25"), 1)

    def test_time_left_is_real_time_across_a_clock_change(self):
        state = rules.evaluate(
            S["rhi_offered"], london("2026-03-27T18:00"), CALENDAR, now=london("2026-03-29T12:00")
        )
        assert (state.elapsed, state.time_left) == (41.0, timedelta(hours=31))


class TestRepeatingStandards:
    def test_next_due_restarts_from_the_last_visit(self):
        assert rules.next_due(S["cp_visit"], london("2026-04-02T15:00"), CALENDAR) == end_of("2026-04-20")
        # 28 February 2027 is a Sunday: due the Friday before (issue 18).
        assert rules.next_due(S["review_conference"], london("2026-08-31T10:00"), CALENDAR) == end_of(
            "2027-02-26"
        )

    def test_next_due_refuses_a_one_off_standard(self):
        with pytest.raises(ValueError, match="does not repeat"):
            rules.next_due(S["icpc"], london("2026-04-02T15:00"), CALENDAR)

    def test_series_of_visits(self):
        states = rules.evaluate_series(
            S["cp_visit"],
            london("2026-03-02T10:00"),
            [london("2026-03-13T10:00"), london("2026-04-01T10:00")],
            CALENDAR,
            now=london("2026-04-13T10:00"),
        )
        assert [(s.due_at, s.breached, s.elapsed, s.completed) for s in states] == [
            (end_of("2026-03-16"), False, 9, True),
            (end_of("2026-03-27"), True, 13, True),
            (end_of("2026-04-17"), False, 6, False),
        ]


class TestLengths:
    def test_complaint_stage1_extends_to_20_working_days(self):
        start = london("2026-03-02T10:00")
        assert rules.due_date(S["complaint_stage1"], start, CALENDAR, length=20) == date(2026, 3, 30)

    def test_complaint_stage1_extends_no_further(self):
        with pytest.raises(ValueError, match="at most"):
            rules.due(S["complaint_stage1"], london("2026-03-02T10:00"), CALENDAR, length=21)

    def test_working_hours_unit(self):
        due = rules.due(
            S["contact_decision"], london("2026-03-06T15:00"), OFFICE, unit="working_hours", length=3
        )
        assert due == london("2026-03-09T10:00")
