"""people.linkage (Fellegi-Sunter scoring) and people.estimation (EM without labels): pure, no database."""

from datetime import date
from math import log2

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from frontdoor.people import estimation, linkage
from frontdoor.people.rules import CandidateRecord, OtherName, SearchQuery, name_likeness

BORN = date(2015, 7, 3)
OLIVER = CandidateRecord(
    first_name="Oliver", middle_names="James", last_name="Smith", date_of_birth=BORN, postcodes=("WR1 2AB",)
)


def test_an_exact_match_is_a_match_with_its_weight_and_reasons():
    match = linkage.score(SearchQuery("Oliver", "Smith", BORN, postcode="wr12ab"), OLIVER)
    assert (match.band, match.band_label) == ("match", "Match")
    assert match.score == 1.0
    assert match.weight == 21.32
    assert match.reasons == ("Same date of birth", "Lives at WR1 2AB", "Same surname", "Same first name")


def test_names_given_the_wrong_way_round_are_a_match_and_say_so():
    match = linkage.score(SearchQuery("Smith", "Oliver", BORN), OLIVER)
    assert match.band == "match"
    assert match.reasons == ("Same date of birth", "First name and surname swapped (Oliver Smith)")


def test_a_middle_name_used_as_the_first_name_is_found():
    comparison = linkage.compare(SearchQuery("James", "Smith", BORN), OLIVER)
    assert comparison.levels["first_name"] == "other_name"
    # At most a possible match: a twin's middle name can be the other twin's first name.
    assert linkage.score(SearchQuery("James", "Smith", BORN), OLIVER).band == "possible"


def test_a_surname_mistyped_in_its_first_letter_is_spelt_similarly():
    match = linkage.score(SearchQuery("Oliver", "Dmith", BORN), OLIVER)
    assert match.band == "match"
    assert "Surname is spelt similarly (Dmith ↔ Smith)" in match.reasons


def test_date_levels():
    levels = [
        linkage.compare(SearchQuery("Oliver", "Smith", born), OLIVER).levels["date_of_birth"]
        for born in (BORN, date(2015, 3, 7), date(2015, 7, 4), date(2010, 1, 1), None)
    ]
    assert levels == ["exact", "day_month", "one_digit", "different", None]
    in_2020 = CandidateRecord(first_name="Ava", last_name="Lee", date_of_birth=date(2020, 7, 3))
    assert (
        linkage.compare(SearchQuery("Ava", "Lee", date(2019, 7, 3)), in_2020).levels["date_of_birth"]
        == "one_year"
    )


def test_postcode_levels():
    levels = [
        linkage.compare(SearchQuery("Oliver", "Smith", postcode=p), OLIVER).levels["postcode"]
        for p in ("WR1 2AB", "WR1 2ZZ", "WR1 9ZZ", "B1 1AA", "")
    ]
    assert levels == ["exact", "sector", "district", "different", None]


def test_a_former_surname_is_a_level_of_its_own():
    record = CandidateRecord(first_name="Katie", last_name="Smith", other_names=(OtherName("", "Jones"),))
    assert linkage.compare(SearchQuery("Katie", "Jones"), record).levels["last_name"] == "former"


def test_a_twin_is_never_a_match_or_a_possible_match():
    twin = CandidateRecord(first_name="Harry", last_name="Smith", date_of_birth=BORN, postcodes=("WR1 2AB",))
    match = linkage.score(SearchQuery("Oliver", "Smith", BORN, postcode="WR1 2AB"), twin)
    assert match.band == "no match"
    assert "Different first name (Harry)" in match.reasons


def test_the_same_nhs_number_is_a_match_even_with_a_different_name():
    record = CandidateRecord(first_name="Harry", last_name="Smith", nhs_number="9434765919")
    assert linkage.score(SearchQuery("Oliver", "Smith", nhs_number="943 476 5919"), record).band == "match"


def test_a_name_alone_shows_a_possible_match():
    match = linkage.score(SearchQuery("Oliver", "Smith"), OLIVER)
    assert (match.band, match.band_label) == ("possible", "Possible match")


def test_rank_drops_no_matches_and_puts_the_best_first():
    twin = CandidateRecord(first_name="Harry", last_name="Smith", date_of_birth=BORN)
    slip = CandidateRecord(first_name="Oliver", last_name="Smith", date_of_birth=date(2015, 7, 4))
    ranked = linkage.rank(SearchQuery("Oliver", "Smith", BORN), [(1, twin), (2, slip), (3, OLIVER)], limit=5)
    assert [key for key, _ in ranked] == [3, 2]


def test_a_common_surname_agreeing_counts_for_less_and_a_rare_one_no_more_than_the_level():
    tf = {"last_name": {"smith": 0.02, "featherstonehaugh": 0.00005}}
    weights = linkage.Weights(tf=tf)
    exact = linkage.DEFAULT_WEIGHTS.bits("last_name", "exact")
    assert weights.bits("last_name", "exact", "smith") == log2(0.84 / 0.02)
    assert weights.bits("last_name", "exact", "smith") < exact
    assert weights.bits("last_name", "exact", "featherstonehaugh") == exact
    assert weights.bits("last_name", "exact", "unheardof") == exact  # not in the table: the level's u
    assert weights.bits("last_name", "close", "smith") == linkage.DEFAULT_WEIGHTS.bits("last_name", "close")
    query = SearchQuery("Oliver", "Smith", BORN)
    weighed, plain = linkage.score(query, OLIVER, weights).weight, linkage.score(query, OLIVER).weight
    assert abs(weighed - (plain - exact + log2(0.84 / 0.02))) <= 0.01  # both rounded to two places
    assert linkage.Weights.from_json(weights.as_json()).tf == tf


def test_term_frequencies_are_shares_of_the_register():
    records = [OLIVER, OLIVER, CandidateRecord(first_name="", last_name="Jones")]
    assert estimation.term_frequencies(records) == {
        "first_name": {"oliver": 1.0},
        "last_name": {"jones": 0.333333, "smith": 0.666667},
    }


def test_two_people_no_search_can_tell_apart_are_neither_first_nor_a_match():
    other = CandidateRecord(first_name="Oliver", last_name="Smith", date_of_birth=date(2012, 1, 9))
    harry = CandidateRecord(first_name="Harry", last_name="Smith", date_of_birth=BORN)
    ranked = linkage.rank(SearchQuery("Oliver", "Smith"), [(7, other), (3, OLIVER), (9, harry)], limit=5)
    assert [(key, m.band, m.tied) for key, m in ranked] == [(3, "possible", True), (7, "possible", True)]
    assert ranked[0][1].reasons[0] == (
        "Cannot be told apart from another record on what was given: ask for their date of birth"
    )
    # The date of birth tells them apart: Oliver is first, a match, and not tied.
    ranked = linkage.rank(SearchQuery("Oliver", "Smith", BORN), [(7, other), (3, OLIVER)], limit=5)
    assert [(key, m.band, m.tied) for key, m in ranked] == [(3, "match", False)]


def test_stored_weights_fill_in_missing_levels_from_the_defaults():
    weights = linkage.Weights.from_json({"m": {"first_name": {"exact": 0.9}}, "prior": 0.001})
    assert weights.m["first_name"]["exact"] == 0.9
    assert weights.m["first_name"]["short"] == linkage.DEFAULT_M["first_name"]["short"]
    assert weights.prior == 0.001


# --- properties ------------------------------------------------------------------------------------

NAMES = st.sampled_from(
    ["Oliver", "Olivia", "Harry", "Amelia", "Jack", "Jak", "Bill", "William", "Smith", "Smyth"]
)
DATES = st.one_of(st.none(), st.dates(min_value=date(2005, 1, 1), max_value=date(2026, 1, 1)))
POSTCODES = st.sampled_from(["", "WR1 2AB", "WR1 2ZZ", "WR5 1AA"])


@st.composite
def records(draw):
    postcode = draw(POSTCODES)
    return CandidateRecord(
        first_name=draw(NAMES),
        last_name=draw(NAMES),
        date_of_birth=draw(DATES),
        postcodes=(postcode,) if postcode else (),
    )


# The machine is shared: generation can be slow, which is not what these properties test.
RELAXED = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@RELAXED
@given(records(), records())
@example(
    CandidateRecord(first_name="Jack", last_name="Jack"),
    CandidateRecord(first_name="Jak", last_name="Jack"),
)  # a name the same as the surname once made the swap check one-sided
@example(
    CandidateRecord(first_name="Oliver", last_name="Bill"),
    CandidateRecord(first_name="William", last_name="Oliver"),
)  # and so did a short form (Bill for William) read only one way
def test_the_weight_is_symmetric(a, b):
    forward = linkage.score(estimation.as_query(a), b)
    backward = linkage.score(estimation.as_query(b), a)
    assert forward.weight == backward.weight


@RELAXED
@given(records(), records(), st.sampled_from(["date_of_birth", "postcode"]))
def test_an_added_agreeing_field_never_lowers_the_weight(query_record, candidate, field):
    query = estimation.as_query(query_record)
    if field == "date_of_birth":
        fuller = SearchQuery(
            query.first_name, query.last_name, candidate.date_of_birth, postcode=query.postcode
        )
        query = SearchQuery(query.first_name, query.last_name, None, postcode=query.postcode)
    else:
        fuller = SearchQuery(
            query.first_name,
            query.last_name,
            query.date_of_birth,
            postcode=candidate.postcodes[0] if candidate.postcodes else "",
        )
        query = SearchQuery(query.first_name, query.last_name, query.date_of_birth)
    assert linkage.score(fuller, candidate).weight >= linkage.score(query, candidate).weight


@RELAXED
@given(NAMES, NAMES, DATES, POSTCODES)
def test_twins_with_unlike_names_are_never_shown(first, twin_first, born, postcode):
    if name_likeness(first, twin_first, given=True) or first == "Smith" or twin_first == "Smith":
        return
    twin = CandidateRecord(twin_first, "Smith", date_of_birth=born, postcodes=(postcode,) if postcode else ())
    assert linkage.score(SearchQuery(first, "Smith", born, postcode=postcode), twin).band == "no match"


# --- estimation ------------------------------------------------------------------------------------


def test_u_is_the_share_of_random_pairs_at_each_level():
    vectors = [("exact", "different", None, None, None, None)] + [("different",) * 2 + (None,) * 4] * 3
    u = estimation.u_probabilities(vectors)
    assert (u["first_name"]["exact"], u["first_name"]["different"]) == (0.25, 0.75)
    assert u["first_name"]["short"] == linkage.DEFAULT_U["first_name"]["short"]  # never seen: the default


def test_em_finds_the_duplicates_among_blocked_pairs():
    same = ("exact", "exact", "exact", "exact", None, None)
    other = ("different", "exact", "exact", "different", None, None)
    strangers = ("different", "different", "different", "different", None, None)
    u = estimation.u_probabilities([strangers] * 70 + [other] * 29 + [same])  # siblings common here
    result = estimation.expectation_maximisation(
        [same] * 40 + [other] * 160,
        u=u,
        m=linkage.DEFAULT_M,
        prior=0.01,
        blocked_on=frozenset({"date_of_birth"}),
    )
    assert round(result.expected_matches) == 40
    assert round(result.m["first_name"]["exact"], 2) == 0.92  # (40 + 0.5) / (40 + 8 levels * 0.5)
    assert result.m["date_of_birth"] == linkage.DEFAULT_M["date_of_birth"]  # blocked on: kept


def test_estimate_register_compares_the_pairs_asked_for_and_keeps_defaults_it_cannot_learn():
    people = [
        CandidateRecord(
            first_name=f"Name{i}", last_name=f"Surname{i % 50}", date_of_birth=date(2015, 1, 1 + i % 28)
        )
        for i in range(300)
    ]
    weights, pairs = estimation.estimate_register(people, on=date(2026, 3, 31), pairs=500)
    assert pairs == 1500
    assert weights.estimated_on == date(2026, 3, 31)
    assert weights.m["nhs_number"] == linkage.DEFAULT_M["nhs_number"]  # no NHS numbers: nothing learnt
