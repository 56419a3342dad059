"""The returns' pure rules: census year, who is in it, Annex A's window and counts."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.returns import rules
from frontdoor.returns.rules import CensusYear

days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))
years = st.integers(min_value=rules.FIRST_YEAR, max_value=rules.LAST_YEAR)


def test_the_census_year_2026_is_2025_26_with_its_ruleset():
    census = CensusYear(2026)
    assert (census.start, census.reference_date, census.ruleset, census.label) == (
        date(2025, 4, 1), date(2026, 3, 31), "cin2025_26", "2025-26",
    )  # fmt: skip
    assert CensusYear(2025).has_sex
    assert not CensusYear(2024).has_sex


@given(years, days, st.one_of(st.none(), days))
def test_an_episode_is_in_the_census_exactly_when_it_overlaps_the_year(year, referred, closed):
    census = CensusYear(year)
    if closed is not None and closed < referred:
        closed, referred = referred, closed
    inside = rules.episode_in_census(referral_date=referred, closure_date=closed, census=census)
    overlaps = referred <= census.reference_date and (closed is None or closed >= census.start)
    assert inside is overlaps


def test_worked_examples_of_who_is_in_the_2025_26_census():
    census = CensusYear(2026)
    assert rules.episode_in_census(referral_date=date(2024, 1, 5), closure_date=None, census=census)
    assert rules.episode_in_census(
        referral_date=date(2024, 1, 5), closure_date=date(2025, 4, 1), census=census
    )
    assert not rules.episode_in_census(
        referral_date=date(2024, 1, 5), closure_date=date(2025, 3, 31), census=census
    )
    assert not rules.episode_in_census(referral_date=date(2026, 4, 1), closure_date=None, census=census)


@given(years, days)
def test_dates_after_the_reference_date_have_not_happened_for_the_census(year, day):
    census = CensusYear(year)
    assert census.within(day) == (day if day <= census.reference_date else None)


@given(st.lists(st.sampled_from(["NONE", "AUT", "LD", "HEAR", "MOB"]), max_size=6))
def test_disabilities_are_never_empty_never_repeated_and_none_stands_alone(codes):
    out = rules.disabilities_for_census(codes)
    assert out
    assert len(out) == len(set(out))
    assert out == ["NONE"] or "NONE" not in out


def test_primary_need_is_not_stated_until_recorded_except_on_nfa():
    assert rules.primary_need_for_census(recorded="", nfa=False) == "N0"
    assert rules.primary_need_for_census(recorded="", nfa=True) == ""
    assert rules.primary_need_for_census(recorded="N4", nfa=False) == "N4"


@given(days)
def test_the_annex_a_window_is_six_months_up_to_the_inspection_date(as_of):
    start, end = rules.annex_a_window(as_of)
    assert end == as_of - timedelta(days=1)
    assert 181 <= (as_of - start).days <= 184


def test_re_referrals_count_the_child_s_referrals_in_the_12_months_before():
    others = [date(2025, 3, 10), date(2025, 3, 9), date(2026, 3, 10), date(2026, 1, 1), date(2027, 1, 1)]
    assert rules.referrals_in_previous_12_months(others, date(2026, 3, 10)) == 2


@given(days, st.lists(days, max_size=8))
def test_re_referrals_never_count_a_later_or_the_same_day(day, others):
    count = rules.referrals_in_previous_12_months(others, day)
    assert count == rules.referrals_in_previous_12_months([d for d in others if d < day], day)
    assert count <= sum(1 for d in others if d < day)


def test_age_in_whole_years():
    assert rules.age_in_years(date(2014, 6, 9), date(2026, 6, 8)) == 11
    assert rules.age_in_years(date(2014, 6, 9), date(2026, 6, 9)) == 12
    assert rules.age_in_years(None, date(2026, 6, 9)) is None
    assert rules.age_in_years(date(2027, 1, 1), date(2026, 6, 9)) is None


def test_duration_bands():
    assert [rules.duration_band(d) for d in (0, 89, 90, 181, 182, 364, 365, 729, 730)] == [
        "Under 3 months", "Under 3 months", "3 to 6 months", "3 to 6 months", "6 months to 1 year",
        "6 months to 1 year", "1 to 2 years", "1 to 2 years", "2 years or more",
    ]  # fmt: skip
