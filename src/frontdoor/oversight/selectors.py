"""The live board's reads: every open piece of front-door work with its stage, RAG, owner, time in
stage and due time, in a fixed number of queries whatever the volume.

Due times are columns on clock rows (clocks.Clock.due_at), so "breached" and "due today" are
comparisons in SQL, never arithmetic in Python per row.
"""

from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    Exists,
    IntegerField,
    Max,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.audit.services import access_log
from frontdoor.contacts.models import OPEN_STAGES, ContactChild, PartnerCheck
from frontdoor.organisations.models import Team, User
from frontdoor.organisations.permissions import require
from frontdoor.referrals.models import Allocation, Referral

BOARD_LIMIT = 300
STANDARD_FIELDS = {
    "contact_decision": "decision_clock",
    "contact_decision_statutory": "statutory_clock",
}
# How often the board refreshes even with no writes, so "time in stage" and breaches stay true.
QUIET_REFRESH_SECONDS = 60


@dataclass(frozen=True)
class BoardFilters:
    team: int | None = None
    stage: str | None = None
    rag: str | None = None
    worker: int | None = None
    standard: str = "contact_decision"


@dataclass
class Board:
    items: list[Any]  # ContactChild rows annotated with urgency and board_clock
    counts: dict[str, int]
    breached: int
    due_today: int
    total: int
    now: datetime
    shown: int = 0
    teams: list[Team] = field(default_factory=list)
    workers: list[User] = field(default_factory=list)


def _end_of_local_day(now: datetime) -> datetime:
    local = timezone.localtime(now)
    return local.replace(hour=23, minute=59, second=59, microsecond=999999)


def _open_work(actor: User) -> QuerySet[ContactChild]:
    return ContactChild.objects.filter(authority_id=actor.authority_id, stage__in=OPEN_STAGES)


def _filtered(actor: User, filters: BoardFilters) -> QuerySet[ContactChild]:
    work = _open_work(actor)
    if filters.stage in OPEN_STAGES:
        work = work.filter(stage=filters.stage)
    elif filters.stage:
        work = work.none()
    if filters.rag:
        work = work.filter(rag=filters.rag)
    if filters.worker:
        work = work.filter(owner_id=filters.worker)
    if filters.team:
        work = work.filter(owner__team_id=filters.team)
    return work


def board_for(*, actor: User, filters: BoardFilters, now: datetime | None = None) -> Board:
    """The board: breached first, then due today, then by due time; counts per stage at the top."""
    require(actor, "child.view")
    now = now or timezone.now()
    clock = STANDARD_FIELDS.get(filters.standard, "decision_clock")
    due = f"{clock}__due_at"
    end_of_day = _end_of_local_day(now)
    work = _filtered(actor, filters)
    summary = work.aggregate(
        total=Count("pk"),
        breached=Count("pk", filter=Q(**{f"{due}__lt": now})),
        due_today=Count("pk", filter=Q(**{f"{due}__gte": now, f"{due}__lte": end_of_day})),
    )
    urgency = Case(
        When(**{f"{due}__lt": now}, then=Value(0)),
        When(**{f"{due}__lte": end_of_day}, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    outstanding = PartnerCheck.objects.filter(responded_at__isnull=True).select_related("agency", "clock")
    items = list(
        work.select_related("contact", "person", "owner", "owner__team", "decision_clock", "statutory_clock")
        .prefetch_related(Prefetch("contact__partner_checks", queryset=outstanding, to_attr="outstanding"))
        .annotate(urgency=urgency)
        .order_by("urgency", due, "pk")[:BOARD_LIMIT]
    )
    for item in items:
        item.board_clock = getattr(item, clock)  # type: ignore[attr-defined]
    access_log(actor=actor, person_ids=(i.person_id for i in items), purpose="oversight.board")
    return Board(
        items=items,
        counts=stage_counts(actor=actor),
        breached=summary["breached"],
        due_today=summary["due_today"],
        total=summary["total"],
        now=now,
        shown=len(items),
    )


def stage_counts(*, actor: User) -> dict[str, int]:
    counts: dict[str, int] = {str(stage): 0 for stage in OPEN_STAGES}
    for row in _open_work(actor).values("stage").annotate(n=Count("pk")):
        counts[row["stage"]] = row["n"]
    return counts


def board_version(*, actor: User, now: datetime | None = None) -> str:
    """Changes whenever anything is written in the actor's authority, and once a minute regardless.

    One indexed query: the board's poll asks for this and gets "no change" (204) most of the time.
    """
    now = now or timezone.now()
    latest = AuditEvent.objects.filter(authority_id=actor.authority_id).aggregate(m=Max("pk"))["m"] or 0
    return f"{latest}-{int(now.timestamp()) // QUIET_REFRESH_SECONDS}"


@dataclass(frozen=True)
class Caseload:
    worker: str
    team: str
    open: int
    breached: int


def caseloads(*, actor: User, now: datetime | None = None) -> list[Caseload]:
    """Open front-door work per worker (and unallocated), with how many have breached."""
    require(actor, "child.view")
    now = now or timezone.now()
    rows = (
        _open_work(actor)
        .values("owner_id", "owner__first_name", "owner__last_name", "owner__team__name")
        .annotate(open=Count("pk"), breached=Count("pk", filter=Q(decision_clock__due_at__lt=now)))
        .order_by("-open", "owner__last_name")
    )
    return [
        Caseload(
            worker=f"{r['owner__first_name']} {r['owner__last_name']}" if r["owner_id"] else "Not allocated",
            team=r["owner__team__name"] or "",
            open=r["open"],
            breached=r["breached"],
        )
        for r in rows
    ]


def filter_choices(*, actor: User) -> tuple[list[Team], list[User]]:
    teams = list(Team.objects.filter(authority_id=actor.authority_id))
    workers = list(
        User.objects.filter(
            authority_id=actor.authority_id, is_active=True, role__in=["social_worker", "team_manager"]
        ).order_by("last_name", "first_name")
    )
    return teams, workers


def oldest_waiting(*, actor: User, now: datetime | None = None) -> timedelta | None:
    now = now or timezone.now()
    first = (
        _open_work(actor)
        .order_by("contact__received_at")
        .values_list("contact__received_at", flat=True)
        .first()
    )
    return now - first if first else None


AFTER_DECISION_STAGES = {
    "awaiting_allocation": "Decided, awaiting allocation",
    "not_seen": "Allocated, child not yet seen",
}


@dataclass
class AfterDecision:
    """Children referred at the front door whose episode is open and who have not yet been seen."""

    items: list[Any]  # Referral rows with `current` (the current allocation) prefetched
    counts: dict[str, int]
    breached: int


def after_decision_for(*, actor: User, filters: BoardFilters, now: datetime | None = None) -> AfterDecision:
    """Open episodes whose child-seen clock is running, overdue first. Four queries: the counts, the
    episodes, their current holders and the access log."""
    require(actor, "child.view")
    now = now or timezone.now()
    current = Allocation.objects.filter(referral=OuterRef("pk"), ended_at__isnull=True)
    episodes = Referral.objects.filter(
        authority_id=actor.authority_id,
        closure_date__isnull=True,
        child_seen_clock__completed_at__isnull=True,
    ).annotate(allocated=Exists(current))
    counts = episodes.aggregate(
        awaiting_allocation=Count("pk", filter=Q(allocated=False)),
        not_seen=Count("pk", filter=Q(allocated=True)),
        breached=Count("pk", filter=Q(child_seen_clock__due_at__lt=now)),
    )
    if filters.stage == "awaiting_allocation":
        episodes = episodes.filter(allocated=False)
    elif filters.stage == "not_seen":
        episodes = episodes.filter(allocated=True)
    elif filters.stage:
        episodes = episodes.none()
    if filters.worker:
        episodes = episodes.filter(allocations__ended_at__isnull=True, allocations__worker_id=filters.worker)
    if filters.team:
        episodes = episodes.filter(allocations__ended_at__isnull=True, allocations__team_id=filters.team)
    if filters.rag:
        episodes = episodes.filter(contact_child__rag=filters.rag)
    holders = Allocation.objects.filter(ended_at__isnull=True).select_related("worker", "team")
    items = list(
        episodes.select_related("person", "child_seen_clock", "contact_child__contact")
        .prefetch_related(Prefetch("allocations", queryset=holders, to_attr="current"))
        .order_by("child_seen_clock__due_at", "pk")[:BOARD_LIMIT]
    )
    access_log(actor=actor, person_ids=(r.person_id for r in items), purpose="oversight.board")
    breached = counts.pop("breached")
    return AfterDecision(items=items, counts=counts, breached=breached)
