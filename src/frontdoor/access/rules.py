"""Who may see a child's record: one pure decision, mirrored in SQL by access.scope.

Sources: NDG standard 4 ("access only for those who need it for their current role"); UK GDPR
Art. 5(1)(f) and 32; the NHS Spine access control framework (role plus legitimate relationship,
with an audited override); security.md §4 promise 2: access = role ∧ (team scope) ∧ ¬restriction.
docs/adr/0007-record-scope-and-restricted-records.md records the choices.

No Django imports: roles are plain strings (organisations.models.Role values).
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from enum import StrEnum
from typing import Protocol


class PersonRef(Protocol):
    """What the access policy needs of a person record (people.models.Person), without importing it:
    the people register sits above the policy that scopes its searches."""

    pk: int
    authority_id: int
    reference: str


CONTACT_OFFICER = "contact_officer"
SOCIAL_WORKER = "social_worker"
SOCIAL_WORK_ASSISTANT = "social_work_assistant"
TEAM_MANAGER = "team_manager"
SENIOR_LEADER = "senior_leader"
QUALITY_ASSURANCE = "quality_assurance"
AUDITOR = "auditor"
DESIGNATED_OFFICER = "designated_officer"

# Break-glass lasts one hour: long enough for an emergency, short enough to be re-justified.
BREAK_GLASS_DURATION = timedelta(hours=1)

# Roles that need a child's health details for their work (assessment, management oversight, case
# audit). Contact officers take calls and record contacts; senior leaders read figures. UK GDPR Art. 9
# and the Caldicott principle "use the minimum necessary".
HEALTH_ROLES = frozenset({SOCIAL_WORKER, TEAM_MANAGER, QUALITY_ASSURANCE})
# The designated officer (LADO) takes allegations about any child in the authority.
AUTHORITY_WIDE_ROLES = frozenset({SENIOR_LEADER, QUALITY_ASSURANCE, AUDITOR, DESIGNATED_OFFICER})
# Social work assistants hold children-in-need cases for their team, so they see what it works with.
TEAM_ROLES = frozenset({CONTACT_OFFICER, SOCIAL_WORKER, SOCIAL_WORK_ASSISTANT, TEAM_MANAGER})


class Scope(StrEnum):
    AUTHORITY = "authority"  # every child in the authority
    TEAM = "team"  # children the viewer's team works with
    NONE = "none"


@dataclass(frozen=True)
class Viewer:
    user_id: int
    authority_id: int | None
    role: str
    team_id: int | None
    team_is_front_door: bool = False


@dataclass(frozen=True)
class Record:
    """What the decision needs to know about one person's record."""

    authority_id: int
    allocated_team_ids: frozenset[int] = frozenset()  # teams the child's episodes were ever allocated to
    restricted: bool = False
    named_user_ids: frozenset[int] = frozenset()  # the restriction's list (owner included)
    break_glass_until: dict[int, datetime] = field(default_factory=dict)  # user id -> expiry


def scope_of(viewer: Viewer) -> Scope:
    """Senior leaders and quality assurance read across the authority (and auditors, on audit pages
    only: they have no `child.view`). The front-door (MASH) team sees every child in the authority,
    because every contact comes through it and its first question is "do we know this child?".
    Anyone else sees the children their team works with; no team, nothing (fail closed)."""
    if viewer.authority_id is None:
        return Scope.NONE
    if viewer.role in AUTHORITY_WIDE_ROLES:
        return Scope.AUTHORITY
    if viewer.role not in TEAM_ROLES or viewer.team_id is None:
        return Scope.NONE
    return Scope.AUTHORITY if viewer.team_is_front_door else Scope.TEAM


def passes_restriction(viewer: Viewer, record: Record, now: datetime) -> bool:
    """A restricted record is seen by its named list, by anyone with unexpired break-glass, and by the
    auditor (the data protection officer investigating who looked)."""
    if not record.restricted or viewer.role == AUDITOR:
        return True
    if viewer.user_id in record.named_user_ids:
        return True
    until = record.break_glass_until.get(viewer.user_id)
    return until is not None and now < until


def may_see(viewer: Viewer, record: Record, now: datetime) -> bool:
    """The one decision: same authority, in scope, and past any restriction. False is a 404."""
    if viewer.authority_id != record.authority_id:
        return False
    scope = scope_of(viewer)
    if scope is Scope.NONE:
        return False
    if scope is Scope.TEAM and viewer.team_id not in record.allocated_team_ids:
        return False
    return passes_restriction(viewer, record, now)


def may_break_glass(viewer: Viewer, record: Record, now: datetime) -> bool:
    """Break-glass is offered only where it changes something: a restricted record the viewer could
    otherwise see (in authority and scope) but is not on the list for."""
    unrestricted = Record(record.authority_id, record.allocated_team_ids)
    return record.restricted and may_see(viewer, unrestricted, now) and not may_see(viewer, record, now)


def break_glass_expiry(granted_at: datetime) -> datetime:
    return granted_at + BREAK_GLASS_DURATION


def sees_health(role: str) -> bool:
    return role in HEALTH_ROLES
