"""The synthetic drift panels and children-in-need visits (issue 19 §4) hold what the services keep:
a panel a month, each decision with the reasons the child was listed for and their codes, a review
after the panel, one or two actions as tasks; and every child in need still open is visited, so the
drift list holds the children whose visits lapsed, not every open case."""

from datetime import timedelta

import pytest
from django.db.models import Count, Max

from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.drift import selectors
from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.drift.rules import codes_field
from frontdoor.organisations.models import Role, User
from frontdoor.referrals.models import Referral, Visit
from frontdoor.synthetic.generator.drift import PANELS, PER_PANEL
from frontdoor.tasks.models import Task, TaskKind
from tests.synthetic.conftest import END

pytestmark = pytest.mark.django_db


def test_a_panel_a_month_each_decision_with_its_reasons_review_and_actions(small):
    panels = Panel.objects.filter(authority=small.authority)
    # The small profile's two months have one first Wednesday with children on the list (4 March);
    # a panel is held only when the list has someone on it.
    assert 1 <= panels.count() <= PANELS
    assert panels.count() == small.metrics["drift panels"]
    assert {p.held_on.weekday() for p in panels} == {2}  # Wednesdays
    sizes = panels.annotate(n=Count("decisions")).values_list("n", flat=True)
    assert all(1 <= n <= PER_PANEL[1] for n in sizes)
    actions = Task.objects.filter(kind=TaskKind.DRIFT_PANEL, source_type="drift.paneldecision")
    per_decision = dict(actions.values("source_id").annotate(n=Count("pk")).values_list("source_id", "n"))
    decisions = list(PanelDecision.objects.filter(authority=small.authority))
    assert len(decisions) == small.metrics["drift decisions"] == sum(sizes)
    for decision in decisions:
        assert decision.reasons
        assert decision.reason_codes == codes_field([r["code"] for r in decision.reasons])
        assert decision.next_review_on > decision.held_on
        assert 1 <= per_decision[decision.pk] <= 2
        assert decision.referral.referral_date <= decision.held_on
    assert not actions.filter(done_at__gte=END).exists()


def test_every_child_in_need_still_open_is_visited_and_the_list_is_not_every_open_case(small):
    on_plan = ProtectionPlan.objects.filter(end_date__isnull=True).values("person_id")
    open_cin = Referral.objects.filter(
        authority=small.authority, closure_date__isnull=True, nfa=False, allocations__isnull=False
    ).exclude(person_id__in=on_plan)
    last_seen = dict(
        Visit.objects.filter(seen=True, person_id__in=open_cin.values("person_id"))
        .values("person_id")
        .annotate(m=Max("occurred_at"))
        .values_list("person_id", "m")
    )
    assert open_cin.exists()
    settled = [r for r in open_cin.distinct() if r.referral_date < (END - timedelta(days=57)).date()]
    assert settled
    assert all(END - last_seen[r.person_id] <= timedelta(days=57) for r in settled)
    leader = User.objects.filter(authority=small.authority, role=Role.SENIOR_LEADER).order_by("pk").first()
    listed = selectors.listed(leader, today=END.date())
    not_visited = [r for r in listed if "not_visited" in {x.code for x in r.reasons}]
    open_all = Referral.objects.filter(authority=small.authority, closure_date__isnull=True, nfa=False)
    assert 0 < len(not_visited) < 0.5 * open_all.count()
