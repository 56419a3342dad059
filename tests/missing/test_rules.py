"""The pure rules: pattern flags (Hypothesis properties and worked examples), overnight, and the
checks on times; and the two clocks the missing duties run on, across weekends, bank holidays and
the clocks changing (clocks.rules via clocks.services)."""

from datetime import UTC, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.clocks.models import Clock
from frontdoor.missing import rules
from frontdoor.missing.rules import PatternRule
from tests import builders

from .helpers import LONDON, at, record

moments = st.datetimes(
    min_value=datetime(2024, 1, 1),  # made aware by timezones=
    max_value=datetime(2027, 12, 31),
    timezones=st.just(UTC),
)
rules_ = st.builds(
    PatternRule,
    episodes=st.integers(min_value=1, max_value=6),
    days=st.integers(min_value=1, max_value=60),
    overnight=st.booleans(),
    night_hour=st.integers(min_value=0, max_value=5),
)


@given(rule=rules_, starts=st.lists(moments, min_size=1, max_size=12))
def test_the_repeat_reason_appears_exactly_when_enough_episodes_fall_in_the_window(rule, starts):
    went = max(starts)
    within = [s for s in starts if went - timedelta(days=rule.days) < s <= went]
    reasons = rules.pattern_reasons(rule, starts=starts, went=went, until=went, zone=LONDON)
    repeat = [r for r in reasons if r.startswith("Missing ") and "times in" in r]
    assert bool(repeat) == (len(within) >= rule.episodes)
    if repeat:
        assert repeat[0].startswith(f"Missing {len(within)} times in {rule.days} days (")


@given(rule=rules_, starts=st.lists(moments, min_size=1, max_size=10), extra=moments)
def test_another_episode_never_takes_a_repeat_reason_away(rule, starts, extra):
    went = max(starts)
    before = len(rules.episodes_within(starts, went, rule.days))
    after = len(rules.episodes_within([*starts, extra], went, rule.days))
    assert after >= before


@given(went=moments, hours=st.floats(min_value=0, max_value=200), night=st.integers(0, 5))
def test_overnight_follows_the_length_of_the_episode(went, hours, night):
    until = went + timedelta(hours=hours)
    overnight = rules.was_overnight(went, until, LONDON, night)
    if hours >= 25:  # a whole day (and a clock change) always holds a night
        assert overnight
    if hours == 0:
        assert not overnight


def test_overnight_worked_examples():
    assert rules.was_overnight(at(2026, 11, 20, 22), at(2026, 11, 21, 7), LONDON)
    assert not rules.was_overnight(at(2026, 11, 20, 14), at(2026, 11, 20, 23, 59), LONDON)
    assert not rules.was_overnight(at(2026, 11, 21, 0, 30), at(2026, 11, 21, 9), LONDON)  # after midnight
    assert rules.was_overnight(at(2026, 11, 21, 0, 30), at(2026, 11, 21, 9), LONDON, night_hour=2)


def test_pattern_reasons_name_the_days():
    starts = [at(2026, 11, 1, 15), at(2026, 11, 10, 15), at(2026, 11, 20, 15)]
    reasons = rules.pattern_reasons(
        PatternRule(), starts=starts, went=starts[-1], until=at(2026, 11, 20, 18), zone=LONDON
    )
    assert reasons == ["Missing 3 times in 30 days (1 Nov, 10 Nov, 20 Nov)"]


def test_times_checks_name_the_field():
    went = at(2026, 11, 20, 22)
    problems = rules.episode_problems(
        went_missing_at=went,
        reported_at=went - timedelta(minutes=1),
        notified_at=went - timedelta(minutes=2),
        returned_at=went - timedelta(hours=1),
        now=at(2026, 11, 23),
    )
    assert problems == {
        "reported_at": "The report to police cannot be before the child went missing",
        "notified_at": "The notification cannot be before the report to police",
        "returned_at": "The return cannot be before the child went missing",
    }


# -- the clocks ---------------------------------------------------------------------------------


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("returned", "due"),
    [
        # Friday evening: 72 hours later is Monday evening; the weekend counts.
        (at(2026, 11, 20, 18), at(2026, 11, 23, 18)),
        # Maundy Thursday 2026: Good Friday, the weekend and Easter Monday all count.
        (at(2026, 4, 2, 19), at(2026, 4, 5, 19)),
        # Christmas Eve 2025: Christmas Day and Boxing Day count.
        (at(2025, 12, 24, 20), at(2025, 12, 27, 20)),
        # Across the clocks going forward (29 March 2026): 72 real hours, so 18:00 BST, not 17:00.
        (at(2026, 3, 26, 17), at(2026, 3, 29, 18)),
        # Across the clocks going back (25 October 2026): 72 real hours end at 16:00 GMT.
        (at(2026, 10, 23, 17), at(2026, 10, 26, 16)),
    ],
)
def test_the_interview_is_due_72_clock_hours_after_the_return(la, officer, returned, due):
    episode = record(officer, builders.child(la), went=returned - timedelta(hours=30), returned=returned)
    clock = Clock.objects.get(pk=episode.interview_clock_id)
    assert clock.standard == "rhi_offered"
    assert clock.due_at == due
    assert (clock.due_at.astimezone(UTC) - returned.astimezone(UTC)) == timedelta(hours=72)


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("notified", "due_day"),
    [
        (at(2026, 11, 20, 16), datetime(2026, 11, 23).date()),  # Friday: due by the end of Monday
        (
            at(2026, 4, 2, 15),
            datetime(2026, 4, 7).date(),
        ),  # Maundy Thursday: Good Friday to Easter Monday off
        (at(2026, 11, 21, 11), datetime(2026, 11, 23).date()),  # Saturday: the next working day
    ],
)
def test_oversight_is_due_one_working_day_after_the_notification(la, officer, notified, due_day):
    episode = record(officer, builders.child(la), went=notified - timedelta(hours=2))
    clock = Clock.objects.get(pk=episode.oversight_clock_id)
    assert clock.standard == "missing_oversight"
    assert clock.due_at.astimezone(LONDON).date() == due_day
    assert (clock.due_at.astimezone(LONDON).hour, clock.due_at.astimezone(LONDON).minute) == (23, 59)
