"""people.rules: identifiers (standards.md section 5), names, dates of birth and match scoring."""

from datetime import date

import nhs_number as nhs_lib
import pytest
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from frontdoor.people import rules
from frontdoor.people.rules import CandidateRecord, OtherName, SearchQuery

# --- NHS number ----------------------------------------------------------------------------------


def mod11_valid(number: str) -> bool:
    """An independent modulus 11 check (NHS Data Dictionary), for comparison with the library."""
    total = sum(int(digit) * weight for digit, weight in zip(number[:9], range(10, 1, -1), strict=True))
    check = 11 - total % 11
    check = 0 if check == 11 else check
    return check != 10 and check == int(number[9])


def in_chi_range(number: str) -> bool:
    return "0101000000" <= number <= "3112999999"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("9434765919", None),
        ("943 476 5919", None),
        ("943-476-5919", None),
        (" 4010232137 ", None),
        ("9434765918", rules.NHS_INVALID_MESSAGE),
        ("943476591", rules.NHS_FORMAT_MESSAGE),
        ("94347659190", rules.NHS_FORMAT_MESSAGE),
        ("943476591X", rules.NHS_FORMAT_MESSAGE),
        ("", rules.NHS_FORMAT_MESSAGE),
    ],
)
def test_nhs_number_problem(value, expected):
    assert rules.nhs_number_problem(value) == expected


def test_nhs_messages_are_the_agreed_wording():
    assert rules.NHS_FORMAT_MESSAGE == "Enter a 10-digit NHS number, like 943 476 5919"
    assert rules.NHS_INVALID_MESSAGE == "This NHS number is not valid: check the digits"


def test_normalise_and_format_nhs_number():
    assert rules.normalise_nhs_number(" 943 476-5919 ") == "9434765919"
    assert rules.format_nhs_number("9434765919") == "943 476 5919"


@settings(deadline=None)
@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_library_agrees_with_independent_mod11_outside_the_scottish_chi_range(number):
    assume(not in_chi_range(number))
    assert (rules.nhs_number_problem(number) is None) == (mod11_valid(number) and len(set(number)) > 1)


@pytest.mark.parametrize("digit", "0123456789")
def test_one_digit_ten_times_passes_modulus_11_but_is_refused_as_a_placeholder(digit):
    number = digit * 10
    assert mod11_valid(number)
    assert rules.nhs_number_problem(number) == rules.NHS_DUMMY_MESSAGE
    assert rules.nhs_number_problem(f"{number[:3]} {number[3:6]} {number[6:]}") == rules.NHS_DUMMY_MESSAGE


@given(st.text(alphabet="0123456789", min_size=10, max_size=10))
def test_a_number_is_a_placeholder_exactly_when_all_its_digits_are_the_same(number):
    assert rules.is_dummy_nhs_number(number) == (number == number[0] * 10)
    if rules.is_dummy_nhs_number(number):
        assert rules.nhs_number_problem(number) == rules.NHS_DUMMY_MESSAGE


def test_a_chi_range_number_that_is_not_a_real_date_is_refused_although_mod11_is_right():
    number = "3002991236"  # 30/02/99 is not a date; the check digit 6 is right by modulus 11
    assert mod11_valid(number)
    assert rules.nhs_number_problem(number) == rules.NHS_INVALID_MESSAGE


@settings(deadline=None)  # the library's first date parse imports _strptime, which can be slow
@given(st.integers(min_value=101000000, max_value=311299999).map(lambda n: f"{n:09d}"), st.integers(0, 9))
def test_inside_the_chi_range_the_library_is_stricter_never_looser(body, check):
    """The library also refuses CHI-range numbers whose first six digits are not a real DDMMYY date."""
    number = body + str(check)
    assert in_chi_range(number)
    if rules.nhs_number_problem(number) is None:
        assert mod11_valid(number)


@given(st.text(alphabet="0123456789", min_size=9, max_size=9).filter(lambda s: s[0] >= "4"))
def test_generated_valid_nhs_numbers_are_accepted_and_any_one_digit_slip_is_rejected(body):
    check = nhs_lib.calculate_checksum(body)
    assume(check != 10)
    number = body + str(check)
    assert rules.nhs_number_problem(number) is None
    for position in range(10):
        for digit in "0123456789":
            if digit != number[position]:
                slipped = number[:position] + digit + number[position + 1 :]
                assert rules.nhs_number_problem(slipped) is not None


# --- UPN ------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("body", "letter"), [("950000178301", "A"), ("243278544154", "H"), ("207000016049", "P")]
)
def test_upn_check_letter_matches_the_standard_test_vectors(body, letter):
    assert rules.upn_check_letter(body) == letter


def test_upn_test_vectors():
    assert rules.upn_problem("P207000016049") is None
    # The vendor page's wrong letter: the weights sum to 266, 266 mod 23 = 13 = P, not Q.
    assert rules.upn_problem("Q207000016049") == rules.UPN_CHECK_MESSAGE
    # The validator's own 1510 vectors have the right check letter, but 950 and 243 are not LA
    # codes, so rule 1530 refuses them.
    assert rules.upn_problem("A950000178301") == rules.UPN_LA_MESSAGE
    assert rules.upn_problem("H243278544154") == rules.UPN_LA_MESSAGE


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("p207000016049", None),
        (" P207 0000 16049 ", None),
        ("P20700001604", rules.UPN_LENGTH_MESSAGE),
        ("I207000016049", rules.UPN_FIRST_MESSAGE),
        ("1207000016049", rules.UPN_FIRST_MESSAGE),
        ("P999000016049", rules.UPN_LA_MESSAGE),
        ("P000000016049", rules.UPN_LA_MESSAGE),
        ("P20700A016049", rules.UPN_DIGITS_MESSAGE),
        ("P20700001604O", rules.UPN_LAST_MESSAGE),
        ("P20700001604S", rules.UPN_LAST_MESSAGE),
    ],
)
def test_upn_problem(value, expected):
    assert rules.upn_problem(value) == expected


STANDARDS_LA_LIST = (
    "001-005, 201-213, 301-320, 330-336, 340-344, 350-359, 370-373, 380-384, 390-394, 420, 660-681, "
    "701-708, 800-803, 805-808, 810-813, 815, 816, 820-823, 825, 826, 830, 831, 835-839, 840, 841, 845, "
    "846, 850-852, 855-857, 860, 861, 865-896, 908, 909, 916, 919, 921, 925, 926, 928, 929, 931, 933, "
    "935-938, 940, 941"
)  # standards.md section 5.1, copied as written (en dashes as hyphens)


def test_upn_la_codes_are_exactly_the_standards_list():
    expected = set()
    for item in STANDARDS_LA_LIST.split(", "):
        low, _, high = item.partition("-")
        expected.update(f"{n:03d}" for n in range(int(low), int(high or low) + 1))
    assert expected == rules.UPN_LA_CODES
    assert "885" in rules.UPN_LA_CODES


def test_temporary_upn_counts_its_last_letter_by_position_in_the_alphabet():
    # 11 digits then "A" (position 0) weigh the same as 11 digits then "0".
    assert rules.upn_check_letter("88500001234A") == rules.upn_check_letter("885000012340")
    upn = rules.upn_check_letter("88500001234K") + "88500001234K"
    assert rules.upn_problem(upn) is None
    assert rules.is_temporary_upn(upn) is True
    assert rules.is_temporary_upn("P207000016049") is False


def test_upn_check_letter_refuses_a_malformed_body():
    with pytest.raises(ValueError, match="11 digits"):
        rules.upn_check_letter("88500001234")


upn_bodies = st.builds(
    lambda la, digits, last: la + digits + last,
    st.sampled_from(sorted(rules.UPN_LA_CODES)),
    st.text(alphabet="0123456789", min_size=8, max_size=8),
    st.sampled_from("0123456789" + rules.UPN_LETTERS),
)


@given(upn_bodies)
def test_generated_upns_are_accepted(body):
    assert rules.upn_problem(rules.upn_check_letter(body) + body) is None


@given(upn_bodies, st.integers(min_value=4, max_value=11), st.sampled_from("0123456789"))
def test_one_mistyped_digit_in_a_upn_is_rejected(body, position, digit):
    upn = rules.upn_check_letter(body) + body
    assume(upn[position] != digit)
    slipped = upn[:position] + digit + upn[position + 1 :]
    assert rules.upn_problem(slipped) == rules.UPN_CHECK_MESSAGE


@given(upn_bodies, st.sampled_from(rules.UPN_LETTERS))
def test_a_wrong_check_letter_is_rejected(body, letter):
    right = rules.upn_check_letter(body)
    assume(letter != right)
    assert rules.upn_problem(letter + body) == rules.UPN_CHECK_MESSAGE


# --- Postcodes, references ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("wr12ab", "WR1 2AB"),
        (" WR1   2AB ", "WR1 2AB"),
        ("sw1a1aa", "SW1A 1AA"),
        ("b11aa", "B1 1AA"),
        ("", ""),
    ],
)
def test_normalise_postcode(value, expected):
    assert rules.normalise_postcode(value) == expected


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("wr12ab", None),
        ("SW1A 1AA", None),
        ("M1 1AE", None),
        ("GIR 0AA", None),
        ("WR1", rules.POSTCODE_MESSAGE),
        ("12345", rules.POSTCODE_MESSAGE),
        ("WR1 2A", rules.POSTCODE_MESSAGE),
        ("", rules.POSTCODE_MESSAGE),
    ],
)
def test_postcode_problem(value, expected):
    assert rules.postcode_problem(value) == expected


def test_person_reference_is_a_valid_lachildid():
    assert rules.person_reference(42) == "FD00000042"
    assert rules.person_reference(12345678901) == "FD12345678901"


# --- Names ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "key"),
    [
        ("Smith", "SM0"),
        ("Smyth", "SM0"),
        ("  smith ", "SM0"),
        ("McDonald", "MKTNLT"),
        ("MacDonald", "MKTNLT"),
        ("O'Brien", "OBRN"),
        ("O\u2019Brien", "OBRN"),
        ("Thompson", "0MSN"),
        ("Thomson", "0MSN"),
        ("Phillips", "FLPS"),
        ("Smith-Jones", "SM0JNS"),
        ("Zoë", "S"),
        ("محمد", ""),
        ("", ""),
    ],
)
def test_name_key(name, key):
    assert rules.name_key(name) == key


def test_name_key_fits_the_model_field():
    assert len(rules.name_key("Wolfeschlegelsteinhausenbergerdorff")) == 12


def test_normalise_name():
    assert rules.normalise_name("  O'Brien-Smyth ") == "obrien smyth"
    assert rules.normalise_name("Zoë") == "zoe"


def test_given_name_variants_go_both_ways():
    assert {"william", "will", "liam", "billy"} <= rules.given_name_variants("Bill")
    assert "bill" in rules.given_name_variants("William")
    assert {"catherine", "kate", "katie", "cath"} <= rules.given_name_variants("Kate")
    assert "alfred" in rules.given_name_variants("Alfie")
    assert "john" in rules.given_name_variants("Jack")
    assert "margaret" in rules.given_name_variants("Peggy")
    assert "henry" in rules.given_name_variants("Harry")
    assert "isabella" in rules.given_name_variants("Izzy")


def test_a_shared_short_form_does_not_join_the_names_it_shortens():
    assert {"eleanor", "elizabeth"} <= rules.given_name_variants("Ellie")
    assert "elizabeth" not in rules.given_name_variants("Eleanor")


def test_given_name_variants_of_an_unlisted_or_empty_name():
    assert rules.given_name_variants("Zebedee") == frozenset({"zebedee"})
    assert rules.given_name_variants("") == frozenset()


def test_nickname_data_has_a_few_hundred_pairs():
    from frontdoor.people.nicknames import NAME_GROUPS

    pairs = sum(len(group) - 1 for group in NAME_GROUPS)
    assert pairs >= 300
    assert all(name == name.lower() and name.isascii() for group in NAME_GROUPS for name in group)


# --- Dates of birth ----------------------------------------------------------------------------------


def test_dob_variants():
    assert rules.dob_variants(date(2015, 7, 3)) == {date(2015, 7, 3), date(2015, 3, 7)}
    assert rules.dob_variants(date(2015, 7, 13)) == {date(2015, 7, 13)}
    assert rules.dob_variants(date(2015, 5, 5)) == {date(2015, 5, 5)}
    assert rules.dob_variants(date(2016, 2, 29)) == {date(2016, 2, 29)}


def test_dob_variants_leave_out_dates_a_day_either_side():
    assert date(2015, 7, 2) not in rules.dob_variants(date(2015, 7, 3))
    assert date(2015, 7, 4) not in rules.dob_variants(date(2015, 7, 3))


def test_dob_slips_are_real_dates_one_keystroke_away():
    slips = rules.dob_slips(date(2015, 7, 3))
    assert {
        date(2016, 7, 3),
        date(2005, 7, 3),
        date(2015, 7, 30),
        date(2015, 7, 8),
        date(2015, 8, 3),
    } <= slips
    assert date(2051, 7, 3) in slips  # "15" typed as "51"
    assert date(2015, 7, 3) not in slips
    assert date(2015, 7, 4) in slips
    assert date(2015, 7, 2) in slips
    assert len(slips) <= 80


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dob_slips_differ_by_exactly_one_keystroke(d):
    for slip in rules.dob_slips(d):
        assert rules._one_digit_apart(d, slip)


@given(st.dates(min_value=date(1900, 1, 1), max_value=date(2100, 12, 31)))
def test_dob_variants_always_contain_the_date_and_swap_back(d):
    variants = rules.dob_variants(d)
    assert d in variants
    assert len(variants) <= 2
    for other in variants:
        assert d in rules.dob_variants(other)


# --- Matching ----------------------------------------------------------------------------------------

WILLIAM = SearchQuery(first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3))


def test_bill_smyth_is_found_for_william_smith_with_reasons():
    bill = CandidateRecord(first_name="Bill", last_name="Smyth", date_of_birth=date(2015, 3, 7))
    match = rules.score_match(WILLIAM, bill)
    assert match.reasons == (
        "Surname sounds the same (Smith ↔ Smyth)",
        "First name is a short form (William ↔ Bill)",
        "Date of birth matches with day and month swapped (03/07 ↔ 07/03)",
    )
    assert match.score == pytest.approx((0.25 + 0.20 + 0.30) / 0.95, abs=0.001)
    assert match.score >= rules.THRESHOLD


def test_exact_name_and_date_of_birth_scores_the_cap():
    same = CandidateRecord(first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3))
    match = rules.score_match(WILLIAM, same)
    assert match == rules.Match(0.95, ("Same surname", "Same first name", "Same date of birth"))


def test_a_twin_with_another_first_name_falls_below_the_threshold():
    twin = CandidateRecord(first_name="Harry", last_name="Smith", date_of_birth=date(2015, 7, 3))
    match = rules.score_match(WILLIAM, twin)
    assert match.reasons == ("Same surname", "Different first name (Harry)", "Same date of birth")
    assert match.score == pytest.approx((0.30 - 0.35 + 0.40) / 0.95, abs=0.001)
    assert match.score < rules.THRESHOLD


def test_the_same_nhs_number_is_decisive():
    query = SearchQuery(last_name="Jones", nhs_number="943 476 5919")
    record = CandidateRecord(first_name="Ann", last_name="Smith", nhs_number="9434765919")
    assert rules.score_match(query, record) == rules.Match(
        1.0, ("Same NHS number", "Different surname (Smith)")
    )


def test_the_same_upn_is_decisive():
    query = SearchQuery(upn="p207000016049")
    record = CandidateRecord(last_name="Smith", upn="P207000016049")
    assert rules.score_match(query, record) == rules.Match(1.0, ("Same UPN",))


def test_a_different_nhs_number_lowers_the_score_a_lot_but_a_perfect_match_still_shows():
    query = SearchQuery(
        first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3), nhs_number="9434765919"
    )
    record = CandidateRecord(
        first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3), nhs_number="4010232137"
    )
    match = rules.score_match(query, record)
    assert match.score == pytest.approx(0.55)
    assert match.reasons[0] == "Different NHS number (943 476 5919 ↔ 401 023 2137)"
    weaker = CandidateRecord(
        first_name="Bill", last_name="Smyth", date_of_birth=date(2015, 3, 7), nhs_number="4010232137"
    )
    assert rules.score_match(query, weaker).score < rules.THRESHOLD


def test_a_different_upn_lowers_the_score():
    query = SearchQuery(
        first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3), upn="P207000016049"
    )
    record = CandidateRecord(first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3), upn="X")
    match = rules.score_match(query, record)
    assert match.score == pytest.approx(0.75)
    assert match.reasons[0] == "Different UPN"


def test_former_surname_matches():
    query = SearchQuery(first_name="Kate", last_name="Jones", date_of_birth=date(2015, 7, 3))
    record = CandidateRecord(
        first_name="Catherine",
        last_name="Smith",
        other_names=(OtherName("", "Jones"),),
        date_of_birth=date(2015, 7, 3),
    )
    match = rules.score_match(query, record)
    assert match.reasons == (
        "Former surname matches (Jones)",
        "First name is a short form (Kate ↔ Catherine)",
        "Same date of birth",
    )
    assert match.score == pytest.approx(0.85 / 0.95, abs=0.001)


def test_alias_surname_is_named_as_such():
    query = SearchQuery(last_name="Jones")
    record = CandidateRecord(last_name="Smith", other_names=(OtherName("", "Jones", "alias"),))
    assert rules.score_match(query, record).reasons == ("Other surname used matches (Jones)",)


@pytest.mark.parametrize(
    ("said", "held", "reason"),
    [
        ("Smiht", "Smith", "Surname is spelt similarly (Smiht ↔ Smith)"),
        ("Thomson", "Thompson", "Surname sounds the same (Thomson ↔ Thompson)"),
        ("Smith", "Smith-Jones", "Surname is part of a double-barrelled name (Smith ↔ Smith-Jones)"),
        ("MacDonald", "McDonald", "Surname sounds the same (MacDonald ↔ McDonald)"),
        ("smith", "Smith", "Same surname"),
        ("Patel", "Smith", "Different surname (Smith)"),
    ],
)
def test_surname_reasons(said, held, reason):
    match = rules.score_match(SearchQuery(last_name=said), CandidateRecord(last_name=held))
    assert match.reasons == (reason,)


@pytest.mark.parametrize(
    ("said", "candidate", "reason"),
    [
        ("Jon", CandidateRecord(first_name="John"), "First name sounds the same (Jon ↔ John)"),
        ("Alfie", CandidateRecord(first_name="Alfred"), "First name is a short form (Alfie ↔ Alfred)"),
        ("Jakc", CandidateRecord(first_name="Jack"), "First name is spelt similarly (Jakc ↔ Jack)"),
        ("Billy", CandidateRecord(first_name="William", known_as="Billy"), "Known as Billy"),
        (
            "James",
            CandidateRecord(first_name="William", middle_names="James Peter"),
            "First name matches a middle name (James)",
        ),
        ("W", CandidateRecord(first_name="William"), "Same first initial (W)"),
        ("Harry", CandidateRecord(first_name="William"), "Different first name (William)"),
    ],
)
def test_first_name_reasons(said, candidate, reason):
    query = SearchQuery(first_name=said, last_name="Smith")
    record = CandidateRecord(
        first_name=candidate.first_name,
        last_name="Smith",
        known_as=candidate.known_as,
        middle_names=candidate.middle_names,
    )
    assert rules.score_match(query, record).reasons == ("Same surname", reason)


def test_date_of_birth_one_digit_out():
    query = SearchQuery(last_name="Smith", date_of_birth=date(2015, 7, 3))
    record = CandidateRecord(last_name="Smith", date_of_birth=date(2016, 7, 3))
    match = rules.score_match(query, record)
    assert match.reasons == ("Same surname", "Date of birth differs by one digit (03/07/2015 ↔ 03/07/2016)")
    assert match.score == pytest.approx(0.5 / 0.7, abs=0.001)


def test_a_different_date_of_birth_pulls_a_same_name_below_the_threshold():
    record = CandidateRecord(first_name="William", last_name="Smith", date_of_birth=date(2012, 1, 20))
    match = rules.score_match(WILLIAM, record)
    assert match.reasons[-1] == "Different date of birth (20/01/2012)"
    assert match.score < rules.THRESHOLD


def test_postcode_now_and_before():
    query = SearchQuery(last_name="Smith", postcode="wr12ab")
    now = CandidateRecord(last_name="Smith", postcodes=("WR1 2AB",))
    before = CandidateRecord(last_name="Smith", former_postcodes=("WR1 2AB",))
    assert rules.score_match(query, now) == rules.Match(0.95, ("Same surname", "Lives at WR1 2AB"))
    assert rules.score_match(query, before).reasons == ("Same surname", "Lived at WR1 2AB before")
    assert rules.score_match(query, before).score == pytest.approx(0.35 / 0.40)


def test_a_search_on_one_field_is_scored_on_that_field():
    assert rules.score_match(
        SearchQuery(last_name="Smith"), CandidateRecord(last_name="Smyth")
    ).score == pytest.approx(0.25 / 0.30, abs=0.001)
    assert (
        rules.score_match(SearchQuery(postcode="WR1 2AB"), CandidateRecord(postcodes=("WR1 2AB",))).score
        == 0.95
    )


def test_an_empty_query_scores_nothing():
    assert rules.score_match(SearchQuery(), CandidateRecord(last_name="Smith")) == rules.Match(0.0, ())


def test_missing_candidate_fields_neither_earn_nor_cost():
    record = CandidateRecord(last_name="Smith")
    assert rules.score_match(WILLIAM, record) == rules.Match(round(0.30 / 0.95, 3), ("Same surname",))


names = st.text(alphabet="abcdefghijklmnopqrstuvwxyz'- ", max_size=12)
dates = st.none() | st.dates(min_value=date(1990, 1, 1), max_value=date(2025, 12, 31))


@given(names, names, dates, names, names, dates)
def test_scores_stay_between_0_and_1(qf, ql, qd, cf, cl, cd):
    match = rules.score_match(
        SearchQuery(first_name=qf, last_name=ql, date_of_birth=qd),
        CandidateRecord(first_name=cf, last_name=cl, date_of_birth=cd),
    )
    assert 0.0 <= match.score <= 1.0


@given(
    st.sampled_from(["Smith", "Jones", "Patel", "O'Neill", "McDonald", "Nowak"]),
    st.sampled_from(["William", "Amelia", "Mohammed", "Zoë", "Jack"]),
    st.dates(min_value=date(2005, 1, 1), max_value=date(2025, 12, 31)),
)
def test_a_record_always_matches_itself_at_the_cap(last, first, born):
    query = SearchQuery(first_name=first, last_name=last, date_of_birth=born)
    record = CandidateRecord(first_name=first, last_name=last, date_of_birth=born)
    assert rules.score_match(query, record).score == 0.95


def test_rank_matches_keeps_the_best_above_the_threshold_in_order():
    candidates = [
        (3, CandidateRecord(first_name="Bill", last_name="Smyth", date_of_birth=date(2015, 3, 7))),
        (1, CandidateRecord(first_name="Harry", last_name="Smith", date_of_birth=date(2015, 7, 3))),
        (2, CandidateRecord(first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3))),
        (4, CandidateRecord(first_name="William", last_name="Smith", date_of_birth=date(2015, 7, 3))),
    ]
    ranked = rules.rank_matches(WILLIAM, candidates, limit=2)
    assert [pk for pk, _ in ranked] == [2, 4]
    assert [pk for pk, _ in rules.rank_matches(WILLIAM, candidates, limit=10)] == [2, 4, 3]


def test_blocking_keys():
    keys = rules.blocking_keys(
        SearchQuery(
            last_name="Smyth", date_of_birth=date(2015, 7, 3), nhs_number="943 476 5919", postcode="wr12ab"
        )
    )
    assert keys == rules.BlockingKeys(
        name_key="SM0",
        birth_years=(2014, 2016),
        name_dates=frozenset(rules.dob_slips(date(2015, 7, 3))),
        dates_of_birth=frozenset({date(2015, 7, 3), date(2015, 3, 7)}),
        nhs_number="9434765919",
        postcode="WR1 2AB",
    )
    assert rules.blocking_keys(SearchQuery(first_name="Tom")).empty is True
