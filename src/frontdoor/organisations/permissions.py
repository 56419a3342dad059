"""Who may do what: one declarative table, read by every service and view, and by the tests that
try every role against every action."""

from typing import Any

from django.core.exceptions import PermissionDenied

from frontdoor.organisations.models import Role

R = Role
STAFF_WHO_SEE_CHILDREN = frozenset(
    {R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER, R.SENIOR_LEADER, R.QUALITY_ASSURANCE}
)

PERMISSIONS: dict[str, frozenset[str]] = {
    "child.view": STAFF_WHO_SEE_CHILDREN,
    "person.create": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "contact.record": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # Initial screening is a management task (Working Together 2023, ch. 3; local MASH procedures).
    "contact.screen": frozenset({R.TEAM_MANAGER}),
    "partner_check.request": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "partner_check.respond": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    "contact.decide": frozenset({R.TEAM_MANAGER}),
    "contact.daily_review": frozenset({R.TEAM_MANAGER}),
    "contact.feedback": frozenset({R.CONTACT_OFFICER, R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # After the front door: allocation is a manager's decision; qualified staff record visits.
    "referral.allocate": frozenset({R.TEAM_MANAGER}),
    "visit.record": frozenset({R.SOCIAL_WORKER, R.TEAM_MANAGER}),
    # The England and Wales working-day calendar is shared by every authority on the deployment.
    "calendar.manage": frozenset({R.ADMINISTRATOR}),
    "calendar.view": frozenset(set(Role)),
    # "Who has looked at this child's record": managers and the authority's data protection lead
    # (quality assurance until an auditor/DPO role exists). UK GDPR Art. 5(2), accountability.
    "audit.view_access": frozenset({R.TEAM_MANAGER, R.SENIOR_LEADER, R.QUALITY_ASSURANCE}),
}


def can(user: Any, action: str) -> bool:
    if not getattr(user, "is_authenticated", False) or not user.is_active or user.authority_id is None:
        return False
    return user.role in PERMISSIONS[action]


def require(user: Any, action: str) -> None:
    if not can(user, action):
        raise PermissionDenied(f"Your role cannot {action.replace('.', ': ').replace('_', ' ')}.")
