"""Supervision, direction and early help pages a manager reaches render without script errors and
without accessibility violations, with records on them; a worker's direction goes from the
manager's form to the worker's list and is marked done."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.early_help import services as early_help
from frontdoor.early_help.models import EarlyHelpCase
from frontdoor.organisations.models import Role
from frontdoor.supervision import services as supervision
from frontdoor.tasks.models import Task
from tests import builders
from tests.browser.forms import follow, submit
from tests.quality.cases import cin_episode, decided, school

pytestmark = pytest.mark.browser


@pytest.fixture
def casework():
    la = builders.authority()
    manager = builders.user(la, Role.TEAM_MANAGER, "max.manager")
    worker = builders.user(la, Role.SOCIAL_WORKER, "sam.worker")
    referral = cin_episode(la, manager, child=builders.child(la, "Cara", "Example"))
    journey = decided(
        la, manager, "early_help", child=builders.child(la, "Eli", "Example"), school=school(la)
    )
    case = EarlyHelpCase.objects.get(contact_child=journey)
    today = timezone.localdate()
    early_help.early_help_assessment_record(
        actor=manager, case=case, started_on=today, needs="Routines", childs_voice="I like breakfast club"
    )
    early_help.early_help_plan_agree(
        actor=manager, case=case, agreed_on=today, outcomes="Fed", actions="Club"
    )
    supervision.supervision_record(
        actor=manager, worker=worker, held_on=today - timedelta(days=35), reflection="Caseload"
    )
    return {"manager": manager, "worker": worker, "referral": referral, "case": case}


def test_supervision_and_early_help_pages_are_accessible(
    page, signed_in_page, casework, assert_accessible, page_errors
):
    signed_in_page(casework["manager"])
    case, worker = casework["case"], casework["worker"]
    for url in (
        reverse("early_help:list"),
        reverse("early_help:partnership"),
        reverse("early_help:detail", args=[case.pk]),
        reverse("early_help:assessment", args=[case.pk]),
        reverse("early_help:step_up", args=[case.pk]),
        reverse("supervision:team"),
        reverse("supervision:worker", args=[worker.pk]),
        reverse("supervision:new", args=[worker.pk]),
        reverse("supervision:assistant_cases"),
        reverse("quality:dashboard"),
        reverse("quality:programmes"),
    ):
        page.goto(url)
        assert_accessible(page)
    page.goto(reverse("supervision:team"))
    expect(page.get_by_test_id("supervision-due")).to_contain_text("Overdue")
    assert page_errors == []


def test_a_direction_goes_to_the_workers_list_until_it_is_done(
    page, signed_in_page, casework, assert_accessible, page_errors
):
    signed_in_page(casework["manager"])
    page.goto(reverse("records:episode", args=[casework["referral"].pk]))
    follow(page.get_by_role("link", name="Give a management direction"))
    page.get_by_label("Direction").fill("See Cara alone this week")
    page.get_by_label("Who will do it").select_option(label="Social Worker Tester, front-door social worker")
    due = timezone.localdate() + timedelta(days=5)
    page.fill("input[name=due_on_day]", str(due.day))
    page.fill("input[name=due_on_month]", str(due.month))
    page.fill("input[name=due_on_year]", str(due.year))
    assert_accessible(page)
    submit(page)
    submit(page, "Sign out")

    signed_in_page(casework["worker"])
    follow(page.get_by_role("link", name="Other pages"))
    follow(page.get_by_role("link", name="Directions and audit actions"))
    expect(page.get_by_test_id("directions").locator("tbody tr")).to_have_count(1)
    assert_accessible(page)
    follow(page.get_by_role("link", name="Mark as done for Cara Example"))
    page.get_by_label("What was done").fill("Seen alone at school on Tuesday")
    submit(page, "Mark as done")
    expect(page.get_by_text("You have no directions to carry out.")).to_be_visible()
    assert Task.objects.get().done_note == "Seen alone at school on Tuesday"
    assert page_errors == []
