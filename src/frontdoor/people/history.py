"""What "is this child already known?" shows beside each match: the person's history with the front
door (contacts in 12 months, the last contact, journeys still open).

The front door (contacts) sits above the register in the dependency order (docs/development.md), so
it supplies the annotation through this one function, which pathways.wiring connects. Without it a
match carries no history (the register alone, as in a deployment without the front door).
"""

from collections.abc import Callable
from typing import Any

from django.db.models import QuerySet

Annotator = Callable[[QuerySet[Any]], QuerySet[Any]]
_annotator: list[Annotator] = []


def connect(annotator: Annotator) -> None:
    _annotator[:] = [annotator]


def with_history(people: QuerySet[Any]) -> QuerySet[Any]:
    """The people annotated with contacts_12_months, last_contact_at and open_journeys."""
    return _annotator[0](people) if _annotator else people
