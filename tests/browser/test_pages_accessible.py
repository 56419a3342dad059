"""Every page a manager and an administrator reach from the navigation renders without script
errors (CSP included) and without accessibility violations."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.contacts import services
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import submit

pytestmark = pytest.mark.browser


@pytest.fixture
def manager():
    la = builders.authority()
    officer = builders.user(la, Role.CONTACT_OFFICER)
    amy, mum = builders.child(la, "Amy", "Example"), builders.adult(la, "Jo", "Example")
    builders.living_together(la, amy, mum)
    services.contact_record(
        actor=officer,
        children=[amy],
        received_at=timezone.now() - timedelta(hours=30),
        channel="phone",
        source="1A",
        referrer_name="Jo Example",
        concerns="Worried about Amy's weight",
        concern_categories=["neglect"],
        consent="obtained",
    )
    return builders.user(la, Role.TEAM_MANAGER), amy


def test_manager_pages_are_accessible(page, signed_in_page, manager, assert_accessible, page_errors):
    user, amy = manager
    signed_in_page(user)
    for url in (
        reverse("contacts:queue"),
        reverse("oversight:board"),
        reverse("contacts:daily_review"),
        reverse("people:search") + "?last_name=Exampel",
        reverse("records:child", args=[amy.pk]),
        reverse("clocks:calendar"),
    ):
        page.goto(url)
        assert_accessible(page)
    assert page_errors == []


def test_the_board_updates_itself_when_a_contact_arrives(page, signed_in_page, manager):
    user, _ = manager
    signed_in_page(user)
    page.goto(reverse("oversight:board"))
    expect(page.get_by_test_id("summary")).to_have_text("1 open")
    services.contact_record(
        actor=builders.user(user.authority, Role.CONTACT_OFFICER),
        children=[builders.child(user.authority, "Zac")],
        received_at=timezone.now(),
        channel="email",
        source="2A",
        concerns="Disclosure in class",
        concern_categories=["physical"],
        consent="obtained",
    )
    page.get_by_test_id("summary").filter(has_text="2 open").wait_for(timeout=3000)
    expect(page.get_by_test_id("board-row")).to_have_count(2)


def test_administrator_pages_are_accessible(page, signed_in_page, assert_accessible, page_errors):
    admin = builders.user(builders.authority(), Role.ADMINISTRATOR)
    signed_in_page(admin)
    page.goto(reverse("home"))
    assert_accessible(page)
    page.goto(reverse("clocks:calendar"))
    submit(page, "Add bank holiday")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    assert page_errors == []
