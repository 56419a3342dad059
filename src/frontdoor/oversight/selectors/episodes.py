"""The board's after-decision stages: children referred whose episode is open, from awaiting
allocation until seen, then while assessed. An episode in a strategy discussion or section 47 enquiry
is shown in that stage instead (protection.py), so each child appears once."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Case, Count, Exists, OuterRef, Prefetch, Q, Value, When
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.oversight.selectors.filters import BoardFilters
from frontdoor.oversight.selectors.protection import in_protection
from frontdoor.referrals.models import Allocation, Referral

AFTER_DECISION_STAGES = {
    "awaiting_allocation": "Decided, awaiting allocation",
    "not_seen": "Allocated, child not yet seen",
    "assessment": "Assessment in progress",
}


@dataclass
class AfterDecision:
    """Children referred at the front door whose episode is open: not yet seen, or being assessed."""

    items: list[Any]  # Referral rows annotated with board_stage, with `current` (allocation) prefetched
    counts: dict[str, int]
    breached: int


def _after_stage() -> Case:
    """The stage of an open episode on the board: seeing the child comes first, then the assessment."""
    return Case(
        When(child_seen_clock__completed_at__isnull=False, then=Value("assessment")),
        When(allocated=True, then=Value("not_seen")),
        default=Value("awaiting_allocation"),
    )


def _after_due() -> Case:
    return Case(
        When(child_seen_clock__completed_at__isnull=False, then="assessment_clock__due_at"),
        default="child_seen_clock__due_at",
    )


def after_decision_for(*, actor: User, filters: BoardFilters, now: datetime | None = None) -> AfterDecision:
    """Open episodes whose child-seen or assessment clock is running, overdue first, leaving out
    those in a strategy discussion or section 47 enquiry (shown in that stage). Four queries: the
    counts, the episodes, their current holders and the access log."""
    require(actor, "child.view")
    now = now or timezone.now()
    current = Allocation.objects.filter(referral=OuterRef("pk"), ended_at__isnull=True)
    episodes = (
        Referral.objects.filter(authority_id=actor.authority_id, closure_date__isnull=True, nfa=False)
        .filter(visible(actor, "person_id"))
        .filter(
            Q(child_seen_clock__completed_at__isnull=True) | Q(assessment_clock__completed_at__isnull=True)
        )
        .exclude(in_protection(actor.authority_id))
        .annotate(allocated=Exists(current))
        .annotate(board_stage=_after_stage(), board_due_at=_after_due())
    )
    counts = episodes.aggregate(
        **{stage: Count("pk", filter=Q(board_stage=stage)) for stage in AFTER_DECISION_STAGES},
        breached=Count("pk", filter=Q(board_due_at__lt=now)),
    )
    if filters.stage in AFTER_DECISION_STAGES:
        episodes = episodes.filter(board_stage=filters.stage)
    elif filters.stage:
        episodes = episodes.none()
    if filters.worker:
        episodes = episodes.filter(allocations__ended_at__isnull=True, allocations__worker_id=filters.worker)
    if filters.team:
        episodes = episodes.filter(allocations__ended_at__isnull=True, allocations__team_id=filters.team)
    if filters.rag:
        episodes = episodes.filter(contact_child__rag=filters.rag)
    holders = Allocation.objects.filter(ended_at__isnull=True).select_related("worker", "team")
    items: list[Any] = list(
        episodes.select_related("person", "child_seen_clock", "assessment_clock", "contact_child__contact")
        .prefetch_related(Prefetch("allocations", queryset=holders, to_attr="current"))
        .order_by("board_due_at", "pk")[: filters.limit]
    )
    for item in items:
        item.board_clock = (
            item.assessment_clock if item.board_stage == "assessment" else item.child_seen_clock
        )
    access_log(actor=actor, person_ids=(r.person_id for r in items), purpose="oversight.board")
    breached = counts.pop("breached")
    return AfterDecision(items=items, counts=counts, breached=breached)
