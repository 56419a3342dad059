"""The synthetic county's child protection records keep the rules child_protection.services keeps."""

from collections import Counter

import pytest
from django.utils import timezone

from frontdoor.child_protection import rules
from frontdoor.child_protection.models import (
    ConferenceChild,
    ConferenceKind,
    CoreGroup,
    Participant,
    ProtectionPlan,
    Section47,
    StrategyDiscussion,
)
from frontdoor.clocks.models import Clock
from frontdoor.plans.models import OutcomeProgress, PlanContent
from frontdoor.referrals.models import Referral
from frontdoor.tasks.models import Task

pytestmark = pytest.mark.django_db


def test_the_load_reports_its_child_protection_figures(small):
    figures = small.metrics["child protection"]
    enquiries = Section47.objects.filter(referral__contact_child__isnull=False).count()
    referrals = Referral.objects.filter(contact_child__isnull=False).count()
    assert figures["s47 per referral %"] == round(100 * enquiries / referrals, 1)
    assert small.counts["child_protection.StrategyDiscussion"] == StrategyDiscussion.objects.count()


def test_every_strategy_decision_has_its_clock_and_each_discussion_completes_one(small):
    strategy = Referral.objects.filter(significant_harm=True, contact_child__isnull=False)
    clocks = Clock.objects.filter(standard="strategy_discussion", subject_type="referrals.referral")
    started = Counter(clocks.values_list("subject_id", flat=True))
    assert all(started[r.pk] >= 1 for r in strategy)
    for discussion in StrategyDiscussion.objects.select_related("clock", "referral"):
        assert discussion.clock.completed_at == discussion.held_at
        assert (discussion.clock.subject_type, discussion.clock.subject_id) == (
            "referrals.referral",
            discussion.referral_id,
        )
        late = discussion.held_at > discussion.clock.due_at
        assert bool(discussion.late_rationale) == late
        assert not late or discussion.interim_safety_plan
        invited = set(
            Participant.objects.filter(discussion=discussion, invited=True).values_list("agency", flat=True)
        )
        assert {"police", "social_care"} <= invited


def test_enquiries_and_conferences_keep_the_census_rules(small):
    for enquiry in Section47.objects.select_related("discussion", "referral", "icpc_clock"):
        referral = enquiry.referral
        assert enquiry.start_date == timezone.localdate(enquiry.discussion.held_at)
        assert (
            rules.section47_not_before_referral(
                start=enquiry.start_date, referral_date=referral.referral_date
            )
            is None
        )
        assert referral.closure_reason not in ("RC8", "RC9")
        assert enquiry.end_date is None or enquiry.end_date >= enquiry.start_date
        assert (enquiry.icpc_clock is not None) == (enquiry.outcome == "icpc")
        icpc = ConferenceChild.objects.filter(section47=enquiry).select_related("conference").first()
        if icpc is not None:
            held_on = icpc.conference.held_on
            assert (
                rules.initial_conference_problems(
                    held_on=held_on,
                    section47_start=enquiry.start_date,
                    referral_date=referral.referral_date,
                    today=timezone.localdate(),
                )
                == {}
            )
            assert timezone.localdate(enquiry.icpc_clock.completed_at) == held_on
    open_enquiries = Counter(
        Section47.objects.filter(end_date__isnull=True).values_list("referral_id", flat=True)
    )
    assert max(open_enquiries.values(), default=1) == 1


def test_plans_are_per_child_start_on_their_conference_and_never_overlap(small):
    plans = list(ProtectionPlan.objects.select_related("referral").order_by("person_id", "start_date"))
    assert plans
    by_child: dict[int, list[ProtectionPlan]] = {}
    for plan in plans:
        by_child.setdefault(plan.person_id, []).append(plan)
        initial = ConferenceChild.objects.get(
            section47__referral=plan.referral,
            plan_needed=True,
            person=plan.person_id,
            conference__held_on=plan.start_date,
        )
        assert initial.category == plan.initial_category
        assert plan.end_date is None or plan.end_date > plan.start_date
        closure = plan.referral.closure_date
        assert closure is None or (plan.end_date is not None and plan.end_date <= closure)
    for child_plans in by_child.values():
        assert sum(1 for p in child_plans if p.end_date is None) <= 1
        starts = [p.start_date for p in child_plans]
        for plan in child_plans:
            earlier = [(p.start_date, p.end_date) for p in child_plans if p.start_date < plan.start_date]
            assert rules.plan_does_not_overlap(start=plan.start_date, earlier_plans=earlier) is None
            assert rules.previous_plans(this_start=plan.start_date, plan_starts=starts) == len(earlier)


def test_open_plans_have_their_visit_review_and_core_group_clocks(small):
    for plan in ProtectionPlan.objects.filter(end_date__isnull=True).select_related(
        "visit_clock", "review_clock"
    ):
        assert plan.visit_clock.completed_at is None
        assert plan.review_clock.completed_at is None
        assert plan.core_group_clock_id is not None
        open_visits = Clock.objects.filter(
            subject_type="child_protection.protectionplan",
            subject_id=plan.pk,
            standard="cp_visit",
            completed_at__isnull=True,
        )
        assert open_visits.count() == 1


def test_each_protection_plan_has_content_with_progress_at_every_core_group_and_review(small):
    plans = list(ProtectionPlan.objects.filter(core_group_clock__isnull=False))
    contents = {c.plan_id: c for c in PlanContent.objects.filter(kind="cp").prefetch_related("outcomes")}
    assert plans
    assert {p.pk for p in plans} <= set(contents)
    for plan in plans:
        content = contents[plan.pk]
        outcomes = list(content.outcomes.all())
        assert (content.person_id, 2 <= len(outcomes) <= 3) == (plan.person_id, True)
        assert all(o.change and o.measure for o in outcomes)
        assert all((content.worries, content.child_views, content.family_views, content.contingency))
        actions = Task.objects.filter(kind="plan", source_type="plans.plancontent", source_id=content.pk)
        assert actions.count() == len(outcomes)
        assert all(a.owner_user_id and a.due_on for a in actions)
        meetings = {
            ("child_protection.coregroup", g.pk): g.held_on for g in CoreGroup.objects.filter(plan=plan)
        } | {
            ("child_protection.conference", c.conference_id): c.conference.held_on
            for c in ConferenceChild.objects.filter(
                plan=plan, conference__kind=ConferenceKind.REVIEW
            ).select_related("conference")
        }
        progress = list(OutcomeProgress.objects.filter(outcome__content=content))
        assert len(progress) == len(outcomes) * len(meetings)
        assert all(
            meetings[(p.review_type, p.review_id)] == p.reviewed_on and 0 <= p.score <= 10 for p in progress
        )
