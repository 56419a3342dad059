"""The front door end to end, as staff use it: a contact officer records a contact about two
siblings; a team manager screens it, asks the police what they know, records the answer, and decides
for each child; the children leave the queue. Every page on the way has no accessibility violations."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.contacts.models import ContactChild, Decision
from frontdoor.organisations.models import Role
from tests import builders
from tests.browser.forms import fill_datetime, follow, submit

pytestmark = pytest.mark.browser


@pytest.fixture
def front_door():
    la = builders.authority()
    amy, ben = builders.child(la, "Amy", "Example"), builders.child(la, "Ben", "Example")
    builders.living_together(la, amy, ben)
    builders.agency(la, "Mercia Police")
    return {
        "officer": builders.user(la, Role.CONTACT_OFFICER, "olive.officer"),
        "manager": builders.user(la, Role.TEAM_MANAGER, "max.manager"),
    }


def sign_out(page):
    submit(page, "Sign out")


def add_child_by_search(page, first_name):
    page.fill("input[name=last_name]", "Exmaple")  # a typing slip: the search still finds them
    submit(page, "Search")
    submit(page, f"Add to contact {first_name} Example")


def test_contact_for_two_siblings_from_receipt_to_decision(
    page, signed_in_page, front_door, assert_accessible, page_errors
):
    # A contact officer records the contact.
    signed_in_page(front_door["officer"])
    page.goto(reverse("contacts:new"))
    assert_accessible(page)
    add_child_by_search(page, "Amy")
    assert_accessible(page)
    add_child_by_search(page, "Ben")
    expect(page.get_by_test_id("draft-children").locator("dt")).to_have_text(["Amy Example", "Ben Example"])
    page.get_by_test_id("continue").click()

    # Saying consent was not sought without a reason is refused beside the field, nothing saved.
    fill_datetime(page, "received_at", timezone.now() - timedelta(hours=1))
    page.get_by_label("Telephone").check()
    page.get_by_label("Who made the contact? (DfE referral source)").select_option("2A")
    page.get_by_label("Physical abuse").check()
    page.get_by_label("What happened, and what is the worry?").fill("Amy said her step-dad hit Ben.")
    page.get_by_label("Not sought", exact=True).check()
    submit(page, "Record contact")
    expect(page).to_have_title(re.compile(r"^Error: "))
    expect(page.locator(".govuk-error-summary")).to_contain_text("Explain why consent was not obtained")
    assert_accessible(page)
    assert ContactChild.objects.count() == 0

    page.get_by_label("Why was consent not obtained, not sought or overridden?").fill(
        "Asking could place the children at greater risk"
    )
    submit(page, "Record contact")
    expect(page.get_by_role("heading", level=1)).to_have_text("Amy Example and Ben Example")
    assert_accessible(page)
    sign_out(page)

    # The team manager sees both children in the queue, screens, checks with the police, decides.
    signed_in_page(front_door["manager"])
    page.goto(reverse("contacts:queue"))
    expect(page.get_by_test_id("queue").locator("tbody tr")).to_have_count(2)
    assert_accessible(page)
    follow(page.get_by_role("link", name="Amy Example"))

    follow(page.get_by_role("link", name="Screen Amy Example"))
    page.get_by_label("Amber").check()
    page.get_by_label("Why this rating?").fill("Disclosure of physical harm to a sibling")
    page.get_by_label("Guidance to the worker").fill("Police and school checks today")
    assert_accessible(page)
    submit(page, "Save screening")

    follow(page.get_by_role("link", name="Request a partner check"))
    page.get_by_label("Agency").select_option(label="Mercia Police")
    submit(page, "Request check")
    expect(page.get_by_test_id("stage").first).to_have_text(re.compile("^" + re.escape("Partner checks out")))

    follow(page.get_by_role("link", name="Record answer from Mercia Police"))
    fill_datetime(page, "responded_at", timezone.now())
    page.get_by_label("What did they say?").fill("Two domestic incidents at the address this year")
    assert_accessible(page)
    submit(page, "Save answer")

    follow(page.get_by_role("link", name="Decide for Amy Example"))
    page.get_by_label("Referral for a social work assessment").check()
    page.get_by_label("Level 4: Statutory social work").check()
    submit(page, "Record decision")
    expect(page.locator(".govuk-error-summary")).to_contain_text("Enter the rationale")
    assert_accessible(page)
    page.get_by_label("Rationale").fill("Disclosure plus police history: assessment needed")
    submit(page, "Record decision")

    follow(page.get_by_role("link", name="Decide for Ben Example"))
    page.get_by_label("Referral for a social work assessment").check()
    page.get_by_label("Level 4: Statutory social work").check()
    page.get_by_label("Rationale").fill("The disclosure was about Ben")
    submit(page, "Record decision")
    expect(page.get_by_test_id("decision")).to_have_count(2)

    # Both have left the queue, and the board says nothing is waiting.
    page.goto(reverse("contacts:queue"))
    expect(page.get_by_text("No children are waiting at this stage.")).to_be_visible()
    page.goto(reverse("oversight:board"))
    expect(page.get_by_test_id("summary")).to_have_text("0 open")
    assert_accessible(page)
    assert Decision.objects.count() == 2
    assert page_errors == []
