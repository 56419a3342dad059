"""The generator's workforce (issue 20 §3): staff in post before the window, an agency share, leavers
who cannot sign in and whose cases passed to the workers who hold them now, transfers within teams,
vacancies from leaving; and the caseloads rebuilt from that history."""

import random
from datetime import timedelta

from django.db.models import Count, Q

from frontdoor.organisations.models import Employment, Role, User
from frontdoor.referrals.models import Allocation
from frontdoor.synthetic.generator.base import local
from frontdoor.synthetic.generator.long_term import REASON
from frontdoor.synthetic.generator.organisation import Org
from frontdoor.synthetic.generator.workforce import WorkforceMaker
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.workforce.models import CaseloadSnapshot, Vacancy
from frontdoor.workforce.services import caseload_snapshot_backfill
from tests.synthetic.conftest import END, PROFILES, SEED

START = local(END).date() - timedelta(days=PROFILES["small"].days)


def test_every_member_of_staff_started_before_the_window_and_leavers_cannot_sign_in(small):
    staff = User.objects.filter(authority=small.authority)
    assert not staff.filter(Q(started_on__isnull=True) | Q(started_on__gt=START)).exists()
    summary = small.metrics["workforce"]
    assert staff.filter(employment=Employment.AGENCY, left_on__isnull=True).count() == summary["agency staff"]
    leavers = staff.filter(left_on__isnull=False)
    assert leavers.count() == summary["leavers"] == Vacancy.objects.filter(authority=small.authority).count()
    assert not leavers.filter(is_active=True).exists()


def test_every_split_allocation_passes_to_a_worker_of_the_same_team_on_the_day_it_ends(small):
    """Leavers and transfers stay in the team; the handover to a long-term team (test_long_term.py)
    is the one split that changes team."""
    moved = Allocation.objects.filter(referral__authority=small.authority, ended_at__isnull=False)
    summary = small.metrics["workforce"]
    to_long_term = small.metrics["long-term teams"]["transfers to long-term teams"]
    split = summary["reallocations after leaving"] + summary["transfers within teams"]
    assert moved.count() == split + to_long_term
    for old in moved:
        new = Allocation.objects.get(referral=old.referral, started_at=old.ended_at)
        same_team = new.reason != REASON
        assert (new.team_id == old.team_id, new.worker_id != old.worker_id) == (same_team, True)
    current = Allocation.objects.filter(referral__authority=small.authority, ended_at__isnull=True)
    assert not current.values("referral").annotate(n=Count("pk")).filter(n__gt=1).exists()


def test_the_caseloads_rebuilt_from_history_match_the_allocations_open_at_the_end(small):
    last = local(END).date()
    caseload_snapshot_backfill(authority=small.authority, first=START, last=last)
    held = dict(
        Allocation.objects.filter(
            referral__authority=small.authority, ended_at__isnull=True, referral__closure_date__isnull=True
        )
        .values_list("worker_id")
        .annotate(n=Count("pk"))
    )
    rows = CaseloadSnapshot.objects.filter(authority=small.authority, day=last, cases__gt=0)
    assert dict(rows.values_list("worker_id", "cases")) == held
    assert sum(held.values()) > 0


def test_when_every_worker_leaves_each_leaver_hands_over_cases_and_opens_a_vacancy(small):
    """The small county is too short for leavers at the usual turnover: a second pass where every
    social worker is followed by a leaver shows what leaving writes."""
    workers = list(
        User.objects.filter(authority=small.authority, role=Role.SOCIAL_WORKER, team__is_front_door=False)
        .order_by("pk")
        .values_list("pk", "team_id")
    )
    org = Org(small.authority, 0, {}, {}, {}, {}, [], [], assessment_workers=workers)
    before = Allocation.objects.filter(referral__authority=small.authority).count()
    start = END - timedelta(days=PROFILES["small"].days)
    summary = WorkforceMaker(Writer(), random.Random(1), SEED, org, start, END, turnover=365 / 61 * 2).make()
    leavers = User.objects.filter(authority=small.authority, left_on__isnull=False)
    assert leavers.count() == summary["leavers"] == len(workers)
    assert Vacancy.objects.filter(authority=small.authority).count() == len(workers)
    assert sorted(leavers.values_list("team_id", flat=True)) == sorted(team for _, team in workers)
    handed = Allocation.objects.filter(worker__in=leavers)
    assert handed.count() == summary["reallocations after leaving"]
    assert all(local(a.ended_at).date() == a.worker.left_on for a in handed.select_related("worker"))
    split = summary["reallocations after leaving"] + summary["transfers within teams"]
    assert Allocation.objects.filter(referral__authority=small.authority).count() == before + split
