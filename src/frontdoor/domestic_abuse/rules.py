"""What a domestic abuse notification must satisfy, and how its figures count, as pure functions.

Sources: the DASH risk identification checklist (SafeLives, 2009) grades risk standard, medium or
high; a high-risk case is heard at a MARAC (multi-agency risk assessment conference) after the
incident it follows. Operation Encompass (operationencompass.org): the police tell the child's school
of a domestic abuse incident before the start of the next school day; here the front door tells the
school's key adult and the clock `operation_encompass` (clocks.rules) falls due at 08:30 on the next
working day (docs/adr/0015).
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime, timedelta

# Children with a repeat notification: another notification about the child in the 12 months
# before (365 days, the children in need census's re-referral window).
REPEAT_WINDOW = timedelta(days=365)
RISK_LEVELS = ("standard", "medium", "high")


def notification_problems(
    *,
    incident_at: datetime,
    received_at: datetime,
    now: datetime,
    risk_level: str,
    incident: str,
    children: int,
) -> dict[str, str]:
    """Field-keyed messages for a notification that cannot be recorded as it stands."""
    problems: dict[str, str] = {}
    if incident_at > now:
        problems["incident_at"] = "The incident must be now or in the past"
    if received_at > now:
        problems["received_at"] = "The date and time received must be now or in the past"
    elif received_at < incident_at:
        problems["received_at"] = "The notification must be received after the incident"
    if risk_level not in RISK_LEVELS:
        problems["risk_level"] = "Select the DASH risk level"
    if not incident.strip():
        problems["incident"] = "Describe what happened"
    if children < 1:
        problems["children"] = "Add at least one child in the household"
    return problems


def marac_problems(*, marac: bool | None, marac_date: date | None, incident_on: date) -> dict[str, str]:
    """A MARAC is heard after the incident it follows, and a date means the case goes to MARAC."""
    if marac is None:
        return {"marac": "Select whether the case goes to MARAC"}
    if marac_date is not None and not marac:
        return {"marac_date": "Leave the MARAC date blank when the case does not go to MARAC"}
    if marac_date is not None and marac_date < incident_on:
        return {"marac_date": f"The MARAC date must be on or after the incident ({long_date(incident_on)})"}
    return {}


def told_problems(
    *, told_at: datetime, incident_at: datetime, now: datetime, told_whom: str, has_school: bool
) -> dict[str, str]:
    """Who told whom and when: after the incident (the school cannot be told of it before), not in
    the future, naming the key adult, and only for a child with a school."""
    problems: dict[str, str] = {}
    if not has_school:
        problems["school"] = "Choose the child's school first"
    if told_at > now:
        problems["told_at"] = "The time the school was told must be now or in the past"
    elif told_at < incident_at:
        problems["told_at"] = "The school cannot be told before the incident"
    if not told_whom.strip():
        problems["told_whom"] = "Enter the name and role of the key adult told"
    return problems


def is_late(*, due_at: datetime, told_at: datetime | None, now: datetime) -> bool:
    """Late: told after the clock fell due, or not told and the clock has passed."""
    return (told_at if told_at is not None else now) > due_at


def is_repeat(received_at: datetime, earlier: Iterable[datetime]) -> bool:
    """Another notification about the child in the 12 months before this one (not counting itself)."""
    return any(received_at - REPEAT_WINDOW <= other < received_at for other in earlier)


def long_date(day: date) -> str:
    return f"{day.day} {day:%B %Y}"
