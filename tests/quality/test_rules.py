"""Properties of the audit rules: the stratified sample, moderation and the dashboard's tallies."""

from collections import Counter
from datetime import date

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from frontdoor.quality import rules
from frontdoor.quality.rules import CIN, CONTACT, EARLY_HELP, Candidate

# No deadline: the machine's CPUs are shared, and a slow example is not a wrong one.
unhurried = settings(deadline=None)
kinds = st.sampled_from(rules.CASE_KINDS)
candidates = st.lists(
    st.builds(Candidate, kind=kinds, key=st.integers(0, 40), person=st.integers(0, 30)), max_size=60
)
# Populations in which no child is in two kinds (each child's kind fixed by their number).
disjoint = st.lists(st.integers(0, 60), max_size=60).map(
    lambda people: [Candidate(rules.CASE_KINDS[p % 3], p, p) for p in people]
)


@given(candidates, st.integers(0, 40), st.integers())
@unhurried
def test_no_child_is_sampled_twice_and_the_sample_is_no_bigger_than_asked(population, size, seed):
    sample = rules.stratified_sample(population, size, seed=seed)
    assert len({c.person for c in sample}) == len(sample)
    assert len(sample) == min(size, len({c.person for c in population}))
    assert set(sample) <= set(population)


@given(candidates, st.integers(1, 40), st.integers())
@unhurried
def test_children_in_need_always_have_a_place(population, size, seed):
    sample = rules.stratified_sample(population, size, seed=seed)
    if any(c.kind == CIN for c in population):
        assert any(c.kind == CIN for c in sample)


@given(disjoint, st.integers(3, 40), st.integers())
@unhurried
def test_every_kind_of_case_is_sampled_once_there_are_places_for_each(population, size, seed):
    sample = rules.stratified_sample(population, size, seed=seed)
    assert {c.kind for c in sample} == {c.kind for c in population}


@given(disjoint, st.integers(3, 40), st.integers())
@unhurried
def test_each_kind_gets_its_share_within_one_place(population, size, seed):
    """Beyond each kind's first place, places follow the kinds' sizes (largest remainder)."""
    sample = rules.stratified_sample(population, size, seed=seed)
    sizes = Counter(c.kind for c in set(population))
    got = Counter(c.kind for c in sample)
    places = len(sample) - len(sizes)
    rest = sum(sizes.values()) - len(sizes)
    for kind, n in sizes.items():
        fair = 1 + (places * (n - 1) / rest if rest else 0)
        assert abs(got[kind] - fair) < 1 + 1e-9


@given(candidates, st.integers(0, 40), st.integers())
@unhurried
def test_the_same_seed_gives_the_same_sample_whatever_the_order(population, size, seed):
    assert rules.stratified_sample(population, size, seed=seed) == rules.stratified_sample(
        list(reversed(population)), size, seed=seed
    )


def test_a_worked_example_of_proportional_places():
    population = (
        [Candidate(CONTACT, n, f"c{n}") for n in range(60)]
        + [Candidate(CIN, n, f"n{n}") for n in range(30)]
        + [Candidate(EARLY_HELP, n, f"e{n}") for n in range(10)]
    )
    sample = rules.stratified_sample(population, 10, seed=1)
    # One place each, then 7 shared 59:29:9 of 97 -> 4.26, 2.09, 0.65: 4, 2, 1 by largest remainder.
    assert Counter(c.kind for c in sample) == {CONTACT: 5, CIN: 3, EARLY_HELP: 2}


def test_with_one_place_a_child_in_need_takes_it():
    population = [Candidate(CONTACT, 1, "a"), Candidate(EARLY_HELP, 2, "b"), Candidate(CIN, 3, "c")]
    assert rules.stratified_sample(population, 1, seed=9) == [Candidate(CIN, 3, "c")]


def test_a_negative_size_is_refused():
    with pytest.raises(ValueError, match="negative"):
        rules.stratified_sample([], -1, seed=0)


@given(st.sampled_from(rules.GRADES), st.sampled_from(rules.GRADES), st.booleans(), st.text(max_size=3))
def test_a_moderator_who_changes_the_grade_must_say_why(original, grade, agreed, reason):
    problems = rules.moderation_problems(
        auditor_id=1, moderator_id=2, agreed=agreed, grade=grade, original=original, reason=reason
    )
    assert ("reason" in problems) == (not agreed and not reason.strip())
    assert ("grade" in problems) == (agreed != (grade == original))


@given(st.sampled_from(rules.GRADES))
def test_the_auditor_cannot_moderate_their_own_audit(grade):
    problems = rules.moderation_problems(
        auditor_id=7, moderator_id=7, agreed=True, grade=grade, original=grade, reason=""
    )
    assert problems == {"grade": "You graded this audit: a second auditor must moderate it"}


@given(st.lists(st.tuples(st.sampled_from(rules.GRADES), st.sampled_from(rules.GRADES)), max_size=30))
def test_moderation_changes_add_up(pairs):
    counts = rules.changed_by_moderation(pairs)
    assert sum(counts.values()) == len(pairs)
    assert counts["agreed"] == sum(1 for before, after in pairs if before == after)


def test_recurring_findings_count_audits_not_answers():
    answers = [
        (1, "Voice", "inadequate"),
        (2, "Voice", "requires_improvement"),
        (3, "Voice", "good"),
        (1, "Plan", "inadequate"),
        (4, "Timely", "requires_improvement"),
        (5, "Timely", "inadequate"),
        (6, "Timely", "inadequate"),
    ]
    assert rules.recurring_findings(answers) == [("Timely", 3), ("Voice", 2)]


def test_grades_are_counted_by_month_team_and_theme():
    audits = [
        rules.GradedAudit(date(2026, 9, 1), "Assessment A", "Neglect", "good"),
        rules.GradedAudit(date(2026, 9, 1), "Assessment B", "Neglect", "inadequate"),
        rules.GradedAudit(date(2026, 10, 1), "Assessment A", "Voice", "good"),
    ]
    assert rules.grade_counts(audits, "month") == {
        "2026-09": {"good": 1, "inadequate": 1},
        "2026-10": {"good": 1},
    }
    assert rules.grade_counts(audits, "team")["Assessment A"] == {"good": 2}
    assert rules.grade_counts(audits, "theme")["Neglect"] == {"good": 1, "inadequate": 1}


# The overall grade against the questions' grades (issue 18) ------------------------------------------

OVERALL_MESSAGE = (
    "The overall grade is more than one grade from the questions' grades (which point to "
    "requires improvement or inadequate): choose a grade that fits them, or explain why it differs"
)


def test_outstanding_overall_with_every_question_inadequate_is_refused_without_a_reason():
    questions = [rules.INADEQUATE] * 6
    assert rules.overall_grade_problem(overall=rules.OUTSTANDING, question_grades=questions, reason="") == (
        OVERALL_MESSAGE
    )
    assert (
        rules.overall_grade_problem(overall=rules.OUTSTANDING, question_grades=questions, reason="  ")
        == OVERALL_MESSAGE
    )
    assert (
        rules.overall_grade_problem(
            overall=rules.OUTSTANDING, question_grades=questions, reason="Exceptional direct work"
        )
        is None
    )
    assert (
        rules.overall_grade_problem(overall=rules.REQUIRES_IMPROVEMENT, question_grades=questions, reason="")
        is None
    )


@given(st.sampled_from(rules.GRADES), st.lists(st.sampled_from(rules.GRADES), min_size=1, max_size=12))
def test_an_overall_grade_is_refused_exactly_when_more_than_one_grade_from_the_median(overall, questions):
    steps = sorted(rules.GRADES.index(g) for g in questions)
    n = len(steps)
    middle = steps[n // 2] if n % 2 else (steps[n // 2 - 1] + steps[n // 2]) / 2
    refused = rules.overall_grade_problem(overall=overall, question_grades=questions, reason="") is not None
    assert refused == (abs(rules.GRADES.index(overall) - middle) > 1)
    assert (
        rules.overall_grade_problem(overall=overall, question_grades=questions, reason="Because of X") is None
    )
