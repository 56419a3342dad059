"""Police protection (Children Act 1989 s46) and emergency protection orders (s44, s45) as pure
rules: when each must end, what a record may say, and Annex A's six months. Worked examples from the
Act, and properties."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.child_protection import emergency_rules as rules

LONDON = ZoneInfo("Europe/London")
UTC = ZoneInfo("UTC")
moments = st.datetimes(
    min_value=datetime(2020, 1, 1), max_value=datetime(2030, 12, 31), timezones=st.just(UTC)
)
minutes = st.integers(min_value=0, max_value=60 * 24 * 30)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
KINDS = st.sampled_from([rules.POLICE_PROTECTION, rules.EPO])


def test_worked_example_police_protection_at_23_10_on_friday_6_march_2026_ends_by_monday():
    began = datetime(2026, 3, 6, 23, 10, tzinfo=LONDON)
    assert rules.emergency_protection_ends_by(kind="police_protection", started_at=began) == datetime(
        2026, 3, 9, 23, 10, tzinfo=LONDON
    )


def test_worked_example_an_order_made_at_15_00_on_2_march_2026_runs_8_days_then_7_more():
    made = datetime(2026, 3, 2, 15, 0, tzinfo=LONDON)
    assert rules.emergency_protection_ends_by(kind="epo", started_at=made) == datetime(
        2026, 3, 10, 15, 0, tzinfo=LONDON
    )
    extended = datetime(2026, 3, 17, 15, 0, tzinfo=LONDON)
    assert (
        rules.emergency_protection_ends_by(kind="epo", started_at=made, extended_until=extended) == extended
    )
    problems = rules.emergency_protection_problems(
        kind="epo",
        started_at=made,
        court="Worcester Family Court",
        extended_until=extended,
        ended_at=None,
        now=datetime(2026, 3, 20, tzinfo=LONDON),
    )
    assert problems == {}


@given(moments, KINDS)
def test_it_must_end_72_hours_or_8_days_after_it_began(began, kind):
    limit = timedelta(hours=72) if kind == rules.POLICE_PROTECTION else timedelta(days=8)
    assert rules.emergency_protection_ends_by(kind=kind, started_at=began) - began == limit


@given(moments, minutes)
def test_an_extension_is_accepted_exactly_when_it_adds_up_to_7_days(began, extra):
    first_end = began + timedelta(days=8)
    extended_until = first_end + timedelta(minutes=extra)
    problems = rules.emergency_protection_problems(
        kind="epo",
        started_at=began,
        court="Court",
        extended_until=extended_until,
        ended_at=None,
        now=began + timedelta(days=1),
    )
    accepted = 0 < extra <= 7 * 24 * 60
    assert ("extended_until" not in problems) == accepted
    if accepted:
        ends_by = rules.emergency_protection_ends_by(
            kind="epo", started_at=began, extended_until=extended_until
        )
        assert ends_by - began <= timedelta(days=15)


@given(moments, minutes)
def test_police_protection_is_never_extended_and_never_has_a_court(began, extra):
    problems = rules.emergency_protection_problems(
        kind="police_protection",
        started_at=began,
        court="Worcester Family Court",
        extended_until=began + timedelta(hours=72, minutes=extra),
        ended_at=None,
        now=began,
    )
    assert problems == {
        "court": "Police protection is not ordered by a court: leave the court blank",
        "extended_until": "Police protection cannot be extended: it ends within 72 hours (section 46(6))",
    }


@given(moments, KINDS, st.integers(min_value=-60 * 24 * 20, max_value=60 * 24 * 20))
def test_an_end_is_accepted_exactly_between_the_start_and_when_it_must_end(began, kind, offset):
    ended = began + timedelta(minutes=offset)
    ends_by = rules.emergency_protection_ends_by(kind=kind, started_at=began)
    problems = rules.emergency_protection_end_problems(
        kind=kind, started_at=began, extended_until=None, ended_at=ended, now=began + timedelta(days=30)
    )
    assert (problems == {}) == (began <= ended <= ends_by)


def test_the_refusals_say_which_field_and_why():
    began = datetime(2026, 3, 2, 15, 0, tzinfo=LONDON)
    now = datetime(2026, 3, 4, 12, 0, tzinfo=LONDON)
    assert rules.emergency_protection_problems(
        kind="epo",
        started_at=began,
        court=" ",
        extended_until=datetime(2026, 3, 17, 15, 1, tzinfo=LONDON),
        ended_at=None,
        now=now,
    ) == {
        "court": "Enter the court that made the emergency protection order",
        "extended_until": "An order can be extended once, by up to 7 days: to 17 March 2026 at 15:00 at the "
        "latest",
    }
    assert rules.emergency_protection_problems(
        kind="epo",
        started_at=began,
        court="Court",
        extended_until=datetime(2026, 3, 9, tzinfo=LONDON),
        ended_at=None,
        now=now,
    ) == {"extended_until": "The extension must run beyond the order's first end, 10 March 2026 at 15:00"}
    assert rules.emergency_protection_problems(
        kind="police_protection",
        started_at=began,
        court="",
        extended_until=None,
        ended_at=began - timedelta(minutes=1),
        now=now,
    ) == {"ended_at": "The end cannot be before it began"}
    assert rules.emergency_protection_end_problems(
        kind="police_protection",
        started_at=began - timedelta(days=3),
        extended_until=None,
        ended_at=now,
        now=now,
    ) == {
        "ended_at": "Police protection lasts until 2 March 2026 at 15:00 at the latest: "
        "check the date and time"
    }
    assert rules.emergency_protection_problems(
        kind="epo",
        started_at=now + timedelta(hours=1),
        court="Court",
        extended_until=None,
        ended_at=None,
        now=now,
    ) == {"started_at": "The start must be now or in the past"}
    assert rules.emergency_protection_problems(
        kind="section_20", started_at=began, court="", extended_until=None, ended_at=None, now=now
    ) == {"kind": "Select police protection or an emergency protection order"}


def test_worked_example_annex_a_six_months_ending_on_30_november_2026_start_on_1_june():
    on = date(2026, 11, 30)  # an inspection on 1 December: the window is 1 June to 30 November
    assert rules.protected_in_six_months(periods=[(date(2026, 5, 29), date(2026, 6, 1))], on=on) is True
    assert rules.protected_in_six_months(periods=[(date(2026, 5, 29), date(2026, 5, 31))], on=on) is False
    assert rules.protected_in_six_months(periods=[(date(2026, 11, 30), date(2026, 12, 3))], on=on) is True
    assert rules.protected_in_six_months(periods=[(date(2026, 12, 1), date(2026, 12, 3))], on=on) is False
    assert rules.protected_in_six_months(periods=[], on=on) is False


@given(days, st.integers(min_value=0, max_value=15), st.integers(min_value=0, max_value=400))
def test_in_the_six_months_when_it_runs_from_181_days_before_the_date_to_the_date(on, length, gap):
    """Six calendar months are 181 to 184 days: a period that ended within 180 days before `on` (or
    runs through it) counts; one that ended 184 days or more before, or starts after `on`, does not."""
    ended = on - timedelta(days=gap)
    period = (ended - timedelta(days=length), ended)
    result = rules.protected_in_six_months(periods=[period], on=on)
    if gap <= 180:
        assert result is True
    if gap >= 184:
        assert result is False
    later = (on + timedelta(days=1 + gap), on + timedelta(days=1 + gap + length))
    assert rules.protected_in_six_months(periods=[later], on=on) is False
    assert rules.protected_in_six_months(periods=[later, period], on=on) is result
