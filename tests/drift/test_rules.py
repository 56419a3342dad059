"""The drift list's rules: each reason in words with its dates, worked examples and properties."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.drift import rules
from frontdoor.drift.rules import EpisodeFacts

TODAY = date(2026, 12, 7)
days = st.integers(min_value=0, max_value=2000)


def codes(facts, **kw):
    return [r.code for r in rules.drift_reasons(facts, **kw)]


def test_a_new_episode_seen_yesterday_is_not_listed():
    facts = EpisodeFacts(
        today=TODAY, referral_date=TODAY - timedelta(days=30), last_seen=TODAY - timedelta(days=1)
    )
    assert rules.drift_reasons(facts) == ()


def test_open_six_months_to_the_day_is_listed_with_the_referral_date():
    facts = EpisodeFacts(today=TODAY, referral_date=date(2026, 6, 7), last_seen=TODAY)
    assert rules.drift_reasons(facts) == (
        rules.Reason("cin_open", "Open for 6 months, since the referral on 7 June 2026"),
    )
    assert codes(EpisodeFacts(today=TODAY, referral_date=date(2026, 6, 8), last_seen=TODAY)) == []


def test_a_plan_over_15_months_and_a_second_plan_are_two_reasons():
    facts = EpisodeFacts(
        today=TODAY,
        referral_date=date(2025, 8, 1),
        open_plan_start=date(2025, 9, 1),
        plans=2,
        last_seen=TODAY,
    )
    assert [r.words for r in rules.drift_reasons(facts)] == [
        "Open for 16 months, since the referral on 1 August 2025",
        "On a child protection plan for 15 months, since 1 September 2025",
        "A second or later child protection plan (2 in all), this one since 1 September 2025",
    ]


def test_an_assessment_is_late_the_day_after_its_due_day():
    base = {"today": TODAY, "referral_date": TODAY - timedelta(days=70), "last_seen": TODAY}
    on_time = EpisodeFacts(**base, assessment_started=date(2026, 10, 1), assessment_due=TODAY)
    late = EpisodeFacts(
        **base, assessment_started=date(2026, 10, 1), assessment_due=TODAY - timedelta(days=1)
    )
    assert codes(on_time) == []
    assert [r.words for r in rules.drift_reasons(late)] == [
        "Assessment started 1 October 2026 not completed: due 6 December 2026 (45 working days)"
    ]


def test_no_visit_counts_from_the_referral_when_the_child_was_never_seen():
    facts = EpisodeFacts(today=TODAY, referral_date=date(2026, 11, 7))
    assert [r.words for r in rules.drift_reasons(facts, visit_days=30)] == [
        "No visit in 30 days: not seen since the referral on 7 November 2026"
    ]
    assert codes(facts, visit_days=31) == []


def test_months_on_clamps_to_the_end_of_a_short_month():
    assert rules.months_on(date(2026, 8, 31), 6) == date(2027, 2, 28)
    assert rules.months_on(date(2027, 8, 31), 6) == date(2028, 2, 29)


@given(start=days, later=days, since_seen=days, n=st.integers(min_value=1, max_value=400))
def test_reasons_only_grow_as_time_passes_without_change(start, later, since_seen, n):
    referral_date = TODAY - timedelta(days=start)
    seen = min(TODAY, referral_date + timedelta(days=since_seen))
    facts = EpisodeFacts(
        today=TODAY, referral_date=referral_date, open_plan_start=referral_date, last_seen=seen
    )
    afterwards = EpisodeFacts(
        today=TODAY + timedelta(days=later), referral_date=referral_date, open_plan_start=referral_date,
        last_seen=seen,
    )  # fmt: skip
    assert set(codes(facts, visit_days=n)) <= set(codes(afterwards, visit_days=n))


@given(
    start=days, seen_ago=st.integers(min_value=0, max_value=2000), n=st.integers(min_value=1, max_value=400)
)
def test_not_visited_exactly_when_n_days_have_passed_since_the_child_was_last_seen(start, seen_ago, n):
    referral_date = TODAY - timedelta(days=start)
    seen = max(referral_date, TODAY - timedelta(days=seen_ago))
    listed = "not_visited" in codes(
        EpisodeFacts(today=TODAY, referral_date=referral_date, last_seen=seen), visit_days=n
    )
    assert listed == ((TODAY - seen).days >= n)


@given(start=days, plans=st.integers(min_value=0, max_value=5))
def test_every_reason_names_a_date(start, plans):
    referral_date = TODAY - timedelta(days=start)
    facts = EpisodeFacts(
        today=TODAY,
        referral_date=referral_date,
        open_plan_start=referral_date if plans else None,
        plans=plans,
    )
    for reason in rules.drift_reasons(facts, visit_days=1):
        assert any(str(y) in reason.words for y in range(referral_date.year, TODAY.year + 1))


def test_what_changed_in_words():
    assert rules.change_between(["cin_open"], []) == "No longer on the list"
    assert rules.change_between(["cin_open"], ["cin_open"]) == "No change"
    assert rules.change_between(["cin_open", "not_visited"], ["cin_open", "plan_long"]) == (
        "1 reason resolved, 1 new reason"
    )


def test_a_decision_needs_words_and_a_review_after_the_panel():
    assert rules.decision_problems(decision=" ", next_review_on=TODAY, held_on=TODAY) == {
        "decision": "Enter the panel's decision for the child",
        "next_review_on": "The next review must be after the panel",
    }
    assert (
        rules.decision_problems(decision="Step up", next_review_on=TODAY, held_on=TODAY - timedelta(1)) == {}
    )


@given(seen_ago=st.integers(min_value=0, max_value=400), cin=st.integers(1, 200), cp=st.integers(1, 200))
def test_a_child_on_a_plan_is_measured_against_the_plan_visiting_standard(seen_ago, cin, cp):
    """A child on a protection plan is listed after `cp_visit_days` without a visit, any other
    child after `visit_days`: the two statutory-visit standards (standards.md T15, T16)."""
    seen = TODAY - timedelta(days=seen_ago)
    base = {"today": TODAY, "referral_date": TODAY - timedelta(days=100), "last_seen": seen}
    on_plan = EpisodeFacts(**base, open_plan_start=TODAY - timedelta(days=50), plans=1)
    in_need = EpisodeFacts(**base)
    assert ("not_visited" in codes(on_plan, visit_days=cin, cp_visit_days=cp)) == (seen_ago >= cp)
    assert ("not_visited" in codes(in_need, visit_days=cin, cp_visit_days=cp)) == (seen_ago >= cin)


def test_the_defaults_are_10_and_20_working_days_as_calendar_days():
    seen = TODAY - timedelta(days=20)
    base = {"today": TODAY, "referral_date": TODAY - timedelta(days=100), "last_seen": seen}
    assert codes(EpisodeFacts(**base, open_plan_start=TODAY - timedelta(days=50), plans=1)) == ["not_visited"]
    assert codes(EpisodeFacts(**base)) == []
    assert (rules.CP_VISIT_DAYS, rules.VISIT_DAYS) == (14, 28)
