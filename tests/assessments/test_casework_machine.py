"""A Hypothesis state machine drives one child's episode through random sequences of casework (start,
record, complete and authorise assessments; start, review and end plans; close the case), with dates
drawn from the ten days since referral. Each step either succeeds or is refused with nothing saved;
after every step the census invariants hold."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from hypothesis import settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, invariant, rule, run_state_machine_as_test

from frontdoor.assessments import rules as assessment_rules
from frontdoor.assessments import services as assessments
from frontdoor.assessments.models import Assessment
from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import Role
from frontdoor.plans import services as plans
from frontdoor.plans.models import ChildInNeedPlan, PlanReview
from frontdoor.referrals import services as referrals
from frontdoor.referrals.models import ClosureReason, Referral
from tests import builders

day_offsets = st.integers(min_value=-1, max_value=11)  # from the referral date; some out of range
FACTOR_SETS = st.sampled_from([["21"], ["4B"], ["3B", "4B"], ["21", "4B"], []])


def _rows() -> tuple[int, ...]:
    return (
        Assessment.objects.count(),
        ChildInNeedPlan.objects.count(),
        PlanReview.objects.count(),
        Clock.objects.count(),
        AuditEvent.objects.count(),
        Referral.objects.filter(closure_date__isnull=False).count(),
    )


class CaseworkMachine(RuleBasedStateMachine):
    def __init__(self) -> None:
        super().__init__()
        self.atomic = transaction.atomic()
        self.atomic.__enter__()
        la = builders.authority()
        self.manager = builders.user(la, Role.TEAM_MANAGER)
        self.worker = builders.user(la, Role.SOCIAL_WORKER)
        self.referral = builders.referral(la, self.manager, days_ago=10)

    def teardown(self) -> None:
        transaction.set_rollback(True)
        self.atomic.__exit__(None, None, None)

    def _day(self, offset: int):
        return self.referral.referral_date + timedelta(days=offset)

    def _try(self, action) -> None:
        """Run one service call: a refusal must leave every table as it was."""
        before = _rows()
        try:
            with transaction.atomic():
                action()
        except (ValidationError, StaleEdit):
            assert _rows() == before
        self.referral.refresh_from_db()

    def _open_assessment(self) -> Assessment | None:
        return Assessment.objects.filter(referral=self.referral, authorised_on__isnull=True).first()

    def _open_plan(self) -> ChildInNeedPlan | None:
        return ChildInNeedPlan.objects.filter(referral=self.referral, end_date__isnull=True).first()

    @rule(offset=day_offsets)
    def start_assessment(self, offset):
        self._try(
            lambda: assessments.assessment_start(
                actor=self.worker, referral=self.referral, started_on=self._day(offset)
            )
        )

    @rule(offset=day_offsets, analysis=st.sampled_from(["", "Needs met with support"]))
    def record_assessment(self, offset, analysis):
        a = self._open_assessment()
        if a is not None:
            self._try(
                lambda: assessments.assessment_record(
                    actor=self.worker,
                    assessment=a,
                    version=a.version,
                    child_seen_on=self._day(offset),
                    childs_voice="Wants to stay at home",
                    parents_views="",
                    analysis=analysis,
                )
            )

    @rule(offset=day_offsets, factors=FACTOR_SETS)
    def complete_assessment(self, offset, factors):
        a = self._open_assessment()
        if a is not None:
            self._try(
                lambda: assessments.assessment_complete(
                    actor=self.worker,
                    assessment=a,
                    version=a.version,
                    completed_on=self._day(offset),
                    factors=factors,
                    outcome="cin_plan",
                )
            )

    @rule(offset=day_offsets)
    def authorise_assessment(self, offset):
        a = self._open_assessment()
        if a is not None:
            self._try(
                lambda: assessments.assessment_authorise(
                    comment="Agreed: the analysis supports the outcome",
                    primary_need="N1",
                    actor=self.manager,
                    assessment=a,
                    version=a.version,
                    authorised_on=self._day(offset),
                )
            )

    @rule(offset=day_offsets)
    def start_plan(self, offset):
        self._try(
            lambda: plans.cin_plan_start(
                actor=self.worker, referral=self.referral, start_date=self._day(offset)
            )
        )

    @rule(offset=day_offsets)
    def review_plan(self, offset):
        plan = self._open_plan()
        if plan is not None:
            self._try(
                lambda: plans.cin_plan_review(
                    actor=self.worker,
                    plan=plan,
                    version=plan.version,
                    reviewed_on=self._day(offset),
                    summary="OK",
                )
            )

    @rule(offset=day_offsets)
    def end_plan(self, offset):
        plan = self._open_plan()
        if plan is not None:
            self._try(
                lambda: plans.cin_plan_end(
                    actor=self.worker, plan=plan, version=plan.version, end_date=self._day(offset)
                )
            )

    @rule(offset=day_offsets, reason=st.sampled_from([c for c, _ in ClosureReason.choices]))
    def close(self, offset, reason):
        self._try(
            lambda: referrals.referral_close(
                actor=self.manager,
                referral=self.referral,
                version=self.referral.version,
                closure_date=self._day(offset),
                reason=reason,
                summary="Closed",
            )
        )

    @invariant()
    def the_census_rules_hold(self):
        today = timezone.localdate()
        found = list(Assessment.objects.filter(referral=self.referral))
        assert sum(a.is_open for a in found) <= 1  # 8896
        for a in found:
            assert self.referral.referral_date <= a.started_on <= today  # 1103
            if a.completed_on is not None:
                assert a.started_on <= a.completed_on <= today
                assert assessment_rules.factor_problems(a.factors) == {}  # 8869, 8898
            else:
                assert a.factors == []  # 8614
            if a.authorised_on is not None:
                assert a.completed_on <= a.authorised_on <= today  # 8608
        found_plans = list(
            ChildInNeedPlan.objects.filter(referral=self.referral).select_related("review_clock")
        )
        assert sum(p.is_open for p in found_plans) <= 1  # 4004
        for p in found_plans:
            assert self.referral.referral_date <= p.start_date  # 4015
            assert p.end_date is None or p.start_date <= p.end_date  # 4011
            assert (p.review_clock.completed_at is None) == p.is_open
        if self.referral.closure_date is not None:
            assert self.referral.closure_reason != ""  # 8805, 8810
            assert self.referral.referral_date <= self.referral.closure_date  # 8630
            assert not any(a.is_open for a in found)  # 8867
            assert not any(p.is_open for p in found_plans)


@pytest.mark.django_db
def test_random_casework_keeps_the_census_rules():
    run_state_machine_as_test(
        CaseworkMachine, settings=settings(max_examples=25, stateful_step_count=14, deadline=None)
    )
