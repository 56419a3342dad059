"""Portal rules: who is a child, what the family knows, which referral source a partner's referral carries."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.contacts.models import ReferralSource
from frontdoor.organisations.models import AgencyKind
from frontdoor.portal import rules


def test_a_child_is_under_18_until_the_day_of_their_18th_birthday():
    assert rules.is_under_18(date(2008, 11, 24), today=date(2026, 11, 23))
    assert not rules.is_under_18(date(2008, 11, 23), today=date(2026, 11, 23))


def test_a_leap_day_baby_turns_18_on_1_march_in_an_ordinary_year():
    assert rules.is_under_18(date(2008, 2, 29), today=date(2026, 2, 28))
    assert not rules.is_under_18(date(2008, 2, 29), today=date(2026, 3, 1))


@given(born=st.dates(min_value=date(1950, 1, 1), max_value=date(2030, 12, 31)), days=st.integers(0, 40_000))
def test_once_18_always_18(born, days):
    today = born + timedelta(days=days)
    if not rules.is_under_18(born, today):
        assert not rules.is_under_18(born, today + timedelta(days=1))
    # 18 years are 6,574 to 6,576 days (four or five leap days among them).
    if days < 6574:
        assert rules.is_under_18(born, today)
    if days > 6576:
        assert not rules.is_under_18(born, today)


@given(
    knows=st.booleans(),
    consent=st.sampled_from(["obtained", "not_obtained", "not_sought"]),
    rationale=st.sampled_from(["", "  ", "Asking would put the child at risk"]),
)
def test_consent_problems_are_exactly_the_contradictions(knows, consent, rationale):
    problems = rules.consent_problems(rules.ConsentAnswer(knows, consent, rationale))

    if not knows and consent == "obtained":
        assert problems == {"consent": rules.FAMILY_UNAWARE_BUT_CONSENTED}
    elif consent != "obtained" and not rationale.strip():
        assert list(problems) == ["consent_rationale"]
    else:
        assert problems == {}


def test_every_agency_kind_maps_to_a_dfe_referral_source():
    assert {rules.referral_source("", kind) for kind in AgencyKind.values} <= set(ReferralSource.values)
    assert rules.referral_source("", AgencyKind.EDUCATION) == "2A"
    assert rules.referral_source("3B", AgencyKind.HEALTH) == "3B"


def test_the_contact_text_keeps_each_part_under_its_heading():
    text = rules.contact_text(
        concerns=" Hungry ",
        tried="Breakfast club",
        referrer_lines=["Ruth Ellery, DSL", "", "01905 000000"],
        notes=["Check the NHS number"],
    )

    assert text == (
        "Hungry\n\nWhat has been tried:\nBreakfast club\n\nReferrer:\nRuth Ellery, DSL\n01905 000000"
        "\n\nFor the front door to check:\nCheck the NHS number"
    )
