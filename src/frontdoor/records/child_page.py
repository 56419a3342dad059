"""What the child's page reads beyond who the child is: who is working with them, every piece of
work due or overdue, and the chronology built from the records (core.chronology). The page logs
one access for the child (people.selectors.person_get_for); nothing here logs again.
"""

from dataclasses import dataclass

from django.db.models import Q

from frontdoor.clocks.models import Clock
from frontdoor.clocks.rules import DEFAULT_STANDARDS
from frontdoor.core.chronology import Entry
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.records.chronology import entries_for, is_significant
from frontdoor.referrals.models import Referral


@dataclass(frozen=True)
class Due:
    name: str
    clock: Clock


def due_for(*, actor: User, person: Person) -> list[Due]:
    """Every running clock about the child, soonest due first. Clocks of a closed episode are left
    out: closing the case ended that work, whether or not the clock was met."""
    require(actor, "child.view")
    closed = Referral.objects.filter(
        authority_id=actor.authority_id, person_id=person.pk, closure_date__isnull=False
    ).values_list("pk", flat=True)
    clocks = (
        Clock.objects.filter(authority_id=actor.authority_id, person_id=person.pk, completed_at__isnull=True)
        .exclude(Q(subject_type="referrals.referral") & Q(subject_id__in=list(closed)))
        .order_by("due_at", "pk")
    )
    return [Due(name=_standard_name(c.standard), clock=c) for c in clocks]


def _standard_name(code: str) -> str:
    standard = DEFAULT_STANDARDS.get(code)
    return standard.name if standard else code.replace("_", " ").capitalize()


@dataclass(frozen=True)
class Chronology:
    entries: list[Entry]
    kinds: list[str]  # every kind the child's record has, for the filter
    chosen: frozenset[str]  # the kinds shown; empty means all
    significant_only: bool = False


def chronology_for(
    *, actor: User, person: Person, chosen: frozenset[str], significant_only: bool = False
) -> Chronology:
    """The child's chronology, newest first, limited to the chosen kinds when any are chosen, and to
    significant events (records.chronology.is_significant) when asked."""
    everything = entries_for(actor=actor, person=person)
    kinds = sorted({entry.kind for entry in everything})
    chosen = frozenset(kind for kind in chosen if kind in kinds)
    shown = [
        entry
        for entry in everything
        if (not chosen or entry.kind in chosen) and (not significant_only or is_significant(entry))
    ]
    return Chronology(entries=shown, kinds=kinds, chosen=chosen, significant_only=significant_only)
