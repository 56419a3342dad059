"""After the front door: a referral decision opens the child's episode with its clocks; a manager
allocates it; a visit that sees the child stops the child-seen clock."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as contact_services
from frontdoor.organisations.models import Role
from frontdoor.referrals import rules, services
from frontdoor.referrals.models import Allocation, Referral, Visit
from tests import builders

pytestmark = pytest.mark.django_db


def decide(la, manager, outcome, *, child=None, hours_ago=3):
    officer = builders.user(la, Role.CONTACT_OFFICER)
    contact = contact_services.contact_record(
        actor=officer,
        children=[child or builders.child(la)],
        channel="phone",
        source="6",
        received_at=timezone.now() - timedelta(hours=hours_ago),
        concerns="Bruises seen by police",
        concern_categories=["physical"],
        consent="overridden",
        consent_rationale="Alleged abuser is the parent",
    )
    journey = contact.children.get()
    contact_services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome=outcome,
        need_level=builders.level(la, 4),
        rationale="Injury needs assessment",
        override_reason="Test: one level of need for every outcome",
    )
    return journey


def test_a_strategy_decision_opens_an_episode_with_the_urgent_child_seen_clock(la, manager):
    journey = decide(la, manager, "strategy")
    referral = Referral.objects.get()
    assert referral.contact_child == journey
    assert referral.referral_date == timezone.localdate(journey.contact.received_at)
    assert (referral.source, referral.significant_harm, referral.nfa) == ("6", True, False)
    assert referral.child_seen_clock.standard == "child_seen_urgent"
    assert referral.assessment_clock.standard == "assessment"
    assert referral.child_seen_clock.started_at == journey.contact.received_at


def test_an_assessment_decision_gives_five_working_days_to_see_the_child(la, manager):
    decide(la, manager, "assessment")
    assert Referral.objects.get().child_seen_clock.standard == "child_seen"


@pytest.mark.parametrize("outcome", ["nfa", "advice", "early_help"])
def test_other_outcomes_open_no_episode(la, manager, outcome):
    decide(la, manager, outcome)
    assert Referral.objects.count() == 0


def test_a_child_already_open_keeps_one_episode(la, manager):
    child = builders.child(la)
    decide(la, manager, "assessment", child=child, hours_ago=50)
    decide(la, manager, "strategy", child=child)
    assert Referral.objects.filter(person=child).count() == 1


def test_the_database_refuses_a_second_open_episode(la, manager):
    journey = decide(la, manager, "assessment")
    first = Referral.objects.get()
    with pytest.raises(IntegrityError), transaction.atomic():
        Referral.objects.create(
            authority=la,
            person=first.person,
            received_at=first.received_at,
            referral_date=first.referral_date,
            source="6",
            opened_by=manager,
        )
    assert journey.referral == first


def test_allocation_keeps_history_and_refuses_unqualified_staff(la, manager, worker):
    decide(la, manager, "assessment")
    referral = Referral.objects.get()
    team = builders.team(la)
    services.allocation_make(actor=manager, referral=referral, team=team, worker=worker)
    other = builders.user(la, Role.SOCIAL_WORKER)
    services.allocation_make(actor=manager, referral=referral, team=team, worker=other, reason="Caseload")
    rows = [(a.worker_id, a.ended_at is None, a.reason) for a in Allocation.objects.order_by("pk")]
    assert rows == [(worker.pk, False, ""), (other.pk, True, "Caseload")]
    with pytest.raises(ValidationError) as error:
        services.allocation_make(
            actor=manager, referral=referral, team=team, worker=builders.user(la, Role.CONTACT_OFFICER)
        )
    assert error.value.message_dict == {"worker": ["Choose a qualified social worker or team manager"]}
    with pytest.raises(PermissionDenied):
        services.allocation_make(actor=worker, referral=referral, team=team, worker=worker)
    assert Allocation.objects.count() == 2


def test_seeing_the_child_stops_the_child_seen_clock(la, manager, worker):
    decide(la, manager, "strategy")
    referral = Referral.objects.get()
    seen_at = timezone.now() - timedelta(minutes=30)
    visit = services.visit_record(
        actor=worker,
        person=referral.person,
        referral=referral,
        occurred_at=seen_at,
        seen=True,
        seen_alone=True,
        childs_words="Dad gets angry when he drinks",
    )
    referral.child_seen_clock.refresh_from_db()
    assert referral.child_seen_clock.completed_at == seen_at
    assert visit.childs_words == "Dad gets angry when he drinks"
    assert AuditEvent.objects.filter(action="visit.recorded", person=referral.person).count() == 1


def test_a_visit_without_seeing_the_child_leaves_the_clock_running(la, manager, worker):
    decide(la, manager, "assessment")
    referral = Referral.objects.get()
    services.visit_record(
        actor=worker,
        person=referral.person,
        referral=referral,
        occurred_at=timezone.now(),
        seen=False,
        observations="No answer at the door",
    )
    referral.child_seen_clock.refresh_from_db()
    assert referral.child_seen_clock.completed_at is None


def test_visit_problems_are_named_by_field():
    now = timezone.now()
    assert rules.visit_problems(
        occurred_at=now,
        now=now,
        seen=True,
        seen_alone=False,
        not_alone_reason="",
        childs_words="",
        referral_received_at=None,
    ) == {"not_alone_reason": "Explain why the child was not seen alone"}
    assert rules.visit_problems(
        occurred_at=now + timedelta(hours=1),
        now=now,
        seen=False,
        seen_alone=True,
        not_alone_reason="",
        childs_words="hello",
        referral_received_at=None,
    ) == {
        "occurred_at": "The visit must be now or in the past",
        "seen_alone": "A child who was not seen cannot have been seen alone",
        "childs_words": "The child's words can only be recorded when the child was seen",
    }


def test_the_visit_page_answers_bad_input_beside_the_field_and_saves_nothing(client, la, manager, worker):
    decide(la, manager, "assessment")
    referral = Referral.objects.get()
    client.force_login(worker)
    now = timezone.localtime()
    response = client.post(
        reverse("referrals:visit_new", args=[referral.pk]),
        {
            "occurred_at_day": now.day,
            "occurred_at_month": now.month,
            "occurred_at_year": now.year,
            "occurred_at_time": now.strftime("%H:%M"),
            "seen": "yes",
            "seen_alone": "no",
        },
    )
    assert response.status_code == 200
    assert response.context["form"].errors == {
        "not_alone_reason": ["Explain why the child was not seen alone"]
    }
    assert Visit.objects.count() == 0


def test_the_episode_page_is_scoped_and_logged(client, la, manager):
    decide(la, manager, "assessment")
    referral = Referral.objects.get()
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"), Role.TEAM_MANAGER)
    client.force_login(stranger)
    assert client.get(reverse("records:episode", args=[referral.pk])).status_code == 404
    client.force_login(manager)
    response = client.get(reverse("records:episode", args=[referral.pk]))
    assert response.status_code == 200
    assert b"Not allocated" in response.content
