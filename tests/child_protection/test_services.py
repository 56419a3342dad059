"""Every child protection write: what it saves, the clocks it moves, and what it refuses (saving
nothing)."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection import selectors, services
from frontdoor.child_protection.models import (
    Conference,
    ConferenceChild,
    Distribution,
    Participant,
    ProtectionPlan,
    Section47,
    StrategyDiscussion,
)
from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import calendar_for
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import Role
from frontdoor.referrals.models import Visit
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders

from .conftest import AGENCIES, at, conclude, discuss, icpc, monday_weeks_ago, refer

pytestmark = pytest.mark.django_db


def counts():
    return (
        StrategyDiscussion.objects.count(),
        Section47.objects.count(),
        Conference.objects.count(),
        ProtectionPlan.objects.count(),
        AuditEvent.objects.filter(action__contains="conference").count()
        + AuditEvent.objects.filter(action__startswith="strategy").count(),
    )


def test_a_strategy_decision_starts_the_strategy_discussion_clock(referral):
    clock = services.strategy_clock_open(referral)
    assert (clock.standard, clock.person_id, clock.completed_at) == (
        "strategy_discussion",
        referral.person_id,
        None,
    )
    assert timezone.localdate(clock.due_at) == referral.referral_date + timedelta(days=1)


def test_an_on_time_discussion_saves_its_agencies_completes_its_clock_and_starts_the_enquiry(
    referral, worker
):
    held = at(referral.referral_date, 14)
    discussion = discuss(worker, referral, held)
    assert discussion.was_late is False
    assert discussion.clock.completed_at == held
    rows = list(
        Participant.objects.order_by("agency").values_list("agency", "invited", "attended", "name_and_role")
    )
    assert rows == [
        ("health", True, True, ""),
        ("police", True, True, "DC Example, CAIT"),
        ("social_care", True, True, ""),
    ]
    enquiry = Section47.objects.get()
    assert (enquiry.discussion, enquiry.start_date, enquiry.outcome) == (
        discussion,
        referral.referral_date,
        "",
    )
    assert (
        AuditEvent.objects.filter(action="strategy_discussion.recorded", person=referral.person).count() == 1
    )


def test_a_late_discussion_without_rationale_and_safety_plan_saves_nothing(referral, worker):
    held = at(referral.referral_date + timedelta(days=3), 11)
    with pytest.raises(ValidationError) as error:
        discuss(worker, referral, held)
    assert error.value.message_dict == {
        "late_rationale": ["The discussion was held late: give the management rationale for the timing"],
        "interim_safety_plan": ["The discussion was held late: record the interim safety plan"],
    }
    assert counts() == (0, 0, 0, 0, 0)
    assert services.strategy_clock_open(referral).completed_at is None


def test_a_late_discussion_with_both_saves_and_a_manager_signs_off_the_rationale(referral, worker, manager):
    held = at(referral.referral_date + timedelta(days=3), 11)
    discussion = discuss(
        worker,
        referral,
        held,
        late_rationale="Police unavailable until Thursday",
        interim_safety_plan="Child with grandmother",
    )
    assert (discussion.was_late, discussion.late_rationale) == (True, "Police unavailable until Thursday")
    with pytest.raises(PermissionDenied):
        services.strategy_rationale_sign_off(actor=worker, discussion=discussion)
    signed = services.strategy_rationale_sign_off(actor=manager, discussion=discussion)
    assert signed.rationale_signed_off_by == manager
    with pytest.raises(ValidationError):
        services.strategy_rationale_sign_off(actor=manager, discussion=discussion)


def test_an_on_time_discussion_has_nothing_to_sign_off(referral, worker, manager):
    discussion = discuss(worker, referral, at(referral.referral_date, 14))
    with pytest.raises(ValidationError) as error:
        services.strategy_rationale_sign_off(actor=manager, discussion=discussion)
    assert error.value.messages == ["This discussion was on time: there is no late rationale to sign off"]


def test_a_discussion_during_an_assessment_needs_the_threshold_decision(la, manager, worker):
    referral = refer(la, manager, day=monday_weeks_ago(6), outcome="assessment")
    held = at(referral.referral_date + timedelta(days=7), 10)
    with pytest.raises(ValidationError) as error:
        discuss(worker, referral, held)
    assert list(error.value.message_dict) == ["threshold_decided_at"]
    discussion = discuss(worker, referral, held, threshold_decided_at=held - timedelta(hours=3))
    assert (discussion.clock.started_at, discussion.clock.completed_at) == (held - timedelta(hours=3), held)
    assert Clock.objects.filter(standard="strategy_discussion").count() == 1


def test_a_strategy_decision_dated_before_its_contact_is_refused(la, manager, worker):
    """Issue 18: the decision that a discussion was needed was accepted days before the contact."""
    referral = refer(la, manager, day=monday_weeks_ago(6), outcome="assessment")
    held = at(referral.referral_date + timedelta(days=7), 10)

    with pytest.raises(ValidationError) as error:
        discuss(
            worker, referral, held, threshold_decided_at=at(referral.referral_date - timedelta(days=3), 9)
        )

    assert error.value.message_dict == {
        "threshold_decided_at": [
            "The decision that a discussion was needed cannot be before the contact was received"
        ]
    }
    assert counts() == (0, 0, 0, 0, 0)
    assert Clock.objects.filter(standard="strategy_discussion").count() == 0


def test_a_second_enquiry_while_one_is_open_is_refused(referral, worker):
    discuss(worker, referral, at(referral.referral_date, 14))
    with pytest.raises(ValidationError) as error:
        discuss(
            worker,
            referral,
            at(referral.referral_date + timedelta(days=1), 9),
            threshold_decided_at=at(referral.referral_date + timedelta(days=1), 8),
        )
    assert error.value.message_dict == {
        "section47": ["A section 47 enquiry is already open in this episode: record its outcome first"]
    }
    assert (StrategyDiscussion.objects.count(), Section47.objects.count()) == (1, 1)


def test_an_agency_that_attended_must_have_been_invited_and_police_always_are(referral, worker):
    with pytest.raises(ValidationError) as error:
        discuss(
            worker,
            referral,
            at(referral.referral_date, 14),
            invited=["social_care"],
            attended=["social_care", "health"],
        )
    assert error.value.message_dict == {
        "attended": ["An agency that attended must also be recorded as invited"],
        "invited": ["Invite the police and children's social care"],
    }
    assert counts() == (0, 0, 0, 0, 0)


@pytest.mark.parametrize("role", [Role.CONTACT_OFFICER, Role.SENIOR_LEADER, Role.QUALITY_ASSURANCE])
def test_roles_that_do_not_record_child_protection_are_refused(la, referral, role):
    with pytest.raises(PermissionDenied):
        discuss(builders.user(la, role), referral, at(referral.referral_date, 14))
    assert counts() == (0, 0, 0, 0, 0)


def test_another_authoritys_episode_is_refused(referral):
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"), Role.SOCIAL_WORKER)
    with pytest.raises(ValidationError):
        discuss(stranger, referral, at(referral.referral_date, 14))
    assert counts() == (0, 0, 0, 0, 0)


def test_the_outcome_icpc_needed_starts_the_icpc_clock_from_the_discussion(referral, worker):
    discussion = discuss(worker, referral, at(referral.referral_date, 14))
    enquiry = conclude(worker, discussion.section47_enquiry)
    clock = enquiry.icpc_clock
    assert (clock.standard, clock.started_at, clock.completed_at) == ("icpc", discussion.held_at, None)
    # 15 working days from the discussion (day 0), by the working-day calendar (bank holidays vary).
    expected = calendar_for(referral.authority).add_working_days(referral.referral_date, 15)
    assert timezone.localdate(clock.due_at) == expected
    assert (enquiry.outcome, enquiry.end_date, enquiry.version) == (
        "icpc",
        referral.referral_date + timedelta(days=7),
        2,
    )


def test_an_outcome_refuses_dates_out_of_order_and_a_stale_version(referral, worker):
    enquiry = discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry
    with pytest.raises(ValidationError) as error:
        services.section47_outcome_record(
            actor=worker,
            enquiry=enquiry,
            version=1,
            child_seen_on=enquiry.start_date - timedelta(days=1),
            outcome="icpc",
            end_date=enquiry.start_date - timedelta(days=1),
        )
    assert error.value.message_dict == {
        "child_seen_on": ["The child cannot have been seen for the enquiry before it started"],
        "end_date": ["The enquiry cannot end before it started"],
    }
    with pytest.raises(StaleEdit):
        services.section47_outcome_record(
            actor=worker, enquiry=enquiry, version=7, child_seen_on=enquiry.start_date
        )
    enquiry.refresh_from_db()
    assert (enquiry.version, enquiry.outcome, enquiry.icpc_clock_id) == (1, "", None)


def test_no_icpc_outcome_starts_no_clock_and_the_outcome_cannot_change(referral, worker):
    enquiry = conclude(
        worker,
        discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry,
        outcome="not_substantiated",
    )
    assert enquiry.icpc_clock is None
    with pytest.raises(ValidationError) as error:
        conclude(worker, enquiry, outcome="icpc")
    assert list(error.value.message_dict) == ["outcome"]


def _to_icpc(worker, referral):
    enquiry = discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry
    return conclude(worker, enquiry)


def test_an_icpc_at_a_weekend_or_before_its_discussion_is_refused(referral, worker):
    enquiry = _to_icpc(worker, referral)
    saturday = referral.referral_date + timedelta(days=12)
    for day, message in [
        (saturday, "The conference cannot be on a Saturday or Sunday"),
        (
            referral.referral_date - timedelta(days=3),
            "The conference cannot be before its strategy discussion",
        ),
    ]:
        with pytest.raises(ValidationError) as error:
            icpc(worker, enquiry, day)
        assert error.value.message_dict == {"held_on": [message]}
    assert (Conference.objects.count(), ProtectionPlan.objects.count()) == (0, 0)
    assert enquiry.icpc_clock.completed_at is None


def test_an_icpc_starts_the_plan_on_its_own_date_with_its_clocks(referral, worker):
    enquiry = _to_icpc(worker, referral)
    held_on = referral.referral_date + timedelta(days=14)  # the Monday two weeks on
    conference = icpc(worker, enquiry, held_on, category="EMO")
    plan = ProtectionPlan.objects.get()
    assert (plan.start_date, plan.initial_category, plan.latest_category, plan.end_date) == (
        held_on,
        "EMO",
        "EMO",
        None,
    )
    assert selectors.previous_plans(plan=plan) == 0
    assert [c.standard for c in (plan.visit_clock, plan.core_group_clock, plan.review_clock)] == [
        "cp_visit",
        "first_core_group",
        "first_review_conference",
    ]
    assert timezone.localdate(plan.review_clock.due_at) == builders.months_on(held_on, 3)
    assert timezone.localdate(plan.core_group_clock.due_at) == calendar_for(
        referral.authority
    ).add_working_days(held_on, 10)
    enquiry.icpc_clock.refresh_from_db()
    assert timezone.localdate(enquiry.icpc_clock.completed_at) == held_on
    assert enquiry.icpc_clock.working_days_taken == 10
    child = ConferenceChild.objects.get()
    assert (child.conference, child.section47, child.plan_needed, child.advocacy_used) == (
        conference,
        enquiry,
        True,
        True,
    )
    assert list(conference.agencies.values_list("agency", "invited", "attended").order_by("agency")) == [
        ("health", True, True),
        ("police", True, True),
        ("social_care", True, False),
    ]


def test_an_enquiry_has_one_initial_conference(referral, worker):
    enquiry = _to_icpc(worker, referral)
    icpc(worker, enquiry, referral.referral_date + timedelta(days=14), plan=False)
    with pytest.raises(ValidationError) as error:
        icpc(worker, enquiry, referral.referral_date + timedelta(days=15))
    assert error.value.message_dict == {"__all__": ["This enquiry's initial conference is already recorded"]}
    assert (Conference.objects.count(), ProtectionPlan.objects.count()) == (1, 0)


def test_a_conference_for_siblings_gives_each_child_a_plan_of_their_own(la, manager, worker):
    day = monday_weeks_ago(8)
    first, second = refer(la, manager, day=day), refer(la, manager, builders.child(la, "Amy"), day=day)
    parts = [
        services.ChildPart(
            child_attended=True, plan_needed=True, category=category, enquiry=_to_icpc(worker, referral)
        )
        for referral, category in ((first, "NEG"), (second, "EMO"))
    ]
    conference = services.conference_initial_record(
        actor=worker,
        held_on=day + timedelta(days=14),
        chair="Independent Chair",
        invited=AGENCIES,
        attended=AGENCIES,
        children=parts,
    )
    plans = list(
        ProtectionPlan.objects.order_by("pk").values_list("person_id", "initial_category", "start_date")
    )
    assert plans == [
        (first.person_id, "NEG", day + timedelta(days=14)),
        (second.person_id, "EMO", day + timedelta(days=14)),
    ]
    assert conference.children.count() == 2
    assert Clock.objects.filter(standard="cp_visit", completed_at__isnull=True).count() == 2


def _plan(worker, referral):
    icpc(worker, _to_icpc(worker, referral), referral.referral_date + timedelta(days=14))
    return ProtectionPlan.objects.get(person=referral.person, end_date__isnull=True)


def test_a_second_open_plan_for_the_child_is_refused(referral, worker):
    plan = _plan(worker, referral)
    start = plan.start_date + timedelta(days=1)
    enquiry = discuss(worker, referral, at(start, 10), threshold_decided_at=at(start, 9)).section47_enquiry
    enquiry = conclude(worker, enquiry, end=start + timedelta(days=2))
    with pytest.raises(ValidationError) as error:
        icpc(worker, enquiry, start + timedelta(days=7))
    assert error.value.message_dict == {
        "plan_needed": ["This child already has an open child protection plan"]
    }
    assert (Conference.objects.count(), ProtectionPlan.objects.count()) == (1, 1)


def test_a_visit_that_sees_the_child_completes_the_visit_clock_and_starts_the_next(referral, worker):
    plan = _plan(worker, referral)
    first = plan.visit_clock
    seen_at = at(plan.start_date + timedelta(days=7), 15)
    visit = services.plan_visit_record(
        actor=worker, plan=plan, occurred_at=seen_at, seen=True, seen_alone=True
    )
    plan.refresh_from_db()
    first.refresh_from_db()
    assert (visit.referral, visit.seen_alone) == (referral, True)
    assert first.completed_at == seen_at
    assert (plan.visit_clock.standard, plan.visit_clock.started_at, plan.visit_clock.completed_at) == (
        "cp_visit",
        seen_at,
        None,
    )
    services.plan_visit_record(actor=worker, plan=plan, occurred_at=seen_at + timedelta(days=1), seen=False)
    plan.refresh_from_db()
    assert plan.visit_clock.started_at == seen_at
    assert Visit.objects.count() == 2


def test_a_visit_before_the_plan_started_is_refused(referral, worker):
    plan = _plan(worker, referral)
    with pytest.raises(ValidationError) as error:
        services.plan_visit_record(
            actor=worker,
            plan=plan,
            occurred_at=at(plan.start_date - timedelta(days=1)),
            seen=True,
            seen_alone=True,
        )
    assert list(error.value.message_dict) == ["occurred_at"]
    assert Visit.objects.count() == 0


def test_the_first_core_group_completes_its_clock_and_takes_actions(referral, worker):
    plan = _plan(worker, referral)
    with pytest.raises(ValidationError):
        services.core_group_record(
            actor=worker, plan=plan, held_on=plan.start_date - timedelta(days=1), attended=["police"]
        )
    group = services.core_group_record(
        actor=worker, plan=plan, held_on=plan.start_date + timedelta(days=8), attended=["police", "health"]
    )
    plan.core_group_clock.refresh_from_db()
    assert timezone.localdate(plan.core_group_clock.completed_at) == plan.start_date + timedelta(days=8)
    with pytest.raises(ValidationError) as error:
        services.action_add(
            actor=worker,
            core_group=group,
            what="Health check",
            owner=Owner(user=worker),
            due_on=max(group.held_on, timezone.localdate()) - timedelta(days=1),
        )
    assert list(error.value.message_dict) == ["due_on"]
    assert Task.objects.count() == 0
    action = services.action_add(
        actor=worker,
        core_group=group,
        what="Health check",
        owner=Owner(user=worker),
        due_on=max(group.held_on, timezone.localdate()) + timedelta(days=5),
    )
    assert (action.person_id, action.done_at, action.kind) == (referral.person_id, None, "core_group")
    assert (action.source_type, action.source_id) == ("child_protection.coregroup", group.pk)
    done = services.action_complete(actor=worker, action=action)
    assert (done.done_at is not None, done.done_by) == (True, worker)
    with pytest.raises(ValidationError):
        services.action_complete(actor=worker, action=action)
    assert Task.objects.count() == 1


def _review(worker, plan, held_on, *, continues=True, category="PHY"):
    part = services.ChildPart(
        child_attended=True, plan_needed=continues, category=category if continues else "", plan=plan
    )
    return services.conference_review_record(
        actor=worker,
        held_on=held_on,
        chair="Independent Chair",
        invited=AGENCIES,
        attended=AGENCIES,
        children=[part],
    )


def test_a_review_keeps_the_plan_with_its_latest_category_and_restarts_the_review_clock(referral, worker):
    plan = _plan(worker, referral)
    first_review = plan.review_clock
    with pytest.raises(ValidationError) as error:
        _review(worker, plan, plan.start_date)
    assert error.value.message_dict == {"held_on": ["A review must be after the day the plan started"]}
    _review(worker, plan, plan.start_date + timedelta(days=21))
    plan.refresh_from_db()
    first_review.refresh_from_db()
    assert (plan.initial_category, plan.latest_category) == ("NEG", "PHY")
    assert first_review.completed_at is not None
    assert (plan.review_clock.standard, plan.review_clock.completed_at) == ("review_conference", None)


def test_a_review_that_ends_the_plan_closes_its_clocks(referral, worker):
    plan = _plan(worker, referral)
    _review(worker, plan, plan.start_date + timedelta(days=21), continues=False)
    plan.refresh_from_db()
    assert (plan.end_date, plan.end_reason) == (plan.start_date + timedelta(days=21), "no_longer_at_risk")
    assert (
        Clock.objects.filter(
            subject_type="child_protection.protectionplan", completed_at__isnull=True
        ).count()
        == 0
    )


def test_a_plan_cannot_end_before_or_on_its_start_and_ends_with_a_reason(referral, worker):
    plan = _plan(worker, referral)
    for end, message in [
        (plan.start_date, "The plan cannot end on the day it starts"),
        (plan.start_date - timedelta(days=1), "The plan cannot end before it starts"),
    ]:
        with pytest.raises(ValidationError) as error:
            services.plan_end(actor=worker, plan=plan, version=plan.version, end_date=end, end_reason="moved")
        assert error.value.message_dict == {"end_date": [message]}
    ended = services.plan_end(
        actor=worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date + timedelta(days=3),
        end_reason="moved",
    )
    assert (ended.end_reason, ended.version) == ("moved", 2)
    with pytest.raises(ValidationError):
        services.plan_end(
            actor=worker,
            plan=plan,
            version=2,
            end_date=plan.start_date + timedelta(days=4),
            end_reason="moved",
        )


def test_a_second_plan_counts_the_first_as_previous(referral, worker):
    plan = _plan(worker, referral)
    services.plan_end(
        actor=worker,
        plan=plan,
        version=1,
        end_date=plan.start_date + timedelta(days=7),
        end_reason="no_longer_at_risk",
    )
    again = plan.start_date + timedelta(days=14)
    enquiry = discuss(worker, referral, at(again, 10), threshold_decided_at=at(again, 9)).section47_enquiry
    icpc(
        worker,
        conclude(worker, enquiry, end=again + timedelta(days=1)),
        again + timedelta(days=7),
        category="SAB",
    )
    second = ProtectionPlan.objects.get(end_date__isnull=True)
    assert (selectors.previous_plans(plan=second), selectors.previous_plans(plan=plan)) == (1, 0)


def test_distribution_shows_who_has_not_been_sent_each_item(referral, worker):
    _plan(worker, referral)
    conference = Conference.objects.get()
    assert selectors.outstanding_for(conference=conference) == {
        "minutes": ["police", "health", "social_care"],
        "plan": ["police", "health", "social_care"],
        "outcome": ["police", "health", "social_care"],
    }
    sent_on = conference.held_on + timedelta(days=2)
    services.distribution_record(
        actor=worker,
        conference=conference,
        items=["minutes", "plan"],
        agencies=["police", "health"],
        sent_on=sent_on,
    )
    assert selectors.outstanding_for(conference=conference) == {
        "minutes": ["social_care"],
        "plan": ["social_care"],
        "outcome": ["police", "health", "social_care"],
    }
    with pytest.raises(ValidationError) as error:
        services.distribution_record(
            actor=worker, conference=conference, items=["minutes"], agencies=["police"], sent_on=sent_on
        )
    assert error.value.message_dict == {
        "items": ["These items are already recorded as sent to these agencies"]
    }
    with pytest.raises(ValidationError) as error:
        services.distribution_record(
            actor=worker,
            conference=conference,
            items=["outcome"],
            agencies=["police"],
            sent_on=conference.held_on - timedelta(days=1),
        )
    assert error.value.message_dict == {"sent_on": ["Items cannot be sent before the conference"]}
    assert Distribution.objects.count() == 4


def test_chronology_lists_the_childs_child_protection_records(referral, worker):
    plan = _plan(worker, referral)
    entries = selectors.chronology_entries(actor=worker, person=referral.person)
    assert sorted((e.kind, e.title) for e in entries) == [
        ("conference", "Initial child protection conference: plan (Neglect)"),
        ("plan", "Child protection plan started (Neglect)"),
        ("section 47", "Section 47 outcome: Initial child protection conference needed"),
        ("strategy discussion", "Strategy discussion: section 47 enquiry"),
    ]
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"), Role.SOCIAL_WORKER)
    assert selectors.chronology_entries(actor=stranger, person=referral.person) == []
    assert plan.pk
