"""Drift panel figures (decisions by reason, what followed, actions on time) and disruption activity
by kind and outcome (issue 19 §4, §5): the dashboard's numbers and their drill-downs equal what is
counted here from rows whose every fact is chosen."""

from datetime import timedelta
from decimal import Decimal

import pytest
from django.utils import timezone

from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.drift.rules import codes_field
from frontdoor.exploitation import services as exploitation
from frontdoor.organisations.models import Role
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.rules import Period
from frontdoor.performance.selectors import Scope
from frontdoor.tasks.models import Task
from tests import builders

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def ago(days):
    return today() - timedelta(days=days)


@pytest.fixture
def senior(la):
    return builders.user(la, Role.SENIOR_LEADER)


def scope(la):
    return Scope(la.pk, Period(ago(60), today()), None, timezone.now())


def panel(la, senior, days_ago):
    return Panel.objects.create(
        authority=la, held_on=ago(days_ago), attendees="Chair", chair=senior, recorded_at=timezone.now()
    )


def decide(panel, referral, codes, review_days_ago):
    return PanelDecision.objects.create(
        authority=panel.authority, panel=panel, person_id=referral.person_id, referral=referral,
        reasons=[{"code": c, "words": c} for c in codes], reason_codes=codes_field(codes),
        decision="Review", next_review_on=ago(review_days_ago), held_on=panel.held_on,
        recorded_by=panel.chair, recorded_at=timezone.now(),
    )  # fmt: skip


@pytest.fixture
def panels(la, manager, senior):
    """Two panels: Amy at both (reviewed), Ben's episode closed after the first, Cal's review
    passed with no later panel; and one panel before the period."""
    amy, ben, cal = (builders.referral(la, manager, days_ago=300) for _ in range(3))
    first, second, old = panel(la, senior, 40), panel(la, senior, 10), panel(la, senior, 90)
    decisions = {
        "amy1": decide(first, amy, ["cin_open", "not_visited"], 12),
        "ben": decide(first, ben, ["assessment_late"], 5),
        "cal": decide(first, cal, ["not_visited"], 5),
        "amy2": decide(second, amy, ["cin_open"], -30),
    }
    decide(old, cal, ["cin_open"], 70)
    ben.closure_date, ben.closure_reason = ago(20), "RC8"
    ben.save()
    return decisions


def pks(actor, slug, la, result):
    found = selectors.drilldown(actor=actor, figure=FIGURES[slug], scope=scope(la), buckets={}, result=result)
    return sorted(row.pk for row in found.page.object_list)


def test_decisions_by_reason_and_what_followed_with_drill_downs(la, senior, panels):
    reasons = selectors.figure_data(figure=FIGURES["drift-reasons"], scope=scope(la), breakdown="month")
    assert reasons.total.values == {
        "children": 4, "people": 3, "cin_open": 2, "plan_long": 0, "plan_second": 0, "assessment_late": 1,
        "not_visited": 2, "share": Decimal("50.0"),
    }  # fmt: skip
    assert pks(senior, "drift-reasons", la, "not_visited") == sorted([panels["amy1"].pk, panels["cal"].pk])
    followed = selectors.figure_data(figure=FIGURES["drift-outcomes"], scope=scope(la), breakdown="month")
    assert followed.total.values == {
        "children": 4, "reviewed": 1, "closed": 1, "review_overdue": 1, "share": Decimal("25.0"),
    }  # fmt: skip
    assert pks(senior, "drift-outcomes", la, "reviewed") == [panels["amy1"].pk]
    assert pks(senior, "drift-outcomes", la, "closed") == [panels["ben"].pk]
    assert pks(senior, "drift-outcomes", la, "review_overdue") == [panels["cal"].pk]


def test_actions_done_on_time_late_or_not_and_cancelled_ones_left_out(la, senior, manager, panels):
    person = panels["amy1"].person_id

    def action(due_days_ago, kind="drift_panel", **fields):
        return Task.objects.create(
            authority=la, person_id=person, kind=kind, source_type="drift.paneldecision",
            source_id=panels["amy1"].pk, what="Visit", owner_user=manager, due_on=ago(due_days_ago),
            created_by=senior, created_at=timezone.now() - timedelta(days=40), **fields,
        )  # fmt: skip

    on_time = action(30, done_at=timezone.now() - timedelta(days=31))
    late = action(20, done_at=timezone.now() - timedelta(days=15))
    not_done = action(5)
    action(25, cancelled_at=timezone.now(), cancel_reason="Not needed")
    action(25, kind="core_group")
    action(90)  # due before the period
    data = selectors.figure_data(figure=FIGURES["drift-actions"], scope=scope(la), breakdown="team")
    assert data.total.values == {
        "children": 3, "on_time": 1, "late": 1, "not_done": 1, "share": Decimal("33.3"),
    }  # fmt: skip
    assert pks(senior, "drift-actions", la, "on_time") == [on_time.pk]
    assert pks(senior, "drift-actions", la, "late") == [late.pk]
    assert pks(senior, "drift-actions", la, "not_done") == [not_done.pk]


def test_disruption_by_kind_and_outcome_counts_each_child_protected(la, worker, senior):
    kai, lou = builders.child(la, "Kai", "Example"), builders.child(la, "Lou", "Example")
    park = exploitation.place_link(actor=worker, person=kai, name="Gheluvelt Park", kind="park").place

    def disrupt(kind, days_ago, outcome=""):
        return exploitation.disruption_record(
            actor=worker, person=kai, target=park, kind=kind, taken_on=ago(days_ago),
            agency="West Mercia Police", outcome=outcome,
        )  # fmt: skip

    notice = disrupt("cawn", 10, outcome="Served; the adult has not returned")
    notice.children.add(lou)
    visit = disrupt("visit", 20)
    disrupt("closure", 80)  # before the period
    data = selectors.figure_data(figure=FIGURES["disruption"], scope=scope(la), breakdown="month")
    assert data.total.values == {
        "children": 3, "people": 2, "cawn": 2, "closure": 0, "licensing": 0, "visit": 1, "cpn": 0,
        "other": 0, "outcome": 2, "awaited": 1, "share": Decimal("66.7"),
    }  # fmt: skip
    found = selectors.drilldown(
        actor=senior, figure=FIGURES["disruption"], scope=scope(la), buckets={}, result="awaited"
    )
    assert [(row.disruption_id, row.person_id) for row in found.page.object_list] == [(visit.pk, kai.pk)]
