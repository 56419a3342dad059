"""The access and data-protection pages render without script errors or accessibility violations."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.access import services as access_services
from frontdoor.contacts import services
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import submit

pytestmark = pytest.mark.browser


def test_restriction_break_glass_notice_and_subject_access_pages_are_accessible(
    page, signed_in_page, assert_accessible, page_errors
):
    la = builders.authority()
    officer, manager = builders.user(la, Role.CONTACT_OFFICER), builders.user(la, Role.TEAM_MANAGER)
    amy = builders.child(la, "Amy", "Example")
    services.contact_record(
        actor=officer, children=[amy], received_at=timezone.now() - timedelta(hours=3), channel="phone",
        source="1A", referrer_name="Jo Example", concerns="Worried", concern_categories=["neglect"],
        consent="obtained",
    )  # fmt: skip
    restriction = access_services.restriction_create(actor=manager, person=amy, reason="high_profile")
    access_services.break_glass_grant(actor=officer, person=amy, reason="Police at the door")
    signed_in_page(manager)
    for url in (
        reverse("records:restrictions"),
        reverse("records:restriction_review", args=[restriction.pk]),
        reverse("notifications:list"),
        reverse("records:subject_access", args=[amy.pk]),
        reverse("records:break_glass", args=[amy.pk]),
        reverse("records:child", args=[amy.pk]),
    ):
        page.goto(url)
        assert_accessible(page)
    page.goto(reverse("records:break_glass", args=[amy.pk]))
    submit(page, "Open the record")
    expect(page).to_have_title(re.compile(r"^Error: "))
    assert_accessible(page)
    assert page_errors == []
