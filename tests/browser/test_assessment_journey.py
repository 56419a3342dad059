"""An assessment end to end, as staff do it: a social worker starts the assessment from the child's
episode, records the child's voice and the analysis, completes it with the DfE factors (being told
that "no factors" cannot go with others), and a team manager authorises it. The child's page then
shows it in the chronology, filtered and printable. Every page on the way has no accessibility
violations."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.assessments.models import Assessment
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import fill_date, follow, submit

pytestmark = pytest.mark.browser


@pytest.fixture
def episode():
    la = builders.authority()
    manager = builders.user(la, Role.TEAM_MANAGER, "max.manager")
    return {
        "referral": builders.referral(la, manager, person=builders.child(la, "Amy", "Example")),
        "worker": builders.user(la, Role.SOCIAL_WORKER, "sam.worker"),
        "manager": manager,
    }


def test_assessment_from_start_to_authorisation(
    page, signed_in_page, episode, assert_accessible, page_errors
):
    referral, today = episode["referral"], timezone.localdate()
    signed_in_page(episode["worker"])
    page.goto(reverse("records:episode", args=[referral.pk]))
    assert_accessible(page)

    follow(page.get_by_role("link", name="Start an assessment"))
    assert_accessible(page)
    fill_date(page, "started_on", today)
    submit(page)
    expect(page.get_by_test_id("assessment")).to_contain_text("Assessment from")

    follow(page.get_by_role("link", name="Record the assessment"))
    assert_accessible(page)
    fill_date(page, "child_seen_on", today)
    page.get_by_label("The child's voice").fill("Amy drew her family and said she feels safe with Nan.")
    page.get_by_label("Analysis of risk and need").fill("Mum's low mood affects routines; Nan is a strength.")
    submit(page)

    follow(page.get_by_role("link", name="Complete the assessment"))
    fill_date(page, "completed_on", today)
    page.get_by_label("21: No factors identified").check()
    page.get_by_label("4B: Mental health: parent or carer").check()
    page.get_by_label("Child in need plan").check()
    submit(page)
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        '"No factors identified" cannot be chosen with other factors'
    )
    assert_accessible(page)
    assert Assessment.objects.get().completed_on is None

    page.get_by_label("21: No factors identified").uncheck()
    submit(page)
    expect(page.get_by_test_id("assessment")).to_contain_text("awaiting authorisation")
    submit(page, "Sign out")

    signed_in_page(episode["manager"])
    page.goto(reverse("records:episode", args=[referral.pk]))
    follow(page.get_by_role("link", name="Authorise the assessment"))
    assert_accessible(page)
    expect(page.get_by_test_id("assessment-summary")).to_contain_text("Mum's low mood affects routines")
    fill_date(page, "authorised_on", today)
    page.get_by_label("N1: Abuse or neglect").check()
    page.get_by_label("Your comment").fill("Agreed: the analysis supports a child in need plan.")
    submit(page)
    expect(page.get_by_test_id("authorised")).to_contain_text("by Team Manager Tester")
    assessment = Assessment.objects.get()
    assert (assessment.authorised_on, assessment.factors) == (today, ["4B"])
    referral.refresh_from_db()
    assert referral.primary_need == "N1"

    page.goto(reverse("records:child", args=[referral.person_id]))
    assert_accessible(page)
    page.get_by_label("Assessment").check()
    submit(page, "Filter")
    kinds = (
        page.get_by_test_id("chronology")
        .locator("li")
        .evaluate_all("items => items.map(i => i.dataset.kind)")
    )
    assert kinds == ["assessment", "assessment"]
    follow(page.get_by_test_id("print-link"))
    expect(page.get_by_test_id("printed")).to_be_visible()
    assert_accessible(page)
    assert page_errors == []
