"""performance.forecast: projections by statsmodels' exponential smoothing, checked exactly where the
answer is known (a constant stays constant, a straight line keeps its slope) and by properties that
hold for every additive-error model (the bands nest, never narrow with the horizon, never go below 0)."""

import itertools
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdoor.performance import forecast
from frontdoor.performance.forecast import (
    Projected,
    TooFewMonths,
    capacity,
    project,
    seasonal_naive,
    workers_needed,
)

JAN = date(2025, 1, 1)


def test_a_constant_series_projects_that_constant_with_no_spread():
    projection = project([40] * 8, JAN)
    assert [p.month for p in projection.months] == forecast.month_starts(date(2025, 9, 1), 12)
    for p in projection.months:
        assert p.mean == pytest.approx(40, abs=1e-6)
        assert p.low95 == pytest.approx(40, abs=1e-6)
        assert p.high95 == pytest.approx(40, abs=1e-6)
    assert projection.trend == "no trend"
    assert projection.seasonal is False


def test_a_straight_line_keeps_its_slope():
    projection = project([10 + 3 * i for i in range(12)], JAN)
    assert [p.mean for p in projection.months] == pytest.approx([46 + 3 * h for h in range(12)], abs=1e-6)
    assert projection.trend == "a straight-line trend"
    assert projection.model == (
        "exponential smoothing (ETS, additive errors) with a straight-line trend, chosen by AICc and "
        "fitted on 12 months"
    )


def test_the_band_widens_with_the_horizon_for_a_wandering_series():
    values = [100, 104, 99, 108, 115, 111, 120, 118, 126, 122, 131, 129]
    months = project(values, JAN).months
    widths = [p.high95 - p.low95 for p in months]
    assert widths[-1] > widths[0]
    assert all(later >= earlier - 1e-9 for earlier, later in itertools.pairwise(widths))
    assert all(p.low95 <= p.low80 <= p.mean <= p.high80 <= p.high95 for p in months)


def test_fewer_than_six_months_are_refused():
    with pytest.raises(TooFewMonths, match="5 months of history; at least 6 are needed"):
        project([1, 2, 3, 4, 5], JAN)


def test_a_seasonal_pattern_is_fitted_from_two_years_and_repeats():
    season = [50, 60, 80, 70, 65, 55, 40, 30, 45, 60, 75, 90]
    projection = project(season * 2, JAN)
    assert projection.seasonal is True
    assert [p.mean for p in projection.months] == pytest.approx(season, abs=0.5)
    assert project((season * 2)[:23], JAN).seasonal is False


def test_a_projection_below_zero_is_shown_as_zero():
    months = project([120 - 10 * i for i in range(11)], JAN).months  # 120, 110, ... 20
    assert [p.mean for p in months] == pytest.approx([10] + [0] * 11, abs=1e-6)
    assert [p.low95 for p in months] == pytest.approx([10] + [0] * 11, abs=1e-6)


def test_the_seasonal_naive_baseline_repeats_last_year_or_the_last_month():
    assert seasonal_naive(list(range(1, 15)), 3) == [3.0, 4.0, 5.0]
    assert seasonal_naive([5, 7, 9], 2) == [9.0, 9.0]


def test_capacity_at_current_staffing_and_the_workers_needed():
    projected = [Projected(date(2027, 1, 1), 180.0, 170.0, 200.0, 160.0, 210.0)]
    [row] = capacity(projected, social_workers=9, threshold=18)
    assert (row.per_worker, row.needed, row.needed_high80) == (20.0, 10, 12)
    assert capacity(projected, social_workers=0, threshold=18)[0].per_worker is None


def test_workers_needed_is_exact_at_the_threshold():
    assert workers_needed(36.0000000001, 18) == 2
    assert workers_needed(36.01, 18) == 3
    assert workers_needed(0, 18) == 0


@given(cases=st.floats(min_value=0, max_value=50_000), threshold=st.integers(min_value=1, max_value=40))
def test_workers_needed_is_the_fewest_keeping_the_mean_caseload_at_or_under_the_threshold(cases, threshold):
    needed = workers_needed(cases, threshold)
    assert needed * threshold >= round(cases, 6)
    assert needed == 0 or (needed - 1) * threshold < round(cases, 6)


@settings(max_examples=15, deadline=None)
@given(values=st.lists(st.integers(min_value=0, max_value=5_000), min_size=6, max_size=30))
def test_every_projection_nests_its_bands_never_narrows_and_is_never_negative(values):
    months = project(values, JAN).months
    assert len(months) == 12
    for p in months:
        assert 0 <= p.low95 <= p.low80 + 1e-6
        assert p.low80 <= p.mean + 1e-6
        assert p.mean <= p.high80 + 1e-6
        assert p.high80 <= p.high95 + 1e-6
    widths = [p.high95 - p.low95 for p in months if p.low95 > 0]
    assert all(later >= earlier - 1e-6 for earlier, later in itertools.pairwise(widths))
