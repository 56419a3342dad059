"""The child's chronology, built from the records themselves (issue 5, "Chronology and the child's page").

Each domain app that holds records about a child offers
`<app>.selectors.chronology_entries(*, actor, person) -> list[Entry]`, already scoped to the actor and
without its own access log (the child's page logs one access for the whole page). SOURCES lists them;
`entries_for` gathers and orders them, newest first.
"""

from dataclasses import dataclass
from datetime import datetime
from importlib import import_module
from typing import Any

# Dotted paths of the providers, in the order a tie on time is shown.
SOURCES: tuple[str, ...] = (
    "frontdoor.contacts.selectors.chronology_entries",
    "frontdoor.referrals.selectors.chronology_entries",
    "frontdoor.assessments.selectors.chronology_entries",
    "frontdoor.plans.selectors.chronology_entries",
    "frontdoor.child_protection.selectors.chronology_entries",
    "frontdoor.early_help.selectors.chronology_entries",
    "frontdoor.supervision.selectors.chronology_entries",
    "frontdoor.quality.selectors.chronology_entries",
    "frontdoor.missing.selectors.chronology_entries",
    "frontdoor.exploitation.selectors.chronology_entries",
    "frontdoor.casenotes.selectors.chronology_entries",
)


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str  # a short domain label used as the filter, e.g. "contact", "visit", "strategy discussion"
    title: str
    detail: str = ""
    url: str | None = None


def entries_for(*, actor: Any, person: Any, kinds: frozenset[str] | None = None) -> list[Entry]:
    gathered: list[Entry] = []
    for path in SOURCES:
        module_name, _, name = path.rpartition(".")
        provider = getattr(import_module(module_name), name)
        gathered.extend(provider(actor=actor, person=person))
    if kinds:
        gathered = [entry for entry in gathered if entry.kind in kinds]
    return sorted(gathered, key=lambda entry: entry.at, reverse=True)
