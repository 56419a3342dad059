"""Restricted records in the partner portal (ADR 0007): partners are never on a restriction's named
list, so no portal page names a restricted child or gives their date of birth, and no access event
is written for them. The unrestricted sibling on the same contact is named as before."""

from datetime import date

import pytest
from django.urls import reverse

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import ContactChild
from frontdoor.core.templatetags.govuk import govuk_date
from frontdoor.people.models import Person
from frontdoor.portal import selectors
from frontdoor.portal.models import PortalReferral
from tests import builders

HIDDEN_BORN = date(2014, 5, 17)


@pytest.fixture
def school(front, la):
    Person.objects.filter(pk=front.hidden.pk).update(date_of_birth=HIDDEN_BORN)
    return builders.partner(la)


@pytest.fixture
def check(front, school, manager):
    return contact_services.partner_check_request(
        actor=manager, contact=front.contact, agency=school.partner_agency, question="Attendance?"
    )


@pytest.fixture
def referred(front, school):
    """The contact as if the school had referred both children through the portal."""
    return PortalReferral.objects.create(
        authority=front.contact.authority,
        contact=front.contact,
        agency=school.partner_agency,
        submitted_by=school,
        submitted_at=front.contact.received_at,
        what_has_been_tried="Breakfast club",
        family_knows=True,
        referrer_role="Designated safeguarding lead",
        referrer_phone="01905 000000",
        referrer_email="dsl@school.example",
    )


def _read(client, user, url) -> tuple[str, list[tuple[int, str]]]:
    client.force_login(user)
    mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(url)
    assert response.status_code == 200
    logged = list(AccessEvent.objects.filter(pk__gt=mark).values_list("person_id", "purpose"))
    return response.content.decode(), logged


def _hides_sable(page: str) -> None:
    assert "Sable" not in page
    assert "Hidden" not in page  # the surname
    assert govuk_date(HIDDEN_BORN) not in page


def test_the_check_page_never_names_a_restricted_child_or_their_birth_date(client, front, school, check):
    page, logged = _read(client, school, reverse("portal:check", kwargs={"pk": check.pk}))

    _hides_sable(page)
    assert page.count(selectors.RESTRICTED_CHILD) == 1
    assert "Tom Open" in page
    assert logged == [(front.open.pk, "portal.check")]


def test_the_check_list_and_notifications_log_only_the_unrestricted_child(client, front, school, check):
    page, logged = _read(client, school, reverse("portal:home"))
    _hides_sable(page)
    assert front.contact.reference in page
    assert logged == [(front.open.pk, "portal.checks")]

    page, logged = _read(client, school, reverse("portal:notifications"))
    _hides_sable(page)
    assert logged == [(front.open.pk, "portal.notifications")]


def test_a_referral_the_partner_made_shows_the_restricted_child_unnamed(
    client, front, school, referred, manager
):
    journey = ContactChild.objects.get(contact=front.contact, person=front.hidden)
    contact_services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome="nfa",
        need_level=builders.level(front.contact.authority, 1),
        rationale="No further action needed",
    )

    home, logged = _read(client, school, reverse("portal:home"))
    _hides_sable(home)
    assert home.count(selectors.RESTRICTED_CHILD) == 1
    assert "Tom Open" in home
    assert logged == [(front.open.pk, "portal.submissions")]

    page, logged = _read(client, school, reverse("portal:submission", kwargs={"pk": front.contact.pk}))
    _hides_sable(page)
    assert page.count(selectors.RESTRICTED_CHILD) == 1
    assert page.count('data-testid="outcome"') == 1  # the referrer is still told the outcome
    assert logged == [(front.open.pk, "portal.submission")]

    page, logged = _read(client, school, reverse("portal:notifications"))
    _hides_sable(page)
    assert f"Decision on {front.contact.reference} for {selectors.RESTRICTED_CHILD}" in page
    assert logged == []  # the only decision so far is the restricted child's
