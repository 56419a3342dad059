"""Every write in workforce: vacancies entered and closed by managers, and the daily caseload
snapshots, captured on the tick or rebuilt from allocation history. Each checks permission and
authority, validates (workforce.rules), and writes in one transaction with its audit event."""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.records import same_authority
from frontdoor.organisations.models import Authority, Role, Team, User
from frontdoor.organisations.permissions import require
from frontdoor.referrals.models import Allocation
from frontdoor.workforce import history, rules
from frontdoor.workforce.models import CaseloadSnapshot, SnapshotMethod, Vacancy

JOB_NAME = "workforce.caseload_snapshot"
VACANCY_ROLES = (Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT, Role.TEAM_MANAGER, Role.CONTACT_OFFICER)
NOT_YOUR_TEAM = "You can enter vacancies for your own team only"


def _may_manage(actor: User, team: Team) -> None:
    require(actor, "vacancy.record")
    same_authority(actor, team)
    if actor.role == Role.TEAM_MANAGER and actor.team_id != team.pk:
        raise ValidationError({"team": NOT_YOUR_TEAM})


@transaction.atomic
def vacancy_record(
    *, actor: User, team: Team, role: str, fte: Decimal, opened_on: date, closed_on: date | None = None
) -> Vacancy:
    """Enter a vacant post in a team (issue 20 §3): a team manager for their own team, a senior
    leader for any. Nothing is saved when any field is wrong."""
    _may_manage(actor, team)
    problems = rules.vacancy_problems(
        opened_on=opened_on, closed_on=closed_on, fte=fte, today=timezone.localdate()
    )
    if role not in VACANCY_ROLES:
        problems["role"] = "Choose the role the post is for"
    if problems:
        raise ValidationError(problems)
    vacancy = Vacancy(
        authority_id=actor.authority_id,
        team=team,
        role=role,
        fte=fte,
        opened_on=opened_on,
        closed_on=closed_on,
        entered_by=actor,
        entered_at=timezone.now(),
    )
    vacancy.full_clean()
    vacancy.save()
    audit_record(
        actor=actor,
        action="vacancy.record",
        subject=vacancy,
        authority_id=vacancy.authority_id,
        changes={"team": team.pk, "role": role, "fte": str(fte), "opened_on": opened_on.isoformat()},
    )
    return vacancy


@transaction.atomic
def vacancy_close(*, actor: User, vacancy: Vacancy, closed_on: date, filled: bool) -> Vacancy:
    """Close a vacancy: filled (someone started) or withdrawn. A closed vacancy is not reopened:
    a post vacant again is a new vacancy, so the months it was filled stay true."""
    _may_manage(actor, vacancy.team)
    problems = rules.vacancy_problems(
        opened_on=vacancy.opened_on, closed_on=closed_on, fte=vacancy.fte, today=timezone.localdate()
    )
    if vacancy.closed_on is not None:
        problems["closed_on"] = "This vacancy is already closed"
    if problems:
        raise ValidationError(problems)
    vacancy.closed_on, vacancy.filled = closed_on, filled
    vacancy.save(update_fields=["closed_on", "filled"])
    audit_record(
        actor=actor,
        action="vacancy.close",
        subject=vacancy,
        authority_id=vacancy.authority_id,
        changes={"closed_on": closed_on.isoformat(), "filled": filled},
    )
    return vacancy


def _in_post(authority_id: int, day: date) -> dict[int, int | None]:
    """Case-holding staff in post on `day` (started on or before it, not left by it): worker -> team."""
    staff = User.objects.filter(authority_id=authority_id, role__in=history.CASE_HOLDING_ROLES).values_list(
        "pk", "team_id", "started_on", "left_on"
    )
    return {pk: team for pk, team, started, left in staff if rules.holds_on(day, started, left)}


def _teams(authority_id: int) -> dict[int, int | None]:
    return dict(User.objects.filter(authority_id=authority_id).values_list("pk", "team_id"))


@transaction.atomic
def caseload_snapshot_capture(*, authority: Authority, day: date) -> int:
    """Record every case-holding worker's open cases now, as the end of `day`, unless `day` is
    already recorded (the tick may run twice). How many rows it wrote."""
    if CaseloadSnapshot.objects.filter(authority=authority, day=day).exists():
        return 0
    held = (
        Allocation.objects.filter(
            referral__authority_id=authority.pk, ended_at__isnull=True, referral__closure_date__isnull=True
        )
        .values("worker_id")
        .annotate(
            cases=Count("pk", distinct=True),  # distinct: the join to plans repeats an episode
            protection=Count(
                "referral",
                distinct=True,
                filter=Q(
                    referral__protection_plans__end_date__isnull=True,
                    referral__protection_plans__isnull=False,
                ),
            ),
        )
    )
    counts = {row["worker_id"]: (row["cases"], row["protection"]) for row in held}
    teams = _teams(authority.pk)
    workers = _in_post(authority.pk, day) | {worker: teams.get(worker) for worker in counts}
    rows = [
        CaseloadSnapshot(
            authority=authority,
            day=day,
            worker_id=worker,
            team_id=team,
            cases=counts.get(worker, (0, 0))[0],
            protection=counts.get(worker, (0, 0))[1],
            method=SnapshotMethod.CAPTURED,
        )
        for worker, team in workers.items()
    ]
    CaseloadSnapshot.objects.bulk_create(rows, ignore_conflicts=True)
    audit_record(
        actor=None,
        action="caseload_snapshot.capture",
        subject=authority,
        authority_id=authority.pk,
        changes={"day": day.isoformat(), "workers": len(rows)},
    )
    return len(rows)


def capture_due(now: datetime) -> int:
    """The tick's job: at the first tick of a day, record the caseloads as they stand, as the end of
    the day before, for every authority not yet recorded for that day."""
    day = timezone.localdate(now) - timedelta(days=1)
    done = CaseloadSnapshot.objects.filter(day=day).values("authority_id")
    return sum(
        caseload_snapshot_capture(authority=authority, day=day)
        for authority in Authority.objects.exclude(pk__in=done)
    )


@transaction.atomic
def caseload_snapshot_backfill(*, authority: Authority, first: date, last: date) -> int:
    """Rebuild the days from `first` to `last` not already recorded, from allocation history: each
    worker's allocations open at the end of the day (an allocation counts until it ends or its episode
    closes), of which on a protection plan that day. Staff in post that day with no cases count with
    0. Workers are placed in the team they are in now (team moves are not kept). How many rows."""
    recorded = set(
        CaseloadSnapshot.objects.filter(authority=authority, day__range=(first, last)).values_list(
            "day", flat=True
        )
    )
    held = history.holdings(authority_id=authority.pk, since=first, until=last)
    plans = history.protection_plans(authority_id=authority.pk, since=first, until=last)
    counts = rules.daily_caseloads(held, plans, first, last)
    staff = list(
        User.objects.filter(authority_id=authority.pk).values_list(
            "pk", "team_id", "role", "started_on", "left_on"
        )
    )
    teams = {pk: team for pk, team, *_ in staff}
    holding_staff = [
        (pk, started, left) for pk, _, role, started, left in staff if role in history.CASE_HOLDING_ROLES
    ]
    by_day: dict[date, set[int]] = defaultdict(set)
    for d, worker in counts:
        by_day[d].add(worker)
    rows = []
    day = first
    while day <= last:
        if day not in recorded:
            workers = {pk for pk, started, left in holding_staff if rules.holds_on(day, started, left)}
            workers |= by_day[day]
            for worker in sorted(workers):
                cases, protection = counts.get((day, worker), (0, 0))
                rows.append(
                    CaseloadSnapshot(
                        authority=authority,
                        day=day,
                        worker_id=worker,
                        team_id=teams.get(worker),
                        cases=cases,
                        protection=protection,
                        method=SnapshotMethod.BACKFILLED,
                    )
                )
        day += timedelta(days=1)
    CaseloadSnapshot.objects.bulk_create(rows, batch_size=2000, ignore_conflicts=True)
    audit_record(
        actor=None,
        action="caseload_snapshot.backfill",
        subject=authority,
        authority_id=authority.pk,
        changes={"first": first.isoformat(), "last": last.isoformat(), "rows": len(rows)},
    )
    return len(rows)
