"""Case note rules as pure functions (no Django).

Sources: issue 16 §1; Ofsted ILACS (2023) on recording: "visits and management oversight are
recorded promptly"; Working Together to Safeguard Children 2023, ch. 3 (the child seen, and seen
alone where appropriate; the child's wishes and feelings recorded). The recording standard itself
is the clock engine's `case_note_recorded` (a local 2 working days by default).

Invariants:
- A note records something that has happened: the event is never after the moment of recording.
- A note has text; a child seen alone was seen.
- Late means recorded after the due moment; the share of late notes is of all notes, to one decimal
  place, None when there are none.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime, timedelta

NOTE_TEXT_LIMIT = 20_000
WORDS_LIMIT = 5_000
PRESENT_LIMIT = 1_000
# The note's content: what a version keeps and a correction may change.
CONTENT = (
    "kind",
    "occurred_at",
    "present",
    "child_seen",
    "seen_alone",
    "childs_words",
    "text",
    "significant",
)


@dataclass(frozen=True)
class Draft:
    occurred_at: datetime
    text: str
    child_seen: bool = False
    seen_alone: bool = False


def note_problems(draft: Draft, *, now: datetime) -> dict[str, str]:
    """What is wrong with a note, by field (empty when nothing is)."""
    problems: dict[str, str] = {}
    if draft.occurred_at > now:
        problems["occurred_at"] = "When it happened must be in the past: a note records what has happened"
    if not draft.text.strip():
        problems["text"] = "Enter what happened"
    if draft.seen_alone and not draft.child_seen:
        problems["seen_alone"] = "A child seen alone was seen: tick 'The child was seen' too"
    return problems


def is_late(recorded_at: datetime, due_at: datetime) -> bool:
    return recorded_at > due_at


def delay(occurred_at: datetime, recorded_at: datetime) -> timedelta:
    """How long after the event the note was written (never negative)."""
    return max(recorded_at - occurred_at, timedelta(0))


def late_share(late: int, total: int) -> float | None:
    """Percentage of notes recorded late, to one decimal place; None with no notes."""
    if total <= 0:
        return None
    return round(100 * late / total, 1)


def matches(texts: Iterable[str], words: str) -> bool:
    """Whether every word of a search appears in one of the texts, ignoring case (the selector does
    the same in SQL with icontains; this is its statement, for the property tests)."""
    haystack = " ".join(texts).casefold()
    return all(word.casefold() in haystack for word in words.split())
