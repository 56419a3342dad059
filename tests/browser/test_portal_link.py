"""The front door decides the link the partner portal proposed (issue 17 §3): a school refers a child
the register may already hold; a team manager opens the contact, follows "Confirm or reject the link",
sees each candidate with its band and reasons, is stopped beside the field without a reason, then
confirms another candidate, or rejects them all so a new child is recorded. No accessibility
violations on the pages."""

import re
from datetime import date

import pytest
from django.urls import reverse
from playwright.sync_api import expect

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts.models import LinkProposal
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person
from frontdoor.portal import services as portal
from tests import builders
from tests.browser.forms import follow, submit

pytestmark = pytest.mark.browser

DETAILS = portal.ReferralDetails(
    concern_categories=["neglect"],
    concerns="Hungry at school every day.",
    what_has_been_tried="Breakfast club.",
    family_knows=True,
    consent="obtained",
    consent_rationale="",
    referrer_name="Ruth Ellery",
    referrer_role="DSL",
    referrer_phone="01905 000000",
    referrer_email="dsl@school.example",
)


@pytest.fixture
def referred():
    """Two Amara Quinces on the register (born 1 September and 9 January 2015) and a school's
    referral about an Amara Quince born 1 September 2015."""
    la = builders.authority()
    known = builders.child(la, "Amara", "Quince", dob=date(2015, 9, 1))
    swapped = builders.child(la, "Amara", "Quince", dob=date(2015, 1, 9))
    child = portal.ChildDetails("Amara", "Quince", date(2015, 9, 1))
    referral = portal.portal_referral_submit(actor=builders.partner(la), children=[child], details=DETAILS)
    journey = referral.contact.children.get()
    return {
        "manager": builders.user(la, Role.TEAM_MANAGER, "max.manager"),
        "journey": journey,
        "known": known,
        "swapped": swapped,
    }


def open_link_page(page, signed_in_page, referred):
    signed_in_page(referred["manager"])
    journey = referred["journey"]
    page.goto(reverse("contacts:detail", args=[journey.contact_id]))
    follow(page.get_by_role("link", name="Confirm or reject the link"))
    expect(page).to_have_url(re.compile(re.escape(reverse("contacts:link", args=[journey.pk])) + "$"))


def test_the_front_door_confirms_another_candidate_with_a_reason(
    page, signed_in_page, referred, assert_accessible, page_errors
):
    open_link_page(page, signed_in_page, referred)
    known, swapped = referred["known"], referred["swapped"]
    cards = page.get_by_test_id("candidate")
    expect(cards).to_have_count(2)
    expect(cards.nth(0)).to_contain_text("Match Amara Quince, born Tue 1 Sep 2015")
    expect(cards.nth(0)).to_contain_text("Same date of birth")
    expect(cards.nth(1)).to_contain_text("Match Amara Quince, born Fri 9 Jan 2015")
    expect(cards.nth(1)).to_contain_text("Date of birth matches with day and month swapped (01/09 ↔ 09/01)")
    assert_accessible(page)

    page.locator(f'input[name=person][value="{swapped.pk}"]').check()
    submit(page, "Save")
    summary = page.locator(".govuk-error-summary")
    expect(summary.get_by_role("link")).to_have_text(["Say why: what you checked and what you found"])
    expect(page.locator(".govuk-error-message")).to_have_text(
        ["Error: Say why: what you checked and what you found"]
    )
    assert_accessible(page)
    journey = referred["journey"]
    journey.refresh_from_db()
    assert (journey.person_id, journey.link_proposal.status) == (known.pk, "pending")  # nothing changed

    page.locator(f'input[name=person][value="{swapped.pk}"]').check()
    page.get_by_label("Why? What did you check?").fill("The school's records give 9 January 2015")
    submit(page, "Save")
    expect(page.get_by_text("Link recorded")).to_be_visible()
    expect(page.get_by_role("link", name="Confirm or reject the link")).to_have_count(0)

    proposal = LinkProposal.objects.get()
    proposal.journey.refresh_from_db()
    assert (proposal.status, proposal.reason, proposal.journey.person_id, proposal.decided_by) == (
        "confirmed",
        "The school's records give 9 January 2015",
        swapped.pk,
        referred["manager"],
    )
    assert AuditEvent.objects.filter(action="contact.link_decided", person_id=swapped.pk).count() == 1
    page.goto(reverse("contacts:link", args=[journey.pk]))
    expect(page.get_by_test_id("decided")).to_have_text(
        "Link confirmed: The school's records give 9 January 2015"
    )
    assert page_errors == []


def test_the_front_door_rejects_every_candidate_and_a_new_child_is_recorded(
    page, signed_in_page, referred, assert_accessible, page_errors
):
    people = Person.objects.count()
    open_link_page(page, signed_in_page, referred)
    page.get_by_label("None of these: record a new child").check()
    page.get_by_label("Why? What did you check?").fill("Different school and a different mother")
    submit(page, "Save")
    expect(page.get_by_text("Link recorded")).to_be_visible()
    assert_accessible(page)

    proposal = LinkProposal.objects.get()
    new = proposal.journey.person
    assert proposal.status == "rejected"
    assert (new.full_name, new.date_of_birth, Person.objects.count()) == (
        "Amara Quince",
        date(2015, 9, 1),
        people + 1,
    )
    assert new.pk not in {referred["known"].pk, referred["swapped"].pk}
    assert page_errors == []
