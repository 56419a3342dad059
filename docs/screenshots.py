"""Screenshots for the user guides, taken from a running demo (`make demo`) in headless Chromium.

.venv/bin/python docs/screenshots.py [--base http://127.0.0.1:8000] [--out docs/images]
"""

import argparse
import os
from pathlib import Path

import django
from playwright.sync_api import Page, sync_playwright

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings.dev")
django.setup()

from frontdoor.synthetic.demo import DEMO_PASSWORD as PASSWORD  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--no-first-run"]


def sign_in(page: Page, base: str, username: str) -> None:
    page.goto(f"{base}/sign-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Sign in").click()


def shoot(page: Page, out: Path, name: str, *, full: bool = True) -> None:
    page.screenshot(path=str(out / f"{name}.png"), full_page=full)
    print(f"{out / name}.png")  # noqa: T201


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--base", default="http://127.0.0.1:8000")
    parser.add_argument("--out", default="docs/images")
    options = parser.parse_args()
    out = Path(options.out)
    out.mkdir(parents=True, exist_ok=True)
    base = options.base
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path="/usr/bin/chromium", args=ARGS)
        page = browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
        page.goto(f"{base}/sign-in/")
        shoot(page, out, "sign-in")

        sign_in(page, base, "officer")
        page.goto(f"{base}/contacts/new/")
        page.fill("input[name=last_name]", "Smith")
        page.get_by_role("button", name="Search").click()
        shoot(page, out, "search")
        page.get_by_role("button", name="Sign out").click()

        sign_in(page, base, "manager")
        page.goto(f"{base}/contacts/")
        shoot(page, out, "queue", full=False)
        page.locator("[data-testid=queue] tbody tr a").first.click()
        shoot(page, out, "contact")
        page.goto(f"{base}/board/")
        shoot(page, out, "board", full=False)
        page.goto(f"{base}/board/?stage=not_seen")
        shoot(page, out, "board-not-seen", full=False)
        page.locator("[data-testid=after-row] a").first.click()
        shoot(page, out, "referral")
        page.goto(f"{base}/contacts/daily-review/")
        shoot(page, out, "daily-review", full=False)
        page.goto(f"{base}/performance/")
        shoot(page, out, "performance")
        browser.close()


if __name__ == "__main__":
    main()
