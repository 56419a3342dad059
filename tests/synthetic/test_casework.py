"""The synthetic county's assessments and children-in-need plans: valid as the services would make
them, and drawn from the published spreads (volumes.md §4; C3 2025)."""

import random
from collections import Counter

import pytest
from django.utils import timezone

from frontdoor.assessments import rules as assessment_rules
from frontdoor.assessments.models import Assessment, SectionAnswer
from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.plans.models import ChildInNeedPlan, OutcomeProgress, PlanContent
from frontdoor.synthetic.generator.casework import ASSESSED_EPISODES, FACTOR_EPISODES, CaseworkMaker
from frontdoor.tasks.models import Task


def test_factors_are_drawn_in_their_published_shares():
    maker = CaseworkMaker(writer=None, clocks=None, rng=random.Random(5), agencies=[], end=None)  # type: ignore[arg-type]
    draws = [maker._factors() for _ in range(20_000)]
    counts = Counter(code for factors in draws for code in factors)
    published = dict(FACTOR_EPISODES)
    for code in ("4B", "3B", "17A", "16A", "1B"):
        assert abs(counts[code] / len(draws) - published[code] / ASSESSED_EPISODES) < 0.01, code
    mean = sum(len(f) for f in draws) / len(draws)
    # 2.75 factors per episode with any (C3 2025).
    assert 2.70 < mean < 2.80
    assert all(len(set(f)) == len(f) and "21" not in f for f in draws)


@pytest.mark.django_db
def test_assessments_are_valid_as_the_services_would_make_them(small):
    assessments = list(Assessment.objects.select_related("referral__assessment_clock", "dfe_clock"))
    assert len(assessments) > 10
    assert Counter(a.referral_id for a in assessments if a.is_open).most_common(1)[0][1] == 1
    for a in assessments:
        referral = a.referral
        assert referral.referral_date <= a.started_on
        assert a.dfe_clock.standard == "assessment_dfe"
        assert a.dfe_clock.subject_id == a.pk
        if a.authorised_on is None:
            assert (a.completed_on, a.factors, referral.closure_date) == (None, [], None)
            assert a.dfe_clock.completed_at is None
            continue
        assert a.started_on <= a.completed_on <= a.authorised_on
        assert assessment_rules.factor_problems(a.factors) == {}
        assert (a.factors == ["21"]) == (referral.closure_reason in ("RC8", "RC9"))
        late = a.authorised_on > timezone.localdate(referral.assessment_clock.due_at)
        assert bool(a.late_reason) == late
        assert timezone.localdate(a.dfe_clock.completed_at) == a.authorised_on
        assert a.authorisation_comment != ""


def test_assessments_are_in_the_default_practice_model_with_the_childs_voice(small):
    assessments = list(Assessment.objects.select_related("template"))
    assert {a.template.name for a in assessments} == {"Signs of Safety"}
    for a in assessments:
        voice = assessment_rules.voice_problems(
            childs_voice=a.childs_voice, gathered=a.voice_gathered, reason=a.voice_reason
        )
        assert voice == {}
        assert a.voice_gathered in ("words", "observation")
        assert 0 <= a.scale_worker <= 10
    answered = SectionAnswer.objects.filter(assessment__in=assessments)
    assert answered.count() == 6 * len(assessments)
    assert answered.filter(text="").count() == 0


@pytest.mark.django_db
def test_plans_sit_inside_their_episodes_with_reviews_and_a_running_clock(small):
    plans = list(
        ChildInNeedPlan.objects.select_related("referral", "review_clock").prefetch_related("reviews")
    )
    assert len(plans) > 0
    assert Counter(p.person_id for p in plans if p.end_date is None).most_common(1)[0][1] == 1
    for plan in plans:
        referral = plan.referral
        assert referral.referral_date <= plan.start_date
        assert plan.end_date == referral.closure_date
        assert all(
            plan.start_date <= r.reviewed_on <= (plan.end_date or r.reviewed_on) for r in plan.reviews.all()
        )
        clocks = Clock.objects.filter(standard="cin_plan_review", subject_id=plan.pk)
        assert clocks.count() == plan.reviews.count() + 1
        assert (plan.review_clock.completed_at is None) == (plan.end_date is None)
        assert plan.partners.count() >= 1


@pytest.mark.django_db
def test_each_plan_has_outcomes_actions_and_progress_at_every_review(small):
    plans = list(ChildInNeedPlan.objects.prefetch_related("reviews"))
    contents = {c.plan_id: c for c in PlanContent.objects.filter(kind="cin").prefetch_related("outcomes")}
    assert set(contents) == {p.pk for p in plans}
    for plan in plans:
        content = contents[plan.pk]
        outcomes = list(content.outcomes.all())
        assert (content.person_id, 2 <= len(outcomes) <= 3) == (plan.person_id, True)
        assert all(o.measure for o in outcomes)
        actions = Task.objects.filter(kind="plan", source_type="plans.plancontent", source_id=content.pk)
        assert actions.count() == len(outcomes)
        reviews = {r.pk: r.reviewed_on for r in plan.reviews.all()}
        progress = OutcomeProgress.objects.filter(outcome__content=content)
        assert progress.count() == len(outcomes) * len(reviews)
        assert all(reviews[p.review_id] == p.reviewed_on and 0 <= p.score <= 10 for p in progress)


@pytest.mark.django_db
def test_the_load_reports_the_casework_figures(small):
    figures = AuditEvent.objects.get(action="synthetic.loaded").changes["metrics"]["casework"]
    authorised = Assessment.objects.filter(authorised_on__isnull=False).count()
    assert figures["assessments_authorised"] == authorised
    assert figures["cin_plans"] == ChildInNeedPlan.objects.count()
    assert 0 <= figures["assessments_within_45_wd_pct"] <= 100
