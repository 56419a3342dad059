"""The sign-in page in a real browser: GOV.UK styling and scripts run under the CSP, it is accessible,
and it signs staff in and out."""

import re
from urllib.parse import urlparse

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from frontdoor.organisations.models import Authority, Role, User
from tests.browser.conftest import TEST_PASSWORD
from tests.browser.forms import submit

DASH = "\N{EN DASH}"

pytestmark = pytest.mark.browser


@pytest.fixture
def manager() -> User:
    authority = Authority.objects.create(la_code="885", name="Worcestershire (test)")
    return User.objects.create_user(
        username="sam.patel",
        password=TEST_PASSWORD,
        authority=authority,
        role=Role.TEAM_MANAGER,
        first_name="Sam",
        last_name="Patel",
    )


def test_sign_in_page_renders_with_govuk_frontend_running(page, page_errors):
    page.goto(reverse("login"))

    expect(page).to_have_title(f"Sign in {DASH} Frontdoor")
    expect(page.get_by_role("heading", level=1)).to_have_text("Sign in to Frontdoor")
    # The nonced inline script ran, and govuk-frontend.min.js started the password input's Show button.
    assert re.search(r"\bgovuk-frontend-supported\b", page.locator("body").get_attribute("class"))
    expect(page.get_by_role("button", name="Show password")).to_be_visible()
    # htmx is loaded from 'self' and configured not to inject inline styles (blocked by the CSP).
    assert page.evaluate("() => window.htmx.config.includeIndicatorStyles") is False
    assert page_errors == []


def test_sign_in_page_is_accessible(page, assert_accessible):
    page.goto(reverse("login"))

    assert_accessible(page)


def test_wrong_password_shows_the_error_summary(page, manager, assert_accessible, page_errors):
    page.goto(reverse("login"))
    page.get_by_label("Username").fill("sam.patel")
    page.get_by_label("Password", exact=True).fill("not the password")
    submit(page, "Sign in")

    summary = page.locator(".govuk-error-summary")
    expect(page).to_have_title(f"Error: Sign in {DASH} Frontdoor")
    expect(summary.get_by_role("heading")).to_have_text("There is a problem")
    expect(summary.get_by_role("link")).to_have_count(1)
    assert summary.evaluate("element => element === document.activeElement")  # GOV.UK JS moved focus
    assert_accessible(page)
    assert page_errors == []


def test_empty_form_links_each_error_to_its_field(page, manager, assert_accessible):
    page.goto(reverse("login"))
    submit(page, "Sign in")

    links = page.locator(".govuk-error-summary a")
    expect(links).to_have_count(2)
    assert [links.nth(i).get_attribute("href") for i in range(2)] == ["#id_username", "#id_password"]
    expect(page.locator("#id_username.govuk-input--error")).to_have_count(1)
    assert_accessible(page)


def test_signing_in_lands_on_home_and_signing_out_returns_to_sign_in(
    signed_in_page, manager, assert_accessible, page_errors
):
    page = signed_in_page(manager)

    assert urlparse(page.url).path != reverse("login")
    header = page.locator(".app-header")
    expect(header).to_contain_text("Sam Patel")
    expect(header).to_contain_text("Team manager")
    expect(page.get_by_role("link", name="Queue", exact=True)).to_have_count(1)
    assert_accessible(page, context={"include": [["header"], ["footer"]]})

    submit(page, "Sign out")
    page.wait_for_load_state()
    expect(page).to_have_url(re.compile(re.escape(reverse("login")) + r"(\?|$)"))
    expect(page.get_by_role("button", name="Sign out")).to_have_count(0)
    assert page_errors == []
