"""The performance dashboard in Chromium, as a senior leader uses it: the overview, a figure with its
chart and table, another breakdown, the children behind a number, and a mistyped period. Every page
has no accessibility violations and no console errors (a CSP violation would show as one)."""

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from frontdoor.organisations.models import Role
from frontdoor.performance.metrics import FIGURES
from tests import builders
from tests.browser.forms import follow
from tests.performance.conftest import build_world

pytestmark = pytest.mark.browser


def test_a_senior_leader_reads_the_dashboard_and_drills_down_to_the_children(
    page, signed_in_page, assert_accessible, page_errors
):
    world = build_world()
    leader = builders.user(world.la, Role.SENIOR_LEADER, "sam.senior")
    period = f"from={world.period.first.isoformat()}&to={world.period.last.isoformat()}"
    signed_in_page(leader)

    page.goto(f"{reverse('performance:overview')}?{period}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Performance dashboard")
    expect(page.get_by_test_id("headlines").locator("li")).to_have_count(len(FIGURES))
    assert_accessible(page)

    follow(page.get_by_role("link", name="Decisions within 24 hours", exact=True))
    expect(page.get_by_role("heading", level=1)).to_have_text("Decisions within 24 hours")
    expect(page.get_by_role("img", name="Decisions within 24 hours, by month")).to_be_visible()
    expect(page.get_by_test_id("figure-table")).to_be_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Break the figures down").get_by_role("link", name="By team").click()
    assert page.get_by_role("link", name="By team").get_attribute("aria-current") == "page"
    expect(page.get_by_test_id("figure-table")).to_contain_text("Not allocated")
    assert_accessible(page)

    follow(page.get_by_test_id("figure-table").locator("tfoot a").first)
    expect(page.get_by_role("heading", level=1)).to_have_text("Children's contacts decided")
    expect(page.get_by_test_id("child-row").first).to_be_visible()
    assert_accessible(page)

    page.goto(f"{reverse('performance:detail', args=['contacts'])}?from=2026-02-30")
    expect(page.locator(".govuk-error-summary")).to_be_visible()
    expect(
        page.get_by_role("link", name="Enter the start date as year-month-day, for example, 2025-04-01")
    ).to_be_visible()
    assert_accessible(page)
    assert page_errors == []
