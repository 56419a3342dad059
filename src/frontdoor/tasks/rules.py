"""Rules for tasks: pure functions, no Django.

Working Together to Safeguard Children 2023 (ch. 2 and 4) asks that every action agreed about a child
has someone who owns it and a date by which it is done; the seeds' audit finding "actions are not
always timebound" (issue 15 §2) is what these rules make impossible.
"""

from dataclasses import dataclass
from datetime import date

# Kinds whose completion must say what was done: an audit's or a manager's direction is checked
# afterwards against what was recorded (Ofsted ILACS, "management oversight ... followed through").
NOTE_REQUIRED_KINDS = frozenset({"case_audit", "supervision", "case_note", "complaint"})


@dataclass(frozen=True)
class OwnerChoice:
    """Who owns a task, as ids: a member of staff, or a partner (agency with a professional or name)."""

    user_id: int | None = None
    agency_id: int | None = None
    professional_id: int | None = None
    name: str = ""


def is_overdue(*, due_on: date, done: bool, cancelled: bool, today: date) -> bool:
    """Overdue from the day after the due date until done or cancelled (TaskQuerySet.overdue in SQL)."""
    return not done and not cancelled and due_on < today


def owner_problem(owner: OwnerChoice) -> str | None:
    """Exactly one kind of owner: a member of staff, or a partner with a named professional (a
    professional record, or a name given with the agency)."""
    partner = owner.agency_id is not None or owner.professional_id is not None or owner.name.strip() != ""
    if owner.user_id is not None and partner:
        return "Choose a member of staff or a partner, not both"
    if owner.user_id is None and owner.professional_id is None and not owner.name.strip():
        return "Choose who owns the action"
    if owner.user_id is None and owner.professional_id is None and owner.agency_id is None:
        return "Say which agency the named person works for"
    return None


def due_problem(*, due_on: date | None, today: date, earliest: date | None = None) -> str | None:
    """A new task is due today or later, and not before the meeting or record that set it."""
    if due_on is None:
        return "Enter the date the action is due"
    if due_on < today:
        return "The due date must be today or in the future"
    if earliest is not None and due_on < earliest:
        return "The due date cannot be before the meeting that agreed the action"
    return None


def completion_problem(*, kind: str, note: str, done: bool, cancelled: bool) -> str | None:
    if done:
        return "This action is already done"
    if cancelled:
        return "This action was cancelled"
    if kind in NOTE_REQUIRED_KINDS and not note.strip():
        return "Say what was done"
    return None


def cancel_problem(*, reason: str, done: bool, cancelled: bool) -> str | None:
    if done:
        return "This action is already done"
    if cancelled:
        return "This action was already cancelled"
    if not reason.strip():
        return "Say why the action is cancelled"
    return None


def may_complete(
    *,
    actor_id: int,
    actor_team_id: int | None,
    owner_id: int | None,
    owner_team_id: int | None,
    manages: bool,
) -> bool:
    """The owner, a colleague in the owner's team covering for them, or someone who manages the work
    (the audit trail records who it was)."""
    same_team = owner_team_id is not None and owner_team_id == actor_team_id
    return actor_id == owner_id or same_team or manages
