"""The synthetic county's allegations (issue 19 §1): ~2.5 a year per 1,000 children over the window,
each about children of the authority, with both clocks, outcomes that carry a date, a decision maker
and the band the dashboard counts, and meetings whose actions are tasks naming no child."""

import pytest
from django.db.models import Count, F
from django.utils import timezone

from frontdoor.allegations.models import Allegation, AllegationChild, Meeting
from frontdoor.allegations.rules import resolution_band
from frontdoor.organisations.models import Role, User
from frontdoor.synthetic.generator.allegations import PER_1000_CHILDREN_A_YEAR
from frontdoor.synthetic.profiles import PROFILES
from frontdoor.tasks.models import Task, TaskKind

pytestmark = pytest.mark.django_db


def test_the_volume_follows_the_child_population(small):
    profile = PROFILES["small"]
    expected = round(profile.child_population * PER_1000_CHILDREN_A_YEAR / 1000 * profile.days / 365)
    assert Allegation.objects.filter(authority=small.authority).count() == expected == 50
    assert User.objects.filter(authority=small.authority, role=Role.DESIGNATED_OFFICER).count() == 1


def test_each_allegation_is_whole(small):
    rows = Allegation.objects.filter(authority=small.authority)
    assert not rows.filter(consideration_clock__isnull=True).exists()
    assert not rows.filter(outcome_clock__isnull=True).exists()
    assert not rows.filter(consideration_clock__person__isnull=False).exists()
    linked = rows.annotate(n=Count("child_links")).values_list("n", flat=True)
    assert min(linked) >= 1
    assert max(linked) <= 3
    lead = AllegationChild.objects.filter(
        allegation__in=rows, position=0, person_id=F("allegation__person_id")
    )
    assert lead.count() == rows.count()
    for a in rows.exclude(outcome=""):
        assert a.outcome_on is not None
        assert a.decided_by
        assert a.resolved_within == resolution_band(timezone.localdate(a.received_at), a.outcome_on)
    considered = rows.filter(consideration_clock__completed_at__isnull=False)
    on_time = considered.filter(consideration_clock__completed_at__lte=F("consideration_clock__due_at"))
    assert 0.6 <= on_time.count() / considered.count() <= 1


def test_meeting_actions_are_tasks_naming_no_child(small):
    meetings = Meeting.objects.filter(authority=small.authority)
    tasks = Task.objects.filter(kind=TaskKind.ALLEGATION_MEETING, authority=small.authority)
    assert tasks.count() == 2 * meetings.count()
    assert not tasks.filter(person__isnull=False).exists()
