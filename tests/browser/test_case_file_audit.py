"""A case file audit end to end: quality assurance sets up a monthly programme and samples it (the
child in need is in the sample), grades the case with findings on the child's lived experience and
voice, a second auditor moderates it down with a reason, an action goes to the social worker, who
completes it. Every page on the way has no accessibility violations."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.organisations.models import Role
from frontdoor.quality.models import CaseAudit
from frontdoor.tasks.models import Task
from tests import builders
from tests.browser.forms import fill_date, follow, submit
from tests.quality.cases import cin_episode

pytestmark = pytest.mark.browser


@pytest.fixture
def cast():
    la = builders.authority()
    manager = builders.user(la, Role.TEAM_MANAGER, "max.manager")
    cin_episode(la, manager, child=builders.child(la, "Cara", "Example"))
    return {
        "auditor": builders.user(la, Role.QUALITY_ASSURANCE, "quinn.auditor"),
        "moderator": builders.user(la, Role.QUALITY_ASSURANCE, "mo.moderator"),
        "worker": builders.user(la, Role.SOCIAL_WORKER, "sam.worker"),
    }


def sign_out(page):
    submit(page, "Sign out")


def test_an_audit_from_sample_to_moderated_grade_to_completed_action(
    page, signed_in_page, cast, assert_accessible, page_errors
):
    today = timezone.localdate()
    # Quality assurance sets up this month's programme and samples it.
    signed_in_page(cast["auditor"])
    page.goto(reverse("quality:programme_new"))
    assert_accessible(page)
    page.get_by_label("Name").fill("November themed audit")
    page.get_by_label("Theme").fill("The child's voice")
    fill_date(page, "month", today)
    page.get_by_label("How many cases to sample").fill("5")
    submit(page)
    submit(page, "Sample the cases")
    sample = page.get_by_test_id("sample")
    expect(sample.locator("tbody tr")).to_have_text(
        ["Cara Example\tChild in need\tFamily Front Door\tSampled: to audit\t"], use_inner_text=True
    )
    assert_accessible(page)

    # Grading without the child's voice is refused beside the field; then the grades are saved.
    follow(sample.get_by_role("link", name="Cara Example"))
    assert_accessible(page)
    follow(page.get_by_role("link", name="Grade this audit"))
    audit = CaseAudit.objects.get()
    for question in audit.programme.template.questions.all():
        page.locator(f"input[name=q{question.pk}][value=requires_improvement]").check()
    page.locator("input[name=grade][value=requires_improvement]").check()
    page.get_by_label("The child's lived experience").fill("Tired and hungry; looks after a baby brother")
    submit(page)
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the child's voice")
    assert_accessible(page)
    page.get_by_label("The child's voice").fill("Her words are not recorded since the first visit")
    submit(page)
    expect(page.get_by_test_id("grade")).to_have_text(re.compile("^" + re.escape("Requires improvement")))
    expect(page.get_by_role("link", name="Moderate this audit")).to_have_count(0)  # not one's own audit
    sign_out(page)

    # A second auditor moderates the grade down, with a reason.
    signed_in_page(cast["moderator"])
    page.goto(reverse("quality:audit", args=[audit.pk]))
    follow(page.get_by_role("link", name="Moderate this audit"))
    assert_accessible(page)
    page.get_by_label("No, I give a different grade").check()
    page.locator("input[name=grade][value=inadequate]").check()
    page.get_by_label("Reason").fill("No visit in 10 weeks and the child never seen alone")
    submit(page)
    expect(page.get_by_test_id("moderation")).to_have_text(
        re.compile("^" + re.escape("Changed from Requires improvement to Inadequate: No visit in 10 weeks"))
    )
    expect(page.get_by_test_id("grade")).to_have_text(
        re.compile("^" + re.escape("Requires improvement"))
    )  # the grade before

    # An action for the social worker, due in two weeks.
    follow(page.get_by_role("link", name="Set an action"))
    page.get_by_label("What must be done").fill("See Cara alone and record her words")
    page.get_by_label("Owner").select_option(label="Social Worker Tester, front-door social worker")
    fill_date(page, "due_on", today + timezone.timedelta(days=14))
    assert_accessible(page)
    submit(page)
    expect(page.get_by_test_id("actions").locator("tbody tr")).to_have_count(1)
    assert_accessible(page)
    sign_out(page)

    # The social worker finds it on their list and completes it.
    signed_in_page(cast["worker"])
    follow(page.get_by_role("link", name="Other pages"))
    follow(page.get_by_role("link", name="Directions and audit actions"))
    follow(page.get_by_role("link", name="My audit actions"))
    assert_accessible(page)
    follow(page.get_by_role("link", name="Complete the action for Cara Example"))
    page.get_by_label("What was done").fill("Seen alone at school; her words are on the file")
    submit(page, "Mark as done")
    expect(page.get_by_text("You have no audit actions to do.")).to_be_visible()
    action = Task.objects.get()
    assert (action.owner_user, action.done_note) == (
        cast["worker"],
        "Seen alone at school; her words are on the file",
    )
    audit.refresh_from_db()
    assert (audit.grade, audit.moderated_grade, audit.status) == (
        "requires_improvement",
        "inadequate",
        "moderated",
    )

    # The dashboard counts it.
    sign_out(page)
    signed_in_page(cast["auditor"])
    page.goto(reverse("quality:dashboard"))
    expect(page.get_by_test_id("moderation")).to_have_text(
        "Of 1 moderated audits: 0 agreed, 0 raised, 1 lowered."
    )
    assert_accessible(page)
    assert page_errors == []
