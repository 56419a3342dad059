"""Portal pages: the referral form answers bad input beside each field and saves nothing; drafts
are saved and resumed; a partner sees only what they referred, its outcome, and is told of it."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import Contact
from frontdoor.core.templatetags.govuk import govuk_date
from frontdoor.organisations.models import Role
from frontdoor.portal.models import Draft
from tests import builders

pytestmark = pytest.mark.django_db


def form_data(**overrides):
    data = {
        "child1-first_name": "Amara",
        "child1-last_name": "Quince",
        "child1-date_of_birth_day": "1",
        "child1-date_of_birth_month": "9",
        "child1-date_of_birth_year": "2015",
        "child1-nhs_number": "",
        "concern_categories": ["neglect"],
        "concerns": "Hungry at school every day this week.",
        "what_has_been_tried": "Breakfast club.",
        "family_knows": "yes",
        "consent": "obtained",
        "consent_rationale": "",
        "referrer_name": "Ruth Ellery",
        "referrer_role": "Designated safeguarding lead",
        "referrer_phone": "01905 000000",
        "referrer_email": "dsl@school.example",
        "action": "submit",
    }
    return data | overrides


@pytest.fixture
def school(la):
    return builders.partner(la)


def submit(client, school, **overrides):
    client.force_login(school)
    return client.post(reverse("portal:referral_new"), form_data(**overrides))


def test_sign_in_lands_a_partner_on_the_portal(client, school):
    client.force_login(school)

    response = client.get(reverse("home"))

    assert response.status_code == 302
    assert response["Location"] == reverse("portal:home")


def test_the_form_is_prefilled_with_the_referrers_details(client, school):
    client.force_login(school)

    page = client.get(reverse("portal:referral_new")).content.decode()

    assert f'value="{school.display_name}"' in page
    assert 'value="Designated safeguarding lead"' in page
    assert f'value="{school.email}"' in page


def test_a_referral_sent_gives_its_reference_and_shows_the_status(client, school):
    response = submit(client, school)

    contact = Contact.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("portal:submission", kwargs={"pk": contact.pk})
    page = client.get(response["Location"]).content.decode()
    assert f"Your reference is {contact.reference}" in page
    assert "Amara Quince" in page
    assert 'data-testid="status">Received<' in page


@pytest.mark.parametrize(
    ("overrides", "message"),
    [
        ({"child1-nhs_number": "943 476 5918"}, "This NHS number is not valid: check the digits"),
        ({"child1-nhs_number": "12345"}, "Enter a 10-digit NHS number, like 943 476 5919"),
        ({"child1-date_of_birth_month": "13"}, "Date of birth must be a real date"),
        (
            {"child1-date_of_birth_year": str(timezone.localdate().year + 1)},
            "Date of birth must be today or in the past",
        ),
        ({"child1-date_of_birth_year": "2000"}, "The child must be under 18: check the date of birth"),
        ({"child1-last_name": ""}, "Enter last name"),
        ({"concerns": ""}, "Describe what has happened and what worries you"),
        ({"concern_categories": []}, "Choose at least one kind of concern"),
        (
            {"family_knows": "no"},
            "If the family does not know about this referral, they cannot have consented",
        ),
        ({"consent": "not_sought"}, "Explain why the family has not consented, or why you did not ask them"),
        (
            {"referrer_email": "not an email"},
            "Enter an email address in the correct format, like name@example.com",
        ),
    ],
)
def test_bad_input_is_answered_beside_the_field_and_nothing_is_saved(client, school, overrides, message):
    response = submit(client, school, **overrides)

    page = response.content.decode()
    assert response.status_code == 200
    assert page.count(message) == 2  # in the error summary and beside the field
    assert 'class="govuk-error-summary"' in page
    assert page.startswith("<!DOCTYPE html>")
    assert "<title>Error: " in page
    assert Contact.objects.count() == 0
    assert Draft.objects.count() == 0


def test_a_second_child_is_optional_but_checked_once_started(client, school):
    response = submit(client, school, **{"child2-first_name": "Kit"})

    page = response.content.decode()
    assert "Enter last name" in page
    assert Contact.objects.count() == 0

    submit(
        client,
        school,
        **{
            "child2-first_name": "Kit",
            "child2-last_name": "Quince",
            "child2-date_of_birth_day": "3",
            "child2-date_of_birth_month": "2",
            "child2-date_of_birth_year": "2018",
        },
    )
    assert [j.person.first_name for j in Contact.objects.get().children.order_by("pk")] == ["Amara", "Kit"]


def test_a_draft_is_saved_unchecked_and_resumed_with_what_was_typed(client, school):
    response = submit(client, school, action="save", concerns="", **{"child1-nhs_number": "123"})

    draft = Draft.objects.get()
    assert response["Location"] == reverse("portal:draft", kwargs={"pk": draft.pk})
    assert draft.owner == school
    assert draft.answers["child1-nhs_number"] == ["123"]
    assert "action" not in draft.answers
    assert "csrfmiddlewaretoken" not in draft.answers
    page = client.get(response["Location"]).content.decode()
    assert 'value="Amara"' in page
    assert 'value="2015"' in page
    assert 'value="123"' in page
    assert "govuk-error-summary" not in page
    home = client.get(reverse("portal:home")).content.decode()
    assert "Amara Quince</a>, saved" in home


def test_sending_a_draft_removes_it(client, school):
    submit(client, school, action="save")
    draft = Draft.objects.get()

    response = client.post(reverse("portal:draft", kwargs={"pk": draft.pk}), form_data())

    assert response.status_code == 302
    assert Draft.objects.count() == 0
    assert Contact.objects.count() == 1


def test_another_partners_draft_and_referral_are_not_found(client, la, school):
    submit(client, school, action="save")
    submit(client, school)
    draft, contact = Draft.objects.get(), Contact.objects.get()
    other = builders.partner(la)
    client.force_login(other)
    mark = AccessEvent.objects.count()

    for url in (
        reverse("portal:draft", kwargs={"pk": draft.pk}),
        reverse("portal:submission", kwargs={"pk": contact.pk}),
    ):
        response = client.get(url)
        assert response.status_code == 404
        assert "Amara" not in response.content.decode()
    response = client.post(reverse("portal:draft_delete", kwargs={"pk": draft.pk}))
    assert response.status_code == 404
    assert Draft.objects.count() == 1
    assert "Amara" not in client.get(reverse("portal:home")).content.decode()
    assert AccessEvent.objects.count() == mark


def test_the_partner_is_told_of_the_decision_and_sees_the_outcome(client, la, school, manager):
    submit(client, school)
    journey = Contact.objects.get().children.get()
    contact_services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome="early_help",
        need_level=builders.level(la, 2),
        rationale="Early help through school",
    )

    home = client.get(reverse("portal:home")).content.decode()
    assert "You have 1 new notification." in home
    notes = client.get(reverse("portal:notifications")).content.decode()
    assert f"Decision on {journey.contact.reference} for Amara Quince: Step down to early help" in notes
    page = client.get(reverse("portal:submission", kwargs={"pk": journey.contact_id})).content.decode()
    assert 'data-testid="outcome">Step down to early help<' in page
    assert "Early help through school" not in page  # the manager's rationale stays with the front door

    client.post(reverse("portal:notifications_read"))
    assert "new notification" not in client.get(reverse("portal:home")).content.decode()


def test_checks_for_the_agency_appear_and_are_answered_in_the_portal(client, la, school, officer, manager):
    contact = contact_services.contact_record(
        actor=officer,
        children=[builders.child(la, "Zed", "Ashdown")],
        received_at=timezone.now() - timedelta(hours=1),
        channel="phone",
        source="6",
        concerns="Police attended.",
        concern_categories=["domestic_abuse"],
        consent="obtained",
    )
    check = contact_services.partner_check_request(
        actor=manager, contact=contact, agency=school.partner_agency, question="Attendance?"
    )
    client.force_login(school)

    home = client.get(reverse("portal:home")).content.decode()
    assert contact.reference in home
    page = client.get(reverse("portal:check", kwargs={"pk": check.pk})).content.decode()
    assert "Zed Ashdown" in page
    assert "Attendance?" in page
    bad = client.post(reverse("portal:check", kwargs={"pk": check.pk}), {"response": ""})
    assert "Enter what your agency knows, or that it holds nothing" in bad.content.decode()
    response = client.post(reverse("portal:check", kwargs={"pk": check.pk}), {"response": "Attendance 71%."})

    assert response.status_code == 302
    check.refresh_from_db()
    assert check.response == "Attendance 71%."
    assert check.recorded_by == school
    assert check.clock.completed_at == check.responded_at


def test_a_check_for_another_agency_is_not_found(client, la, school, officer, manager):
    contact = contact_services.contact_record(
        actor=officer,
        children=[builders.child(la, "Zed", "Ashdown")],
        received_at=timezone.now() - timedelta(hours=1),
        channel="phone",
        source="6",
        concerns="Police attended.",
        concern_categories=["domestic_abuse"],
        consent="obtained",
    )
    check = contact_services.partner_check_request(actor=manager, contact=contact, agency=builders.agency(la))
    client.force_login(school)

    response = client.get(reverse("portal:check", kwargs={"pk": check.pk}))
    post = client.post(reverse("portal:check", kwargs={"pk": check.pk}), {"response": "Known"})

    assert response.status_code == post.status_code == 404
    assert "Zed Ashdown" not in response.content.decode()
    check.refresh_from_db()
    assert check.responded_at is None


@pytest.mark.parametrize(
    "name",
    [
        "contacts:queue",
        "oversight:board",
        "people:search",
        "performance:overview",
        "clocks:calendar",
        "contacts:new",
        "api:contacts",
    ],
)
def test_partners_never_reach_staff_pages(client, school, name):
    client.force_login(school)

    response = client.get(reverse(name))

    assert response.status_code == 403


def test_staff_navigation_is_not_shown_to_partners_and_staff_cannot_use_the_portal(client, la, school):
    client.force_login(school)
    page = client.get(reverse("portal:home")).content.decode()
    assert ">Queue<" not in page
    assert "Live board" not in page
    assert "Find a child" not in page
    assert "Make a referral" in page

    client.force_login(builders.user(la, Role.TEAM_MANAGER))
    assert client.get(reverse("portal:home")).status_code == 403


def test_plans_whose_meetings_the_agency_is_invited_to_are_listed_and_others_are_not(
    client, la, school, manager
):
    from frontdoor.plans.services import cin_plan_start

    invited_child = builders.child(la, "Ivy", "Invited")
    other_child = builders.child(la, "Otto", "Uninvited")
    plan = cin_plan_start(
        actor=manager,
        referral=builders.referral(la, manager, person=invited_child),
        start_date=timezone.localdate(),
        involved=[school.partner_agency],
        invited=[school.partner_agency],
    )
    cin_plan_start(
        actor=manager,
        referral=builders.referral(la, manager, person=other_child),
        start_date=timezone.localdate(),
        involved=[school.partner_agency],
    )
    client.force_login(school)
    mark = AccessEvent.objects.count()

    page = client.get(reverse("portal:meetings")).content.decode()

    assert page.count('data-testid="plan"') == 1
    assert "Ivy Invited" in page
    assert "Otto Uninvited" not in page
    assert f"Due by {govuk_date(plan.review_clock.due_at)}" in page
    assert list(AccessEvent.objects.filter(pk__gt=mark).values_list("person_id", "purpose")) == [
        (invited_child.pk, "portal.meetings")
    ]


def test_a_restricted_childs_plan_is_not_listed_to_a_partner(client, la, school, manager):
    from frontdoor.access.services import restriction_create
    from frontdoor.plans.services import cin_plan_start

    child = builders.child(la, "Rhea", "Restricted")
    cin_plan_start(
        actor=manager,
        referral=builders.referral(la, manager, person=child),
        start_date=timezone.localdate(),
        involved=[school.partner_agency],
        invited=[school.partner_agency],
    )
    restriction_create(actor=manager, person=child, reason="staff")
    client.force_login(school)
    mark = AccessEvent.objects.count()

    page = client.get(reverse("portal:meetings")).content.decode()

    assert page.count('data-testid="plan"') == 0
    assert "Rhea" not in page
    assert AccessEvent.objects.filter(pk__gt=mark).count() == 0
