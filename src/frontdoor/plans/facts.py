"""What plan content needs to know about the plan it belongs to, whichever kind: a children-in-need
plan (this app) or a child protection plan (child_protection, above plans in the dependency order).

Child protection fills `connect` from pathways.wiring, as it does for plans.protection, so plans
never imports it. Every provider is a read of a child's record: it checks the actor may see the
child and logs the access.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ImproperlyConfigured
from django.http import Http404

from frontdoor.organisations.models import User
from frontdoor.people.models import Person
from frontdoor.plans.models import PlanKind


@dataclass(frozen=True)
class Review:
    """A meeting at which progress is recorded: a CIN plan review, a core group or a review
    conference, named as Task.source is."""

    review_type: str
    review_id: int
    on: date
    label: str

    @property
    def key(self) -> str:
        return f"{self.review_type}:{self.review_id}"


@dataclass(frozen=True)
class PlanFacts:
    kind: str
    plan_type: str  # the plan's model, as Task.source_type names it
    plan_id: int
    authority_id: int
    person: Person
    referral_id: int
    start_date: date
    end_date: date | None
    manage: str  # the permission that changes this kind of plan
    back_url: str  # the page the plan is kept on
    reviews: tuple[Review, ...]

    @property
    def title(self) -> str:
        return str(PlanKind(self.kind).label)


Provider = Callable[..., PlanFacts]
_providers: dict[str, Provider] = {}


def connect(kind: str, provider: Provider) -> None:
    _providers[kind] = provider


def plan_facts(*, actor: User, kind: str, plan_id: int, purpose: str) -> PlanFacts:
    """The plan of this kind, as `actor` may see it (404 for an unknown kind, a missing plan or
    another authority's)."""
    if kind not in PlanKind.values:
        raise Http404("No plan was found.")
    if kind not in _providers:
        raise ImproperlyConfigured(f"No provider for {kind} plans: see pathways.wiring")
    return _providers[kind](actor=actor, plan_id=plan_id, purpose=purpose)
