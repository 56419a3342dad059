"""The dashboard's pure arithmetic: periods, buckets, rates, percentiles and the DfE groupings, with
worked examples and properties checked against the standard library and dateutil."""

import statistics
from datetime import date, timedelta
from decimal import Decimal

import pytest
from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.people.models import Disability, Ethnicity
from frontdoor.performance import rules
from frontdoor.performance.rules import Period


def test_the_default_period_is_the_last_twelve_full_months():
    period = rules.default_period(date(2026, 11, 23))
    assert period == Period(date(2025, 11, 1), date(2026, 10, 31))
    assert period.label == "Nov 2025 \N{EN DASH} Oct 2026"
    assert rules.default_period(date(2026, 1, 1)) == Period(date(2025, 1, 1), date(2025, 12, 31))


def test_a_period_that_is_not_whole_months_is_labelled_by_day():
    assert Period(date(2026, 3, 2), date(2026, 3, 15)).label == "2 Mar 2026 \N{EN DASH} 15 Mar 2026"
    assert Period(date(2026, 3, 1), date(2026, 3, 31)).label == "Mar 2026"


def test_a_period_runs_from_midnight_to_midnight_uk_time():
    period = Period(date(2026, 3, 29), date(2026, 3, 29))  # the clocks go forward that night
    assert period.starts_at.isoformat() == "2026-03-29T00:00:00+00:00"
    assert period.ends_before.isoformat() == "2026-03-30T00:00:00+01:00"


@pytest.mark.parametrize(
    ("typed_from", "typed_to", "errors"),
    [
        ("2025-04-01", "2026-03-31", {}),
        ("2026-13-01", "", {"from": "Enter the start date as year-month-day, for example, 2025-04-01"}),
        ("", "31/03/2026", {"to": "Enter the end date as year-month-day, for example, 2025-04-01"}),
        ("2026-04-01", "2026-03-31", {"to": "The end date must be the same as or after the start date"}),
        ("2020-01-01", "2026-03-31", {"to": "The period can be at most 3 years long"}),
        ("1066-10-14", "", {"from": "The start date must be between 1 Jan 2000 and 31 Dec 2099"}),
    ],
)
def test_the_period_parameters_are_checked_with_a_message_for_each_mistake(typed_from, typed_to, errors):
    period, problems = rules.parse_period(typed_from, typed_to, today=date(2026, 11, 23))
    assert problems == errors
    if errors:
        assert period == rules.default_period(date(2026, 11, 23))
    else:
        assert period == Period(date(2025, 4, 1), date(2026, 3, 31))


def test_weeks_start_on_monday_and_months_on_the_first_and_both_cover_the_period():
    period = Period(date(2026, 3, 1), date(2026, 3, 31))
    assert rules.weeks(period)[0] == date(2026, 2, 23)
    assert rules.weeks(period)[-1] == date(2026, 3, 30)
    assert len(rules.weeks(period)) == 6
    assert rules.months(Period(date(2025, 11, 15), date(2026, 2, 1))) == [
        date(2025, 11, 1),
        date(2025, 12, 1),
        date(2026, 1, 1),
        date(2026, 2, 1),
    ]
    assert rules.week_is_partial(date(2026, 2, 23), period)
    assert not rules.week_is_partial(date(2026, 3, 2), period)
    assert rules.month_is_partial(date(2025, 11, 1), Period(date(2025, 11, 15), date(2026, 2, 1)))


@pytest.mark.parametrize(
    ("part", "whole", "share"),
    [(1, 8, "12.5"), (1, 3, "33.3"), (2, 3, "66.7"), (1, 16, "6.3"), (3, 16, "18.8"), (0, 5, "0.0")],
)
def test_percentages_round_half_up_to_one_decimal_place(part, whole, share):
    assert rules.percentage(part, whole) == Decimal(share)


def test_a_rate_of_nothing_is_no_data_not_a_division_by_zero():
    assert rules.percentage(0, 0) is None
    assert rules.percentile([], 50) is None


def test_percentiles_interpolate_as_excel_does():
    delays = [1.5, 10, 30, 72]
    assert rules.percentile(delays, 50) == 20  # MEDIAN: halfway between 10 and 30
    assert rules.percentile(delays, 90) == pytest.approx(59.4)  # PERCENTILE.INC(..., 0.9)
    assert rules.percentile([7], 90) == 7


@given(st.lists(st.floats(min_value=0, max_value=10_000, allow_nan=False), min_size=2, max_size=60))
def test_percentiles_agree_with_the_standard_library(values):
    assert rules.percentile(values, 50) == pytest.approx(statistics.median(values))
    deciles = statistics.quantiles(values, n=10, method="inclusive")
    assert rules.percentile(values, 90) == pytest.approx(deciles[8])


def test_every_ethnicity_code_is_in_exactly_one_group():
    grouped = [code for group in rules.ETHNICITY_GROUPS for code in group.codes]
    assert sorted(grouped) == sorted(Ethnicity.values)
    assert rules.ethnicity_group("CHNE") == "other"
    assert rules.ethnicity_group("REFU") == rules.ethnicity_group("NOBT") == "not_known"
    assert rules.ethnicity_group("") == "not_known"


def test_a_disability_is_any_code_but_none():
    assert rules.has_disability(["AUT"])
    assert rules.has_disability(["MOB", "VIS"])
    assert not rules.has_disability(["NONE"])
    assert not rules.has_disability([])
    assert not rules.has_disability(None)
    assert set(Disability.values) - {"NONE"} == {c for c in Disability.values if rules.has_disability([c])}


@pytest.mark.parametrize(
    ("born", "expected", "on", "band"),
    [
        (date(2021, 3, 23), None, date(2026, 3, 23), "5_9"),  # fifth birthday that day
        (date(2021, 3, 24), None, date(2026, 3, 23), "1_4"),  # fifth birthday tomorrow
        (date(2020, 2, 29), None, date(2021, 2, 28), "under_1"),  # a leap-day child turns 1 on 1 March
        (date(2020, 2, 29), None, date(2021, 3, 1), "1_4"),
        (date(2010, 3, 23), None, date(2026, 3, 23), "16_plus"),
        (date(2010, 3, 24), None, date(2026, 3, 23), "10_15"),
        (date(2026, 3, 23), None, date(2026, 3, 23), "under_1"),  # born the day of the contact
        (date(2026, 4, 1), None, date(2026, 3, 23), "unborn"),  # born since the contact
        (None, date(2026, 6, 1), date(2026, 3, 23), "unborn"),
        (None, None, date(2026, 3, 23), "not_known"),
    ],
)
def test_age_groups_are_the_dfe_bands_at_the_contact_date(born, expected, on, band):
    assert rules.age_group(date_of_birth=born, expected_date_of_birth=expected, on=on) == band


@given(st.dates(date(2000, 1, 1), date(2030, 12, 31)), st.integers(min_value=0, max_value=8000))
def test_age_groups_agree_with_completed_years_by_dateutil(on, days_old):
    born = on - timedelta(days=days_old)
    years = relativedelta(on, born).years
    band = rules.age_group(date_of_birth=born, expected_date_of_birth=None, on=on)
    limits = {"under_1": (0, 1), "1_4": (1, 5), "5_9": (5, 10), "10_15": (10, 16), "16_plus": (16, 999)}
    low, high = limits[band]
    assert low <= years < high


def test_text_a_spreadsheet_would_run_is_neutralised():
    assert rules.spreadsheet_safe("=HYPERLINK(1)") == "'=HYPERLINK(1)"
    assert rules.spreadsheet_safe("@SUM") == "'@SUM"
    assert rules.spreadsheet_safe("Family Front Door") == "Family Front Door"


# Assessment duration and re-referrals ----------------------------------------------------------------


def test_the_assessment_bands_run_in_fives_to_90_with_the_45_day_line_after_the_ninth():
    labels = [b.label for b in rules.ASSESSMENT_BANDS]
    assert labels[:3] == ["0\N{EN DASH}5", "6\N{EN DASH}10", "11\N{EN DASH}15"]
    assert labels[8:10] == ["41\N{EN DASH}45", "46\N{EN DASH}50"]
    assert labels[-2:] == ["86\N{EN DASH}90", "Over 90"]
    assert len(labels) == 19
    assert rules.BANDS_WITHIN_LIMIT == 9


@given(st.integers(min_value=0, max_value=400))
def test_every_number_of_working_days_falls_in_exactly_one_band(days):
    holding = [b for b in rules.ASSESSMENT_BANDS if b.low <= days and (b.high is None or days <= b.high)]
    assert [b.key for b in holding] == [rules.assessment_band(days)]
    within = rules.ASSESSMENT_BANDS.index(holding[0]) < rules.BANDS_WITHIN_LIMIT
    assert within == (days <= rules.ASSESSMENT_LIMIT)


def test_a_negative_number_of_working_days_is_refused():
    with pytest.raises(ValueError, match="negative"):
        rules.assessment_band(-1)


@given(st.dates(min_value=date(1901, 1, 1), max_value=date(2099, 12, 31)))
def test_the_year_before_as_day_numbers_is_the_year_before_as_dateutil_counts_it(day):
    assert rules.year_before(day) == day - relativedelta(months=12)
    assert rules.year_before_number(day) == rules.day_number(rules.year_before(day))


def test_a_referral_on_29_february_looks_back_to_28_february():
    assert rules.year_before(date(2028, 2, 29)) == date(2027, 2, 28)
    assert rules.year_before_number(date(2028, 2, 29)) == 20270228
