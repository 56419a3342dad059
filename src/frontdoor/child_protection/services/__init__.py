"""Every write for child protection: strategy discussions, section 47 outcomes, conferences, plans,
and police protection and emergency protection orders.

Each service checks permission, validates with child_protection.rules, writes in one transaction
with its audit event, and starts or completes the clocks (clocks.services) it touches.
"""

from frontdoor.child_protection.services.conferences import (
    ChildPart,
    conference_initial_record,
    conference_review_record,
)
from frontdoor.child_protection.services.distribution import distribution_record
from frontdoor.child_protection.services.emergency import (
    emergency_protection_end,
    emergency_protection_record,
)
from frontdoor.child_protection.services.enquiries import section47_outcome_record, section47_sign_off
from frontdoor.child_protection.services.plans import core_group_record, plan_end, plan_visit_record
from frontdoor.child_protection.services.strategy import (
    action_add,
    action_complete,
    strategy_clock_open,
    strategy_clock_start,
    strategy_discussion_record,
    strategy_rationale_sign_off,
)

__all__ = [
    "ChildPart",
    "action_add",
    "action_complete",
    "conference_initial_record",
    "conference_review_record",
    "core_group_record",
    "distribution_record",
    "emergency_protection_end",
    "emergency_protection_record",
    "plan_end",
    "plan_visit_record",
    "section47_outcome_record",
    "section47_sign_off",
    "strategy_clock_open",
    "strategy_clock_start",
    "strategy_discussion_record",
    "strategy_rationale_sign_off",
]
