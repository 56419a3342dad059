"""From the strategy discussion to the child's plan, as a social worker uses the pages: a late
discussion is refused until the rationale and safety plan are given; the enquiry's outcome calls a
conference; the conference starts the plan and shows which agencies still need the papers. Every page
on the way has no accessibility violations."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from frontdoor.child_protection.models import Distribution, ProtectionPlan, StrategyDiscussion
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import fill_date, follow, radio, submit, tick
from tests.child_protection.conftest import at, monday_weeks_ago, refer

pytestmark = pytest.mark.browser


def test_strategy_discussion_to_plan(page, signed_in_page, assert_accessible, page_errors):
    la = builders.authority()
    worker = builders.user(la, Role.SOCIAL_WORKER, "sam.worker")
    referral = refer(la, builders.user(la, Role.TEAM_MANAGER), day=monday_weeks_ago(6))
    monday = referral.referral_date
    signed_in_page(worker)

    page.goto(reverse("records:episode", kwargs={"pk": referral.pk}))
    follow(
        page.get_by_role(
            "link", name="Child protection: strategy discussions, enquiries, conferences and plans"
        )
    )
    expect(page.get_by_test_id("strategy-due")).to_contain_text("A strategy discussion is needed")
    assert_accessible(page)

    # Held on Thursday, later than its 1 working day: refused until both are given.
    follow(page.get_by_role("link", name="Record a strategy discussion"))
    fill_date(page, "held_at", monday + timedelta(days=3), "10:30")
    tick(page, "invited", "police", "social_care", "health")
    tick(page, "attended", "police", "social_care")
    page.get_by_label("Police: name and role (optional)").fill("DC Example, child abuse investigation")
    page.get_by_label("Information shared").fill("Police attended the home twice this year.")
    page.locator("input[name=section47][value=yes]").check()
    page.get_by_label("Reasons for the decision").fill("Injury to a young child.")
    submit(page)
    summary = page.locator(".govuk-error-summary")
    expect(summary).to_contain_text("give the management rationale for the timing")
    expect(summary).to_contain_text("record the interim safety plan")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    assert StrategyDiscussion.objects.count() == 0
    page.get_by_label("Management rationale for the timing").fill(
        "The police officer was not available sooner."
    )
    page.get_by_label("Interim safety plan").fill("The child stays with their grandmother.")
    submit(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Strategy discussion recorded")

    # The enquiry's outcome: a conference is needed.
    follow(page.get_by_role("link", name="Record the outcome"))
    assert_accessible(page)
    fill_date(page, "child_seen_on", monday + timedelta(days=3))
    page.get_by_label("Initial child protection conference needed").check()
    fill_date(page, "end_date", monday + timedelta(days=10))
    page.get_by_label("What the enquiry found").fill("Bruising consistent with the account given by school.")
    radio(page, "harm_likely", "yes")
    page.get_by_label("Next step").fill("Initial child protection conference")
    submit(page)
    expect(page.get_by_test_id("enquiry")).to_contain_text(
        "within 15 working days of the strategy discussion"
    )
    assert_accessible(page)

    # The initial conference, two weeks after the discussion, starts the plan.
    follow(page.get_by_role("link", name="Record the initial conference"))
    fill_date(page, "held_on", monday + timedelta(days=17))
    page.get_by_label("Chair").fill("Independent Chair")
    tick(page, "invited", "police", "social_care", "health", "education")
    tick(page, "attended", "police", "social_care", "health")
    page.locator("input[name=child_attended][value=no]").check()
    page.get_by_label("How were the child's views brought to the conference?").fill("Drawings and a letter.")
    tick(page, "advocacy", "offered", "accepted", "used")
    page.locator("input[name=plan_needed][value=yes]").check()
    page.get_by_label("Neglect").check()
    assert_accessible(page)
    submit(page)
    plan = ProtectionPlan.objects.get()
    assert (plan.start_date, plan.initial_category) == (monday + timedelta(days=17), "NEG")

    follow(page.get_by_role("link", name="Initial child protection conference, "))
    expect(page.get_by_test_id("outstanding")).to_contain_text(
        "Minutes: Police, Health, Education, Children's social care"
    )
    assert_accessible(page)
    follow(page.get_by_role("link", name="Record what was sent"))
    tick(page, "items", "minutes", "plan", "outcome")
    tick(page, "agencies", "police", "social_care", "health", "education")
    fill_date(page, "sent_on", monday + timedelta(days=18))
    submit(page)
    expect(page.get_by_test_id("outstanding")).to_have_text("Every agency involved has been sent every item.")
    assert Distribution.objects.count() == 12

    page.goto(reverse("child_protection:plan", kwargs={"pk": plan.pk}))
    expect(page.get_by_test_id("previous-plans")).to_have_text("0")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Record a visit"))
    fill_date(page, "occurred_at", monday + timedelta(days=20), "15:00")
    page.locator("input[name=seen][value=yes]").check()
    page.locator("input[name=seen_alone][value=yes]").check()
    submit(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Visit recorded")
    plan.refresh_from_db()
    assert plan.visit_clock.started_at == at(monday + timedelta(days=20), 15)
    assert page_errors == []
