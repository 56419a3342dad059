"""What a front-door decision opens downstream: a children-in-need episode, a strategy discussion, or
early help.

The front door does not know the pathways that sit above it in the dependency order
(docs/development.md); the one place that knows them all (pathways.wiring) registers an opener for
each outcome that starts one. A decision runs its opener inside its own transaction, so a refusal
downstream leaves the decision unsaved. A system check refuses to start without every opener.
"""

from collections.abc import Callable, Iterable
from typing import Any

from django.core import checks

from frontdoor.contacts.models import REFERRAL_OUTCOMES, Outcome

# Outcomes that must open work downstream; the others (no further action, signposting, advice) end
# at the front door.
ROUTED_OUTCOMES = frozenset({*REFERRAL_OUTCOMES, Outcome.EARLY_HELP})

Opener = Callable[..., Any]
_OPENERS: dict[str, Opener] = {}


def register(outcomes: Iterable[str], opener: Opener) -> None:
    for outcome in outcomes:
        _OPENERS[outcome] = opener


def open_downstream(*, actor: Any, journey: Any, decision: Any) -> None:
    """Open what the decision's outcome starts. Called by contacts.services inside the decision."""
    opener = _OPENERS.get(decision.outcome)
    if opener is None and decision.outcome in ROUTED_OUTCOMES:
        raise RuntimeError(f"No pathway opens a decision of {decision.outcome!r}: see pathways.wiring")
    if opener is not None:
        opener(actor=actor, journey=journey, decision=decision)


@checks.register()
def every_routed_outcome_opens_something(**kwargs: Any) -> list[checks.CheckMessage]:
    missing = sorted(outcome for outcome in ROUTED_OUTCOMES if outcome not in _OPENERS)
    return [
        checks.Error(
            f"No pathway is registered to open a front-door decision of {outcome!r}.",
            hint="Install frontdoor.pathways, whose wiring registers every opener.",
            id="frontdoor.E010",
        )
        for outcome in missing
    ]
