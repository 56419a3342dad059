"""The same screening or decision for several children of one contact at once (issue 18): brothers
and sisters named in one contact are usually screened and decided alike, and doing it one child at a
time was the same form filled in again for each.

Each child is still recorded on its own, through the one-child services (contacts.services): a
screening or a Decision row per child, its own audit event, its clocks completed and the work the
decision opens (an episode, its clocks) started per child. All of it is one transaction: if any
child is refused (already decided, saved by someone else meanwhile, a decision its record will not
take), nothing is saved, and the refusal names the child. A child the actor may not see
(access.scope.visible), or one not named in this contact, is refused without being named.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.access.scope import visible
from frontdoor.contacts import services
from frontdoor.contacts.models import ContactChild, Decision
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

ALSO = "also"  # the form field choosing the other children
NOT_CHOSEN = "Choose only children named in this contact whose record you can see"
T = TypeVar("T")

# A chosen child: (journey id, the journey's version when the page was opened).
Chosen = tuple[int, int]


def _also(actor: User, journey: ContactChild, also: Sequence[Chosen]) -> list[tuple[ContactChild, int]]:
    """The other children chosen, each with the version it was chosen at, or a refusal."""
    ids = [pk for pk, _version in also]
    if len(set(ids)) != len(ids) or journey.pk in ids:
        raise ValidationError({ALSO: NOT_CHOSEN})
    found = {
        j.pk: j
        for j in ContactChild.objects.filter(
            visible(actor, "person_id"),
            pk__in=ids,
            authority_id=actor.authority_id,
            contact_id=journey.contact_id,
        ).select_related("person", "decision_clock", "statutory_clock")
    }
    if len(found) != len(ids):
        raise ValidationError({ALSO: NOT_CHOSEN})
    return [(found[pk], version) for pk, version in also]


def _for_each(
    journey: ContactChild, version: int, others: list[tuple[ContactChild, int]], act: Callable[..., T]
) -> list[T]:
    """`act(journey, version)` for the page's child, then each other child, oldest record first. A
    refusal about one of the others names that child beside the field choosing them; a refusal of
    a shared field (the rationale, the rating's reason) stays beside that field."""
    done = [act(journey, version)]
    for other, other_version in sorted(others, key=lambda pair: pair[0].pk):
        name = other.person.full_name
        try:
            done.append(act(other, other_version))
        except StaleEdit as error:
            raise StaleEdit(f"{name}: {error}", changes=error.changes) from None
        except ValidationError as error:
            if hasattr(error, "error_dict") and set(error.error_dict) - {"__all__"}:
                raise
            raise ValidationError({ALSO: [f"{name}: {message}" for message in error.messages]}) from None
    return done


@transaction.atomic
def contact_children_screen(
    *, actor: User, journey: ContactChild, version: int, also: Sequence[Chosen] = (), **screening: Any
) -> list[ContactChild]:
    """contacts.services.contact_child_screen for `journey` and each child in `also`, alike, in one
    transaction: every child screened, or none."""
    require(actor, "contact.screen")
    others = _also(actor, journey, also)

    def screen(child: ContactChild, child_version: int) -> ContactChild:
        return services.contact_child_screen(actor=actor, journey=child, version=child_version, **screening)

    return _for_each(journey, version, others, screen)


@transaction.atomic
def contact_children_decide(
    *, actor: User, journey: ContactChild, version: int, also: Sequence[Chosen] = (), **decision: Any
) -> list[Decision]:
    """contacts.services.contact_child_decide for `journey` and each child in `also`, alike, in one
    transaction: a Decision for every child, or none (Working Together 2023, ch. 3: a decision for
    each child)."""
    require(actor, "contact.decide")
    others = _also(actor, journey, also)

    def decide(child: ContactChild, child_version: int) -> Decision:
        return services.contact_child_decide(actor=actor, journey=child, version=child_version, **decision)

    return _for_each(journey, version, others, decide)
