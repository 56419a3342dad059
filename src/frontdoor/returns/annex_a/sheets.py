"""What every list is made of: rows, the children in them, and the people and allocations they need."""

from dataclasses import dataclass, field
from datetime import date, datetime, time
from typing import Any

from django.utils import timezone

from frontdoor.people.models import Person
from frontdoor.referrals.models import Allocation
from frontdoor.returns.annex_a.columns import child_cells, disability


@dataclass
class Window:
    """Lists 1-7 cover `start` to `end`, both inclusive (rules.annex_a_window)."""

    start: date
    end: date
    as_of: date

    @property
    def start_at(self) -> datetime:
        return timezone.make_aware(datetime.combine(self.start, time.min))

    @property
    def end_at(self) -> datetime:
        """The first moment after the window."""
        return timezone.make_aware(datetime.combine(self.end, time.max))


@dataclass
class Sheet:
    number: int
    rows: list[list[object]] = field(default_factory=list)
    person_ids: list[int] = field(default_factory=list)
    # Why the list is empty by design: Frontdoor does not hold these records (yet).
    note: str = ""


PERSON_FIELDS = ("pk", "reference", "sex", "ethnicity", "date_of_birth", "disabilities")


def people(authority_id: int, ids: set[int]) -> dict[int, dict[str, Any]]:
    rows = Person.objects.filter(authority_id=authority_id, pk__in=list(ids)).values(*PERSON_FIELDS)
    return {row["pk"]: row for row in rows}


def child_row(person: dict[str, Any], window: Window, *, with_disability: bool = False) -> list[object]:
    cells = child_cells(person, window.as_of)
    return [*cells, disability(list(person["disabilities"] or []))] if with_disability else cells


def allocations(referral_ids: set[int], at: datetime) -> dict[int, tuple[str, str]]:
    """Who held each episode at `at`: (team, worker) of the latest allocation started by then."""
    held: dict[int, tuple[str, str]] = {}
    rows = (
        Allocation.objects.filter(referral_id__in=list(referral_ids), started_at__lte=at)
        .order_by("referral_id", "started_at", "pk")
        .values_list(
            "referral_id", "team__name", "worker__first_name", "worker__last_name", "worker__username"
        )
    )
    for referral_id, team, first, last, username in rows:
        held[referral_id] = (team, f"{first} {last}".strip() or username)
    return held
