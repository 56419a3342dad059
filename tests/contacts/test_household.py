"""Household repeat contacts (issue 17 §4): contacts about anyone in the child's household, counted
over 12 months against the authority's threshold, with the reasons in words."""

from datetime import UTC, datetime, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdoor.contacts import rules, services
from frontdoor.contacts.models import Contact, ContactChild, Stage
from frontdoor.contacts.rules import HouseholdContact
from frontdoor.people import services as people_services
from frontdoor.people.models import Relationship, Residence
from tests import builders

NOW = datetime(2026, 6, 1, 10, 0, tzinfo=UTC)


def hc(key, when, *about, mine=False):
    return HouseholdContact(contact_key=key, received_at=when, about=about, about_this_child=mine)


def test_third_contact_about_the_household_is_flagged_with_names_and_dates():
    contacts = [
        hc("1", datetime(2026, 3, 12, tzinfo=UTC), "Ben", mine=True),
        hc("2", datetime(2026, 5, 2, tzinfo=UTC), "his sister Amy"),
        hc("3", NOW, "his mother's partner Dan"),
    ]
    assert rules.household_reasons(received_at=NOW, contacts=contacts) == [
        "3 contacts in 12 months about this household: Ben (12 Mar), his sister Amy (2 May), "
        "his mother's partner Dan (1 Jun)"
    ]


def test_two_contacts_or_a_contact_older_than_12_months_do_not_count():
    old = hc("0", NOW - timedelta(days=366), "his sister Amy")
    two = [hc("1", NOW - timedelta(days=30), "his sister Amy"), hc("2", NOW, "Ben", mine=True)]
    assert rules.household_reasons(received_at=NOW, contacts=[old, *two]) == []


def test_a_contact_about_two_members_counts_once_and_names_both():
    contacts = [
        hc("1", NOW - timedelta(days=60), "Ben", "his sister Amy", mine=True),
        hc("1", NOW - timedelta(days=60), "Ben", "his sister Amy", mine=True),
        hc("2", NOW, "Ben", mine=True),
    ]
    assert rules.household_reasons(received_at=NOW, contacts=contacts, threshold=2) == [
        "2 contacts in 12 months about this household: Ben and his sister Amy (2 Apr), Ben (1 Jun)"
    ]


def test_contacts_about_this_child_alone_are_left_to_the_per_child_rule():
    contacts = [hc(str(i), NOW - timedelta(days=i), "Ben", mine=True) for i in range(3)]
    assert rules.household_reasons(received_at=NOW, contacts=contacts) == []


def test_relation_words_follow_sex():
    assert [rules.relation_word("sibling", s) for s in ("F", "M", "U")] == ["sister", "brother", "sibling"]
    assert rules.relation_word("parent", "F") == "mother"
    assert rules.possessive("U") == "their"


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared, busy machine
@given(
    days=st.lists(st.integers(min_value=0, max_value=800), max_size=12),
    threshold=st.integers(min_value=1, max_value=6),
)
def test_flagged_exactly_when_threshold_distinct_contacts_in_the_window(days, threshold):
    contacts = [hc(str(i), NOW - timedelta(days=d), f"his sister Amy {i}") for i, d in enumerate(days)]
    in_window = sum(1 for d in days if NOW - timedelta(days=d) > NOW - rules.REPEAT_WINDOW)
    reasons = rules.household_reasons(received_at=NOW, contacts=contacts, threshold=threshold)
    assert bool(reasons) == (in_window >= threshold)
    if reasons:
        assert reasons[0].startswith(f"{in_window} contacts in 12 months about this household: ")


@pytest.mark.django_db
class TestRecordedContacts:
    def record(self, officer, children, days_ago):
        return services.contact_record(
            actor=officer,
            children=children,
            received_at=timezone.now() - timedelta(days=days_ago),
            channel="phone",
            source="2A",
            concerns="Concerns raised at school.",
            concern_categories=["neglect"],
            consent="obtained",
        )

    def family(self, la):
        ben = builders.child(la, "Ben", "Hall")
        amy = builders.child(la, "Amy", "Hall")
        amy.sex = "F"
        amy.save(update_fields=["sex"])
        mum = builders.adult(la, "Kate", "Hall")
        mum.sex = "F"
        mum.save(update_fields=["sex"])
        dan = builders.adult(la, "Dan", "Ford")
        Relationship.objects.create(person=amy, other=ben, kind="sibling")
        Relationship.objects.create(person=mum, other=ben, kind="parent")
        Relationship.objects.create(person=dan, other=mum, kind="partner")
        builders.living_together(la, ben, amy, mum, dan)
        return ben, amy, dan

    def test_third_contact_about_the_family_is_stored_on_the_journey(self, la, officer):
        ben, amy, dan = self.family(la)
        first = self.record(officer, [ben], 80)
        self.record(officer, [amy], 40)
        third = self.record(officer, [dan], 1)
        assert first.children.get().household_reasons == []
        # From Dan's side the children are his partner's and live with him: the same household.
        reasons = third.children.get().household_reasons
        assert len(reasons) == 1
        assert reasons[0].startswith("3 contacts in 12 months about this household: ")

        fourth = self.record(officer, [ben], 0).children.get()
        assert fourth.household_reasons[0].startswith("4 contacts in 12 months about this household: Ben (")
        assert ", his sister Amy (" in fourth.household_reasons[0]
        assert ", his mother's partner Dan (" in fourth.household_reasons[0]

    def test_the_authority_threshold_is_used(self, la, officer):
        la.household_repeat_threshold = 5
        la.save(update_fields=["household_repeat_threshold"])
        ben, amy, dan = self.family(la)
        for days, person in ((80, ben), (40, amy), (1, dan), (0, ben)):
            journey = self.record(officer, [person], days).children.get()
        assert journey.household_reasons == []

    def test_someone_linked_later_joins_the_count_from_then_on(self, la, officer):
        ben = builders.child(la, "Ben", "Hall")
        cousin = builders.child(la, "Lily", "Webb")
        self.record(officer, [cousin], 60)
        self.record(officer, [cousin], 30)
        assert self.record(officer, [ben], 20).children.get().household_reasons == []
        builders.living_together(la, ben, cousin)
        journey = self.record(officer, [ben], 0).children.get()
        assert len(journey.household_reasons) == 1
        assert journey.household_reasons[0].startswith("4 contacts in 12 months about this household: ")
        assert "Lily Webb, living at the same address (" in journey.household_reasons[0]

    def test_a_relationship_recorded_later_flags_the_households_open_contacts(self, la, officer):
        ben = builders.child(la, "Ben", "Hall")
        amy = builders.child(la, "Amy", "Hall")
        amy.sex = "F"
        amy.save(update_fields=["sex"])
        first = self.record(officer, [amy], 60).children.get()
        second = self.record(officer, [amy], 30).children.get()
        third = self.record(officer, [ben], 10).children.get()
        assert [j.household_reasons for j in (first, second, third)] == [[], [], []]

        people_services.relationship_add(actor=officer, person=amy, other=ben, kind="sibling")

        for journey in (first, second, third):
            journey.refresh_from_db()
        when = [f"{j.contact.received_at.day} {j.contact.received_at:%b}" for j in (first, second, third)]
        assert third.household_reasons == [
            f"3 contacts in 12 months about this household: his sister Amy ({when[0]}), "
            f"his sister Amy ({when[1]}), Ben ({when[2]})"
        ]
        # Amy's own contacts were about her alone up to when each was received: no household flag.
        assert (first.household_reasons, second.household_reasons) == ([], [])

    def test_moving_in_later_flags_the_open_contacts_and_not_the_decided_ones(self, la, officer):
        ben = builders.child(la, "Ben", "Hall")
        dan = builders.adult(la, "Dan", "Ford")
        home = builders.living_together(la, ben)
        builders.living_together(la, dan)
        self.record(officer, [dan], 50)
        self.record(officer, [dan], 40)
        open_one = self.record(officer, [ben], 5).children.get()
        decided = self.record(officer, [ben], 4).children.get()
        ContactChild.objects.filter(pk=decided.pk).update(stage=Stage.DECIDED)

        people_services.residence_start(actor=officer, person=dan, address=home)

        open_one.refresh_from_db()
        decided.refresh_from_db()
        dates = [
            f"{c.received_at.day} {c.received_at:%b}"
            for c in Contact.objects.filter(children__person__in=[ben, dan]).order_by("received_at")
        ]
        assert open_one.household_reasons == [
            f"3 contacts in 12 months about this household: Dan Ford, living at the same address "
            f"({dates[0]}), Dan Ford, living at the same address ({dates[1]}), Ben ({dates[2]})"
        ]
        assert decided.household_reasons == []  # decided before Dan moved in: left as it was
        # Dan's move ended his old residence: the audit has it, and Dan now lives with Ben.
        assert set(
            Residence.objects.filter(address=home, end__isnull=True).values_list("person_id", flat=True)
        ) == {
            ben.pk,
            dan.pk,
        }

    def test_the_screening_page_shows_the_household_flag(self, client, la, officer, manager):
        ben, amy, dan = self.family(la)
        self.record(officer, [ben], 80)
        self.record(officer, [amy], 40)
        journey = self.record(officer, [dan], 1).children.get()
        client.force_login(manager)
        page = client.get(reverse("contacts:screen", args=[journey.pk])).content.decode()
        assert page.count('data-testid="household-repeat"') == 1
        assert "Repeat household: 3 contacts in 12 months about this household: " in page
