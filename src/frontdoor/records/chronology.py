"""The child's chronology, gathered from every pathway that holds records about the child.

Each provider is `<app>.selectors.chronology_entries(*, actor, person)`, already scoped to the actor;
the child's page logs one access for the whole page. Providers are imported, not looked up by name,
so the dependency order (docs/development.md) sees that this module sits above them.
"""

from collections.abc import Callable, Sequence
from typing import Any

from django.utils import timezone

from frontdoor.assessments import selectors as assessments
from frontdoor.casenotes import selectors as casenotes
from frontdoor.child_protection import selectors as child_protection
from frontdoor.contacts import selectors as contacts
from frontdoor.core.chronology import Entry
from frontdoor.early_help import selectors as early_help
from frontdoor.exploitation import selectors as exploitation
from frontdoor.missing import selectors as missing
from frontdoor.plans import selectors as plans
from frontdoor.quality import selectors as quality
from frontdoor.referrals import selectors as referrals
from frontdoor.supervision import selectors as supervision

Provider = Callable[..., list[Entry]]

# In the order a tie on time is shown: the front door before what it led to.
SOURCES: Sequence[Provider] = (
    contacts.chronology_entries,
    referrals.chronology_entries,
    assessments.chronology_entries,
    plans.chronology_entries,
    child_protection.chronology_entries,
    early_help.chronology_entries,
    supervision.chronology_entries,
    quality.chronology_entries,
    missing.chronology_entries,
    exploitation.chronology_entries,
    casenotes.chronology_entries,
)


def entries_for(*, actor: Any, person: Any, kinds: frozenset[str] | None = None) -> list[Entry]:
    """Newest first. A date-only entry counts as the end of its day, so a conference held on the day
    of the strategy discussion that led to it is never shown before it; ties keep SOURCES order."""
    gathered: list[tuple[int, Entry]] = []
    for rank, provider in enumerate(SOURCES):
        gathered.extend((rank, entry) for entry in provider(actor=actor, person=person))
    if kinds:
        gathered = [(rank, entry) for rank, entry in gathered if entry.kind in kinds]
    gathered.sort(key=lambda item: (_moment(item[1]), item[0]), reverse=True)
    return [entry for _, entry in gathered]


def _moment(entry: Entry) -> tuple[Any, bool, Any]:
    return (timezone.localtime(entry.at).date(), entry.date_only, entry.at)
