"""A school refers online and is told the outcome: a designated safeguarding lead signs in, lands on
the portal, gets an error beside a field, saves a draft, comes back to it and sends it; a team
manager decides through the front-door services; the school sees the decision. Every portal page has
no accessibility violations."""

import re

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import Contact
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import follow, submit

pytestmark = pytest.mark.browser


@pytest.fixture
def school():
    la = builders.authority()
    return {
        "dsl": builders.partner(la, username="ruth.dsl"),
        "manager": builders.user(la, Role.TEAM_MANAGER, "max.manager"),
        "la": la,
    }


def test_a_school_refers_a_child_and_sees_the_outcome(
    page, signed_in_page, school, assert_accessible, page_errors
):
    signed_in_page(school["dsl"])
    expect(page).to_have_url(re.compile(re.escape(reverse("portal:home")) + r"(\?|$)"))
    assert_accessible(page)

    follow(page.get_by_role("link", name="Make a referral").first)
    assert_accessible(page)
    page.fill("input[name=child1-first_name]", "Amara")
    page.fill("input[name=child1-last_name]", "Quince")
    page.fill("input[name=child1-date_of_birth_day]", "1")
    page.fill("input[name=child1-date_of_birth_month]", "9")
    page.fill("input[name=child1-date_of_birth_year]", "2015")
    page.fill("input[name=child1-nhs_number]", "943 476 5918")  # one digit wrong
    submit(page, "Save as draft")
    expect(page.get_by_text("Draft saved. You can come back to it")).to_be_visible()

    page.goto(reverse("portal:home"))
    follow(page.get_by_role("link", name="Amara Quince"))
    expect(page.locator("input[name=child1-nhs_number]")).to_have_value("943 476 5918")
    page.get_by_label("Neglect").check()
    page.get_by_label("What has happened, and what worries you?").fill(
        "Hungry at school every day this week."
    )
    page.get_by_label("What has been tried already?").fill("Breakfast club since September.")
    page.locator("input[name=family_knows][value=yes]").check()
    page.locator("input[name=consent][value=obtained]").check()
    page.get_by_label("Telephone number").fill("01905 000000")
    submit(page, "Send referral")

    summary = page.locator(".govuk-error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_have_text(["This NHS number is not valid: check the digits"])
    assert_accessible(page)
    page.fill("input[name=child1-nhs_number]", "943 476 5919")
    submit(page, "Send referral")

    contact = Contact.objects.get()
    expect(page.get_by_text(f"Your reference is {contact.reference}")).to_be_visible()
    expect(page.get_by_test_id("status")).to_have_text("Received")
    assert_accessible(page)

    journey = contact.children.get()
    contact_services.contact_child_decide(
        actor=school["manager"],
        journey=journey,
        version=journey.version,
        outcome="early_help",
        need_level=builders.level(school["la"], 2),
        rationale="Early help led by the school",
    )

    page.goto(reverse("portal:home"))
    expect(page.get_by_test_id("unread")).to_have_text(
        re.compile("^" + re.escape("You have 1 new notification."))
    )
    follow(page.get_by_role("link", name="Read your notifications"))
    assert_accessible(page)
    follow(page.get_by_role("link", name=f"Decision on {contact.reference} for Amara Quince"))
    expect(page.get_by_test_id("outcome")).to_have_text("Step down to early help")
    expect(page.get_by_test_id("status")).to_have_text("Decided")
    assert_accessible(page)
    follow(page.get_by_role("link", name="Plans and meetings"))
    expect(page.get_by_role("heading", name="Plans and meetings")).to_be_visible()
    assert_accessible(page)
    assert page_errors == []
