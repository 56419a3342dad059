"""Filling and sending GOV.UK forms in Chromium, shared by the browser journeys.

`submit` waits for the page the form leads to: a click returns as soon as the event is dispatched, and an
assertion made before the response arrives would read the old page (two CI runs failed that way)."""

from datetime import date, datetime

from django.utils import timezone


def fill_date(page, name: str, day: date, time: str | None = None) -> None:
    page.fill(f"input[name={name}_day]", str(day.day))
    page.fill(f"input[name={name}_month]", str(day.month))
    page.fill(f"input[name={name}_year]", str(day.year))
    if time:
        page.fill(f"input[name={name}_time]", time)


def fill_datetime(page, name: str, moment: datetime) -> None:
    local = timezone.localtime(moment)
    fill_date(page, name, local.date(), local.strftime("%H:%M"))


def radio(page, name: str, value: str) -> None:
    page.locator(f"input[name={name}][value={value}]").check()


def tick(page, name: str, *values: str) -> None:
    for value in values:
        radio(page, name, value)


def submit(page, button: str = "Save") -> None:
    """Press the form's button and wait until the next page has loaded."""
    with page.expect_navigation():
        page.get_by_role("button", name=button).click()


def follow(link) -> None:
    """Click a link and wait until the page it leads to has loaded: checking the page straight after the
    click ran axe in a document that was being replaced (CI failed that way on the assessment journey)."""
    with link.page.expect_navigation():
        link.click()
