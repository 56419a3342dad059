"""Notifications in the browser: the unread count appears in the recipient's header once a
notification is written for them, leads to the list, and goes when they are read."""

import pytest
from django.db import transaction
from django.urls import reverse
from playwright.sync_api import expect

from frontdoor.notifications.models import Kind
from frontdoor.notifications.services import notify
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import follow, radio, submit

pytestmark = pytest.mark.browser


def breach(user, n: int) -> None:
    with transaction.atomic():
        notify(
            authority_id=user.authority_id, recipients=[user], kind=Kind.CLOCK_BREACHED,
            event_key=f"clock:{n}:breached", title=f"A visit is overdue ({n})",
            body="A statutory visit you own has breached its timescale.", link=reverse("clocks:calendar"),
        )  # fmt: skip


def test_the_unread_count_appears_in_the_owners_header_and_goes_when_read(
    page, signed_in_page, assert_accessible, page_errors
):
    la = builders.authority()
    owner, colleague = builders.user(la, Role.SOCIAL_WORKER), builders.user(la, Role.SOCIAL_WORKER)
    signed_in_page(owner)
    page.goto(reverse("other_pages"))
    expect(page.get_by_test_id("unread-count")).to_have_count(0)

    breach(owner, 1)
    breach(owner, 2)
    breach(colleague, 3)
    page.goto(reverse("other_pages"))
    expect(page.get_by_test_id("unread-count")).to_have_text("2")
    assert_accessible(page, context={"include": [["header"]]})

    follow(page.get_by_test_id("header-notifications"))
    expect(page.get_by_test_id("notification")).to_have_count(2)
    expect(page.get_by_test_id("notification").first).to_contain_text("A visit is overdue (2)")
    assert_accessible(page)
    submit(page, "Mark all as read")
    expect(page.get_by_test_id("unread-count")).to_have_count(0)
    expect(page.get_by_test_id("unread-tag")).to_have_count(0)

    follow(page.get_by_role("link", name="Choose which notifications you are emailed"))
    page.get_by_label("Which notifications?").select_option("clock_breached")
    radio(page, "email", "off")
    submit(page, "Save")
    expect(page.get_by_role("alert")).to_contain_text("Saved: A statutory clock has breached")
    breached = (
        page.get_by_test_id("preferences")
        .locator(".govuk-summary-list__row")
        .filter(has_text="A statutory clock has breached")
    )
    expect(breached.locator(".govuk-summary-list__value")).to_have_text(
        "No email: show them in Frontdoor only"
    )
    assert_accessible(page)
    assert page_errors == []
