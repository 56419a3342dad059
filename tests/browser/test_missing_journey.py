"""A missing child end to end, as staff use it: a team manager finds the child, records the police
notification (a mistake in the times is refused beside the field, nothing saved), records the
child's return, oversees the notification, records the independent offer of a return home
interview within 72 hours and then the interview itself. Every page has no accessibility
violations."""

import re
from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.missing.models import MissingEpisode, ReturnInterview
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import fill_datetime, follow, radio, submit

pytestmark = pytest.mark.browser


def test_from_notification_to_completed_interview(page, signed_in_page, assert_accessible, page_errors):
    la = builders.authority()
    builders.child(la, "Mia", "Quillfeather", dob=date(2011, 6, 1))
    manager = builders.user(la, Role.TEAM_MANAGER, "max.manager")
    now = timezone.now()

    signed_in_page(manager)
    page.goto(reverse("missing:overview"))
    assert_accessible(page)
    follow(page.get_by_role("link", name="Record a missing notification"))
    page.fill("input[name=last_name]", "Quillfeather")
    submit(page, "Search")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Record a missing notification for Mia Quillfeather"))

    # The notification said to arrive before the police were told: refused beside the field.
    radio(page, "looked_after", "yes")
    fill_datetime(page, "went_missing_at", now - timedelta(hours=30))
    fill_datetime(page, "reported_at", now - timedelta(hours=29))
    fill_datetime(page, "notified_at", now - timedelta(hours=31))
    radio(page, "safe_and_well_done", "unknown")
    page.get_by_label("Police reference (optional)").fill("MP/885/1")
    submit(page)
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text(
        "The notification cannot be before the report to police"
    )
    assert_accessible(page)
    assert MissingEpisode.objects.count() == 0

    fill_datetime(page, "notified_at", now - timedelta(hours=28))
    submit(page)
    expect(page.locator(".govuk-notification-banner")).to_contain_text("Missing notification recorded")
    expect(page.get_by_test_id("oversight")).to_contain_text("Not yet recorded")
    assert_accessible(page)

    # The child comes back: the 72-hour clock starts.
    follow(page.get_by_role("link", name="Record the return"))
    fill_datetime(page, "returned_at", now - timedelta(hours=20))
    page.get_by_label("Where was the child found? (optional)").fill("Bus station")
    radio(page, "safe_and_well_done", "yes")
    submit(page)
    expect(page.get_by_test_id("returned")).to_contain_text("Bus station")
    expect(page.get_by_test_id("interview")).to_contain_text("Not yet offered")

    follow(page.get_by_role("link", name="Record oversight"))
    radio(page, "decision", "screening")
    page.get_by_label("Why? What happens next?").fill("Older peers and a car: screen for exploitation")
    submit(page)
    expect(page.get_by_test_id("oversight")).to_contain_text("Exploitation screening")

    follow(page.get_by_role("link", name="Record the offer"))
    assert_accessible(page)
    fill_datetime(page, "offered_at", now - timedelta(hours=10))
    page.get_by_label("Who offered it?").fill("Sam Lee, Get Safe")
    radio(page, "offered_by_independent", "yes")
    radio(page, "accepted", "yes")
    radio(page, "asked_preference", "yes")
    page.get_by_label("If they named someone, who?").fill("Youth worker they know")
    submit(page)
    expect(page.get_by_test_id("interview")).to_contain_text("Met")
    expect(page.get_by_test_id("preference")).to_have_text("Asked: Youth worker they know")
    expect(page.get_by_test_id("held-due")).to_contain_text("Not yet held")

    follow(page.get_by_role("link", name="Record the interview"))
    fill_datetime(page, "completed_at", now - timedelta(hours=2))
    page.get_by_label("Who carried it out?").fill("Sam Lee")
    page.get_by_label("The child's account, in their words").fill("I went to town with older friends.")
    page.get_by_label("Pull factors").fill("Money and lifts")
    page.get_by_label("Risks identified").fill("Criminal exploitation")
    page.get_by_label("Actions that follow").fill("Exploitation screening this week")
    radio(page, "held_by_independent", "yes")
    submit(page)
    expect(page.get_by_test_id("completed")).to_contain_text("Sam Lee, an independent person")
    assert_accessible(page)

    interview = ReturnInterview.objects.get()
    assert (interview.offered_by_independent, interview.accepted, interview.pull_factors) == (
        True, True, "Money and lifts"
    )  # fmt: skip
    assert interview.episode.interview_clock.completed_at <= interview.episode.interview_clock.due_at
    held = interview.episode.held_clock
    assert (held.standard, held.completed_at, held.due_at) == (
        "rhi_held", interview.completed_at, interview.episode.returned_at + timedelta(hours=72)
    )  # fmt: skip
    assert (interview.asked_preference, interview.preferred_person, interview.held_by_independent) == (
        True, "Youth worker they know", True
    )  # fmt: skip
    page.goto(reverse("missing:overview"))
    assert_accessible(page)
    assert page_errors == []
