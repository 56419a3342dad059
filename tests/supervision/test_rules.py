"""Properties of the supervision and early help rules."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.early_help import rules as early_help_rules
from frontdoor.supervision import rules

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(days, days, st.integers(1, 5), st.integers(1, 5), st.text(max_size=3))
def test_supervision_is_in_the_past_by_someone_else_with_a_reflection(held, today, worker, supervisor, words):
    problems = rules.supervision_problems(
        held_on=held, today=today, worker_id=worker, supervisor_id=supervisor, reflection=words
    )
    assert set(problems) == {
        name
        for name, wrong in (
            ("held_on", held > today),
            ("worker", worker == supervisor),
            ("reflection", not words.strip()),
        )
        if wrong
    }


@given(st.lists(st.tuples(st.integers(0, 5), days), max_size=30), st.sets(st.integers(0, 8)))
def test_last_discussed_is_the_latest_session_of_each_case(sessions, cases):
    latest = rules.last_discussed(cases, sessions)
    assert set(latest) == cases
    for case, when in latest.items():
        dates = [held for c, held in sessions if c == case]
        assert when == (max(dates) if dates else None)


@given(st.dictionaries(st.text(max_size=4), st.integers(0, 50), max_size=8))
def test_the_partnerships_shares_add_up_to_a_hundred(counts):
    shares = early_help_rules.partnership_share(counts)
    total = sum(counts.values())
    assert abs(sum(shares.values()) - (100 if total else 0)) < 1e-6


@given(days, st.integers(0, 60), st.integers(-5, 60), st.booleans(), st.booleans())
def test_an_early_help_assessment_is_dated_in_order_and_hears_the_child(
    start, case_age, length, voice, needs
):
    today = start + timedelta(days=case_age)
    completed = start + timedelta(days=length)
    problems = early_help_rules.assessment_problems(
        started_on=start,
        completed_on=completed,
        today=today,
        case_started_on=start,
        needs="Routines" if needs else " ",
        childs_voice="I like school" if voice else "",
    )
    assert ("childs_voice" in problems) == (not voice)
    assert ("needs" in problems) == (not needs)
    assert ("completed_on" in problems) == (completed > today or completed < start)
    assert "started_on" not in problems
