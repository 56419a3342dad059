"""workforce.rules: caseload bands, days held, changes of social worker, supervision within 4 weeks,
the daily caseloads rebuilt from history, and a vacancy's bad input."""

from collections import Counter
from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from frontdoor.workforce import rules
from frontdoor.workforce.rules import Holding

D = date(2026, 3, 10)


def test_bands_for_the_default_threshold_of_18():
    assert rules.bands(18) == [(0, 6), (7, 12), (13, 18), (19, None)]
    assert [rules.band_label(lo, hi) for lo, hi in rules.bands(18)] == [
        "0 to 6",
        "7 to 12",
        "13 to 18",
        "Over 18",
    ]
    assert rules.bands(0) == [(0, 0), (1, None)]


@given(st.integers(min_value=0, max_value=60), st.integers(min_value=0, max_value=200))
def test_every_caseload_falls_in_exactly_one_band_and_the_last_is_over_the_threshold(threshold, cases):
    inside = [lo <= cases and (hi is None or cases <= hi) for lo, hi in rules.bands(threshold)]
    assert inside.count(True) == 1
    index = rules.band_index(cases, threshold)
    assert inside[index]
    assert (index == len(inside) - 1) == rules.over_threshold(cases, threshold) == (cases > threshold)


def test_an_allocation_ended_on_a_day_is_not_held_on_it():
    assert rules.holds_on(D, D, None)
    assert not rules.holds_on(D, D, D)
    assert rules.holds_on(D, None, D + timedelta(days=1))
    assert not rules.holds_on(D, D + timedelta(days=1), None)


def test_month_ends_count_this_month_at_today():
    assert rules.month_ends(date(2026, 3, 10), 3) == [date(2026, 1, 31), date(2026, 2, 28), D]
    assert rules.month_ends(date(2026, 1, 5), 2) == [date(2025, 12, 31), date(2026, 1, 5)]


def test_supervision_28_days_before_is_within_4_weeks_and_29_is_not():
    assert rules.supervised_within([D - timedelta(days=28)], D)
    assert not rules.supervised_within([D - timedelta(days=29)], D)
    assert not rules.supervised_within([D + timedelta(days=1)], D)
    assert not rules.supervised_within([], D)


def test_each_child_counts_the_different_workers_in_the_12_months_and_the_latest_team():
    old = D - timedelta(days=400)
    holdings = [
        Holding(child=1, worker=10, team=1, start=old, end=D - timedelta(days=100)),
        Holding(child=1, worker=11, team=1, start=D - timedelta(days=100), end=D - timedelta(days=50)),
        Holding(child=1, worker=12, team=2, start=D - timedelta(days=50), end=None),
        Holding(child=2, worker=10, team=1, start=old, end=old + timedelta(days=20)),  # before the 12 months
        Holding(child=3, worker=11, team=1, start=D - timedelta(days=9), end=None),
        Holding(child=3, worker=11, team=1, start=D - timedelta(days=30), end=D - timedelta(days=20)),
        Holding(child=4, worker=13, team=1, start=D + timedelta(days=1), end=None),  # after
    ]
    assert rules.workers_per_child(holdings, D) == {1: (3, 2), 3: (1, 1)}


holding = st.builds(
    lambda child, worker, start, length: Holding(
        child,
        worker,
        None,
        D + timedelta(days=start),
        None if length is None else D + timedelta(days=start + length),
    ),
    st.integers(1, 5),
    st.integers(1, 4),
    st.integers(-20, 40),
    st.none() | st.integers(0, 30),
)
plan = st.tuples(st.integers(-20, 40), st.none() | st.integers(1, 30)).map(
    lambda p: (D + timedelta(days=p[0]), None if p[1] is None else D + timedelta(days=p[0] + p[1]))
)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(st.tuples(st.integers(1, 6), holding), max_size=12),
    st.dictionaries(st.integers(1, 6), st.lists(plan, max_size=2)),
)
def test_the_running_sum_gives_what_counting_every_holding_each_day_gives(held, plans):
    first, last = D, D + timedelta(days=25)
    expected = {}
    day = first
    while day <= last:
        cases = Counter(h.worker for _, h in held if rules.holds_on(day, h.start, h.end))
        protected = Counter(
            h.worker
            for episode, h in held
            if rules.holds_on(day, h.start, h.end)
            and any(rules.holds_on(day, s, e) for s, e in plans.get(episode, []))
        )
        for worker, n in cases.items():
            expected[(day, worker)] = (n, protected[worker])
        day += timedelta(days=1)
    assert rules.daily_caseloads(held, plans, first, last) == expected


def test_a_vacancy_closed_before_it_opened_or_with_an_impossible_fte_is_refused_by_field():
    today = D
    assert rules.vacancy_problems(opened_on=D, closed_on=None, fte=Decimal("0.5"), today=today) == {}
    assert rules.vacancy_problems(
        opened_on=D, closed_on=D - timedelta(days=1), fte=Decimal("1.5"), today=today
    ) == {
        "closed_on": "The date the post was filled or closed must be on or after it became vacant",
        "fte": "The full-time equivalent must be more than 0 and no more than 1",
    }
    assert rules.vacancy_problems(
        opened_on=D + timedelta(days=1), closed_on=None, fte="0.125", today=today
    ) == {
        "opened_on": "The date the post became vacant must be today or in the past",
        "fte": "The full-time equivalent can have at most 2 decimal places",
    }
    assert rules.vacancy_problems(opened_on=None, closed_on=None, fte="x", today=today) == {
        "opened_on": "Enter the date the post became vacant",
        "fte": "Enter the full-time equivalent, like 1 or 0.5",
    }


@given(st.decimals(allow_nan=True, allow_infinity=True))
def test_any_fte_is_accepted_only_between_0_and_1_with_2_places(fte):
    problems = rules.vacancy_problems(opened_on=D, closed_on=None, fte=fte, today=D)
    ok = fte.is_finite() and 0 < fte <= 1 and fte == fte.quantize(Decimal("0.01"))
    assert ("fte" not in problems) == ok
