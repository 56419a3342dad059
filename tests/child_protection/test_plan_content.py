"""A child protection plan has the same content as a children-in-need plan (plans.content_services):
progress is recorded at each core group, and each sibling's plan keeps its own content."""

from datetime import timedelta

import pytest
from django.urls import reverse

from frontdoor.child_protection import services
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.plans import content_services
from frontdoor.plans.facts import plan_facts
from frontdoor.plans.models import OutcomeProgress, PlanContent

from .conftest import at, conclude, discuss, icpc

pytestmark = pytest.mark.django_db


def test_progress_is_recorded_at_a_core_group_and_shown_over_time(client, referral, worker):
    enquiry = conclude(worker, discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry)
    icpc(worker, enquiry, referral.referral_date + timedelta(days=14))
    plan = ProtectionPlan.objects.get()
    groups = [
        services.core_group_record(actor=worker, plan=plan, held_on=plan.start_date + timedelta(days=d),
                                   attended=["police"])
        for d in (7, 21)
    ]  # fmt: skip
    facts = plan_facts(actor=worker, kind="cp", plan_id=plan.pk, purpose="test")
    assert [r.key for r in facts.reviews] == [f"child_protection.coregroup:{g.pk}" for g in groups]
    outcome = content_services.plan_outcome_add(
        actor=worker, facts=facts, change="No more bruises", measure="Health checks find none"
    )
    for review, score in zip(facts.reviews, (3, 6), strict=True):
        content_services.plan_progress_record(
            actor=worker, facts=facts, review=review.key, scores={outcome.pk: (score, "")}
        )
    assert list(OutcomeProgress.objects.values_list("score", "reviewed_on")) == [
        (3, groups[0].held_on), (6, groups[1].held_on)
    ]  # fmt: skip
    assert PlanContent.objects.get().kind == "cp"
    client.force_login(worker)
    body = client.get(reverse("plans:content", kwargs={"kind": "cp", "pk": plan.pk})).content.decode()
    assert "3/10" in body
    assert "6/10" in body
    assert "<polyline" in body
    assert client.get(reverse("plans:content", kwargs={"kind": "cin", "pk": plan.pk})).status_code == 404
