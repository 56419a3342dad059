"""Police protection and emergency protection orders (Children Act 1989 ss44-46): when each must end,
what a record of one may say, and Ofsted Annex A List 7's six-month question. Pure functions."""

from collections.abc import Iterable
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

POLICE_PROTECTION = "police_protection"
EPO = "epo"
POLICE_PROTECTION_LIMIT = timedelta(hours=72)  # Children Act 1989 s46(6)
EPO_LIMIT = timedelta(days=8)  # s45(1)
EPO_EXTENSION_LIMIT = timedelta(days=7)  # s45(5) and (6): once only


def _when(moment: datetime) -> str:
    return f"{moment:%-d %B %Y at %H:%M}"


def emergency_protection_first_end(*, kind: str, started_at: datetime) -> datetime:
    """The latest moment it may last before any extension: police protection 72 hours after it began
    (s46(6)); an emergency protection order 8 days after it was made (s45(1)). (s45(2)-(3), an order
    whose last day is a public holiday, are left to the court's own end date: enter it as made.)"""
    return started_at + (POLICE_PROTECTION_LIMIT if kind == POLICE_PROTECTION else EPO_LIMIT)


def emergency_protection_ends_by(
    *, kind: str, started_at: datetime, extended_until: datetime | None = None
) -> datetime:
    """When it must end: the first end, or for an order the court extended (s45(4)-(6)) the end of
    its one extension. Invariant: never later than started_at + 72 hours (police) or + 15 days (EPO)
    for inputs that emergency_protection_problems accepts."""
    if kind == EPO and extended_until is not None:
        return extended_until
    return emergency_protection_first_end(kind=kind, started_at=started_at)


def _extension_problem(*, kind: str, started_at: datetime, extended_until: datetime) -> str | None:
    """s45(4)-(6): only an emergency protection order is extended, once, by up to 7 days."""
    if kind != EPO:
        return "Police protection cannot be extended: it ends within 72 hours (section 46(6))"
    first_end = emergency_protection_first_end(kind=kind, started_at=started_at)
    if extended_until <= first_end:
        return f"The extension must run beyond the order's first end, {_when(first_end)}"
    latest = first_end + EPO_EXTENSION_LIMIT
    if extended_until > latest:
        return f"An order can be extended once, by up to 7 days: to {_when(latest)} at the latest"
    return None


def emergency_protection_end_problems(
    *, kind: str, started_at: datetime, extended_until: datetime | None, ended_at: datetime, now: datetime
) -> dict[str, str]:
    """The end of police protection or an order: after it began, not in the future, and no later
    than the law allows (s46(6); s45(1) and (5))."""
    ends_by = emergency_protection_ends_by(kind=kind, started_at=started_at, extended_until=extended_until)
    if ended_at < started_at:
        return {"ended_at": "The end cannot be before it began"}
    if ended_at > now:
        return {"ended_at": "The end must be now or in the past"}
    if ended_at > ends_by:
        limit = "Police protection lasts" if kind == POLICE_PROTECTION else "This order lasts"
        return {"ended_at": f"{limit} until {_when(ends_by)} at the latest: check the date and time"}
    return {}


def emergency_protection_problems(
    *,
    kind: str,
    started_at: datetime,
    court: str,
    extended_until: datetime | None,
    ended_at: datetime | None,
    now: datetime,
) -> dict[str, str]:
    """Police protection (s46) or an emergency protection order (s44) as recorded, by form field.
    Police protection has no court and no extension; an order names the court that made it."""
    if kind not in {POLICE_PROTECTION, EPO}:
        return {"kind": "Select police protection or an emergency protection order"}
    problems: dict[str, str] = {}
    if started_at > now:
        problems["started_at"] = "The start must be now or in the past"
    if kind == POLICE_PROTECTION and court.strip():
        problems["court"] = "Police protection is not ordered by a court: leave the court blank"
    if kind == EPO and not court.strip():
        problems["court"] = "Enter the court that made the emergency protection order"
    if extended_until is not None and (
        message := _extension_problem(kind=kind, started_at=started_at, extended_until=extended_until)
    ):
        problems["extended_until"] = message
    if ended_at is not None and "extended_until" not in problems:
        problems |= emergency_protection_end_problems(
            kind=kind, started_at=started_at, extended_until=extended_until, ended_at=ended_at, now=now
        )
    return problems


def protected_in_six_months(*, periods: Iterable[tuple[date, date]], on: date) -> bool:
    """Ofsted Annex A List 7, "Subject to Emergency Protection Order or Protected Under Police Powers
    in Last Six Months (Y/N)": whether any period (first day, last day, both inclusive) began or was in
    force on a day of the six months ending on `on` (from the same day six months before the day
    after `on`, as rules.annex_a_window counts Annex A's six months)."""
    since = on + timedelta(days=1) - relativedelta(months=6)
    return any(start <= on and end >= since for start, end in periods)
