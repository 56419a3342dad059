"""people.selectors: reads scoped to the authority, logged, and found in a fixed number of queries."""

import itertools
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.db import connection
from django.http import Http404
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts.models import Contact, ContactChild, Stage
from frontdoor.people import blocking, rules, selectors, services
from frontdoor.people.models import LinkageWeights
from frontdoor.people.rules import SearchQuery

from .factories import AddressFactory, PersonFactory, PersonNameFactory, ResidenceFactory

pytestmark = pytest.mark.django_db
_refs = itertools.count(1)

WILLIAM = SearchQuery(first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3))


def contact_about(person, *, worker, days_ago: int, stage: str = Stage.DECIDED) -> ContactChild:
    received = timezone.now() - timedelta(days=days_ago)
    contact = Contact.objects.create(
        authority=person.authority,
        reference=f"C{next(_refs):06d}",
        received_at=received,
        channel="phone",
        source="2A",
        concerns="Test concern",
        consent="obtained",
        recorded_by=worker,
        recorded_at=received,
    )
    return ContactChild.objects.create(
        authority=person.authority, contact=contact, person=person, stage=stage, stage_entered_at=received
    )


def access_rows() -> list[tuple[int, int, str]]:
    return list(AccessEvent.objects.order_by("person_id").values_list("actor_id", "person_id", "purpose"))


# --- person_get_for -------------------------------------------------------------------------------


def test_person_get_for_returns_the_person_and_logs_the_access(worker, authority):
    person = PersonFactory(authority=authority)
    assert selectors.person_get_for(actor=worker, person_id=person.pk, purpose="contacts.new") == person
    assert access_rows() == [(worker.pk, person.pk, "contacts.new")]


def test_another_authoritys_person_looks_exactly_like_a_missing_one_and_logs_nothing(worker, other_authority):
    theirs = PersonFactory(authority=other_authority)
    with pytest.raises(Http404) as other:
        selectors.person_get_for(actor=worker, person_id=theirs.pk, purpose="contacts.new")
    with pytest.raises(Http404) as missing:
        selectors.person_get_for(actor=worker, person_id=theirs.pk + 1000, purpose="contacts.new")
    with pytest.raises(Http404) as garbage:
        selectors.person_get_for(actor=worker, person_id="1 OR 1=1", purpose="contacts.new")
    assert str(other.value) == str(missing.value) == str(garbage.value) == selectors.NOT_FOUND
    assert AccessEvent.objects.count() == 0


def test_a_role_that_cannot_see_children_is_refused(administrator, authority):
    person = PersonFactory(authority=authority)
    with pytest.raises(PermissionDenied):
        selectors.person_get_for(actor=administrator, person_id=person.pk, purpose="contacts.new")
    with pytest.raises(PermissionDenied):
        selectors.person_search(actor=administrator, query=WILLIAM)
    assert AccessEvent.objects.count() == 0


# --- person_search --------------------------------------------------------------------------------


def test_search_finds_bill_smyth_for_william_smith_with_reasons_and_logs_it(worker, authority):
    bill = PersonFactory(
        authority=authority, first_name="Bill", last_name="Smyth", date_of_birth=date(2015, 3, 7)
    )
    PersonFactory(
        authority=authority, first_name="Harry", last_name="Smith", date_of_birth=date(2015, 7, 3)
    )  # twin
    PersonFactory(
        authority=authority, first_name="William", last_name="Patel", date_of_birth=date(2011, 1, 1)
    )
    matches = selectors.person_search(actor=worker, query=WILLIAM)
    assert [m.person for m in matches] == [bill]
    assert matches[0].reasons == (  # strongest evidence first (people.linkage weights)
        "Date of birth matches with day and month swapped (03/07 ↔ 07/03)",
        "First name is a short form (William ↔ Bill)",
        "Surname sounds the same (Smith ↔ Smyth)",
    )
    assert (matches[0].band, matches[0].score) == ("possible", 0.6)
    assert access_rows() == [(worker.pk, bill.pk, "person.search")]


def test_search_never_returns_another_authoritys_people(worker, other_authority):
    PersonFactory(
        authority=other_authority, first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3)
    )
    assert selectors.person_search(actor=worker, query=WILLIAM) == []
    assert AccessEvent.objects.count() == 0


def test_search_results_are_best_first_and_limited(worker, authority):
    exact = PersonFactory(
        authority=authority, first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3)
    )
    swapped = PersonFactory(
        authority=authority, first_name="Will", last_name="Smith", date_of_birth=date(2015, 3, 7)
    )
    PersonFactory(authority=authority, first_name="Liam", last_name="Smyth", date_of_birth=date(2015, 3, 7))
    assert [m.person for m in selectors.person_search(actor=worker, query=WILLIAM, limit=2)] == [
        exact,
        swapped,
    ]


def test_search_by_nhs_number_alone(worker, authority):
    person = PersonFactory(authority=authority, last_name="Jones", nhs_number="9434765919")
    matches = selectors.person_search(actor=worker, query=SearchQuery(nhs_number="943 476 5919"))
    # An identifier is decisive: a match whatever the probability from the number alone.
    assert [(m.person, m.band, m.score, m.reasons) for m in matches] == [
        (person, "match", 0.99, ("Same NHS number",))
    ]


def test_search_by_upn_alone(worker, authority):
    person = PersonFactory(authority=authority, upn="P207000016049")
    matches = selectors.person_search(actor=worker, query=SearchQuery(upn="p207000016049"))
    assert [(m.person, m.band, m.score) for m in matches] == [(person, "match", 0.907)]


def test_search_by_former_surname(worker, authority):
    kate = PersonFactory(authority=authority, first_name="Catherine", last_name="Smith", date_of_birth=None)
    PersonNameFactory(person=kate, last_name="Jones")
    matches = selectors.person_search(actor=worker, query=SearchQuery(first_name="Katie", last_name="Jones"))
    assert [(m.person, m.reasons) for m in matches] == [
        (kate, ("Former surname matches (Jones)", "First name is a short form (Katie ↔ Catherine)"))
    ]


def test_search_by_postcode_finds_the_people_living_there_now(worker, authority):
    home = AddressFactory(authority=authority, postcode="WR1 2AB")
    mum = PersonFactory(authority=authority, first_name="Jane", last_name="Smith", is_child=False)
    tom = PersonFactory(authority=authority, first_name="Tom", last_name="Smith")
    ResidenceFactory(person=mum, address=home)
    ResidenceFactory(person=tom, address=home)
    matches = selectors.person_search(actor=worker, query=SearchQuery(postcode="wr1 2ab"))
    # Nothing but the address: neither is put first, and each says so.
    tied = "Cannot be told apart from another record on what was given: ask for their date of birth"
    assert {(m.person, m.band, m.reasons) for m in matches} == {
        (mum, "possible", (tied, "Lives at WR1 2AB")),
        (tom, "possible", (tied, "Lives at WR1 2AB")),
    }


def test_a_date_of_birth_one_keystroke_out_is_found_through_the_name(worker, authority):
    will = PersonFactory(
        authority=authority, first_name="William", last_name="Smith", date_of_birth=date(2005, 7, 3)
    )
    [match] = selectors.person_search(actor=worker, query=WILLIAM)
    assert match.person == will
    assert match.reasons[-1] == "Date of birth differs by one digit (03/07/2015 ↔ 03/07/2005)"


def test_a_name_match_born_years_away_is_not_even_a_candidate(worker, authority):
    PersonFactory(
        authority=authority, first_name="William", last_name="Smith", date_of_birth=date(2009, 7, 3)
    )
    assert selectors.person_search(actor=worker, query=WILLIAM) == []


def test_a_query_with_nothing_to_look_up_runs_no_queries(worker, django_assert_num_queries):
    with django_assert_num_queries(0):
        assert selectors.person_search(actor=worker, query=SearchQuery(first_name="Tom")) == []


def test_search_shows_history_and_household(worker, authority):
    tom = PersonFactory(
        authority=authority, first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3)
    )
    mum = PersonFactory(authority=authority, first_name="Jane", last_name="Smith", is_child=False)
    moved_out = PersonFactory(authority=authority, first_name="Dave", last_name="Smith", is_child=False)
    home = AddressFactory(authority=authority)
    ResidenceFactory(person=tom, address=home)
    ResidenceFactory(person=mum, address=home)
    ResidenceFactory(person=moved_out, address=home, end=date(2024, 1, 1))
    contact_about(tom, worker=worker, days_ago=400)
    contact_about(tom, worker=worker, days_ago=100)
    latest = contact_about(tom, worker=worker, days_ago=3, stage=Stage.AWAITING_DECISION)
    [match] = selectors.person_search(actor=worker, query=WILLIAM)
    assert match.history == selectors.PersonHistory(
        contacts_12_months=2,
        last_contact_at=latest.contact.received_at,
        open_journeys=1,
        household=["Jane Smith"],
    )


def make_matches(authority, worker, n: int) -> None:
    for i in range(n):
        child = PersonFactory(
            authority=authority, first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3)
        )
        PersonNameFactory(person=child, last_name=f"Former{i}")
        home = AddressFactory(authority=authority)
        ResidenceFactory(person=child, address=home)
        ResidenceFactory(person=PersonFactory(authority=authority, first_name=f"Parent{i}"), address=home)
        contact_about(child, worker=worker, days_ago=10 + i)


@pytest.mark.parametrize("n", [1, 7])
def test_search_runs_the_same_number_of_queries_however_many_match(
    worker, authority, n, django_assert_num_queries
):
    make_matches(authority, worker, n)
    # candidates with their other names, addresses and the weights' id; the matches with their
    # history and households; the access log
    with django_assert_num_queries(3):
        matches = selectors.person_search(actor=worker, query=WILLIAM)
        assert [m.history.household for m in matches] == [[f"Parent{i} Example"] for i in range(n)]
    assert len(matches) == n


def test_stored_weights_are_read_once_per_process_then_only_when_a_newer_estimate_is_stored(
    worker, authority, django_assert_num_queries
):
    make_matches(authority, worker, 2)

    def estimate(on: str, exact: float) -> LinkageWeights:
        weights = {"m": {"date_of_birth": {"exact": exact}}, "u": {"date_of_birth": {"exact": 0.1}}}
        return LinkageWeights.objects.create(
            authority=authority, estimated_at=on, weights=weights, people=1, pairs=1
        )

    first = estimate("2026-01-01T00:00Z", 0.5)
    with django_assert_num_queries(4):  # the first search reads the row
        selectors.person_search(actor=worker, query=WILLIAM)
    with django_assert_num_queries(3):  # then its id, returned by the candidate statement, suffices
        [match, _] = selectors.person_search(actor=worker, query=WILLIAM)
    assert selectors.WEIGHTS_CACHE[authority.pk][0] == first.pk
    newer = estimate("2026-02-01T00:00Z", 0.25)
    with django_assert_num_queries(4):
        [newest, _] = selectors.person_search(actor=worker, query=WILLIAM)
    assert selectors.WEIGHTS_CACHE[authority.pk][0] == newer.pk
    assert round(match.weight - newest.weight, 2) == 1.0  # log2(0.5 / 0.1) - log2(0.25 / 0.1)
    estimate("2025-12-01T00:00Z", 0.125)  # an older estimate stored later is not the newest
    with django_assert_num_queries(3):
        selectors.person_search(actor=worker, query=WILLIAM)


def test_a_household_lists_each_co_resident_once_by_name_only_those_the_actor_may_see(
    worker, authority, other_authority
):
    tom = PersonFactory(
        authority=authority, first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3)
    )
    home, flat = AddressFactory(authority=authority), AddressFactory(authority=authority)
    for address in (home, flat):
        ResidenceFactory(person=tom, address=address)
    both = PersonFactory(authority=authority, first_name="Ann", last_name="Zed", is_child=False)
    unborn = PersonFactory(
        authority=authority, first_name="", last_name="Smith", date_of_birth=None,
        expected_date_of_birth=date(2026, 9, 1),
    )  # fmt: skip
    abe = PersonFactory(authority=authority, first_name="Abe", last_name="Zed", is_child=False)
    for person, address in ((both, home), (both, flat), (unborn, home), (abe, flat)):
        ResidenceFactory(person=person, address=address)
    ResidenceFactory(person=PersonFactory(authority=other_authority, first_name="Out"), address=home)
    [match] = selectors.person_search(actor=worker, query=WILLIAM)
    assert match.history.household == ["Unborn baby Smith", "Abe Zed", "Ann Zed"]


@pytest.mark.skipif(
    connection.vendor != "sqlite", reason="SQLite's planner; PostgreSQL plans from statistics"
)
def test_every_blocking_lookup_uses_a_selective_index_not_the_whole_authority(worker):
    query = SearchQuery(
        first_name="William",
        last_name="Smith",
        date_of_birth=date(2015, 7, 3),
        nhs_number="9434765919",
        upn="P207000016049",
        postcode="WR1 2AB",
    )
    sql, params = blocking.candidate_sql(worker.authority_id, rules.blocking_keys(query))
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    searches = [step for step in plan if step.startswith("SEARCH")]
    # Eleven lookups for the eight keys, one by primary key to leave out merged records, four for the
    # candidates' rows, other names and addresses, one for the newest weights' id.
    assert len(searches) == 17
    # By the authority alone only the weights, a few rows per authority, newest first by the index.
    assert [step.split()[1] for step in searches if step.endswith("(authority_id=?)")] == [
        "people_linkageweights"
    ]
    # Only the statement's own lists (candidate ids, the newest weights' id) are read whole, never a table.
    assert {step for step in plan if step.startswith("SCAN")} == {"SCAN u", "SCAN c", "SCAN w"}


# --- households and relatives ----------------------------------------------------------------------


def test_household_for_lists_the_people_living_there_now(worker, authority):
    home = AddressFactory(authority=authority)
    tom = PersonFactory(authority=authority, first_name="Tom")
    amy = PersonFactory(authority=authority, first_name="Amy")
    gone = PersonFactory(authority=authority, first_name="Dave")
    elsewhere = PersonFactory(authority=authority, first_name="Zed")
    for person in (tom, amy):
        ResidenceFactory(person=person, address=home)
    ResidenceFactory(person=gone, address=home, end=date(2023, 1, 1))
    ResidenceFactory(person=elsewhere, address=AddressFactory(authority=authority))
    assert selectors.household_for(actor=worker, person=tom) == [amy]
    assert selectors.household_for(actor=worker, person=elsewhere) == []


def test_relatives_for_reads_both_directions(worker, authority):
    mum = PersonFactory(authority=authority, first_name="Jane", is_child=False)
    tom = PersonFactory(authority=authority, first_name="Tom")
    amy = PersonFactory(authority=authority, first_name="Amy")
    services.relationship_add(actor=worker, person=mum, other=tom, kind="parent")
    services.relationship_add(actor=worker, person=tom, other=amy, kind="sibling")
    assert [(r.person, r.relationship) for r in selectors.relatives_for(actor=worker, person=tom)] == [
        (mum, "Parent"),
        (amy, "Sibling"),
    ]
    assert [(r.person, r.relationship) for r in selectors.relatives_for(actor=worker, person=mum)] == [
        (tom, "Child")
    ]
    assert [
        (r.person, r.relationship, r.is_family) for r in selectors.relatives_for(actor=worker, person=amy)
    ] == [(tom, "Sibling", True)]
