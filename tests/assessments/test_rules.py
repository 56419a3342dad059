"""The assessment's rules as properties (Hypothesis) and worked examples from the DfE census rules."""

from datetime import date, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.assessments import rules

CODES = sorted(rules.FACTORS)
days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))


@given(st.lists(st.sampled_from(CODES), min_size=1, max_size=6, unique=True))
def test_factor_21_is_accepted_only_alone(factors):
    """CIN 8869: "21" (no factors identified) must be used alone."""
    accepted = rules.factor_problems(factors) == {}
    assert accepted == (rules.NO_FACTORS not in factors or factors == [rules.NO_FACTORS])


@given(st.lists(st.sampled_from(CODES), min_size=2, max_size=6))
def test_a_factor_twice_is_refused(factors):
    """CIN 8898: no duplicate factor codes."""
    if len(set(factors)) < len(factors):
        assert rules.factor_problems(factors) != {}


def test_factor_examples():
    assert rules.factor_problems([]) == {
        "factors": 'Choose the factors identified, or "No factors identified"'
    }
    assert rules.factor_problems(["21", "4B"]) == {
        "factors": '"No factors identified" cannot be chosen with other factors'
    }
    assert rules.factor_problems(["18A"]) == {"factors": "Not a DfE factor code: 18A"}
    assert rules.factor_problems(["4B", "3B"]) == {}


@given(days, days, days)
def test_an_assessment_starts_only_on_or_after_the_referral_and_not_in_the_future(started, referral, today):
    """CIN 1103: the assessment does not start before the referral date."""
    problems = rules.start_problems(
        started_on=started,
        today=today,
        referral_date=referral,
        referral_nfa=False,
        episode_closed_on=None,
        open_assessments=0,
    )
    assert (problems == {}) == (referral <= started <= today)


@given(days, st.booleans(), st.booleans(), st.integers(min_value=0, max_value=3))
def test_no_assessment_on_an_nfa_closed_or_already_assessing_episode(day, nfa, closed, open_count):
    """CIN 8831 (NFA referral), 2990/8565 (after closure) and 8896 (two open assessments)."""
    problems = rules.start_problems(
        started_on=day,
        today=day,
        referral_date=day,
        referral_nfa=nfa,
        episode_closed_on=day if closed else None,
        open_assessments=open_count,
    )
    assert (problems == {}) == (not nfa and not closed and open_count == 0)


@given(days, days, days, days)
def test_authorisation_never_precedes_start_or_completion(started, completed, authorised, today):
    """CIN 8608: the assessment's end (authorisation) is not before its start."""
    problems = rules.authorisation_problems(
        started_on=started,
        completed_on=completed,
        authorised_on=authorised,
        today=today,
        due_on=date(2031, 1, 1),
        late_reason="",
    )
    assert ("authorised_on" not in problems) == (started <= authorised and completed <= authorised <= today)


@given(days, st.integers(min_value=-30, max_value=30), st.text(max_size=5))
def test_a_late_authorisation_needs_a_reason(due, offset, reason):
    authorised = due + timedelta(days=offset)
    problems = rules.authorisation_problems(
        started_on=date(2019, 1, 1),
        completed_on=date(2019, 1, 1),
        authorised_on=authorised,
        today=date(2031, 12, 31),
        due_on=due,
        late_reason=reason,
    )
    assert ("late_reason" in problems) == (offset > 0 and not reason.strip())


@given(days, days, days)
def test_completion_is_on_or_after_the_start(started, completed, today):
    problems = rules.completion_problems(
        started_on=started,
        completed_on=completed,
        today=today,
        analysis="Analysis",
        factors=["21"],
        childs_voice="I like my school",
        voice_gathered="words",
        voice_reason="",
    )
    assert (problems == {}) == (started <= completed <= today)


def test_completion_needs_the_analysis_and_an_incomplete_assessment_cannot_be_authorised():
    day = date(2026, 3, 2)
    problems = rules.completion_problems(
        started_on=day,
        completed_on=day,
        today=day,
        analysis=" ",
        factors=["21"],
        childs_voice="",
        voice_gathered="observation",
        voice_reason="",
    )
    assert problems == {
        "analysis": "Write the analysis of risk and need before completing the assessment",
        "childs_voice": "Record the child's voice: their words, what was observed, or why not",
    }
    assert rules.authorisation_problems(
        started_on=day, completed_on=None, authorised_on=day, today=day, due_on=day, late_reason=""
    ) == {"authorised_on": "The assessment must be completed before it is authorised"}


def test_every_prevented_rule_names_a_function_that_exists():
    for code, path in rules.RULES_PREVENTED.items():
        module, _, name = path.rpartition(".")
        assert module == "assessments.rules", code
        assert callable(getattr(rules, name)), code
    assert sorted(rules.RULES_PREVENTED) == [
        "1103",
        "2990",
        "8565",
        "8608",
        "8610",
        "8614",
        "8831",
        "8869",
        "8896",
        "8898",
    ]


@given(st.text(max_size=3))
def test_only_an_assessed_need_n1_to_n9_is_accepted(code):
    """CIN 8610 / 8650: a DfE code, and not N0 ("not stated") once the assessment has found the need."""
    accepted = rules.primary_need_problems(code=code) == {}
    assert accepted == (code in {"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"})


@pytest.mark.parametrize(
    ("code", "message"),
    [
        ("N0", "Choose the child's primary need: the assessment has found it"),
        ("", "Select the child's primary need"),
        ("N10", "Select the child's primary need"),
    ],
)
def test_a_missing_or_unassessed_need_is_refused_beside_the_field(code, message):
    assert rules.primary_need_problems(code=code) == {"primary_need": message}


@given(
    voice=st.sampled_from(["", "  ", "Said she likes school"]),
    gathered=st.sampled_from(["", "words", "observation", "other", "not_gathered", "telepathy"]),
    reason=st.sampled_from(["", "Too unwell to be seen"]),
)
def test_the_childs_voice_is_required_unless_a_reason_is_recorded(voice, gathered, reason):
    problems = rules.voice_problems(childs_voice=voice, gathered=gathered, reason=reason)
    if gathered == "not_gathered":
        assert problems == (
            {} if reason else {"voice_reason": "Record why the child's views could not be gathered"}
        )
    elif not voice.strip():
        assert list(problems) == ["childs_voice"]
    else:
        assert problems == (
            {}
            if gathered != "telepathy"
            else {"voice_gathered": "Select how the child's views were gathered"}
        )


def test_scaling_is_0_to_10_or_not_asked():
    assert rules.scale_problems({"scale_worker": 0, "scale_family": 10, "scale_child": None}) == {}
    assert rules.scale_problems({"scale_worker": 11, "scale_family": -1, "scale_child": 5}) == {
        "scale_worker": "Enter a number from 0 to 10",
        "scale_family": "Enter a number from 0 to 10",
    }
