"""Rules for referrals, allocation and visits: pure functions, no Django.

Sources: Working Together to Safeguard Children 2023, ch. 3 (assessment and seeing the child);
DfE CIN census rules (standards.md §2.6) for the episode's dates.
"""

from datetime import datetime

QUALIFIED_ROLES = frozenset({"social_worker", "team_manager"})


def child_seen_standard(*, significant_harm: bool) -> str:
    """The child is seen within 1 working day where significant harm is suspected, otherwise 5
    (local figures under Working Together 2023's principle; standards.md §1.1 T3)."""
    return "child_seen_urgent" if significant_harm else "child_seen"


def visit_problems(
    *,
    occurred_at: datetime,
    now: datetime,
    seen: bool,
    seen_alone: bool | None,
    not_alone_reason: str,
    childs_words: str,
    referral_received_at: datetime | None,
) -> dict[str, str]:
    """What is wrong with a visit as recorded, by field."""
    problems: dict[str, str] = {}
    if occurred_at > now:
        problems["occurred_at"] = "The visit must be now or in the past"
    elif referral_received_at is not None and occurred_at < referral_received_at:
        problems["occurred_at"] = "The visit cannot be before the referral was received"
    if seen and seen_alone is None:
        problems["seen_alone"] = "Say whether the child was seen alone"
    if seen and seen_alone is False and not not_alone_reason.strip():
        problems["not_alone_reason"] = "Explain why the child was not seen alone"
    if not seen and seen_alone is not None:
        problems["seen_alone"] = "A child who was not seen cannot have been seen alone"
    if not seen and childs_words.strip():
        problems["childs_words"] = "The child's words can only be recorded when the child was seen"
    return problems


def allocation_problems(*, worker_role: str, same_authority: bool) -> dict[str, str]:
    """Episodes are held by qualified social workers (or their managers) at this stage: a social work
    assistant may hold a case only once a plan exists (issue 5; not yet modelled)."""
    if not same_authority:
        return {"worker": "Choose a worker in this authority"}
    if worker_role not in QUALIFIED_ROLES:
        return {"worker": "Choose a qualified social worker or team manager"}
    return {}
