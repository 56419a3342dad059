"""The portal's child protection meetings page (issue 10): a partner sees the strategy discussions,
conferences and core groups their own agency was named at, and only what was sent to their agency;
another agency, even of the same kind, sees none of it and nothing is logged for it."""

from datetime import timedelta

import pytest
from django.urls import reverse

from frontdoor.audit.models import AccessEvent
from frontdoor.child_protection import services
from frontdoor.child_protection.models import Conference, ProtectionPlan
from frontdoor.core.templatetags.govuk import govuk_date
from frontdoor.organisations.models import AgencyKind
from frontdoor.portal import selectors
from tests import builders
from tests.child_protection.conftest import at, conclude, discuss, icpc, monday_weeks_ago, refer

pytestmark = pytest.mark.django_db


@pytest.fixture
def agencies(la):
    return {
        "mercia": builders.agency(la, "Mercia Police", AgencyKind.POLICE),
        "thames": builders.agency(la, "Thames Police", AgencyKind.POLICE),
        "health": builders.agency(la, "Worcester Health Visiting", AgencyKind.HEALTH),
    }


@pytest.fixture
def users(la, agencies):
    return {
        name: builders.partner(la, agency=agency, username=f"portal-{name}")
        for name, agency in agencies.items()
    }


@pytest.fixture
def meetings(la, manager, worker, agencies):
    """Ivy's discussion, initial conference and core group, with Mercia Police named at each and the
    health visitors invited to the conference only; Otto's discussion names no agency."""
    mercia, health = agencies["mercia"], agencies["health"]
    day = monday_weeks_ago(8)
    ivy = builders.child(la, "Ivy", "Invited")
    referral = refer(la, manager, ivy, day=day)
    discussion = discuss(worker, referral, at(day, 14), partners={"police": mercia})
    icpc_day = day + timedelta(days=14)
    icpc(
        worker,
        conclude(worker, discussion.section47_enquiry),
        icpc_day,
        attended=["police"],
        partners={"police": mercia, "health": health},
    )
    conference = Conference.objects.get()
    sent_on = icpc_day + timedelta(days=1)
    send = services.distribution_record
    send(
        actor=worker,
        conference=conference,
        items=["minutes", "plan"],
        agencies=["police", "health"],
        sent_on=sent_on,
    )
    send(actor=worker, conference=conference, items=["outcome"], agencies=["health"], sent_on=sent_on)
    plan = ProtectionPlan.objects.get(person=ivy)
    services.core_group_record(
        actor=worker,
        plan=plan,
        held_on=icpc_day + timedelta(days=7),
        attended=["police", "health"],
        partners={"police": mercia},
        notes="Internal: mother's new partner not yet checked",
    )
    otto = builders.child(la, "Otto", "Unnamed")
    other_day = monday_weeks_ago(6)
    discuss(worker, refer(la, manager, otto, day=other_day), at(other_day, 14))
    return {"ivy": ivy, "otto": otto, "day": day, "icpc_day": icpc_day, "sent_on": sent_on}


def _page(client, user):
    client.force_login(user)
    mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    page = client.get(reverse("portal:protection_meetings")).content.decode()
    logged = list(AccessEvent.objects.filter(pk__gt=mark).values_list("person_id", "purpose", "actor_id"))
    return page, logged


def test_the_agency_sees_each_meeting_it_was_named_at_and_what_was_sent_to_it(client, users, meetings):
    page, logged = _page(client, users["mercia"])

    assert page.count('data-testid="protection-meeting"') == 3
    assert page.count("Ivy Invited") == 3
    assert "Otto Unnamed" not in page
    assert page.count('data-testid="sent"') == 2
    assert f"Minutes, sent {govuk_date(meetings['sent_on'])}" in page
    assert f"Child protection plan, sent {govuk_date(meetings['sent_on'])}" in page
    assert "Outcome record" not in page  # sent to the health visitors only
    assert "new partner not yet checked" not in page  # the core group's notes
    assert "Reasonable cause" not in page  # the discussion's reasons
    assert "Police hold two call-outs" not in page  # the information shared
    assert logged == [(meetings["ivy"].pk, "portal.protection_meetings", users["mercia"].pk)]


def test_the_rows_are_newest_first_with_the_agencys_part(users, meetings):
    rows = selectors.protection_meetings_for(actor=users["mercia"])

    assert [(r.held_on, r.kind, r.children, r.invited, r.attended) for r in rows] == [
        (meetings["icpc_day"] + timedelta(days=7), "Core group meeting", ["Ivy Invited"], False, True),
        (meetings["icpc_day"], "Initial child protection conference", ["Ivy Invited"], True, True),
        (meetings["day"], "Strategy discussion", ["Ivy Invited"], True, True),
    ]
    assert [(s.item, s.sent_on) for s in rows[1].sent] == [
        ("Minutes", meetings["sent_on"]),
        ("Child protection plan", meetings["sent_on"]),
    ]


def test_an_agency_invited_to_the_conference_only_sees_that_and_its_own_three_items(client, users, meetings):
    page, logged = _page(client, users["health"])

    assert page.count('data-testid="protection-meeting"') == 1
    assert "Initial child protection conference" in page
    assert "Invited, did not attend" in page
    assert page.count('data-testid="sent"') == 3
    assert f"Outcome record, sent {govuk_date(meetings['sent_on'])}" in page
    assert logged == [(meetings["ivy"].pk, "portal.protection_meetings", users["health"].pk)]


def test_another_agency_of_the_same_kind_sees_none_and_nothing_is_logged(client, users, meetings):
    page, logged = _page(client, users["thames"])

    assert page.count('data-testid="protection-meeting"') == 0
    assert "Ivy Invited" not in page
    assert "Otto Unnamed" not in page
    assert "Your agency has not been recorded at any child protection meeting." in page
    assert logged == []


def test_another_authoritys_partner_sees_none(client, meetings):
    elsewhere = builders.authority("116", "Other (test)")
    stranger = builders.partner(elsewhere, agency=builders.agency(elsewhere, "Mercia Police"), username="far")

    page, logged = _page(client, stranger)

    assert page.count('data-testid="protection-meeting"') == 0
    assert logged == []


def test_the_page_reads_in_a_fixed_number_of_queries(users, meetings, django_assert_num_queries):
    # discussions, conferences (+ agencies, distributions, children), core groups, the access log
    with django_assert_num_queries(7):
        rows = selectors.protection_meetings_for(actor=users["mercia"])
    assert len(rows) == 3


def test_the_portal_home_links_to_the_page(client, users):
    client.force_login(users["mercia"])

    page = client.get(reverse("portal:home")).content.decode()

    assert f'href="{reverse("portal:protection_meetings")}"' in page


def test_a_restricted_child_is_never_named_to_a_partner_and_nothing_is_logged_of_them(
    client, manager, users, meetings
):
    """Partners cannot be on a restriction's named list, so the meetings stay on the agency's page
    (its own record of work) with the child in place of the name, and no access is logged."""
    from frontdoor.access.services import restriction_create

    restriction_create(actor=manager, person=meetings["ivy"], reason="adoption")

    page, logged = _page(client, users["mercia"])

    assert page.count('data-testid="protection-meeting"') == 3
    assert "Ivy" not in page
    assert page.count(selectors.RESTRICTED_CHILD) == 3
    assert logged == []
    rows = selectors.protection_meetings_for(actor=users["health"])
    assert [(r.kind, r.children, r.person_ids) for r in rows] == [
        ("Initial child protection conference", [selectors.RESTRICTED_CHILD], [])
    ]
