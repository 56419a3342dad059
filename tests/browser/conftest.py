"""Browser tests: Debian's headless Chromium, driven by Playwright's sync API, against live_server.

Fixtures:
    browser          one Chromium for the session
    page             a fresh context and page per test, base_url = live_server.url
    page_errors      console errors, uncaught exceptions and CSP violations seen by `page`
    signed_in_page   signed_in_page(user, password=TEST_PASSWORD) signs in through the form, returns the page
    assert_accessible  assert_accessible(page, context=None) runs axe-core; fails with one line per violation
Every test here is marked `browser` and is skipped when /usr/bin/chromium is absent.
"""

import os
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlparse

import pytest
from django.urls import reverse

from tests.browser.forms import submit

# Playwright's sync API runs an event loop in this thread; Django's ORM would refuse to run beside it.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
]
TEST_PASSWORD = "correct horse battery"  # the password tests/builders.py gives every user
HERE = Path(__file__).parent
# WCAG 2.2 A and AA, plus axe's best practices (landmarks, one h1, heading order).
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    skip = pytest.mark.skip(reason=f"chromium not found at {CHROMIUM}: browser tests skipped")
    for item in items:
        if HERE in Path(item.path).parents:
            item.add_marker(pytest.mark.browser)
            if not CHROMIUM.exists():
                item.add_marker(skip)


@pytest.fixture(scope="session")
def browser() -> Iterator:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield chromium
        chromium.close()


@pytest.fixture
def page_errors() -> list[str]:
    return []


@pytest.fixture
def page(browser, live_server, transactional_db, page_errors: list[str]) -> Iterator:
    context = browser.new_context(base_url=live_server.url, locale="en-GB", timezone_id="Europe/London")
    context.set_default_timeout(10_000)
    new_page = context.new_page()

    def on_console(message) -> None:
        if message.type == "error":
            page_errors.append(message.text)

    new_page.on("console", on_console)
    new_page.on("pageerror", lambda error: page_errors.append(str(error)))
    yield new_page
    context.close()


@pytest.fixture
def signed_in_page(page) -> Callable:
    def sign_in(user, password: str = TEST_PASSWORD):
        login_path = reverse("login")
        page.goto(login_path)
        page.get_by_label("Username").fill(user.get_username())
        page.get_by_label("Password", exact=True).fill(password)
        submit(page, "Sign in")
        if urlparse(page.url).path == login_path:
            summary = page.locator(".govuk-error-summary").all_inner_texts()
            raise AssertionError(f"Could not sign in as {user.get_username()}: {summary or page.title()}")
        return page

    return sign_in


def format_violations(violations: list[dict]) -> str:
    lines = []
    for violation in violations:
        targets = ", ".join(" ".join(map(str, node["target"])) for node in violation["nodes"])
        lines.append(f"- {violation['id']} ({violation['impact']}): {violation['help']} [{targets}]")
    return "\n".join(lines)


@pytest.fixture
def assert_accessible() -> Callable:
    from axe_playwright_python.sync_playwright import Axe

    axe = Axe()

    def check(page, *, context: dict | None = None, options: dict | None = None) -> None:
        """context limits the check to part of the page, e.g. {"include": [["header"]]}."""
        page.wait_for_load_state()
        violations = axe.run(page, context=context, options=options or AXE_OPTIONS).response["violations"]
        if violations:
            summary = f"{len(violations)} accessibility violation(s) on {page.url}:"
            pytest.fail(f"{summary}\n{format_violations(violations)}", pytrace=False)

    return check
