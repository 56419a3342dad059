"""Retention review dates (retention.rules): properties and worked examples from security.md §3."""

from datetime import date

from dateutil.relativedelta import relativedelta
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.retention import rules
from frontdoor.retention.rules import Facts, Schedule

days = st.dates(min_value=date(1990, 1, 1), max_value=date(2040, 12, 31))
maybe_days = st.one_of(st.none(), days)
facts = st.builds(
    Facts, last_activity=days, date_of_birth=maybe_days, date_of_death=maybe_days,
    looked_after=st.booleans(), adoption_order=maybe_days, cp_closed=maybe_days,
    csa=st.booleans(), legal_hold=st.booleans(),
)  # fmt: skip
schedules = st.builds(Schedule, st.integers(0, 10), st.integers(0, 50))


@given(facts, schedules)
def test_no_review_date_falls_before_any_statutory_minimum(f, schedule):
    review = rules.review_date(f, schedule)
    if f.legal_hold:
        assert review is None
        return
    assert review is not None
    if f.adoption_order:
        assert review >= f.adoption_order + relativedelta(years=100)
    if (
        f.looked_after
        and f.date_of_birth
        and not (f.date_of_death and f.date_of_death < f.date_of_birth + relativedelta(years=18))
    ):
        assert review >= f.date_of_birth + relativedelta(years=75)
    if f.cp_closed:
        assert review >= f.cp_closed + relativedelta(years=schedule.cp_years_after_closure)
    assert review >= f.last_activity


@given(facts, schedules, st.integers(1, 3000))
def test_later_activity_never_brings_the_review_forward(f, schedule, extra_days):
    later = Facts(**{**f.__dict__, "last_activity": f.last_activity + relativedelta(days=extra_days)})
    first, second = rules.review_date(f, schedule), rules.review_date(later, schedule)
    if first is not None:
        assert second >= first


def test_worked_examples():
    defaults = Schedule()
    # Children in need: until 18, then 3 years without activity (Devon).
    child = Facts(last_activity=date(2020, 5, 1), date_of_birth=date(2010, 3, 1))
    assert rules.review_date(child, defaults) == date(2031, 3, 1)
    young_adult = Facts(last_activity=date(2030, 6, 1), date_of_birth=date(2010, 3, 1))
    assert rules.review_date(young_adult, defaults) == date(2033, 6, 1)
    # Looked after: 75th birthday (CPPCR 2010 reg 50); died before 18: 15 years from death.
    assert rules.review_date(Facts(date(2020, 1, 1), date(2008, 2, 2), looked_after=True), defaults) == date(
        2083, 2, 2
    )
    died = Facts(date(2020, 1, 1), date(2008, 2, 2), date_of_death=date(2015, 6, 6), looked_after=True)
    assert rules.review_date(died, defaults) == date(2030, 6, 6)
    # Child protection closed 2021: 35 years (Northumberland); an authority choosing 40 gets 40.
    cp = Facts(date(2021, 4, 1), date(2012, 1, 1), cp_closed=date(2021, 4, 1))
    assert rules.review_date(cp, defaults) == date(2056, 4, 1)
    assert rules.review_date(cp, Schedule(cp_years_after_closure=40)) == date(2061, 4, 1)
    assert rules.review_date(Facts(date(2021, 4, 1), legal_hold=True), defaults) is None
