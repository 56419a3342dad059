"""Vacancies entered and closed by managers (bad input beside the field, nothing half-saved), and
the daily caseload snapshots: captured once a day on the tick, rebuilt from allocation history."""

from datetime import timedelta
from decimal import Decimal
from io import StringIO

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.management import CommandError, call_command
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.notifications import periodic
from frontdoor.organisations.models import Employment, Role
from frontdoor.workforce import services
from frontdoor.workforce.models import CaseloadSnapshot, SnapshotMethod, Vacancy
from tests import builders
from tests.workforce.world import allocated, days_ago, reallocate, staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(la):
    return builders.team(la, "Assessment Team North")


def test_a_manager_enters_a_vacancy_for_their_team_and_it_is_audited(la, team):
    manager = staff(la, team, Role.TEAM_MANAGER)
    vacancy = services.vacancy_record(
        actor=manager, team=team, role=Role.SOCIAL_WORKER, fte=Decimal("0.5"), opened_on=days_ago(10)
    )
    assert (vacancy.team, vacancy.fte, vacancy.closed_on, vacancy.entered_by) == (
        team,
        Decimal("0.5"),
        None,
        manager,
    )
    event = AuditEvent.objects.get(action="vacancy.record")
    assert event.changes == {
        "team": team.pk,
        "role": "social_worker",
        "fte": "0.5",
        "opened_on": str(days_ago(10)),
    }


def test_bad_input_is_refused_beside_each_field_and_nothing_is_saved(la, team):
    leader = staff(la, team, Role.SENIOR_LEADER)
    with pytest.raises(ValidationError) as refused:
        services.vacancy_record(
            actor=leader,
            team=team,
            role="chief_executive",
            fte=Decimal("1.5"),
            opened_on=days_ago(3),
            closed_on=days_ago(5),
        )
    assert refused.value.message_dict == {
        "role": ["Choose the role the post is for"],
        "fte": ["The full-time equivalent must be more than 0 and no more than 1"],
        "closed_on": ["The date the post was filled or closed must be on or after it became vacant"],
    }
    assert (Vacancy.objects.count(), AuditEvent.objects.filter(action="vacancy.record").count()) == (0, 0)


def test_a_team_manager_cannot_enter_another_teams_vacancy_nor_a_social_worker_any(la, team):
    other = builders.team(la, "Assessment Team South")
    manager = staff(la, other, Role.TEAM_MANAGER)
    with pytest.raises(ValidationError) as refused:
        services.vacancy_record(
            actor=manager, team=team, role=Role.SOCIAL_WORKER, fte=Decimal(1), opened_on=days_ago(1)
        )
    assert refused.value.message_dict == {"team": [services.NOT_YOUR_TEAM]}
    with pytest.raises(PermissionDenied):
        services.vacancy_record(
            actor=staff(la, team), team=team, role=Role.SOCIAL_WORKER, fte=Decimal(1), opened_on=days_ago(1)
        )
    assert Vacancy.objects.count() == 0


def test_a_vacancy_is_closed_once_and_not_before_it_opened(la, team):
    manager = staff(la, team, Role.TEAM_MANAGER)
    vacancy = services.vacancy_record(
        actor=manager, team=team, role=Role.SOCIAL_WORKER, fte=Decimal(1), opened_on=days_ago(30)
    )
    with pytest.raises(ValidationError) as refused:
        services.vacancy_close(actor=manager, vacancy=vacancy, closed_on=days_ago(31), filled=True)
    assert list(refused.value.message_dict) == ["closed_on"]
    services.vacancy_close(actor=manager, vacancy=vacancy, closed_on=days_ago(2), filled=True)
    vacancy.refresh_from_db()
    assert (vacancy.closed_on, vacancy.filled) == (days_ago(2), True)
    with pytest.raises(ValidationError) as again:
        services.vacancy_close(actor=manager, vacancy=vacancy, closed_on=days_ago(1), filled=False)
    assert again.value.message_dict == {"closed_on": ["This vacancy is already closed"]}


def test_the_tick_captures_yesterday_once_with_every_worker_in_post(la, team):
    manager = staff(la, team, Role.TEAM_MANAGER)
    busy, idle = staff(la, team), staff(la, team, employment=Employment.AGENCY)
    staff(la, team, left_on=days_ago(40))  # a leaver: not counted
    for _ in range(3):
        allocated(la, manager, busy, days_ago(20))
    allocated(la, manager, busy, days_ago(60), end=days_ago(30))  # ended: not counted
    now = timezone.now()
    assert services.capture_due(now) == 2
    assert services.capture_due(now) == 0
    rows = CaseloadSnapshot.objects.order_by("worker_id")
    assert [(r.day, r.worker, r.team, r.cases, r.protection, r.method) for r in rows] == [
        (timezone.localdate(now) - timedelta(days=1), busy, team, 3, 0, SnapshotMethod.CAPTURED),
        (timezone.localdate(now) - timedelta(days=1), idle, team, 0, 0, SnapshotMethod.CAPTURED),
    ]
    assert AuditEvent.objects.filter(action="caseload_snapshot.capture").count() == 1


def test_the_backfill_rebuilds_each_day_from_allocation_history_and_keeps_recorded_days(la, team):
    manager = staff(la, team, Role.TEAM_MANAGER)
    first, second = staff(la, team, started_on=days_ago(100)), staff(la, team, started_on=days_ago(5))
    case = allocated(la, manager, first, days_ago(10))
    allocated(la, manager, first, days_ago(8))
    reallocate(case, second, days_ago(4))
    written = services.caseload_snapshot_backfill(authority=la, first=days_ago(12), last=days_ago(1))
    counts = {(r.day, r.worker_id): r.cases for r in CaseloadSnapshot.objects.all()}
    assert written == 12 + 5  # the first worker every day; the second from the day they started
    assert [counts[(days_ago(n), first.pk)] for n in (12, 10, 8, 5, 4, 1)] == [0, 1, 2, 2, 1, 1]
    assert [counts[(days_ago(n), second.pk)] for n in (5, 4, 1)] == [0, 1, 1]
    assert (days_ago(6), second.pk) not in counts
    assert services.caseload_snapshot_backfill(authority=la, first=days_ago(12), last=days_ago(1)) == 0


def test_the_capture_runs_on_the_notifications_tick():
    assert periodic.JOBS[services.JOB_NAME] is services.capture_due


def test_the_backfill_command_states_what_it_rebuilt_and_refuses_a_bad_count(la, team):
    worker = staff(la, team, started_on=days_ago(100))
    out = StringIO()
    call_command("workforce_backfill", "--days", "3", stdout=out)
    assert out.getvalue() == f"{la}: 3 caseloads rebuilt from {days_ago(3)} to {days_ago(1)}\n"
    assert set(CaseloadSnapshot.objects.values_list("worker_id", flat=True)) == {worker.pk}
    with pytest.raises(CommandError, match="--days must be at least 1"):
        call_command("workforce_backfill", "--days", "0")
