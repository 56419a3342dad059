"""Search through the Fellegi-Sunter matcher: the hard cases, twins, stored weights and the command."""

from datetime import date
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from frontdoor.audit.models import AuditEvent
from frontdoor.people import linkage, selectors
from frontdoor.people.linkage_services import linkage_weights_estimate
from frontdoor.people.models import LinkageWeights
from frontdoor.people.rules import SearchQuery

from .factories import AddressFactory, PersonFactory, ResidenceFactory

BORN = date(2015, 7, 3)


def test_names_given_the_wrong_way_round_find_the_child(worker, authority):
    # Born on another day, so only the swapped-names block can bring her in.
    amelia = PersonFactory(authority=authority, first_name="Amelia", last_name="Hughes", date_of_birth=BORN)
    query = SearchQuery(first_name="Hughes", last_name="Amelia", date_of_birth=date(2015, 7, 30))
    [match] = selectors.person_search(actor=worker, query=query)
    assert match.person == amelia
    assert "First name and surname swapped (Amelia Hughes)" in match.reasons


def test_a_surname_mistyped_in_its_first_letter_with_a_date_slip_finds_the_child(worker, authority):
    # The surname key differs (Kughes) and the date is a slip, so only first name + date slip finds her.
    amelia = PersonFactory(authority=authority, first_name="Amelia", last_name="Hughes", date_of_birth=BORN)
    query = SearchQuery(first_name="Amelia", last_name="Kughes", date_of_birth=date(2015, 7, 8))
    assert [m.person for m in selectors.person_search(actor=worker, query=query)] == [amelia]


def test_without_a_date_of_birth_a_common_surname_is_narrowed_by_the_first_name(worker, authority):
    will = PersonFactory(authority=authority, first_name="William", last_name="Smith", date_of_birth=BORN)
    for first in ("Harry", "Jack", "Oscar"):
        PersonFactory(authority=authority, first_name=first, last_name="Smith")
    keys = selectors.rules.blocking_keys(SearchQuery("Bill", "Smith"))
    candidates = selectors._candidates(worker.authority_id, keys)
    assert [row["pk"] for row in candidates] == [will.pk]
    [match] = selectors.person_search(actor=worker, query=SearchQuery("Bill", "Smith"))
    assert (match.person, match.band, match.band_label) == (will, "possible", "Possible match")


def test_twins_are_never_taken_for_each_other(worker, authority):
    home = AddressFactory(authority=authority, postcode="WR1 2AB")
    pairs = [("Oliver", "Harry"), ("Amelia", "Isla"), ("Jack", "Noah"), ("Ava", "Ivy"), ("Leo", "Theo")]
    twins = []
    for first, second in pairs:
        for name in (first, second):
            twin = PersonFactory(authority=authority, first_name=name, last_name="Patel", date_of_birth=BORN)
            ResidenceFactory(person=twin, address=home)
            twins.append(twin)
    for twin in twins:
        query = SearchQuery(twin.first_name, "Patel", BORN, postcode="WR1 2AB")
        matches = selectors.person_search(actor=worker, query=query)
        assert [(m.person, m.band) for m in matches] == [(twin, "match")]


def test_search_uses_the_authoritys_newest_stored_weights(worker, authority):
    PersonFactory(authority=authority, first_name="William", last_name="Smith", date_of_birth=BORN)
    query = SearchQuery("William", "Smith", BORN)
    [before] = selectors.person_search(actor=worker, query=query)
    weak_dates = {"m": {"date_of_birth": {"exact": 0.5}}, "u": {"date_of_birth": {"exact": 0.1}}}
    LinkageWeights.objects.create(
        authority=authority, estimated_at="2026-01-01T00:00Z", weights=weak_dates, people=1, pairs=1
    )
    [after] = selectors.person_search(actor=worker, query=query)
    assert before.weight == 10.03
    assert after.weight == round(10.03 - linkage.DEFAULT_WEIGHTS.bits("date_of_birth", "exact") + 2.32, 2)
    assert selectors.linkage_weights_for(authority_id=authority.pk).estimated_on == date(2026, 1, 1)


def test_the_defaults_are_used_when_nothing_is_stored(authority):
    assert selectors.linkage_weights_for(authority_id=authority.pk) is linkage.DEFAULT_WEIGHTS


def test_estimating_stores_dated_weights_and_audits_it(authority, other_authority):
    for i, first in enumerate(("Oliver", "Harry", "Amelia", "Isla", "Jack", "Noah")):
        PersonFactory(
            authority=authority, first_name=first, last_name="Patel", date_of_birth=date(2015, 1, 1 + i)
        )
    PersonFactory(authority=other_authority, first_name="Zed")
    row = linkage_weights_estimate(authority=authority, pairs=100)
    # 15 random pairs; none share a date of birth, nor a surname and first-name key
    assert (row.authority, row.people, row.pairs) == (authority, 6, 15)
    assert set(row.weights) == {"m", "u", "prior", "tf"}
    # Term frequencies from the register, only those above the level's u: everyone is a Patel, as
    # every random pair says (u 1.0), so no surname is kept; each first name is one in six.
    assert set(row.weights["tf"]) == {"first_name"}
    assert row.weights["tf"]["first_name"] == dict.fromkeys(
        ("amelia", "harry", "isla", "jack", "noah", "oliver"), 0.166667
    )
    assert row.weights["u"]["last_name"]["exact"] == 1.0
    assert list(AuditEvent.objects.values_list("action", "authority_id")) == [
        ("people.linkage_weights_estimate", authority.pk)
    ]


def test_the_command_estimates_for_one_authority_and_prints_the_weights(authority):
    PersonFactory(authority=authority, first_name="Oliver")
    PersonFactory(authority=authority, first_name="Harry")
    out = StringIO()
    call_command("linkage_weights", "--authority", "885", stdout=out)
    assert LinkageWeights.objects.filter(authority=authority).count() == 1
    assert "from 2 people (2 pairs compared)" in out.getvalue()
    assert "  date_of_birth: exact " in out.getvalue()


def test_the_command_refuses_an_unknown_authority(db):
    with pytest.raises(CommandError, match="No authority with that code"):
        call_command("linkage_weights", "--authority", "999")
    assert LinkageWeights.objects.count() == 0


def test_a_twin_whose_middle_name_is_the_other_twins_first_name_is_only_a_possible_match(worker, authority):
    evie = PersonFactory(authority=authority, first_name="Evie", last_name="Gibson", date_of_birth=BORN)
    daniel = PersonFactory(
        authority=authority, first_name="Daniel", middle_names="Evie", last_name="Gibson", date_of_birth=BORN
    )
    matches = selectors.person_search(actor=worker, query=SearchQuery("Evie", "Gibson", BORN))
    assert [(m.person, m.band) for m in matches] == [(evie, "match"), (daniel, "possible")]
    assert matches[1].reasons[-1] == "First name matches a middle name (Evie)"
