"""Case file audit rules: pure functions, no Django.

Sources: Ofsted ILACS framework (2023) grades (outstanding, good, requires improvement to be good,
inadequate), which local audit frameworks reuse; Working Together to Safeguard Children 2023, ch. 1
(the child's lived experience and voice at the centre of practice); inspection findings quoted in
issue 9 (children in need left out of audit samples; moderation; actions followed through).
"""

from __future__ import annotations

import random
from collections import Counter, defaultdict
from collections.abc import Hashable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from statistics import median

OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE = (
    "outstanding",
    "good",
    "requires_improvement",
    "inadequate",
)
GRADES = (OUTSTANDING, GOOD, REQUIRES_IMPROVEMENT, INADEQUATE)
# A finding "recurs" when the same question is graded below good in at least this many audits.
RECURRING_AT = 2
BELOW_GOOD = frozenset({REQUIRES_IMPROVEMENT, INADEQUATE})

# Kinds of case an audit can sample, in the order places are given when there are fewer places than
# kinds: children in need first, because inspectors found them left out of audit samples. A child
# with more than one kind of case is sampled through the first (their early help, not the contact
# that led to it).
CIN, CONTACT, EARLY_HELP = "cin", "contact", "early_help"
CASE_KINDS = (CIN, EARLY_HELP, CONTACT)

DEFAULT_QUESTIONS = (
    "The child's lived experience is understood and recorded",
    "The child's voice, wishes and feelings are heard and shape the plan",
    "Decisions were timely and proportionate to the risk",
    "Management oversight and direction are recorded and followed through",
    "Partners are involved and information is shared",
    "The plan is specific, and the child's circumstances are improving",
)


@dataclass(frozen=True)
class Candidate:
    """One case that could be sampled: its kind, an identity unique within the kind, and the child."""

    kind: str
    key: Hashable
    person: Hashable


def _quotas(sizes: dict[str, int], places: int) -> dict[str, int]:
    """Places per kind: one for every non-empty kind while places last (children in need first), the
    rest shared in proportion to what is left of each kind, by largest remainder (Hamilton)."""
    quotas = dict.fromkeys(sizes, 0)
    for kind in sorted(sizes, key=_kind_order):
        if places and sizes[kind]:
            quotas[kind] = 1
            places -= 1
    left = {kind: sizes[kind] - quotas[kind] for kind in sizes}
    total = sum(left.values())
    if not places or not total:
        return quotas
    exact = {kind: places * left[kind] / total for kind in sizes}
    for kind in sizes:
        quotas[kind] += int(exact[kind])
    spare = places - sum(int(share) for share in exact.values())
    by_remainder = sorted(sizes, key=lambda k: (-(exact[k] - int(exact[k])), _kind_order(k)))
    for kind in by_remainder[:spare]:
        quotas[kind] += 1
    return quotas


def _kind_order(kind: str) -> tuple[int, str]:
    return (CASE_KINDS.index(kind) if kind in CASE_KINDS else len(CASE_KINDS), kind)


def stratified_sample(candidates: Iterable[Candidate], size: int, *, seed: int | str) -> list[Candidate]:
    """A stratified random sample of `size` cases (fewer when fewer children can be sampled).

    Invariants (tests/quality/test_rules.py): no child appears twice; children in need have a place
    whenever there is one; when no child is in two kinds, every kind with a candidate has a place
    once there are as many places as kinds; the rest follow each kind's share; the same seed and
    candidates give the same sample.
    """
    if size < 0:
        raise ValueError("A sample cannot have a negative size")
    rng = random.Random(seed)  # noqa: S311 - a reproducible audit sample, not a secret
    pools: dict[str, list[Candidate]] = defaultdict(list)
    for candidate in sorted(
        set(candidates), key=lambda c: (_kind_order(c.kind), repr(c.key), repr(c.person))
    ):
        pools[candidate.kind].append(candidate)
    for pool in pools.values():
        rng.shuffle(pool)
    chosen: list[Candidate] = []
    people: set[Hashable] = set()
    # Rounds: share the places left among the kinds that still have children not yet chosen (a
    # child already chosen through another kind is passed over, and that place is offered again).
    while len(chosen) < size:
        for kind in pools:
            pools[kind] = [c for c in pools[kind] if c.person not in people]
        sizes = {kind: len(pool) for kind, pool in pools.items() if pool}
        if not sizes:
            break
        for kind, quota in sorted(
            _quotas(sizes, size - len(chosen)).items(), key=lambda i: _kind_order(i[0])
        ):
            for candidate in pools[kind]:
                if quota and candidate.person not in people:
                    chosen.append(candidate)
                    people.add(candidate.person)
                    quota -= 1
    return chosen


# Grades as steps from the best: outstanding 0, good 1, requires improvement 2, inadequate 3.
GRADE_STEP = {grade: step for step, grade in enumerate(GRADES)}
GRADE_LABELS = {
    OUTSTANDING: "outstanding",
    GOOD: "good",
    REQUIRES_IMPROVEMENT: "requires improvement",
    INADEQUATE: "inadequate",
}


def overall_grade_problem(*, overall: str, question_grades: Sequence[str], reason: str) -> str | None:
    """An overall grade more than one grade from the median of the question grades needs the
    auditor's reason (issue 18: "outstanding" overall with every question "inadequate" was accepted).
    Ofsted's ILACS grades are judgements, not sums, so a reasoned departure is allowed."""
    steps = [GRADE_STEP[g] for g in question_grades if g in GRADE_STEP]
    if overall not in GRADE_STEP or not steps or reason.strip():
        return None
    middle = median(steps)
    if abs(GRADE_STEP[overall] - middle) <= 1:
        return None
    nearest = [GRADE_LABELS[g] for g in GRADES if abs(GRADE_STEP[g] - middle) <= 1]
    return (
        f"The overall grade is more than one grade from the questions' grades (which point to "
        f"{' or '.join(nearest)}): choose a grade that fits them, or explain why it differs"
    )


def moderation_problems(
    *, auditor_id: int | None, moderator_id: int, agreed: bool, grade: str, original: str, reason: str
) -> dict[str, str]:
    """A moderation is a second auditor's view: never the auditor's own, and a changed grade (or a
    disagreement) needs its reason."""
    problems: dict[str, str] = {}
    if auditor_id is None:
        problems["grade"] = "This audit has not been graded yet"
    elif auditor_id == moderator_id:
        problems["grade"] = "You graded this audit: a second auditor must moderate it"
    if grade not in GRADES:
        problems["grade"] = "Choose a grade"
    elif agreed and grade != original:
        problems["grade"] = "You agreed with the grade: keep the auditor's grade, or say you disagree"
    elif not agreed and grade == original:
        problems["grade"] = "Choose the grade you give instead, or agree with the auditor's grade"
    if not agreed and not reason.strip():
        problems["reason"] = "Explain why you changed the grade"
    return problems


@dataclass(frozen=True)
class GradedAudit:
    """An audit as the dashboard counts it: its final grade (moderated when moderated)."""

    month: date
    team: str
    theme: str
    grade: str


def grade_counts(audits: Iterable[GradedAudit], by: str) -> dict[str, Counter[str]]:
    """Final grades counted by 'month', 'team' or 'theme'."""
    table: dict[str, Counter[str]] = defaultdict(Counter)
    for audit in audits:
        key = audit.month.strftime("%Y-%m") if by == "month" else getattr(audit, by)
        table[key][audit.grade] += 1
    return dict(sorted(table.items()))


def recurring_findings(
    answers: Iterable[tuple[Hashable, str, str]], at_least: int = RECURRING_AT
) -> list[tuple[str, int]]:
    """Questions graded below good in at least `at_least` different audits, most frequent first.
    `answers` are (audit, question, grade)."""
    audits_by_question: dict[str, set[Hashable]] = defaultdict(set)
    for audit, question, grade in answers:
        if grade in BELOW_GOOD:
            audits_by_question[question].add(audit)
    found = [
        (question, len(audits)) for question, audits in audits_by_question.items() if len(audits) >= at_least
    ]
    return sorted(found, key=lambda item: (-item[1], item[0]))


def changed_by_moderation(pairs: Sequence[tuple[str, str]]) -> dict[str, int]:
    """From (before, after) grades of moderated audits: how many were agreed, raised and lowered."""
    counts = {"agreed": 0, "raised": 0, "lowered": 0}
    for before, after in pairs:
        if before == after:
            counts["agreed"] += 1
        elif GRADES.index(after) < GRADES.index(before):
            counts["raised"] += 1
        else:
            counts["lowered"] += 1
    return counts


# Practice notes (issue 19 §4) -----------------------------------------------------------------

NOTE_MAX = 8000


def practice_note_problems(
    *, text: str, worker_may_own: bool, has_manager: bool, raised_by_worker: bool
) -> dict[str, str]:
    """What is wrong with a new practice note, by field: it says something, and is addressed to a
    member of staff who holds cases, with a team manager, who is not the person raising it."""
    problems: dict[str, str] = {}
    if not text.strip():
        problems["text"] = "Enter the concern or the good practice, as you would say it to the worker"
    elif len(text.strip()) > NOTE_MAX:
        problems["text"] = f"The note must be {NOTE_MAX} characters or fewer"
    if not worker_may_own:
        problems["worker"] = "Choose a member of staff who works with children"
    elif raised_by_worker:
        problems["worker"] = "A practice note is addressed to someone else: choose the worker on the case"
    elif not has_manager:
        problems["worker"] = (
            "That worker's team has no team manager to address the note to: choose another worker"
        )
    return problems


def practice_note_close_problems(*, closed: bool, response: str) -> dict[str, str]:
    """A note is closed once, with the worker's or manager's response."""
    if closed:
        return {"response": "The note has already been closed"}
    if not response.strip():
        return {"response": "Enter the response: what was done, or what was learnt"}
    return {}
