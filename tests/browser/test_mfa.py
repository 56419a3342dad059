"""Setting up an authenticator app in a real browser: the page is accessible, runs under the CSP without
errors, and the secret it shows gives codes that sign the user in."""

import base64
import re

import pytest
from django.test import override_settings
from django.urls import reverse
from django_otp.oath import totp
from playwright.sync_api import expect

from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.conftest import TEST_PASSWORD
from tests.browser.forms import submit

pytestmark = pytest.mark.browser


@override_settings(FRONTDOOR_REQUIRE_MFA=True)
def test_staff_set_up_an_authenticator_app_after_their_password(page, assert_accessible, page_errors):
    user = builders.user(builders.authority(), Role.TEAM_MANAGER)

    page.goto(reverse("login"))
    page.get_by_label("Username").fill(user.get_username())
    page.get_by_label("Password", exact=True).fill(TEST_PASSWORD)
    submit(page, "Sign in")
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile(re.escape(reverse("mfa:setup")) + r"(\?|$)"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Set up your authenticator app")
    qr = page.get_by_role("img", name="QR code to scan with your authenticator app")
    assert qr.evaluate("node => node.tagName") == "svg"
    expect(qr).to_be_visible()
    assert_accessible(page)
    assert page_errors == []

    secret = page.locator("#mfa-secret").inner_text()
    key = base64.b32decode(re.sub(r"\s", "", secret))
    page.get_by_label("Code from your authenticator app").fill(f"{totp(key):06d}")
    submit(page, "Confirm")
    page.wait_for_load_state()

    expect(page).to_have_url(re.compile(re.escape(reverse("contacts:queue")) + r"(\?|$)"))
    assert page_errors == []
