"""A manager decides for two brothers and sisters at once from one child's decision page: both get
their own decision, and the page has no accessibility violations (contacts.siblings, issue 18)."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.contacts import services
from frontdoor.contacts.models import Decision
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import follow, submit

pytestmark = pytest.mark.browser


def test_one_decision_for_two_siblings_records_a_decision_for_each(
    page, signed_in_page, assert_accessible, page_errors
):
    la = builders.authority()
    officer = builders.user(la, Role.CONTACT_OFFICER, "olive.officer")
    manager = builders.user(la, Role.TEAM_MANAGER, "max.manager")
    contact = services.contact_record(
        actor=officer, children=[builders.child(la, "Amy"), builders.child(la, "Ben")],
        received_at=timezone.now() - timedelta(hours=1), channel="phone", source="2A",
        concerns="Amy said her step-dad hit Ben.", concern_categories=["physical"], consent="obtained",
    )  # fmt: skip
    signed_in_page(manager)
    page.goto(reverse("contacts:detail", args=[contact.pk]))
    follow(page.get_by_role("link", name="Decide for Amy Example"))
    page.get_by_label("Referral for a social work assessment").check()
    page.get_by_label("Level 4: Statutory social work").check()
    page.get_by_label("Rationale").fill("Disclosure of physical harm to Ben, seen by Amy: both assessed")
    page.get_by_label("Ben Example").check()
    assert_accessible(page)
    submit(page, "Record decision")
    expect(page.locator(".govuk-notification-banner")).to_contain_text(
        "Decision recorded for Amy Example and Ben Example"
    )
    expect(page.get_by_test_id("decision")).to_have_count(2)
    assert Decision.objects.filter(contact_child__contact=contact).count() == 2
    assert page_errors == []
