"""Long-term teams (generator/long_term.py): an episode passes from its assessment team to a
long-term team's worker when its plan starts or its assessment ends with it open, so caseloads at
the end are near Worcestershire's."""

from collections.abc import Iterator
from datetime import date, timedelta

import pytest
from django.db import transaction
from django.db.models import Count

from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.organisations.models import Role, User
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.referrals.models import Allocation, Referral
from frontdoor.synthetic.generator import Result, generate
from frontdoor.synthetic.generator.base import local
from frontdoor.synthetic.generator.long_term import REASON
from frontdoor.workforce import rules
from frontdoor.workforce.models import CaseloadSnapshot
from frontdoor.workforce.services import caseload_snapshot_backfill
from tests.synthetic.conftest import END, PROFILES, SEED

pytestmark = pytest.mark.django_db
SMALL = PROFILES["small"]
LAST = local(END).date()


@pytest.fixture(scope="module")
def _with_history(django_db_setup, django_db_blocker) -> Iterator[Result]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(profile=SMALL, seed=SEED, end=END, la_code="885", history_years=2)
        transaction.set_rollback(True)


@pytest.fixture
def county(_with_history: Result, db) -> Result:
    return _with_history


def test_the_long_term_team_has_a_manager_its_social_workers_and_an_assistant(county):
    team = User.objects.filter(authority=county.authority, team__name=SMALL.family_support_teams[0])
    roles = dict(team.filter(left_on__isnull=True).values_list("role").annotate(n=Count("pk")))
    assert roles == {Role.TEAM_MANAGER: 1, Role.SOCIAL_WORKER: SMALL.long_term_team_social_workers,
                     Role.SOCIAL_WORK_ASSISTANT: 1}  # fmt: skip
    summary = county.metrics["long-term teams"]
    assert summary["long-term teams"] == 1
    assert summary["long-term social workers"] == SMALL.long_term_team_social_workers


def test_each_transfer_starts_within_five_working_days_of_the_first_plan_or_the_assessment(county):
    moved = Allocation.objects.filter(referral__authority=county.authority, reason=REASON).select_related(
        "team"
    )
    assert moved.count() == county.metrics["long-term teams"]["transfers to long-term teams"] > 0
    firsts = {
        pk: local(at).date()
        for pk, at in Referral.objects.filter(
            authority=county.authority, assessment_clock__completed_at__isnull=False
        ).values_list("pk", "assessment_clock__completed_at")
    }
    planned: dict[int, date] = {}
    for model in (ChildInNeedPlan, ProtectionPlan):
        for referral, start in model.objects.filter(authority=county.authority).values_list(
            "referral_id", "start_date"
        ):
            planned[referral] = min(planned.get(referral, start), start)
    firsts |= planned
    for allocation in moved:
        assert allocation.team.name == SMALL.family_support_teams[0]
        began = local(allocation.started_at).date()  # 5 working days: 12 days over Christmas
        assert firsts[allocation.referral_id] <= began <= firsts[allocation.referral_id] + timedelta(days=14)
        before = Allocation.objects.get(referral=allocation.referral, ended_at=allocation.started_at)
        assert before.team.name in SMALL.assessment_teams


def test_every_worker_started_before_the_first_episode_they_held(county):
    for worker in User.objects.filter(authority=county.authority, allocations__isnull=False).distinct():
        first = min(local(a.started_at).date() for a in worker.allocations.all())
        assert worker.started_on < first


def test_the_mean_caseload_at_the_end_is_near_worcestershires(county):
    """§8: 14.6 in 2025. The band allows for a small authority's chance: 10 to 20."""
    caseload_snapshot_backfill(authority=county.authority, first=LAST, last=LAST)
    loads = list(
        CaseloadSnapshot.objects.filter(authority=county.authority, day=LAST).values_list("cases", flat=True)
    )
    mean = rules.mean(loads)
    assert mean is not None
    assert 10 <= mean <= 20
