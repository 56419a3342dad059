"""The XmR chart (performance.spc): worked examples with exact values, and properties over any
series (Wheeler, "Understanding Variation"; NHS England "Making Data Count")."""

import math
from datetime import date

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.performance import spc
from frontdoor.performance.spc import Signal, SignalKind

values = st.floats(min_value=-1e6, max_value=1e6, allow_nan=False, allow_infinity=False)
series = st.lists(st.one_of(st.none(), values), min_size=2, max_size=60).filter(
    lambda s: sum(v is not None for v in s) >= 2
)


def test_a_worked_example_gives_the_centre_line_limits_and_no_signals():
    # Moving ranges 2, 1, 3, 6: mean moving range 3; mean 11; limits 11 ± 7.98.
    chart = spc.xmr([10, 12, 11, 14, 8])
    assert chart is not None
    assert chart.mean == 11
    assert spc.moving_ranges([10, 12, 11, 14, 8]) == [2, 1, 3, 6]
    assert chart.mean_moving_range == 3
    assert chart.upper == pytest.approx(11 + 2.66 * 3)
    assert chart.lower == pytest.approx(11 - 2.66 * 3)
    assert chart.signals == ()
    assert chart.known == 5
    assert not chart.reliable


def test_a_month_far_above_the_rest_is_outside_the_upper_limit():
    chart = spc.xmr([50, 51, 49, 50, 52, 48, 50, 51, 49, 50, 90, 50])
    assert chart is not None
    # Mean 53.333..., moving ranges sum 1+2+1+2+4+2+1+2+1+40+40 = 96 over 11: 8.7272...
    assert chart.mean == pytest.approx(640 / 12)
    assert chart.mean_moving_range == pytest.approx(96 / 11)
    assert chart.upper == pytest.approx(640 / 12 + 2.66 * 96 / 11)
    # The one high month lifts the mean above the ten before it, which therefore also make a run.
    assert chart.signals == (Signal(SignalKind.RUN_BELOW, 0, 9), Signal(SignalKind.ABOVE_LIMIT, 10, 10))
    assert chart.signals_at(10)[0].meaning.startswith("above the upper limit")
    assert chart.signals_at(11) == ()


def test_eight_months_below_the_mean_after_a_drop_are_a_run():
    chart = spc.xmr([60, 62, 61, 63, 60, 62, 61, 63, 50, 52, 51, 53, 50, 52, 51, 53])
    assert chart is not None
    assert chart.mean == pytest.approx(56.5)
    kinds = [(s.kind, s.first, s.last) for s in chart.signals]
    assert kinds == [(SignalKind.RUN_ABOVE, 0, 7), (SignalKind.RUN_BELOW, 8, 15)]
    assert chart.reliable


def test_seven_in_a_row_is_not_a_run():
    chart = spc.xmr([10, 10, 10, 10, 10, 10, 10, 0, 1, 0, 1, 0, 1, 0])
    assert chart is not None
    assert [s.kind for s in chart.signals if s.kind in (SignalKind.RUN_ABOVE, SignalKind.RUN_BELOW)] == []


def test_missing_months_are_left_out_and_do_not_break_a_run():
    chart = spc.xmr([5, None, 5, 5, None, 5, 5, 5, 5, 5, 1, 1, 1])
    assert chart is not None
    assert chart.known == 11
    assert chart.mean == pytest.approx(43 / 11)
    assert chart.mean_moving_range == pytest.approx(4 / 10)
    runs = [s for s in chart.signals if s.kind is SignalKind.RUN_ABOVE]
    assert runs == [Signal(SignalKind.RUN_ABOVE, 0, 9)]


def test_a_point_on_the_mean_ends_a_run():
    # Mean 0: eight points above are split by a point exactly on the mean.
    chart = spc.xmr([1, 1, 1, 1, 0, 1, 1, 1, 1, -8])
    assert chart is not None
    assert chart.mean == 0
    assert [s for s in chart.signals if s.kind is SignalKind.RUN_ABOVE] == []


def test_fewer_than_two_points_give_no_chart():
    assert spc.xmr([]) is None
    assert spc.xmr([3]) is None
    assert spc.xmr([None, 3, None]) is None


@given(series)
def test_limits_are_symmetric_around_the_mean(points):
    chart = spc.xmr(points)
    assert chart is not None
    assert chart.upper >= chart.lower
    assert math.isclose(chart.upper - chart.mean, chart.mean - chart.lower, rel_tol=1e-9, abs_tol=1e-6)
    assert math.isclose(chart.upper - chart.mean, 2.66 * chart.mean_moving_range, rel_tol=1e-9, abs_tol=1e-6)


@given(st.floats(min_value=0, max_value=1e6, allow_nan=False), st.integers(min_value=2, max_value=60))
def test_a_constant_series_has_no_signals(value, length):
    chart = spc.xmr([value] * length)
    assert chart is not None
    assert chart.mean_moving_range == 0
    assert chart.signals == ()


@given(
    st.lists(st.floats(min_value=0, max_value=10), min_size=8, max_size=30),
    st.lists(st.floats(min_value=0, max_value=10), min_size=8, max_size=30),
    st.floats(min_value=1000, max_value=1e5),
)
def test_a_shifted_series_shows_a_run_on_each_side(before, after, shift):
    chart = spc.xmr([*before, *(v + shift for v in after)])
    assert chart is not None
    kinds = {(s.kind, s.first, s.last) for s in chart.signals}
    assert (SignalKind.RUN_BELOW, 0, len(before) - 1) in kinds
    assert (SignalKind.RUN_ABOVE, len(before), len(before) + len(after) - 1) in kinds


@given(series)
def test_every_point_outside_the_limits_is_a_signal_and_no_other(points):
    chart = spc.xmr(points)
    assert chart is not None
    outside = {s.first for s in chart.signals if s.kind in (SignalKind.ABOVE_LIMIT, SignalKind.BELOW_LIMIT)}
    for i, value in enumerate(points):
        if value is None:
            assert not chart.signals_at(i)
        elif value > chart.upper + 1e-6 * max(1, abs(chart.upper)) or value < chart.lower - 1e-6 * max(
            1, abs(chart.lower)
        ):
            assert i in outside
        elif chart.lower <= value <= chart.upper:
            assert i not in outside


@given(series)
def test_runs_are_at_least_eight_present_points_on_one_side(points):
    chart = spc.xmr(points)
    assert chart is not None
    for signal in chart.signals:
        if signal.kind in (SignalKind.RUN_ABOVE, SignalKind.RUN_BELOW):
            present = [points[i] for i in signal.points if points[i] is not None]
            assert len(present) >= spc.RUN_LENGTH
            above = signal.kind is SignalKind.RUN_ABOVE
            assert all((v > chart.mean) if above else (v < chart.mean) for v in present)


def test_a_trend_ends_with_the_last_complete_month():
    assert spc.trend_months(date(2026, 3, 20), 12) == (date(2025, 3, 1), date(2026, 2, 28))
    assert spc.trend_months(date(2026, 3, 1), 60) == (date(2021, 3, 1), date(2026, 2, 28))
    assert [spc.trend_span(t) for t in ("12", "60", "7", "x", None, "")] == [12, 60, 36, 36, 36, 36]
