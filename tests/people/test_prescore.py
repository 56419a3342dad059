"""The shortlist before full scoring (people.prescore) and search with it (issue 17 §2)."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.people import blocking, prescore, selectors
from frontdoor.people.models import PersonName
from frontdoor.people.rules import CandidateRecord, OtherName, SearchQuery, blocking_keys

from .factories import PersonFactory, PersonNameFactory

BORN = date(2015, 7, 3)
FIRSTS = ("William", "Bill", "Harry", "Amelia", "Smith", "")
LASTS = ("Smith", "Smyth", "Jones", "William", "Hughes")
DATES = (BORN, date(2015, 3, 7), date(2015, 7, 4), date(2014, 1, 1), date(1990, 5, 5), None)

records = st.builds(
    CandidateRecord,
    first_name=st.sampled_from(FIRSTS),
    last_name=st.sampled_from(LASTS),
    other_names=st.lists(
        st.builds(OtherName, st.sampled_from(FIRSTS), st.sampled_from(LASTS)), max_size=1
    ).map(tuple),
    date_of_birth=st.sampled_from(DATES),
    nhs_number=st.sampled_from(("", "9434765919", "9434765870")),
    postcodes=st.sampled_from(((), ("WR1 2AB",), ("WR9 9ZZ",))),
)
queries = st.builds(
    SearchQuery,
    first_name=st.sampled_from(FIRSTS),
    last_name=st.sampled_from(LASTS),
    date_of_birth=st.sampled_from(DATES),
    nhs_number=st.sampled_from(("", "9434765919")),
    postcode=st.sampled_from(("", "WR1 2AB")),
)


@given(queries, st.lists(records, max_size=12), st.integers(min_value=0, max_value=12))
def test_the_shortlist_keeps_the_best_prescores_in_their_order(query, found, limit):
    keys = blocking_keys(query)
    candidates = list(enumerate(found))
    kept = list(prescore.shortlist(keys, candidates, limit))
    assert len(kept) == min(limit, len(found))
    assert [i for i, _ in kept] == sorted(i for i, _ in kept)
    dropped = [record for i, record in candidates if i not in {j for j, _ in kept}]
    if kept and dropped:
        assert min(prescore.prescore(keys, r) for _, r in kept) >= max(
            prescore.prescore(keys, r) for r in dropped
        )


@given(queries, records)
def test_a_record_agreeing_on_everything_asked_scores_highest(query, other):
    exact = CandidateRecord(
        first_name=query.first_name,
        last_name=query.last_name,
        date_of_birth=query.date_of_birth,
        nhs_number=query.nhs_number,
        postcodes=(query.postcode,) if query.postcode else (),
    )
    keys = blocking_keys(query)
    assert prescore.prescore(keys, exact) >= prescore.prescore(keys, other)


def test_prescore_counts_each_agreement():
    keys = blocking_keys(SearchQuery("William", "Smith", BORN, nhs_number="9434765919", postcode="WR1 2AB"))
    full = CandidateRecord("Bill", "Smyth", (), BORN, "9434765919", postcodes=("WR1 2AB",))
    assert prescore.prescore(keys, full) == 20 + 4 + 3 + 3 + 1
    slip = CandidateRecord("Harry", "Jones", (OtherName("", "Smith"),), date(2015, 7, 4))
    assert prescore.prescore(keys, slip) == 2 + 2
    assert prescore.prescore(keys, CandidateRecord("Harry", "Jones", (), date(2014, 1, 1))) == 1


def test_search_scores_only_the_shortlist_and_still_finds_the_child(worker, authority, monkeypatch):
    monkeypatch.setattr(blocking, "FULLY_SCORED", 2)
    will = PersonFactory(authority=authority, first_name="William", last_name="Smith", date_of_birth=BORN)
    for first in ("Harry", "Jack", "Oscar"):  # born the same day: candidates by date of birth
        PersonFactory(authority=authority, first_name=first, last_name="Jones", date_of_birth=BORN)
    query = SearchQuery("William", "Smith", BORN)
    assert len(selectors._candidates(authority.pk, blocking_keys(query))) == 4
    found = selectors.person_search_counted(actor=worker, query=query)
    assert ([m.person for m in found.matches], found.total) == ([will], 1)


def test_another_name_takes_its_persons_authority(authority):
    person = PersonFactory(authority=authority)
    name = PersonName.objects.create(person=person, last_name="Exampel")
    assert name.authority_id == authority.pk
    assert PersonNameFactory(person=person).authority_id == authority.pk
