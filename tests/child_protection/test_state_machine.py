"""One child driven through random valid sequences of child protection work (strategy discussion,
section 47, initial conference, plan, visits, core groups, reviews, the plan's end, and round again),
checking after every step that the record stays valid: one open plan, dates in order, clocks
consistent with the records that complete them."""

from datetime import date, timedelta
from itertools import pairwise

import pytest
from django.db import transaction
from django.utils import timezone
from hypothesis import HealthCheck, settings
from hypothesis import strategies as st
from hypothesis.stateful import (
    RuleBasedStateMachine,
    initialize,
    invariant,
    precondition,
    rule,
    run_state_machine_as_test,
)

from frontdoor.child_protection import selectors, services
from frontdoor.child_protection.models import ConferenceChild, ProtectionPlan, Section47
from frontdoor.clocks.models import Clock
from frontdoor.organisations.models import Role
from tests import builders

from .conftest import AGENCIES, at, monday_weeks_ago, refer

pytestmark = pytest.mark.django_db(transaction=False)


def weekday_from(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


class ChildThroughChildProtection(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        la = builders.authority()
        self.worker = builders.user(la, Role.SOCIAL_WORKER)
        self.referral = refer(la, builders.user(la, Role.TEAM_MANAGER), day=monday_weeks_ago(100))
        self.today = self.referral.referral_date

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    # -- state ---------------------------------------------------------------------------------------

    def open_enquiry(self) -> Section47 | None:
        return Section47.objects.filter(referral=self.referral, end_date__isnull=True).first()

    def awaiting_conference(self) -> Section47 | None:
        return Section47.objects.filter(
            referral=self.referral, outcome="icpc", initial_conference__isnull=True
        ).first()

    def open_plan(self) -> ProtectionPlan | None:
        return ProtectionPlan.objects.filter(person=self.referral.person, end_date__isnull=True).first()

    def last_meeting(self, plan: ProtectionPlan) -> date:
        held = ConferenceChild.objects.filter(plan=plan).values_list("conference__held_on", flat=True)
        return max([plan.start_date, *held])

    # -- rules ---------------------------------------------------------------------------------------

    @rule(days=st.integers(min_value=1, max_value=15))
    def time_passes(self, days: int) -> None:
        self.today = min(self.today + timedelta(days=days), timezone.localdate() - timedelta(days=1))

    @initialize(outcome=st.sampled_from(["icpc", "icpc", "icpc", "not_substantiated"]))
    def first_strategy_discussion(self, outcome: str) -> None:
        """Every journey starts from the front door's strategy decision, its discussion and enquiry."""
        self.strategy_discussion(section47=True)
        self.enquiry_ends(outcome)

    @precondition(lambda self: self.open_enquiry() is None and self.awaiting_conference() is None)
    @rule(section47=st.sampled_from([True, True, True, False]))
    def strategy_discussion(self, section47: bool) -> None:
        held = at(self.today, 10)
        running = services.strategy_clock_open(self.referral)
        services.strategy_discussion_record(
            actor=self.worker, referral=self.referral, held_at=held, section47=section47,
            information_shared="Shared", decision_reason="Reasons", invited=AGENCIES, attended=AGENCIES,
            late_rationale="Police unavailable", interim_safety_plan="With grandparents",
            threshold_decided_at=None if running else held - timedelta(hours=1),
        )  # fmt: skip

    @precondition(lambda self: self.open_enquiry() is not None)
    @rule(outcome=st.sampled_from(["icpc", "icpc", "icpc", "substantiated_no_icpc", "not_substantiated"]))
    def enquiry_ends(self, outcome: str) -> None:
        enquiry = self.open_enquiry()
        services.section47_outcome_record(harm_likely=True, next_step="Initial conference",
            actor=self.worker, enquiry=enquiry, version=enquiry.version, child_seen_on=enquiry.start_date,
            outcome=outcome, end_date=max(self.today, enquiry.start_date),
        )  # fmt: skip

    @precondition(lambda self: self.awaiting_conference() is not None)
    @rule(
        plan=st.sampled_from([True, True, True, False]),
        category=st.sampled_from(["NEG", "EMO", "PHY", "SAB", "MUL"]),
    )
    def initial_conference(self, plan: bool, category: str) -> None:
        enquiry = self.awaiting_conference()
        held_on = weekday_from(max(self.today, enquiry.start_date))
        open_plan = self.open_plan()
        if open_plan is not None:
            held_on = weekday_from(max(held_on, self.last_meeting(open_plan)))
        if held_on >= timezone.localdate():
            return
        self.today = held_on
        part = services.ChildPart(
            child_attended=True, plan_needed=plan and open_plan is None, category=category, enquiry=enquiry
        )
        services.conference_initial_record(
            actor=self.worker,
            held_on=held_on,
            chair="Chair",
            invited=AGENCIES,
            attended=AGENCIES,
            children=[part],
        )

    @precondition(lambda self: self.open_plan() is not None)
    @rule(seen=st.booleans(), hour=st.integers(min_value=9, max_value=18))
    def visit(self, seen: bool, hour: int) -> None:
        plan = self.open_plan()
        services.plan_visit_record(
            actor=self.worker, plan=plan, occurred_at=at(max(self.today, plan.start_date), hour), seen=seen,
            seen_alone=True if seen else None,
        )  # fmt: skip

    @precondition(lambda self: self.open_plan() is not None)
    @rule()
    def core_group(self) -> None:
        plan = self.open_plan()
        services.core_group_record(
            actor=self.worker, plan=plan, held_on=max(self.today, plan.start_date), attended=AGENCIES
        )

    @precondition(lambda self: self.open_plan() is not None)
    @rule(continues=st.booleans(), category=st.sampled_from(["NEG", "EMO", "PHY"]))
    def review(self, continues: bool, category: str) -> None:
        plan = self.open_plan()
        self.today = max(self.today, self.last_meeting(plan) + timedelta(days=1))
        if self.today >= timezone.localdate():
            return
        part = services.ChildPart(child_attended=True, plan_needed=continues, category=category, plan=plan)
        services.conference_review_record(
            actor=self.worker,
            held_on=self.today,
            chair="Chair",
            invited=AGENCIES,
            attended=AGENCIES,
            children=[part],
        )

    @precondition(lambda self: self.open_plan() is not None)
    @rule()
    def plan_ends(self) -> None:
        plan = self.open_plan()
        self.today = max(self.today, self.last_meeting(plan) + timedelta(days=1))
        if self.today >= timezone.localdate():
            return
        services.plan_end(
            actor=self.worker, plan=plan, version=plan.version, end_date=self.today, end_reason="moved"
        )

    # -- invariants ----------------------------------------------------------------------------------

    @invariant()
    def one_open_plan_and_no_overlaps(self) -> None:
        plans = list(ProtectionPlan.objects.filter(person=self.referral.person).order_by("start_date", "pk"))
        assert sum(1 for p in plans if p.end_date is None) <= 1
        for earlier, later in pairwise(plans):
            assert earlier.end_date is not None
            assert earlier.end_date <= later.start_date
        for index, plan in enumerate(plans):
            assert selectors.previous_plans(plan=plan) == index

    @invariant()
    def dates_in_order(self) -> None:
        for enquiry in Section47.objects.filter(referral=self.referral).select_related("discussion"):
            assert (
                enquiry.start_date
                == timezone.localdate(enquiry.discussion.held_at)
                >= self.referral.referral_date
            )
            assert enquiry.end_date is None or enquiry.end_date >= enquiry.start_date
            conference = (
                ConferenceChild.objects.filter(section47=enquiry).select_related("conference").first()
            )
            if conference is not None:
                assert conference.conference.held_on >= enquiry.start_date
                assert conference.conference.held_on.weekday() < 5
                assert enquiry.icpc_clock.completed_at is not None
            elif enquiry.icpc_clock is not None:
                assert enquiry.icpc_clock.completed_at is None
        for plan in ProtectionPlan.objects.filter(person=self.referral.person):
            initial = ConferenceChild.objects.get(
                section47__isnull=False,
                plan_needed=True,
                person=plan.person,
                conference__held_on=plan.start_date,
            )
            assert initial.category == plan.initial_category
            assert plan.end_date is None or plan.end_date > plan.start_date

    @invariant()
    def clocks_follow_the_plan(self) -> None:
        for plan in ProtectionPlan.objects.filter(person=self.referral.person).select_related(
            "visit_clock", "review_clock"
        ):
            open_clocks = Clock.objects.filter(
                subject_type="child_protection.protectionplan", subject_id=plan.pk, completed_at__isnull=True
            )
            if plan.end_date is not None:
                assert open_clocks.count() == 0
            else:
                assert {c.standard for c in open_clocks} >= {"cp_visit"}
                assert plan.visit_clock.completed_at is None
                assert plan.review_clock.completed_at is None
                assert open_clocks.filter(standard="cp_visit").count() == 1


def test_random_journeys_keep_the_record_valid(db):
    run_state_machine_as_test(
        ChildThroughChildProtection,
        settings=settings(
            max_examples=15,
            stateful_step_count=20,
            deadline=None,
            suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
        ),
    )
