"""The outbox's pure rules: back-off, defaults and the digest's time."""

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdoor.notifications import rules

# The machine is shared: slow draws are the load, not the strategies.
RELAXED = settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
POLICY = rules.RetryPolicy(first_delay_seconds=60, cap_seconds=3600, max_attempts=6)
LONDON = ZoneInfo("Europe/London")


def test_the_delays_double_from_the_first_and_stop_at_the_cap():
    delays = [rules.retry_delay(n, POLICY).total_seconds() for n in range(1, 9)]
    assert delays == [60, 120, 240, 480, 960, 1920, 3600, 3600]


@RELAXED
@given(st.integers(min_value=0, max_value=10_000), st.integers(1, 600), st.integers(1, 86_400))
def test_a_delay_is_never_above_the_cap_and_never_shrinks(attempts, first, cap):
    policy = rules.RetryPolicy(first_delay_seconds=first, cap_seconds=cap, max_attempts=10)
    now, later = rules.retry_delay(attempts, policy), rules.retry_delay(attempts + 1, policy)
    assert timedelta(0) < now <= timedelta(seconds=max(cap, 1))
    assert later >= now


@RELAXED
@given(st.integers(min_value=0, max_value=50), st.integers(min_value=1, max_value=20))
def test_the_delivery_is_given_up_exactly_at_the_last_attempt(attempts, max_attempts):
    policy = rules.RetryPolicy(max_attempts=max_attempts)
    at = datetime(2026, 1, 1, tzinfo=UTC)
    assert (rules.next_try(attempts, at, policy) is None) == (attempts >= max_attempts)


def test_urgent_kinds_go_at_once_and_a_managers_routine_ones_in_the_digest():
    assert rules.default_email("child_missing", "team_manager") == "now"
    assert rules.default_email("break_glass", "senior_leader") == "now"
    assert rules.default_email("clock_breached", "team_manager") == "digest"
    assert rules.default_email("clock_breached", "social_worker") == "now"
    assert rules.default_email("digest", "team_manager") == "now"


@RELAXED
@given(
    st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2035, 1, 1), timezones=st.just(LONDON))
)
def test_the_next_digest_is_at_the_hour_within_a_day(local_now):
    digest = rules.next_digest_at(local_now, 8)
    assert digest >= local_now
    assert digest - local_now <= timedelta(days=1, hours=1)  # a day, plus an hour when the clocks go back
    assert (digest.hour, digest.minute) == (8, 0)


def test_the_digest_lists_the_most_frequent_kind_first():
    lines = rules.digest_lines({"a": 1, "b": 3, "c": 0}, {"a": "Tasks", "b": "Clocks"})
    assert lines == ["3: Clocks", "1: Tasks"]
