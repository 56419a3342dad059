"""The drift list (scoped, access-logged, one query whatever its length), panels and their decisions
per listed child with actions as tasks, refusals that save nothing, and what changed since a panel."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from frontdoor.assessments.services import assessment_start
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.drift import selectors, services
from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.organisations.models import Role
from frontdoor.referrals.models import Visit
from frontdoor.tasks.models import Task, TaskKind
from frontdoor.tasks.services import Owner
from tests import builders

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def _seen(referral, worker, days_ago):
    Visit.objects.create(
        authority_id=referral.authority_id,
        person_id=referral.person_id,
        referral=referral,
        occurred_at=timezone.now() - timedelta(days=days_ago),
        visitor=worker,
        seen=True,
        recorded_at=timezone.now(),
    )


@pytest.fixture
def senior(la):
    return builders.user(la, Role.SENIOR_LEADER)


@pytest.fixture
def long_open(la, manager, worker):
    """Open 200 days, seen 3 days ago: on the list for the episode's length only."""
    referral = builders.referral(la, manager, days_ago=200)
    _seen(referral, worker, 3)
    return referral


def test_the_list_names_each_childs_reasons_and_leaves_others_off(la, manager, senior, worker, long_open):
    fresh = builders.referral(la, manager, days_ago=2)
    _seen(fresh, worker, 1)
    unseen = builders.referral(la, manager, days_ago=40)
    plan = builders.referral(la, manager, days_ago=30)
    _seen(plan, worker, 0)
    for start, end in ((today() - timedelta(days=900), today() - timedelta(days=700)), (today(), None)):
        ProtectionPlan.objects.create(
            authority=la,
            person=plan.person,
            referral=plan,
            start_date=start,
            end_date=end,
            end_reason="" if end is None else "no_longer",
            initial_category="NEG",
            latest_category="NEG",
        )

    rows = {r.person.pk: [x.code for x in r.reasons] for r in selectors.drift_list(actor=senior)}

    assert rows == {
        long_open.person_id: ["cin_open"],
        unseen.person_id: ["not_visited"],
        plan.person_id: ["plan_second"],
    }
    assert fresh.person_id not in rows
    assert [r.person.pk for r in selectors.drift_list(actor=senior, visit_days=50)] == [
        long_open.person_id,
        plan.person_id,
    ]


def test_an_assessment_past_its_45_working_days_lists_the_child(la, manager, worker):
    referral = builders.referral(la, manager, days_ago=100)
    _seen(referral, worker, 1)
    assessment_start(actor=manager, referral=referral, started_on=referral.referral_date)
    [row] = selectors.drift_list(actor=builders.user(la, Role.SENIOR_LEADER))
    assert [r.code for r in row.reasons] == ["assessment_late"]
    assert row.reasons[0].words.startswith(f"Assessment started {referral.referral_date.day} ")


@pytest.mark.parametrize("children", [1, 5])
def test_the_list_is_two_queries_whatever_its_length_and_logs_each_child(
    la, manager, senior, children, django_assert_num_queries
):
    people = [builders.referral(la, manager, days_ago=200).person_id for _ in range(children)]
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0
    # The episodes with every fact as a subquery (restrictions too), and the access log insert.
    with django_assert_num_queries(2):
        rows = selectors.drift_list(actor=senior)
    assert len(rows) == children
    assert sorted(
        AccessEvent.objects.filter(pk__gt=mark, purpose="drift.list").values_list("person_id", flat=True)
    ) == sorted(people)


def test_another_authoritys_children_are_not_on_the_list(la, senior):
    other = builders.authority("886", "Elsewhere (test)")
    builders.referral(other, builders.user(other, Role.TEAM_MANAGER), days_ago=200)
    assert selectors.drift_list(actor=senior) == []


def test_a_panel_decides_for_a_listed_child_with_actions_as_tasks(la, senior, worker, long_open):
    panel = services.panel_hold(actor=senior, held_on=today(), attendees="Chair, two team managers")
    decision = services.panel_decide(
        actor=senior,
        panel=panel,
        person_id=long_open.person_id,
        decision="Step down to early help",
        next_review_on=today() + timedelta(days=28),
        actions=[services.Action("Plan the step down", Owner(user=worker), today() + timedelta(days=7))],
    )

    assert [r["code"] for r in decision.reasons] == ["cin_open"]
    task = Task.objects.get(source_type="drift.paneldecision", source_id=decision.pk)
    assert (task.kind, task.owner_user, task.person_id, task.due_on) == (
        TaskKind.DRIFT_PANEL,
        worker,
        long_open.person_id,
        today() + timedelta(days=7),
    )
    assert list(
        AuditEvent.objects.filter(action__startswith="drift.").values_list("action", flat=True).order_by("pk")
    ) == ["drift.panel_held", "drift.action_set", "drift.decided"]
    [(shown, actions)] = selectors.decisions_of(actor=senior, panel=panel)
    assert (shown, actions) == (decision, [task])


def test_a_decision_for_a_child_not_on_the_list_is_refused_and_saves_nothing(la, manager, senior, worker):
    panel = services.panel_hold(actor=senior, held_on=today(), attendees="Chair")
    fresh = builders.referral(la, manager, days_ago=1)
    tasks, audits = Task.objects.count(), AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.panel_decide(
            actor=senior,
            panel=panel,
            person_id=fresh.person_id,
            decision="Close",
            next_review_on=today() + timedelta(1),
            actions=[services.Action("Close it", Owner(user=worker), today() + timedelta(days=7))],
        )
    assert refused.value.message_dict == {"child": [services.NOT_LISTED]}
    assert (PanelDecision.objects.count(), Task.objects.count(), AuditEvent.objects.count()) == (
        0,
        tasks,
        audits,
    )


def test_a_social_worker_cannot_hold_a_panel(la, worker):
    with pytest.raises(PermissionDenied):
        services.panel_hold(actor=worker, held_on=today(), attendees="Me")
    assert Panel.objects.count() == 0


def test_what_changed_compares_the_reasons_then_and_now(la, senior, worker, long_open):
    unseen = builders.referral(la, builders.user(la, Role.TEAM_MANAGER), days_ago=30)
    panel = services.panel_hold(actor=senior, held_on=today() - timedelta(days=1), attendees="Chair")
    for referral in (long_open, unseen):
        services.panel_decide(
            actor=senior,
            panel=panel,
            person_id=referral.person_id,
            decision="Review",
            next_review_on=today() + timedelta(referral.pk % 7 + 1),
        )
    _seen(unseen, worker, 0)

    changes = {
        c.decision.person_id: (c.summary, c.panels, len(c.then), len(c.now))
        for c in selectors.what_changed(actor=senior)
    }

    assert changes == {
        long_open.person_id: ("No change", 1, 1, 1),
        unseen.person_id: ("No longer on the list", 1, 1, 0),
    }


def test_the_decision_page_puts_the_refusal_beside_the_child_field(client, la, manager, senior):
    panel = services.panel_hold(actor=senior, held_on=today(), attendees="Chair")
    fresh = builders.referral(la, manager, days_ago=1)
    client.force_login(senior)
    review = today() + timedelta(days=14)
    response = client.post(
        reverse("drift:decide", args=[panel.pk]),
        {
            "child": fresh.person_id,
            "decision": "Close",
            "next_review_on_day": review.day,
            "next_review_on_month": review.month,
            "next_review_on_year": review.year,
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {"child": [services.NOT_LISTED]}
    assert PanelDecision.objects.count() == 0
