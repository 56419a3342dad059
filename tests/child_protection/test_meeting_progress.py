"""Progress per outcome is recorded inside the meeting's own form (issue 16 §3): a CIN review, a core
group and a review conference list a score and a note for each outcome of each child's plan, saved in
the meeting's transaction; a missing or bad score is refused beside its field and nothing is saved."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.models import Conference, CoreGroup, ProtectionPlan
from frontdoor.plans import content_services, services
from frontdoor.plans.facts import plan_facts
from frontdoor.plans.models import OutcomeProgress, PlanReview
from tests import builders

from .conftest import at, conclude, discuss, icpc, monday_weeks_ago, refer

pytestmark = pytest.mark.django_db


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def _outcomes(worker, kind, plan, *changes):
    facts = plan_facts(actor=worker, kind=kind, plan_id=plan.pk, purpose="test")
    return [
        content_services.plan_outcome_add(actor=worker, facts=facts, change=c, measure=f"We see {c}")
        for c in changes
    ]


def test_a_cin_review_records_progress_per_outcome_with_the_review_or_nothing(client, la, manager, worker):
    referral = builders.referral(la, manager, days_ago=20)
    plan = services.cin_plan_start(
        actor=worker, referral=referral, start_date=timezone.localdate() - timedelta(10)
    )
    warm, school = _outcomes(worker, "cin", plan, "A warm home", "Going to school")
    client.force_login(worker)
    url = reverse("plans:review", kwargs={"pk": plan.pk})
    page = client.get(url).content.decode()
    assert f'name="score_{warm.pk}"' in page
    assert f'name="note_{school.pk}"' in page
    assert "Progress towards outcome 2: Going to school" in page
    post = _date("reviewed_on", timezone.localdate()) | {"version": plan.version, "summary": "Better"}
    refused = client.post(url, post | {f"score_{warm.pk}": "4", f"score_{school.pk}": "11"})
    assert refused.status_code == 200
    assert refused.content.decode().count("The score must be from 0 to 10") == 2  # summary and field
    assert f'href="#id_score_{school.pk}"' in refused.content.decode()
    assert (PlanReview.objects.count(), OutcomeProgress.objects.count()) == (0, 0)
    missing = client.post(url, post | {f"score_{warm.pk}": "4"})
    assert missing.content.decode().count("Enter a score from 0 to 10") == 2
    assert (PlanReview.objects.count(), OutcomeProgress.objects.count()) == (0, 0)
    saved = client.post(
        url, post | {f"score_{warm.pk}": "4", f"score_{school.pk}": "7", f"note_{school.pk}": "Most days"}
    )
    assert saved.status_code == 302
    review = PlanReview.objects.get()
    rows = OutcomeProgress.objects.order_by("outcome_id").values_list(
        "outcome_id", "score", "note", "review_type", "review_id", "reviewed_on"
    )
    assert list(rows) == [
        (warm.pk, 4, "", "plans.planreview", review.pk, timezone.localdate()),
        (school.pk, 7, "Most days", "plans.planreview", review.pk, timezone.localdate()),
    ]
    event = AuditEvent.objects.get(action="plan_content.progress_recorded")
    assert event.changes["review"] == f"plans.planreview:{review.pk}"
    page = client.get(reverse("plans:content", kwargs={"kind": "cin", "pk": plan.pk})).content.decode()
    assert "7/10" in page


def test_a_core_group_records_progress_or_nothing(client, referral, worker):
    enquiry = conclude(worker, discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry)
    icpc(worker, enquiry, referral.referral_date + timedelta(days=14))
    plan = ProtectionPlan.objects.get()
    (safe,) = _outcomes(worker, "cp", plan, "No more bruises")
    client.force_login(worker)
    url = reverse("child_protection:core_group_new", kwargs={"pk": plan.pk})
    assert f'name="score_{safe.pk}"' in client.get(url).content.decode()
    post = _date("held_on", plan.start_date + timedelta(days=7)) | {"attended": ["police"]}
    refused = client.post(url, post | {f"score_{safe.pk}": "ten"})
    assert refused.status_code == 200
    assert (CoreGroup.objects.count(), OutcomeProgress.objects.count()) == (0, 0)
    assert client.post(url, post | {f"score_{safe.pk}": ""}).status_code == 200
    assert (CoreGroup.objects.count(), OutcomeProgress.objects.count()) == (0, 0)
    assert (
        client.post(url, post | {f"score_{safe.pk}": "3", f"note_{safe.pk}": "One bruise"}).status_code == 302
    )
    group = CoreGroup.objects.get()
    assert list(OutcomeProgress.objects.values_list("review_type", "review_id", "score", "note")) == [
        ("child_protection.coregroup", group.pk, 3, "One bruise")
    ]


def test_a_review_conference_records_each_siblings_progress_beside_their_own_fields(
    client, la, manager, worker
):
    day = monday_weeks_ago(8)
    tom, amy = builders.child(la, "Tom"), builders.child(la, "Amy")
    builders.living_together(la, tom, amy)
    for child in (tom, amy):
        enquiry = conclude(
            worker, discuss(worker, refer(la, manager, child, day=day), at(day, 14)).section47_enquiry
        )
        icpc(worker, enquiry, day + timedelta(days=14))
    tom_plan, amy_plan = (ProtectionPlan.objects.get(person=c) for c in (tom, amy))
    (fed,) = _outcomes(worker, "cp", tom_plan, "Tom is fed")
    amy_safe, amy_school = _outcomes(worker, "cp", amy_plan, "Amy is safe", "Amy at school")
    client.force_login(worker)
    url = reverse("child_protection:review_new", kwargs={"pk": tom_plan.pk})
    page = client.get(url).content.decode()
    assert f'name="plan-{amy_plan.pk}-score_{amy_school.pk}"' in page
    prefix = f"plan-{amy_plan.pk}"
    post = (
        _date("held_on", day + timedelta(days=35))
        | {"chair": "Independent Chair", "invited": ["police"], "attended": ["police"]}
        | {"child_attended": "yes", "plan_needed": "yes", "category": "NEG", f"score_{fed.pk}": "6"}
        | {f"{prefix}-conferenced": "on", f"{prefix}-child_attended": "yes", f"{prefix}-plan_needed": "yes"}
        | {f"{prefix}-category": "NEG", f"{prefix}-score_{amy_safe.pk}": "5"}
    )
    refused = client.post(url, post)
    assert refused.status_code == 200
    body = refused.content.decode()
    assert body.count("Enter a score from 0 to 10") == 2
    assert f'href="#id_{prefix}-score_{amy_school.pk}"' in body
    assert (Conference.objects.filter(kind="review").count(), OutcomeProgress.objects.count()) == (0, 0)
    assert client.post(url, post | {f"{prefix}-score_{amy_school.pk}": "2"}).status_code == 302
    review = Conference.objects.get(kind="review")
    rows = OutcomeProgress.objects.order_by("outcome_id").values_list("outcome_id", "score", "review_id")
    assert list(rows) == [(fed.pk, 6, review.pk), (amy_safe.pk, 5, review.pk), (amy_school.pk, 2, review.pk)]
    assert AuditEvent.objects.filter(action="plan_content.progress_recorded").count() == 2
