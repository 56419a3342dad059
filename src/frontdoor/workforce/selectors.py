"""Every read in workforce: "Can our teams cope?" (issue 20 §3) for the authority or one team, month
by month, the teams side by side, and the workers of a team for those who manage them.

Each page is a fixed number of queries whatever the number of workers, teams or months: every
figure is computed from a handful of value lists (the month-end snapshots, allocations, supervisions,
staff, vacancies) by workforce.rules. No child's record is read, only counts.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db.models import Max, Q
from django.http import Http404
from django.utils import timezone

from frontdoor.organisations.models import Employment, Role, Team, User
from frontdoor.organisations.permissions import can, require
from frontdoor.supervision.models import Supervision
from frontdoor.workforce import history, rules
from frontdoor.workforce.models import CaseloadSnapshot, Vacancy

MONTHS = 12
# Staff counted for the agency share: those who hold or manage cases (the DfE's workforce census
# counts child and family social workers, managers included).
SOCIAL_WORK_ROLES = (Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT, Role.TEAM_MANAGER)


@dataclass
class Month:
    """One month's figures for a scope (the authority, or a team), counted at `as_at`."""

    as_at: date
    recorded_on: date | None = None  # the day of the caseloads counted: the month's last recorded
    workers: int = 0  # case-holding workers in the snapshot
    mean: float | None = None
    bands: list[int] = field(default_factory=list)
    over: int = 0
    children: int = 0  # children allocated in the 12 months to as_at
    changes_mean: float | None = None  # changes of social worker per child
    three_or_more: int = 0  # children with 3 or more social workers in the 12 months
    supervised: int = 0
    supervised_share: float | None = None
    staff: int = 0
    agency: int = 0
    agency_share: float | None = None
    vacancies_fte: Decimal = Decimal(0)

    @property
    def over_share(self) -> float | None:
        return rules.share(self.over, self.workers)

    @property
    def three_or_more_share(self) -> float | None:
        return rules.share(self.three_or_more, self.children)


@dataclass
class Figures:
    authority: str
    threshold: int
    band_labels: list[str]
    teams: list[Team]
    team: Team | None
    months: list[Month]
    by_team: list[tuple[Team, Month]]  # the latest month, team by team
    snapshot_days: int  # days with a caseload snapshot in the period (0: no history yet)

    @property
    def latest(self) -> Month:
        return self.months[-1]


@dataclass
class Inputs:
    """What every figure is computed from, read once for the page."""

    snapshots: dict[date, list[tuple[int, int | None, int]]]  # month-end day -> (worker, team, cases)
    holdings: list[rules.Holding]
    supervisions: dict[int, list[date]]
    staff: Sequence[tuple[int | None, str, date | None, date | None]]  # team, employment, started, left
    vacancies: list[tuple[int, Decimal, date, date | None]]  # team, fte, opened, closed


def _month_end_snapshots(
    authority_id: int, first: date, last: date
) -> tuple[dict[date, list[tuple[int, int | None, int]]], int]:
    """The last recorded day of each month, and each worker's cases that day (two queries)."""
    days = list(
        CaseloadSnapshot.objects.filter(authority_id=authority_id, day__range=(first, last))
        .values_list("day", flat=True)
        .distinct()
    )
    latest: dict[tuple[int, int], date] = {}
    for day in days:
        key = (day.year, day.month)
        latest[key] = max(latest.get(key, day), day)
    rows: dict[date, list[tuple[int, int | None, int]]] = defaultdict(list)
    chosen = sorted(latest.values())
    for day, worker, team, cases in CaseloadSnapshot.objects.filter(
        authority_id=authority_id, day__in=chosen
    ).values_list("day", "worker_id", "team_id", "cases"):
        rows[day].append((worker, team, cases))
    return rows, len(days)


def _inputs(authority_id: int, first: date, today: date) -> tuple[Inputs, int]:
    snapshots, snapshot_days = _month_end_snapshots(authority_id, first, today)
    since = first - timedelta(days=rules.CHANGE_WINDOW_DAYS)
    holdings = [h for _, h in history.holdings(authority_id=authority_id, since=since, until=today)]
    supervisions: dict[int, list[date]] = defaultdict(list)
    for worker, held in Supervision.objects.filter(
        authority_id=authority_id, held_on__range=(first - timedelta(days=rules.SUPERVISION_DAYS), today)
    ).values_list("worker_id", "held_on"):
        supervisions[worker].append(held)
    staff = list(
        User.objects.filter(authority_id=authority_id, role__in=SOCIAL_WORK_ROLES).values_list(
            "team_id", "employment", "started_on", "left_on"
        )
    )
    vacancies = list(
        Vacancy.objects.filter(authority_id=authority_id, opened_on__lte=today).values_list(
            "team_id", "fte", "opened_on", "closed_on"
        )
    )
    return Inputs(snapshots, holdings, supervisions, staff, vacancies), snapshot_days


def _snapshot_on(inputs: Inputs, as_at: date) -> tuple[date | None, list[tuple[int, int | None, int]]]:
    """The month's last recorded day and its rows (the month `as_at` is in)."""
    days = [d for d in inputs.snapshots if (d.year, d.month) == (as_at.year, as_at.month) and d <= as_at]
    return (max(days), inputs.snapshots[max(days)]) if days else (None, [])


def _month(inputs: Inputs, as_at: date, team: int | None, threshold: int) -> Month:
    month = Month(as_at=as_at)
    month.recorded_on, recorded = _snapshot_on(inputs, as_at)
    rows = [r for r in recorded if team is None or r[1] == team]
    loads = [cases for _, _, cases in rows]
    month.workers, month.mean = len(loads), rules.mean(loads)
    month.bands = [0] * len(rules.bands(threshold))
    for cases in loads:
        month.bands[rules.band_index(cases, threshold)] += 1
    month.over = sum(rules.over_threshold(cases, threshold) for cases in loads)
    month.supervised = sum(rules.supervised_within(inputs.supervisions.get(w, []), as_at) for w, _, _ in rows)
    month.supervised_share = rules.share(month.supervised, month.workers)
    per_child = [
        n for n, t in rules.workers_per_child(inputs.holdings, as_at).values() if team is None or t == team
    ]
    month.children = len(per_child)
    month.changes_mean = rules.mean([n - 1 for n in per_child])
    month.three_or_more = sum(n >= 3 for n in per_child)
    in_post = [
        e for t, e, s, left in inputs.staff if (team is None or t == team) and rules.holds_on(as_at, s, left)
    ]
    month.staff, month.agency = len(in_post), in_post.count(Employment.AGENCY)
    month.agency_share = rules.share(month.agency, month.staff)
    month.vacancies_fte = sum(
        (
            fte
            for t, fte, opened, closed in inputs.vacancies
            if (team is None or t == team) and rules.holds_on(as_at, opened, closed)
        ),
        Decimal(0),
    )
    return month


def cope(*, actor: User, team_id: int | None = None, today: date | None = None) -> Figures:
    """The authority's (or one team's) workforce month by month over the last 12 months, and every
    team side by side in the latest month. An unknown team, or another authority's, is not found."""
    require(actor, "workforce.view")
    today = today or timezone.localdate()
    authority = actor.authority
    teams = list(Team.objects.filter(authority_id=actor.authority_id).order_by("name"))
    team = None
    if team_id is not None:
        team = next((t for t in teams if t.pk == team_id), None)
        if team is None:
            raise Http404("No such team")
    ends = rules.month_ends(today, MONTHS)
    first = ends[0].replace(day=1)
    inputs, snapshot_days = _inputs(actor.authority_id, first, today)
    threshold = authority.caseload_threshold
    months = [_month(inputs, as_at, team.pk if team else None, threshold) for as_at in ends]
    by_team = [(t, _month(inputs, ends[-1], t.pk, threshold)) for t in teams]
    return Figures(
        authority=authority.name,
        threshold=threshold,
        band_labels=[rules.band_label(low, high) for low, high in rules.bands(threshold)],
        teams=teams,
        team=team,
        months=months,
        by_team=[(t, m) for t, m in by_team if m.workers or m.staff or m.vacancies_fte],
        snapshot_days=snapshot_days,
    )


@dataclass(frozen=True)
class Worker:
    name: str
    job_title: str
    employment: str
    started_on: date | None
    cases: int | None  # in the latest snapshot; None when not in it
    protection: int | None
    supervised_on: date | None  # the latest supervision held
    supervision_overdue: bool


def may_see_workers(actor: User, team: Team) -> bool:
    """Team managers see their own team's workers; senior leaders and quality assurance (the
    performance leads) see every team's. Nobody else sees a worker's own caseload."""
    if not can(actor, "workforce.workers") or team.authority_id != actor.authority_id:
        return False
    return actor.role != Role.TEAM_MANAGER or actor.team_id == team.pk


def team_workers(
    *, actor: User, team_id: int, today: date | None = None
) -> tuple[Team, date | None, list[Worker]]:
    """A team's workers in post, with their caseload at the latest snapshot and their latest
    supervision. Refused (nothing read beyond the team) for anyone who may not see them."""
    require(actor, "workforce.workers")
    today = today or timezone.localdate()
    team = Team.objects.filter(authority_id=actor.authority_id, pk=team_id).first()
    if team is None:
        raise Http404("No such team")
    if not may_see_workers(actor, team):
        raise PermissionDenied("You can see the workers of your own team only.")
    day = CaseloadSnapshot.objects.filter(authority_id=actor.authority_id, day__lte=today).aggregate(
        latest=Max("day")
    )["latest"]
    loads = {
        worker: (cases, protection)
        for worker, cases, protection in CaseloadSnapshot.objects.filter(
            authority_id=actor.authority_id, day=day, team_id=team.pk
        ).values_list("worker_id", "cases", "protection")
    }
    staff = (
        User.objects.filter(authority_id=actor.authority_id, team_id=team.pk)
        .filter(Q(role__in=history.CASE_HOLDING_ROLES) | Q(pk__in=list(loads)))
        .annotate(supervised_on=Max("supervisions__held_on"))
        .order_by("last_name", "first_name")
    )
    workers = []
    for user in staff:
        if not rules.holds_on(today, user.started_on, user.left_on) or not user.is_active:
            continue
        cases, protection = loads.get(user.pk, (None, None))
        held = [user.supervised_on] if user.supervised_on else []
        workers.append(
            Worker(
                name=user.display_name,
                job_title=user.job_title,
                employment=Employment(user.employment).label,
                started_on=user.started_on,
                cases=cases,
                protection=protection,
                supervised_on=user.supervised_on,
                supervision_overdue=not rules.supervised_within(held, today),
            )
        )
    return team, day, workers
