"""The duplicate register's pure rules: blocking and when a merge may be undone."""

from datetime import date
from itertools import combinations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdoor.identity import rules


def keys(last="SM0", first="TM", born=date(2016, 5, 4), nhs="", upn=""):
    return rules.blocking_keys(last_key=last, first_key=first, date_of_birth=born, nhs_number=nhs, upn=upn)


def test_swapped_names_and_one_mistyped_name_with_the_same_birthday_share_a_key():
    assert keys() & keys(last="TM", first="SM0")
    assert keys() & keys(last="XXX", born=date(2016, 5, 4))
    assert not keys() & keys(last="XXX", first="YYY", born=date(2016, 5, 5))


def test_an_identifier_alone_blocks():
    a = keys(last="A", first="B", born=None, nhs="9434765919")
    b = keys(last="C", first="D", born=None, nhs="9434765919")
    assert rules.candidate_pairs([(1, a), (2, b)]) == {(1, 2)}


def test_a_block_bigger_than_the_limit_is_skipped():
    people = [(i, {("names", "SM0", "TM")}) for i in range(5)]
    assert len(rules.candidate_pairs(people, max_block=5)) == 10
    assert rules.candidate_pairs(people, max_block=4) == set()


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)  # a shared, busy machine
@given(st.lists(st.sets(st.sampled_from("abcdef"), max_size=3), max_size=15))
def test_pairs_are_exactly_the_people_sharing_a_key(key_sets):
    people = [(i, {(k,) for k in ks}) for i, ks in enumerate(key_sets)]
    expected = {(a, b) for (a, ka), (b, kb) in combinations(people, 2) if ka & kb}
    assert rules.candidate_pairs(people) == expected


def test_unmerge_refusals_in_words():
    assert rules.unmerge_refusal(undone=False, later_merges=[]) == ""
    assert rules.unmerge_refusal(undone=True, later_merges=[]) == "This merge has already been undone."
    assert rules.unmerge_refusal(undone=False, later_merges=["record 3 into record 4 on 01 Jun 2026"]) == (
        "The surviving record was merged again after this (record 3 into record 4 on 01 Jun 2026). "
        "Undo that merge first: undoing this one now could not restore every link exactly."
    )
