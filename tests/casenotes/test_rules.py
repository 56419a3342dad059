"""casenotes.rules: worked examples and properties."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.casenotes import rules

NOW = datetime(2026, 11, 4, 12, 0, tzinfo=UTC)
moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC))


def test_an_event_in_the_future_and_an_empty_text_are_refused_beside_their_fields():
    draft = rules.Draft(NOW + timedelta(minutes=1), "  \n ", child_seen=False, seen_alone=True)
    assert rules.note_problems(draft, now=NOW) == {
        "occurred_at": "When it happened must be in the past: a note records what has happened",
        "text": "Enter what happened",
        "seen_alone": "A child seen alone was seen: tick 'The child was seen' too",
    }


def test_a_note_of_an_event_just_past_is_accepted():
    assert rules.note_problems(rules.Draft(NOW, "Phoned mum"), now=NOW) == {}


@given(moments, moments)
def test_an_event_is_refused_exactly_when_it_is_after_now(occurred, now):
    problems = rules.note_problems(rules.Draft(occurred, "text"), now=now)
    assert ("occurred_at" in problems) == (occurred > now)


@given(moments, moments)
def test_the_delay_is_never_negative_and_is_the_gap_when_recorded_after(occurred, recorded):
    gap = rules.delay(occurred, recorded)
    assert gap >= timedelta(0)
    assert gap == (recorded - occurred if recorded >= occurred else timedelta(0))


@given(st.integers(0, 10_000), st.integers(0, 10_000))
def test_the_late_share_is_a_percentage_of_all_notes(late, extra):
    total = late + extra
    share = rules.late_share(late, total)
    if total == 0:
        assert share is None
    else:
        assert share is not None
        assert 0 <= share <= 100
        assert abs(share - 100 * late / total) <= 0.05


def test_the_late_share_examples():
    assert rules.late_share(1, 3) == 33.3
    assert rules.late_share(0, 0) is None
    assert rules.is_late(NOW, NOW) is False
    assert rules.is_late(NOW + timedelta(microseconds=1), NOW) is True


words = st.text(alphabet="abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ", min_size=1, max_size=12)


@given(words, st.text(max_size=40), st.text(max_size=40))
def test_a_word_in_the_note_is_found_whatever_its_case(word, before, after):
    assert rules.matches([before + word.upper() + after], word.lower())
    assert rules.matches(["", before + word.lower() + after], word.upper())


def test_every_word_of_a_search_must_be_found():
    assert rules.matches(["Dog called Rex", "Mum present"], "rex mum")
    assert not rules.matches(["Dog called Rex"], "rex cat")
