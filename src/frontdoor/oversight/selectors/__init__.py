"""The live board's reads: every open piece of front-door work with its stage, RAG, owner, time in
stage and due time, in a fixed number of queries whatever the volume.

Due times are columns on clock rows (clocks.Clock.due_at), so "breached" and "due today" are
comparisons in SQL, never arithmetic in Python per row.

The board is in three parts: front-door work (here), children referred and not yet seen or being
assessed (episodes.py), and children in a strategy discussion or section 47 enquiry (protection.py).
"""

from collections.abc import Hashable
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from django.db import connection
from django.db.models import (
    Case,
    Count,
    IntegerField,
    Q,
    QuerySet,
    Value,
    When,
)
from django.utils import timezone

from frontdoor.access import rules as access_rules
from frontdoor.access.models import BreakGlass, Restriction
from frontdoor.access.scope import visible
from frontdoor.audit.models import AuditEvent
from frontdoor.audit.services import access_log
from frontdoor.contacts.models import OPEN_STAGES, ContactChild
from frontdoor.organisations.models import Team, User
from frontdoor.organisations.permissions import require
from frontdoor.oversight.selectors import front_door
from frontdoor.oversight.selectors.filters import BOARD_LIMIT, BoardFilters
from frontdoor.oversight.selectors.front_door import FrontDoorRow
from frontdoor.referrals.models import Allocation

STANDARD_FIELDS = {
    "contact_decision": "decision_clock",
    "contact_decision_statutory": "statutory_clock",
}
# How often the board refreshes even with no writes, so "time in stage" and breaches stay true.
QUIET_REFRESH_SECONDS = 60


@dataclass
class Board:
    items: list[FrontDoorRow]
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
    return ContactChild.objects.filter(
        visible(actor, "person_id"), authority_id=actor.authority_id, stage__in=OPEN_STAGES
    )


def _chosen(filters: BoardFilters) -> Q:
    """The viewer's filters, as a condition on open work (the counts per stage ignore them)."""
    if filters.stage in OPEN_STAGES:
        return Q(stage=filters.stage) & _chosen_within_stage(filters)
    if filters.stage:
        return Q(pk__isnull=True)  # a stage after the front door: no contact here is in it
    return _chosen_within_stage(filters)


def _stage_chosen(filters: BoardFilters, stage: str) -> bool:
    return not filters.stage or filters.stage == stage


def _chosen_within_stage(filters: BoardFilters) -> Q:
    """The filters other than the stage."""
    chosen = Q()
    if filters.rag:
        chosen &= Q(rag=filters.rag)
    if filters.worker:
        chosen &= Q(owner_id=filters.worker)
    if filters.team:
        chosen &= Q(owner__team_id=filters.team)
    return chosen


def board_for(*, actor: User, filters: BoardFilters, now: datetime | None = None) -> Board:
    """The board: breached first, then due today, then by due time; counts per stage at the top.
    Four queries: the counts (per stage, and of what the filters choose), the rows, their
    outstanding partner checks and the access log. Rows are plain values (front_door.FrontDoorRow)."""
    require(actor, "child.view")
    now = now or timezone.now()
    clock = STANDARD_FIELDS.get(filters.standard, "decision_clock")
    due = f"{clock}__due_at"
    end_of_day = _end_of_local_day(now)
    work = _open_work(actor)
    counts, total, breached, due_today = _counted(work, filters, due, now, end_of_day)
    urgency = Case(
        When(**{f"{due}__lt": now}, then=Value(0)),
        When(**{f"{due}__lte": end_of_day}, then=Value(1)),
        default=Value(2),
        output_field=IntegerField(),
    )
    items = front_door.rows(
        work.filter(_chosen(filters))
        .annotate(urgency=urgency)
        .order_by("urgency", due, "pk")[: filters.limit],
        clock,
    )
    access_log(actor=actor, person_ids=(i.person_id for i in items), purpose="oversight.board")
    return Board(
        items=items,
        counts=counts,
        breached=breached,
        due_today=due_today,
        total=total,
        now=now,
        shown=len(items),
    )


def _counted(
    work: QuerySet[ContactChild], filters: BoardFilters, due: str, now: datetime, end_of_day: datetime
) -> tuple[dict[str, int], int, int, int]:
    """(counts per stage, and of what the filters choose: total, breached, due today), from one
    query grouped by stage: three counts a stage rather than a filtered count per stage and figure."""
    within = _chosen_within_stage(filters)
    counted = work.values_list("stage").order_by()
    if within:
        counted = counted.annotate(chosen=Count("pk", filter=within))
    rows = counted.annotate(
        n=Count("pk"),
        breached=Count("pk", filter=within & Q(**{f"{due}__lt": now})),
        due_today=Count("pk", filter=within & Q(**{f"{due}__gte": now, f"{due}__lte": end_of_day})),
    ).values_list("stage", "n", "chosen" if within else "n", "breached", "due_today")
    counts = {str(stage): 0 for stage in OPEN_STAGES}
    total = breached = due_today = 0
    for stage, n, chosen, late, today in rows:
        counts[stage] = n
        if _stage_chosen(filters, stage):
            total, breached, due_today = total + chosen, breached + late, due_today + today
    return counts, total, breached, due_today


def stage_counts(*, actor: User) -> dict[str, int]:
    counts: dict[str, int] = {str(stage): 0 for stage in OPEN_STAGES}
    for row in _open_work(actor).values("stage").annotate(n=Count("pk")):
        counts[row["stage"]] = row["n"]
    return counts


def board_scope(*, actor: User, now: datetime | None = None) -> tuple[Hashable, ...]:
    """Everything about the viewer that changes what the board shows. Boards with the same scope,
    version and filters share one render (oversight.shared), so everything that narrows what an actor
    may see is in this key, mirroring access.scope.visible: the team scope (the whole authority for
    the front door and authority-wide roles, else the team), and the restricted records the viewer
    may see past (named on the list, or an unexpired break-glass). Two queries, run only when the
    board has changed."""
    now = now or timezone.now()
    if actor.role in access_rules.TEAM_ROLES:
        team = actor.team
        reach: tuple[str | int, ...] = (
            ("nothing",) if team is None else ("authority",) if team.is_front_door else ("team", team.pk)
        )
    elif actor.role in access_rules.AUTHORITY_WIDE_ROLES:
        reach = ("authority",)
    else:
        reach = ("nothing",)
    if actor.role == access_rules.AUDITOR:
        return (actor.authority_id, reach, "every restriction")
    named = Restriction.objects.filter(
        authority_id=actor.authority_id, lifted_at__isnull=True, allowed_users=actor
    ).values_list("pk", flat=True)
    glass = BreakGlass.objects.filter(
        restriction__authority_id=actor.authority_id,
        restriction__lifted_at__isnull=True,
        user=actor,
        expires_at__gt=now,
    ).values_list("restriction_id", flat=True)
    return (actor.authority_id, reach, frozenset(named) | frozenset(glass))


LATEST_EVENT_SQL = f"SELECT MAX(id) FROM {AuditEvent._meta.db_table} WHERE authority_id = %s"  # noqa: S608


def board_version(*, actor: User, now: datetime | None = None) -> str:
    """Changes whenever anything is written in the actor's authority, and once a minute regardless.

    One indexed query: the board's poll asks for this and gets "no change" (204) most of the time.
    """
    now = now or timezone.now()
    # Written out: every open board asks this once a second, and building the ORM query cost twice
    # what the database took to answer it (bench/board.py, "board poll").
    with connection.cursor() as cursor:
        cursor.execute(LATEST_EVENT_SQL, [actor.authority_id])
        latest = cursor.fetchone()[0] or 0
    return f"{latest}-{int(now.timestamp()) // QUIET_REFRESH_SECONDS}"


@dataclass
class Caseload:
    worker: str
    team: str
    front_door: int = 0  # open contacts the worker owns at the front door
    cases: int = 0  # open children-in-need episodes allocated to the worker
    breached: int = 0  # of both, how many are past a statutory time

    @property
    def open(self) -> int:
        return self.front_door + self.cases


def _name(first: str | None, last: str | None) -> str:
    return f"{first} {last}" if first or last else "Not allocated"


def caseloads(*, actor: User, now: datetime | None = None) -> list[Caseload]:
    """Open work per worker (and unallocated): front-door contacts they own and episodes allocated to
    them, with how many are past their standard (decision in 24 hours; child seen; assessment)."""
    require(actor, "child.view")
    now = now or timezone.now()
    loads: dict[int | None, Caseload] = {}
    front_door = (
        _open_work(actor)
        .values("owner_id", "owner__first_name", "owner__last_name", "owner__team__name")
        .annotate(n=Count("pk"), late=Count("pk", filter=Q(decision_clock__due_at__lt=now)))
    )
    for r in front_door:
        load = loads.setdefault(
            r["owner_id"],
            Caseload(_name(r["owner__first_name"], r["owner__last_name"]), r["owner__team__name"] or ""),
        )
        load.front_door, load.breached = r["n"], load.breached + r["late"]
    late_episode = Q(
        referral__child_seen_clock__completed_at__isnull=True, referral__child_seen_clock__due_at__lt=now
    ) | Q(referral__assessment_clock__completed_at__isnull=True, referral__assessment_clock__due_at__lt=now)
    held = (
        Allocation.objects.filter(
            referral__authority_id=actor.authority_id,
            ended_at__isnull=True,
            referral__closure_date__isnull=True,
        )
        .values("worker_id", "worker__first_name", "worker__last_name", "team__name")
        .annotate(n=Count("pk"), late=Count("pk", filter=late_episode))
    )
    for h in held:
        load = loads.setdefault(
            h["worker_id"], Caseload(_name(h["worker__first_name"], h["worker__last_name"]), h["team__name"])
        )
        load.cases, load.breached = h["n"], load.breached + h["late"]
    return sorted(loads.values(), key=lambda c: (-c.open, c.worker))


def team_caseloads(loads: list[Caseload]) -> list[Caseload]:
    """The same figures per team (a worker counts in the team their work is held in)."""
    teams: dict[str, Caseload] = {}
    for load in loads:
        team = teams.setdefault(load.team, Caseload(worker="", team=load.team or "No team"))
        team.front_door += load.front_door
        team.cases += load.cases
        team.breached += load.breached
    return sorted(teams.values(), key=lambda c: (-c.open, c.team))


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


# The other parts of the board, importable from here as before the split.
from frontdoor.oversight.selectors.episodes import (  # noqa: E402
    AFTER_DECISION_STAGES,
    AfterDecision,
    after_decision_for,
)
from frontdoor.oversight.selectors.protection import (  # noqa: E402
    PROTECTION_STAGE,
    PROTECTION_STAGE_LABEL,
    Protection,
    protection_for,
)

__all__ = [
    "AFTER_DECISION_STAGES",
    "BOARD_LIMIT",
    "PROTECTION_STAGE",
    "PROTECTION_STAGE_LABEL",
    "AfterDecision",
    "Board",
    "BoardFilters",
    "Caseload",
    "Protection",
    "after_decision_for",
    "board_for",
    "board_scope",
    "board_version",
    "caseloads",
    "filter_choices",
    "oldest_waiting",
    "protection_for",
    "stage_counts",
    "team_caseloads",
]
