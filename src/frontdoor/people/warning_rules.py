"""Warnings to staff (issue 16 §5): what makes one acceptable. Pure functions, no Django.

A warning about a person is personal data that changes how staff treat them, so it says what the
risk is in a few words, is reviewed, and ends with a recorded reason when it no longer applies: the
ICO's guidance on "violent and abusive markers" (flagging individuals as a risk to staff) asks that
markers be clear, proportionate and reviewed regularly; twelve months is the longest review date
offered here.
"""

from datetime import date, timedelta

TEXT_MAX = 200
REASON_MAX = 500
LONGEST_REVIEW = timedelta(days=366)


def warning_problems(*, text: str, review_on: date | None, today: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not text.strip():
        problems["text"] = "Enter the warning"
    elif len(text.strip()) > TEXT_MAX:
        problems["text"] = f"The warning must be {TEXT_MAX} characters or fewer"
    if review_on is None:
        problems["review_on"] = "Enter the date the warning will be reviewed"
    elif review_on <= today:
        problems["review_on"] = "The review date must be in the future"
    elif review_on > today + LONGEST_REVIEW:
        problems["review_on"] = "The review date must be within 12 months"
    return problems


def end_problems(*, reason: str, already_ended: bool) -> dict[str, str]:
    if already_ended:
        return {"reason": "This warning has already ended"}
    if not reason.strip():
        return {"reason": "Enter why the warning no longer applies"}
    if len(reason.strip()) > REASON_MAX:
        return {"reason": f"The reason must be {REASON_MAX} characters or fewer"}
    return {}


def review_overdue(*, review_on: date, today: date) -> bool:
    """A current warning past its review date is shown as due for review, not hidden: a stale warning
    is still safer to show than to drop without a decision."""
    return review_on < today
