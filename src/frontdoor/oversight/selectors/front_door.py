"""The board's front-door rows as plain values: every open board re-reads them on each change, so a
row is read with values_list and built into a small frozen record, not six model instances (with
.only() that was 17 ms for 50 rows against 9 ms for the same rows as values; bench/board.py)."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import QuerySet

from frontdoor.contacts.models import STAGE_LABELS, Contact, ContactChild, PartnerCheck
from frontdoor.organisations.rules import display_name
from frontdoor.people.rules import full_name

SOURCE_LABELS = dict(Contact._meta.get_field("source").choices or [])


@dataclass(frozen=True)
class Timing:
    """What the due columns and govuk.due_tag read from a clock."""

    due_at: datetime | None
    completed_at: datetime | None
    paused_at: datetime | None


@dataclass(frozen=True)
class FrontDoorRow:
    pk: int
    contact_id: int
    person_id: int
    person_name: str
    reference: str
    source_label: str
    repeat: bool
    stage: str
    stage_label: str
    rag: str
    owner_name: str  # "" when nobody owns it yet
    stage_entered_at: datetime
    board_clock: Timing
    waiting_for: tuple[str, ...] = ()  # agencies whose partner check is still out
    household: tuple[str, ...] = ()  # why flagged as a repeat about the household (issue 17 §4)


def _clock(prefix: str) -> tuple[str, ...]:
    return tuple(f"{prefix}__{column}" for column in ("due_at", "completed_at", "paused_at"))


COLUMNS = (
    "pk",
    "contact_id",
    "person_id",
    "person__first_name",
    "person__last_name",
    "person__expected_date_of_birth",
    "contact__reference",
    "contact__source",
    "repeat_reasons",
    "stage",
    "rag",
    "owner__first_name",
    "owner__last_name",
    "owner__username",
    "stage_entered_at",
    "household_reasons",
)


def rows(work: QuerySet[ContactChild], clock: str) -> list[FrontDoorRow]:
    """The rows of `work` (already filtered, ordered and sliced), timed against `clock`, with the
    agencies each contact still waits for (one more query)."""
    read = list(work.values_list(*COLUMNS, *_clock(clock)))
    waiting: dict[int, list[str]] = {}
    contacts = {r[1] for r in read}
    if contacts:
        for contact_id, agency in (
            PartnerCheck.objects.filter(contact_id__in=contacts, responded_at__isnull=True)
            .order_by("requested_at", "pk")
            .values_list("contact_id", "agency__name")
        ):
            waiting.setdefault(contact_id, []).append(agency)
    return [_row(r, waiting) for r in read]


def _row(r: Any, waiting: dict[int, list[str]]) -> FrontDoorRow:
    (pk, contact_id, person_id, first, last, expected, reference, source, repeats, stage, rag) = r[:11]
    owner_first, owner_last, owner_username, entered, household, due_at, completed_at, paused_at = r[11:]
    owner = "" if owner_username is None else display_name(owner_first, owner_last, owner_username)
    return FrontDoorRow(
        pk=pk,
        contact_id=contact_id,
        person_id=person_id,
        person_name=full_name(first, last, expected),
        reference=reference,
        source_label=SOURCE_LABELS.get(source, source),
        repeat=bool(repeats),
        household=tuple(household or ()),
        stage=stage,
        stage_label=STAGE_LABELS.get(stage, stage),
        rag=rag,
        owner_name=owner,
        stage_entered_at=entered,
        board_clock=Timing(due_at, completed_at, paused_at),
        waiting_for=tuple(waiting.get(contact_id, ())),
    )
