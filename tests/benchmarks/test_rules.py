"""benchmarks.rules: worked examples from the DfE's 2024-25 tables, and properties."""

from datetime import date
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.benchmarks import rules

values = st.decimals(min_value=0, max_value=2000, places=1, allow_nan=False, allow_infinity=False)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("17.8", Decimal("17.8")),
        ("4,805", Decimal(4805)),
        ("c", None),
        ("x", None),
        ("low", None),
        ("z", None),
        ("", None),
    ],
)
def test_published_cells_are_numbers_or_withheld(text, expected):
    assert rules.parse_number(text) == expected


@pytest.mark.parametrize("text", ["n/a", "12..5", "1e400x", "NaN"])
def test_anything_else_is_a_bad_number(text):
    with pytest.raises(rules.BadNumber):
        rules.parse_number(text)


def test_worcestershires_referral_rate_2024_25_from_the_published_count():
    # C1: 4,805 referrals in 2024-25; ONS mid-2024: 120,119 children aged 0 to 17.
    assert rules.rate_per_10k(4805, 120119) == Decimal("400.0")
    assert rules.rate_per_10k(4805, 0) is None
    assert rules.rate_per_10k(None, 120119) is None


def test_percentages_round_half_up_as_the_dfe_does():
    assert rules.percent(1, 8) == Decimal("12.5")
    assert rules.percent(1, 16) == Decimal("6.3")  # 6.25 -> 6.3
    assert rules.percent(3, 0) is None


def test_rank_1_is_the_lowest_and_ties_share_a_rank():
    others = [Decimal(v) for v in ("10", "20", "20", "30")]
    assert rules.standing(Decimal("20"), others) == rules.Standing(rank=2, of=5, quartile=1)
    assert rules.standing(Decimal("5"), others) == rules.Standing(rank=1, of=5, quartile=1)
    assert rules.standing(Decimal("31"), others) == rules.Standing(rank=5, of=5, quartile=4)
    assert rules.standing(None, others) is None


@given(st.lists(values, min_size=1, max_size=40), values)
def test_a_standing_is_always_within_the_league(others, value):
    found = rules.standing(value, others)
    assert found is not None
    assert found.of == len(others) + 1
    assert 1 <= found.rank <= found.of
    assert 1 <= found.quartile <= 4
    assert found.rank == 1 + sum(1 for v in others if v < value)


@given(st.lists(values, min_size=1, max_size=60), values, values)
def test_a_higher_value_never_ranks_lower(others, a, b):
    low, high = sorted((a, b))
    assert rules.standing(low, others).rank <= rules.standing(high, others).rank  # type: ignore[union-attr]
    assert rules.standing(low, others).quartile <= rules.standing(high, others).quartile  # type: ignore[union-attr]


def test_the_neighbours_mean_leaves_withheld_values_out():
    assert rules.mean([Decimal("10.0"), None, Decimal("20.5")]) == Decimal("15.3")
    assert rules.mean([None, None]) is None


def test_nearest_neighbours_by_standardised_distance():
    features = {"A": (0.0, 0.0), "B": (1.0, 0.0), "C": (0.0, 10.0), "D": (3.0, 0.0)}
    # Raw distances would put D (3 away) before C (10 away); standardised, C's 10 on a feature
    # that varies widely is nearer than D's 3 on one that varies little (z-scores: C 2.31, D 2.45).
    found = rules.nearest("A", features, 3)
    assert [(n.code, n.distance) for n in found] == [("B", 0.8165), ("C", 2.3094), ("D", 2.4495)]
    assert rules.nearest("Z", features) == []


@given(
    st.dictionaries(
        st.from_regex(r"\A[0-9]{3}\Z"),
        st.tuples(*(st.floats(min_value=-1e3, max_value=1e3, allow_nan=False) for _ in range(3))),
        min_size=2,
        max_size=40,
    ),
    st.integers(min_value=1, max_value=12),
)
def test_neighbours_never_include_the_authority_and_come_nearest_first(features, count):
    code = sorted(features)[0]
    found = rules.nearest(code, features, count)
    assert len(found) == min(count, len(features) - 1)
    assert code not in {n.code for n in found}
    assert [n.distance for n in found] == sorted(n.distance for n in found)


@pytest.mark.parametrize(
    ("today", "begin", "expected"),
    [
        (date(2026, 12, 8), date(2020, 1, 1), (date(2025, 4, 1), date(2026, 3, 31), True)),
        (date(2026, 12, 8), None, (date(2025, 4, 1), date(2026, 3, 31), True)),
        (date(2026, 3, 31), date(2020, 1, 1), (date(2024, 4, 1), date(2025, 3, 31), True)),
        (date(2026, 4, 1), date(2025, 4, 1), (date(2025, 4, 1), date(2026, 3, 31), True)),
        # A new deployment: records from December 2025 cover no whole year ending 31 March.
        (date(2026, 12, 8), date(2025, 12, 8), (date(2025, 12, 1), date(2026, 11, 30), False)),
        (date(2027, 1, 15), date(2025, 12, 8), (date(2026, 1, 1), date(2026, 12, 31), False)),
    ],
)
def test_frontdoors_own_figures_are_for_the_latest_whole_year_its_records_cover(today, begin, expected):
    window = rules.comparison_window(today, begin)
    assert (window.first, window.last, window.census_year) == expected


def test_the_windows_label():
    assert rules.comparison_window(date(2026, 12, 8), None).label == "2025-26"
    assert rules.comparison_window(date(2026, 12, 8), date(2025, 12, 8)).label == "Dec 2025 to Nov 2026"
