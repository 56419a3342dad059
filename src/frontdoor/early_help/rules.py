"""Early help rules: pure functions, no Django.

Sources: Working Together to Safeguard Children 2023, ch. 2 (early help: a lead practitioner, an
assessment of the family's needs that hears the child, a plan reviewed until needs are met, and
step-up to children's social care when needs rise); Ofsted Annex A list 2 (early help assessments:
start, completion and the organisation completing them).
"""

from datetime import date

SCHOOL_KIND = "education"


def assessment_problems(
    *,
    started_on: date,
    completed_on: date | None,
    today: date,
    case_started_on: date,
    needs: str,
    childs_voice: str,
) -> dict[str, str]:
    """An assessment starts on or after the case, never in the future, ends after it starts, and
    records what the child said: the child's voice is required, not optional."""
    problems: dict[str, str] = {}
    if started_on > today:
        problems["started_on"] = "The assessment must have started today or in the past"
    elif started_on < case_started_on:
        problems["started_on"] = "The assessment cannot start before the early help case"
    if completed_on is not None:
        if completed_on > today:
            problems["completed_on"] = "The completion date must be today or in the past"
        elif completed_on < started_on:
            problems["completed_on"] = "The assessment cannot be completed before it started"
    if not needs.strip():
        problems["needs"] = "Enter what the family needs help with"
    if not childs_voice.strip():
        problems["childs_voice"] = "Enter what the child said about their life and the help they want"
    return problems


def dated_record_problems(
    *, field: str, on: date, today: date, not_before: date, what: str
) -> dict[str, str]:
    """A plan or review happens today or in the past, and not before what it follows."""
    if on > today:
        return {field: f"The {what} must be today or in the past"}
    if on < not_before:
        return {field: f"The {what} cannot be before the early help case began or the last review"}
    return {}


def lead_problems(*, agency_id: int | None, professional_agency_id: int | None) -> dict[str, str]:
    if agency_id is None:
        return {"agency": "Choose the lead professional's organisation"}
    if professional_agency_id is not None and professional_agency_id != agency_id:
        return {"professional": "Choose a professional who works for that organisation"}
    return {}


def partnership_share(counts: dict[str, int]) -> dict[str, float]:
    """Each lead organisation's share of open early help cases, as a percentage (0 when none)."""
    total = sum(counts.values())
    return {name: (100 * count / total if total else 0.0) for name, count in counts.items()}
