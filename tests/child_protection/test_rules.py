"""The census rules as pure functions: worked examples from standards.md §2.6 and properties."""

from datetime import date, datetime, timedelta
from importlib import import_module
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.child_protection import rules

LONDON = ZoneInfo("Europe/London")
RULES_TABLE = Path("/work/shared/data/cin/cin_rules_table.md")
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
gaps = st.integers(min_value=0, max_value=400)


def test_every_mapped_rule_names_a_function_of_this_module():
    for code, path in rules.RULES_PREVENTED.items():
        module, _, name = path.rpartition(".")
        assert callable(getattr(import_module(module), name)), code
    assert sorted(rules.RULES_PREVENTED) == [
        "1104", "1105", "2883", "2884", "2885", "2889", "2990", "4001", "4003", "4016", "4017", "8565",
        "8615", "8730", "8831", "8832",
        "8839", "8840", "8841", "8875", "8890", "8905", "8910", "8915", "8920", "8925", "8935", "8940",
    ]  # fmt: skip


@pytest.mark.skipif(not RULES_TABLE.exists(), reason="the shared CIN rules table is not on this machine")
def test_every_mapped_rule_is_an_error_rule_in_the_census_table():
    table = RULES_TABLE.read_text()
    assert [code for code in rules.RULES_PREVENTED if f"| {code} | ERROR |" not in table] == []


@given(days)
def test_an_icpc_is_refused_exactly_at_weekends(day):
    assert (rules.icpc_not_at_weekend(held_on=day) is None) == (day.weekday() < 5)


def test_worked_example_an_icpc_on_saturday_7_march_2026():
    assert (
        rules.icpc_not_at_weekend(held_on=date(2026, 3, 7))
        == "The conference cannot be on a Saturday or Sunday"
    )
    assert rules.icpc_not_at_weekend(held_on=date(2026, 3, 9)) is None


@given(days, gaps)
def test_a_conference_is_never_before_its_strategy_discussion(start, gap):
    assert rules.icpc_not_before_section47(held_on=start + timedelta(days=gap), section47_start=start) is None
    if gap:
        assert rules.icpc_not_before_section47(held_on=start - timedelta(days=gap), section47_start=start)


@given(days, gaps)
def test_a_plan_ends_strictly_after_it_starts(start, gap):
    end = start + timedelta(days=gap)
    assert (rules.plan_end_after_start(start=start, end=end) is None) == (gap > 0)
    assert rules.plan_end_after_start(start=start, end=start - timedelta(days=gap + 1)) == (
        "The plan cannot end before it starts"
    )


@given(days)
def test_the_plan_starts_on_the_day_of_its_conference(day):
    assert rules.plan_start_for(icpc_held_on=day) == day


@given(st.lists(st.tuples(days, gaps), max_size=5), days)
def test_a_new_plan_overlaps_nothing_it_is_allowed_beside(periods, start):
    earlier = [(s, s + timedelta(days=g + 1)) for s, g in periods]
    allowed = rules.plan_does_not_overlap(start=start, earlier_plans=earlier) is None
    assert allowed == all(end <= start for _, end in earlier)


@given(days, gaps)
def test_a_review_is_after_the_day_the_plan_started(start, gap):
    assert (rules.review_after_plan_start(held_on=start + timedelta(days=gap), plan_start=start) is None) == (
        gap > 0
    )


@given(st.lists(days, max_size=6), days)
def test_previous_plans_counts_the_plans_that_started_before(starts, this):
    assert rules.previous_plans(this_start=this, plan_starts=starts) == len([s for s in starts if s < this])


@given(st.text(max_size=4))
def test_only_the_five_census_categories_are_valid(code):
    assert (rules.category_valid(category=code) is None) == (code in {"NEG", "PHY", "EMO", "SAB", "MUL"})


@given(st.booleans(), st.sampled_from(["", "RC1", "RC7", "RC8", "RC9"]), gaps)
def test_no_child_protection_work_on_an_nfa_or_closed_episode(nfa, reason, gap):
    closure = date(2026, 5, 1) if reason else None
    on = date(2026, 4, 20) + timedelta(days=gap)
    refused = rules.not_nfa(nfa=nfa) or rules.episode_open(closure_date=closure, closure_reason=reason, on=on)
    expected = nfa or closure is not None  # closed: refused whatever the work's date (issue 18)
    assert bool(refused) == expected


@given(
    st.datetimes(min_value=datetime(2026, 1, 1), max_value=datetime(2027, 1, 1), timezones=st.just(LONDON)),
    st.integers(min_value=-72, max_value=72),
    st.booleans(),
    st.booleans(),
)
def test_a_late_discussion_needs_both_the_rationale_and_the_safety_plan(held, hours_late, rationale, safety):
    due = held - timedelta(hours=hours_late)
    problems = rules.strategy_problems(
        held_at=held,
        now=held + timedelta(hours=1),
        due_at=due,
        late_rationale="Police unavailable" if rationale else " ",
        interim_safety_plan="With grandparents" if safety else "",
        invited=["police", "social_care"],
        attended=["police"],
    )
    late = held > due
    assert ("late_rationale" in problems) == (late and not rationale)
    assert ("interim_safety_plan" in problems) == (late and not safety)
    assert set(problems) <= {"late_rationale", "interim_safety_plan"}


@given(
    st.sets(st.sampled_from(["police", "health", "education"]), max_size=3),
    st.sets(st.sampled_from(["minutes", "plan", "outcome"])),
)
def test_outstanding_lists_exactly_the_unsent_pairs(sent_to, items_sent):
    involved = ["police", "health", "education"]
    sent = [(item, agency) for item in items_sent for agency in sent_to]
    missing = rules.outstanding(involved, sent, ["minutes", "plan", "outcome"])
    pairs = {(item, agency) for item, agencies in missing.items() for agency in agencies}
    assert pairs == {(i, a) for i in ("minutes", "plan", "outcome") for a in involved} - set(sent)


def test_reviews_are_first_at_three_months_then_six():
    assert [rules.review_standard(reviews_held=n) for n in (0, 1, 4)] == [
        "first_review_conference", "review_conference", "review_conference",
    ]  # fmt: skip
