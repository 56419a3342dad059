"""Issue 16's "done when", as a new social worker would do it in the browser: record a home visit
with the child's words, attach a report to the note, write the child's plan with outcomes and an
action, review the plan with progress recorded inside the review's own form, print the family's
version; and complete a Signs of Safety assessment with the child's voice, signed off by a manager
with a comment. Every page on the way has no accessibility violations."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.assessments.models import Assessment
from frontdoor.casenotes.models import CaseNote
from frontdoor.documents.models import Document
from frontdoor.organisations.models import Role
from frontdoor.plans import services as plan_services
from frontdoor.plans.models import OutcomeProgress, PlanReview
from frontdoor.tasks.models import Task
from tests import builders
from tests.browser.forms import fill_date, fill_datetime, follow, submit
from tests.documents import samples

pytestmark = pytest.mark.browser


@pytest.fixture
def episode():
    la = builders.authority()
    manager = builders.user(la, Role.TEAM_MANAGER, "max.manager")
    child = builders.child(la, "Amy", "Example")
    return {
        "referral": builders.referral(la, manager, person=child, days_ago=30),
        "worker": builders.user(la, Role.SOCIAL_WORKER, "sam.worker"),
        "manager": manager,
        "child": child,
    }


def test_a_visit_a_report_a_plan_its_review_and_the_familys_version(
    page, signed_in_page, episode, assert_accessible, page_errors
):
    child, worker, today = episode["child"], episode["worker"], timezone.localdate()
    signed_in_page(worker)
    page.goto(reverse("records:child", args=[child.pk]))
    follow(page.get_by_role("link", name="Record a case note").first)
    assert_accessible(page)
    page.get_by_label("Home visit").check()
    fill_datetime(page, "occurred_at", timezone.now() - timedelta(hours=2))
    page.get_by_label("The child was seen", exact=True).check()
    page.get_by_label("The child was seen alone").check()
    page.get_by_label("The child's own words").fill("I like it when Nan picks me up from school.")
    page.get_by_label("What happened").fill("Home visit. Amy showed me her room; the kitchen was stocked.")
    submit(page)
    expect(page.locator("main")).to_contain_text("I like it when Nan picks me up from school.")
    assert_accessible(page)
    note = CaseNote.objects.get()

    follow(page.get_by_role("link", name="Attach a document to this note"))
    report = {"name": "school-report.pdf", "mimeType": "application/pdf", "buffer": samples.pdf()}
    page.set_input_files("input[name=upload]", files=[report])
    page.get_by_label("Report", exact=True).check()
    page.get_by_label("Title").fill("School report, spring term")
    submit(page, "Attach")
    expect(page.get_by_test_id("documents")).to_contain_text("School report, spring term")
    assert Document.objects.get().subject_id == note.pk

    plan = plan_services.cin_plan_start(
        actor=worker, referral=episode["referral"], start_date=today - timedelta(days=20)
    )
    page.goto(reverse("plans:content", kwargs={"kind": "cin", "pk": plan.pk}))
    assert_accessible(page)
    follow(page.get_by_role("link", name="Add an outcome"))
    page.get_by_label("What needs to change?").fill("Amy goes to school every day")
    submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter how we will know it has changed")
    expect(page).to_have_title(re.compile(r"^Error: "))
    page.get_by_label("How will we know it has changed?").fill("Attendance above 95% this half term")
    submit(page)
    follow(page.get_by_role("link", name="Add an action"))
    page.get_by_label("What will be done?").fill("Nan takes Amy to school on Mondays")
    page.get_by_label("Who will do it?").select_option(index=1)
    fill_date(page, "due_on", today + timedelta(days=14))
    submit(page)
    expect(page.locator("main")).to_contain_text("Nan takes Amy to school on Mondays")
    assert Task.objects.filter(kind="plan").count() == 1

    page.goto(reverse("records:episode", args=[episode["referral"].pk]))
    follow(page.get_by_role("link", name="Review the plan"))
    assert_accessible(page)
    fill_date(page, "reviewed_on", today)
    page.get_by_label("Summary of the review").fill("Attendance is better; Nan is a strength.")
    submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter a score from 0 to 10")
    assert PlanReview.objects.count() == 0
    page.get_by_label(re.compile("^Progress towards outcome 1")).fill("6")
    page.get_by_label("Note on outcome 1").fill("Missed two days this month")
    submit(page)
    assert list(OutcomeProgress.objects.values_list("score", "review_id")) == [
        (6, PlanReview.objects.get().pk)
    ]
    page.goto(reverse("plans:content", kwargs={"kind": "cin", "pk": plan.pk}))
    expect(page.get_by_test_id("progress")).to_contain_text("6/10")

    follow(page.get_by_role("link", name="The family's version"))
    assert_accessible(page)
    expect(page.locator("main")).to_contain_text("Amy goes to school every day")
    pdf = page.request.get(reverse("plans:family_pdf", kwargs={"kind": "cin", "pk": plan.pk}))
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.body().startswith(b"%PDF")
    assert page_errors == []


def test_a_signs_of_safety_assessment_with_the_childs_voice_signed_off_with_a_comment(
    page, signed_in_page, episode, assert_accessible, page_errors
):
    referral, today = episode["referral"], timezone.localdate()
    signed_in_page(episode["worker"])
    page.goto(reverse("records:episode", args=[referral.pk]))
    follow(page.get_by_role("link", name="Start an assessment"))
    fill_date(page, "started_on", today)
    submit(page)
    follow(page.get_by_role("link", name="Record the assessment"))
    assert_accessible(page)
    fill_date(page, "child_seen_on", today)
    page.get_by_label("What are we worried about?: Harm").fill("Amy was left alone overnight twice.")
    page.get_by_label("What is working well?: Strengths and existing safety").fill("Nan visits daily.")
    page.get_by_label("What needs to happen?: Safety goals").fill("Amy is never left alone at night.")
    page.get_by_label("Scaling: the social worker (0 to 10)").fill("4")
    page.get_by_label("Scaling: the child (0 to 10)").fill("7")
    page.get_by_label("Analysis of risk and need").fill("Mum's shifts leave gaps; Nan can fill them.")
    submit(page)

    follow(page.get_by_role("link", name="Complete the assessment"))
    fill_date(page, "completed_on", today)
    page.get_by_label("4B: Mental health: parent or carer").check()
    page.get_by_label("Child in need plan").check()
    submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("child")  # the child's voice is missing
    assert Assessment.objects.get().completed_on is None
    page.get_by_label("The child's voice").fill("Amy said: I get scared when it is dark and no one is home.")
    submit(page)
    expect(page.get_by_test_id("assessment")).to_contain_text("awaiting authorisation")
    submit(page, "Sign out")

    signed_in_page(episode["manager"])
    page.goto(reverse("records:episode", args=[referral.pk]))
    follow(page.get_by_role("link", name="Authorise the assessment"))
    assert_accessible(page)
    fill_date(page, "authorised_on", today)
    page.get_by_label("N1: Abuse or neglect").check()
    page.get_by_label("Your comment").fill("Agreed. Scaling at 4 supports a plan; review Nan's offer.")
    submit(page)
    expect(page.get_by_test_id("authorised")).to_contain_text("Agreed. Scaling at 4")
    assessment = Assessment.objects.get()
    assert assessment.authorised_on == today
    assert "scared when it is dark" in assessment.childs_voice
    assert page_errors == []
