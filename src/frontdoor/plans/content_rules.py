"""Pure rules for a plan's content (issue 16 §3): outcomes need a measure, progress is 0 to 10, and
the sparkline a plan page draws from a child's progress. No Django here."""

from collections.abc import Sequence
from datetime import date

TEXT_MAX = 10000
SCORE_MIN, SCORE_MAX = 0, 10


def _text_problem(text: str, what: str) -> str | None:
    if not text.strip():
        return f"Enter {what}"
    if len(text.strip()) > TEXT_MAX:
        return f"{what[0].upper()}{what[1:]} must be {TEXT_MAX} characters or fewer"
    return None


def outcome_problems(*, change: str, measure: str) -> dict[str, str]:
    """An outcome says what needs to change and how we will know it has: an outcome without a
    measure cannot be reviewed (Working Together 2023, ch. 4: plans set out outcomes that are
    specific and measurable), so it is refused."""
    problems: dict[str, str] = {}
    if problem := _text_problem(change, "what needs to change"):
        problems["change"] = problem
    if problem := _text_problem(measure, "how we will know it has changed"):
        problems["measure"] = problem
    return problems


def score_problem(score: int | None) -> str | None:
    if score is None:
        return "Enter a score from 0 to 10"
    if not SCORE_MIN <= score <= SCORE_MAX:
        return "The score must be from 0 to 10"
    return None


def review_problem(*, reviewed_on: date | None, plan_start: date, already_recorded: bool) -> str | None:
    """Progress is recorded once per outcome per review, at a review of this plan."""
    if reviewed_on is None:
        return "Choose a review of this plan"
    if reviewed_on < plan_start:
        return "That review was before the plan started"
    if already_recorded:
        return "Progress is already recorded at this review"
    return None


def sparkline(scores: Sequence[int], *, width: int = 120, height: int = 24) -> str:
    """SVG polyline points for scores 0-10 from left to right, 10 at the top: empty for fewer than
    two scores (one point is not a line)."""
    if len(scores) < 2:
        return ""
    step = width / (len(scores) - 1)
    points = (f"{i * step:.1f},{height - height * s / SCORE_MAX:.1f}" for i, s in enumerate(scores))
    return " ".join(points)
