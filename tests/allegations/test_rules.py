"""allegations.rules: the outcome's required fields, the KCSIE resolution bands, the reporting year,
who may see an allegation and the annual table's totals (worked examples and properties)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.allegations import rules

DAYS = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
RECEIVED = date(2026, 1, 31)
TODAY = date(2026, 12, 7)


def problems(**changes):
    given_ = {"outcome": "unfounded", "outcome_on": date(2026, 2, 10), "decided_by": "AMM chair",
              "actions": ["none"], "received_on": RECEIVED, "today": TODAY} | changes  # fmt: skip
    return rules.outcome_problems(**given_)


def test_a_complete_outcome_has_no_problems():
    assert problems() == {}


def test_an_outcome_without_a_date_or_a_decision_maker_is_refused_by_field():
    assert problems(outcome_on=None, decided_by="  ") == {
        "outcome_on": "Enter the date of the outcome",
        "decided_by": "Enter who made the decision",
    }


def test_an_outcome_before_the_referral_or_in_the_future_is_refused():
    before = "The outcome must be on or after the day the allegation was received"
    assert problems(outcome_on=RECEIVED - timedelta(days=1)) == {"outcome_on": before}
    assert problems(outcome_on=TODAY + timedelta(days=1)) == {
        "outcome_on": "The outcome must be today or in the past"
    }


def test_none_goes_alone_and_an_action_is_needed():
    assert problems(actions=["none", "barring"]) == {
        "actions_taken": "Select None on its own, or the actions taken"
    }
    assert problems(actions=[]) == {"actions_taken": "Select the action taken, or None"}
    assert problems(actions=["dismissal", "barring"]) == {}
    assert problems(outcome="proven") == {"outcome": "Select the outcome"}


def test_resolution_bands_by_calendar_month():
    # 31 January plus one month is 28 February (dateutil), the last day within 1 month.
    assert rules.resolution_band(RECEIVED, date(2026, 2, 28)) == rules.WITHIN_1_MONTH
    assert rules.resolution_band(RECEIVED, date(2026, 3, 1)) == rules.WITHIN_3_MONTHS
    assert rules.resolution_band(RECEIVED, date(2026, 4, 30)) == rules.WITHIN_3_MONTHS
    assert rules.resolution_band(RECEIVED, date(2027, 1, 31)) == rules.WITHIN_12_MONTHS
    assert rules.resolution_band(RECEIVED, date(2027, 2, 1)) == rules.LONGER


@given(DAYS, st.integers(0, 800), st.integers(0, 800))
def test_a_later_outcome_is_never_in_an_earlier_band(received, a, b):
    first, second = sorted((a, b))
    earlier = rules.resolution_band(received, received + timedelta(days=first))
    later = rules.resolution_band(received, received + timedelta(days=second))
    assert rules.BANDS.index(earlier) <= rules.BANDS.index(later)
    assert rules.resolution_band(received, received) == rules.WITHIN_1_MONTH
    assert rules.resolution_band(received, received + timedelta(days=28)) == rules.WITHIN_1_MONTH
    assert rules.resolution_band(received, received + timedelta(days=367)) == rules.LONGER


@given(DAYS)
def test_every_day_is_in_the_reporting_year_whose_bounds_hold_it(day):
    year = rules.reporting_year(day)
    starts, ends = rules.reporting_year_bounds(year)
    assert starts <= day < ends
    assert (ends - starts).days in (365, 366)


def test_reporting_year_runs_april_to_march():
    assert rules.reporting_year(date(2026, 3, 31)) == 2025
    assert rules.reporting_year(date(2026, 4, 1)) == 2026


@given(st.sampled_from(["designated_officer", "team_manager", "senior_leader", "social_worker"]),
       st.integers(1, 50), st.sets(st.integers(1, 50)))  # fmt: skip
def test_only_the_designated_officer_or_a_named_person_may_see(role, user_id, named):
    assert rules.may_see(role=role, user_id=user_id, named_ids=named) == (
        role == "designated_officer" or user_id in named
    )


@given(st.lists(st.tuples(st.sampled_from(["education", "health"]), st.sampled_from([*rules.OUTCOMES, ""]))))
def test_the_summary_table_adds_up(rows):
    table = rules.summary_table(rows, ["education", "health"], rules.OUTCOMES)
    assert table["total"]["total"] == len(rows)
    for sector in ("education", "health"):
        assert table[sector]["total"] == sum(1 for s, _ in rows if s == sector)
        assert sum(table[sector][o] for o in [*rules.OUTCOMES, ""]) == table[sector]["total"]
