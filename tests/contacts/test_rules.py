"""Front-door rules: what a contact must say, the stage a journey is at, repeat-contact flags."""

from datetime import UTC, date, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.contacts import rules
from frontdoor.contacts.rules import EarlierContact

NOW = datetime(2026, 3, 10, 12, 0, tzinfo=UTC)


def problems(**overrides):
    values = {
        "received_at": NOW - timedelta(hours=1),
        "now": NOW,
        "earliest": date(2000, 1, 1),
        "consent": "obtained",
        "consent_rationale": "",
        "incident_at": None,
        "children_count": 1,
        "source": "2A",
        "referrer_named": True,
    }
    values.update(overrides)
    return rules.contact_problems(**values)


def test_a_complete_contact_has_no_problems():
    assert problems() == {}


def test_consent_not_obtained_needs_a_rationale():
    for consent in ("not_obtained", "not_sought", "overridden"):
        assert problems(consent=consent, consent_rationale="  ") == {
            "consent_rationale": (
                "Explain why consent was not obtained, or why it was not sought or was overridden"
            )
        }
        assert problems(consent=consent, consent_rationale="Parent is the alleged abuser") == {}


def test_received_in_the_future_is_refused():
    assert problems(received_at=NOW + timedelta(minutes=1)) == {
        "received_at": "The date and time received must be now or in the past"
    }


def test_incident_after_receipt_is_refused():
    assert problems(incident_at=NOW) == {
        "incident_at": "The incident must be before the contact was received"
    }


def test_a_contact_needs_a_kind_of_concern_and_a_narrative():
    assert problems(concern_categories=0, concerns=" ") == {
        "concern_categories": "Choose at least one kind of concern",
        "concerns": "Describe what happened and what the worry is",
    }


def test_a_contact_needs_a_child_and_a_named_family_referrer():
    assert problems(children_count=0, source="1A", referrer_named=False) == {
        "children": "Add at least one child this contact is about",
        "referrer_name": "Enter the name of the family member who made the contact",
    }


def test_stage_follows_the_facts():
    assert rules.stage_for(screened=False, outstanding_checks=2, decided=False) == "awaiting_screening"
    assert rules.stage_for(screened=True, outstanding_checks=1, decided=False) == "partner_checks"
    assert rules.stage_for(screened=True, outstanding_checks=0, decided=False) == "awaiting_decision"
    assert rules.stage_for(screened=False, outstanding_checks=0, decided=True) == "decided"


@given(st.booleans(), st.integers(min_value=0, max_value=20), st.booleans())
def test_a_decided_journey_is_always_decided(screened, outstanding, decided):
    stage = rules.stage_for(screened=screened, outstanding_checks=outstanding, decided=decided)
    assert (stage == "decided") is decided
    assert stage in {"awaiting_screening", "partner_checks", "awaiting_decision", "decided"}


def earlier(ref, days_ago, *, mine=True, source="2A", referrer=""):
    return EarlierContact(ref, NOW - timedelta(days=days_ago), mine, source, referrer)


def test_third_contact_in_twelve_months_is_flagged_with_the_earlier_ones():
    reasons = rules.repeat_reasons(
        received_at=NOW, source="2A", referrer_key="", earlier=[earlier("CT1", 200), earlier("CT2", 30)]
    )
    assert reasons == [
        "Contact number 3 about this child in 12 months (earlier: CT1 on 22 Aug 2025, CT2 on 08 Feb 2026)"
    ]


def test_contacts_older_than_twelve_months_do_not_count():
    reasons = rules.repeat_reasons(
        received_at=NOW, source="2A", referrer_key="", earlier=[earlier("CT1", 400), earlier("CT2", 30)]
    )
    assert reasons == []


def test_second_family_member_is_flagged_even_about_a_sibling():
    reasons = rules.repeat_reasons(
        received_at=NOW,
        source="1A",
        referrer_key="person:7",
        earlier=[earlier("CT9", 10, mine=False, source="1A", referrer="aunt jo smith")],
    )
    assert reasons == [
        "A second family member has raised concerns: CT9 on 28 Feb 2026 about a child in the same "
        "household came from a different family member"
    ]


def test_the_same_family_member_again_is_not_a_second_family_member():
    reasons = rules.repeat_reasons(
        received_at=NOW,
        source="1A",
        referrer_key="person:7",
        earlier=[earlier("CT9", 10, source="1A", referrer="person:7")],
    )
    assert reasons == []


@given(st.lists(st.integers(min_value=1, max_value=364), max_size=8))
def test_the_count_flag_fires_exactly_at_the_threshold(days):
    earlier_contacts = [earlier(f"CT{i}", d) for i, d in enumerate(days)]
    reasons = rules.repeat_reasons(received_at=NOW, source="2A", referrer_key="", earlier=earlier_contacts)
    assert bool(reasons) is (len(days) + 1 >= 3)
