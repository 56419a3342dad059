"""One entry of a child's chronology (issue 5, "Chronology and the child's page").

Each domain app that holds records about a child offers
`<app>.selectors.chronology_entries(*, actor, person) -> list[Entry]`, already scoped to the actor and
without its own access log (the child's page logs one access for the whole page). The child's record
(records.chronology), which sits above every pathway, gathers and orders them.
"""

from dataclasses import dataclass
from datetime import datetime


@dataclass(frozen=True)
class Entry:
    at: datetime
    kind: str  # a short domain label used as the filter, e.g. "contact", "visit", "strategy discussion"
    title: str
    detail: str = ""
    url: str | None = None
    # True when only the date is known (a conference "held on"): shown without a time, and ordered
    # after every timed event of that day, since it cannot have preceded what led to it.
    date_only: bool = False
    # Whether a reader of "significant events only" sees it; None leaves it to its kind
    # (records.chronology.SIGNIFICANT_KINDS).
    significant: bool | None = None
