"""What is still open or was done inside an episode, from the pathways that work inside it.

Closing an episode must know of open assessments, plans and enquiries (CIN rules 8565, 2990, 4009...),
but those pathways sit above the episode in the dependency order (docs/development.md). Each tells
the episode what it holds through a counter that pathways.wiring registers; referral_close adds them
up and hands the totals to the pure closure rules.
"""

from collections.abc import Callable
from typing import Any

from django.core import checks

from frontdoor.referrals.rules import RecordedWork

# The counts referrals.rules.closure_problems reads; every one must have a counter.
COUNTS = frozenset(
    {"open_assessments", "authorised_assessments", "open_plans", "open_enquiries", "open_protection_plans"}
)

Counter = Callable[[Any], dict[str, int]]
_COUNTERS: list[Counter] = []
# The dated work CIN 8565 and 2990 compare with a closure recorded after it (issue 18).
Recorder = Callable[[Any], RecordedWork]
_RECORDERS: list[Recorder] = []


def register(counter: Counter) -> None:
    if counter not in _COUNTERS:
        _COUNTERS.append(counter)


def register_recorded(recorder: Recorder) -> None:
    if recorder not in _RECORDERS:
        _RECORDERS.append(recorder)


def recorded_in(referral: Any) -> RecordedWork:
    """Every pathway's dated work in the episode, and whether it holds a plan or protection."""
    parts = [recorder(referral) for recorder in _RECORDERS]
    return RecordedWork(
        dated=tuple(item for part in parts for item in part.dated),
        has_plan_or_protection=any(part.has_plan_or_protection for part in parts),
    )


def work_in(referral: Any) -> dict[str, int]:
    """Every registered count for the episode (a fixed number of queries: one or two a pathway)."""
    totals = dict.fromkeys(COUNTS, 0)
    for counter in _COUNTERS:
        for name, value in counter(referral).items():
            totals[name] = totals.get(name, 0) + value
    return totals


@checks.register()
def every_count_has_a_counter(**kwargs: Any) -> list[checks.CheckMessage]:
    if _COUNTERS and _RECORDERS:
        return []
    return [
        checks.Error(
            "No pathway tells the episode what work it holds, so episodes could close over open work.",
            hint="Install frontdoor.pathways, whose wiring registers the counters.",
            id="frontdoor.E011",
        )
    ]
