"""The performance dashboard in Chromium, as a senior leader uses it: the overview, a figure with its
chart and table, another breakdown, the children behind a number, and a mistyped period. Every page
has no accessibility violations and no console errors (a CSP violation would show as one)."""

import pytest
from django.urls import reverse

from frontdoor.organisations.models import Role
from tests import builders
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
    assert page.get_by_role("heading", level=1).inner_text() == "Performance dashboard"
    assert page.get_by_test_id("headlines").locator("li").count() == 14
    assert_accessible(page)

    page.get_by_role("link", name="Decisions within 24 hours").click()
    assert page.get_by_role("heading", level=1).inner_text() == "Decisions within 24 hours"
    assert page.get_by_role("img", name="Decisions within 24 hours, by month").is_visible()
    assert page.get_by_test_id("figure-table").is_visible()
    assert_accessible(page)

    page.get_by_role("navigation", name="Break the figures down").get_by_role("link", name="By team").click()
    assert page.get_by_role("link", name="By team").get_attribute("aria-current") == "page"
    assert "Not allocated" in page.get_by_test_id("figure-table").inner_text()
    assert_accessible(page)

    page.get_by_test_id("figure-table").locator("tfoot a").first.click()
    assert page.get_by_role("heading", level=1).inner_text() == "Children's contacts decided"
    assert page.get_by_test_id("child-row").count() > 0
    assert_accessible(page)

    page.goto(f"{reverse('performance:detail', args=['contacts'])}?from=2026-02-30")
    assert page.locator(".govuk-error-summary").is_visible()
    assert page.get_by_role(
        "link", name="Enter the start date as year-month-day, for example, 2025-04-01"
    ).is_visible()
    assert_accessible(page)
    assert page_errors == []
