"""Who must hear that a household's membership changed (issue 17 §4).

The front door flags a contact as a repeat about the household when it is recorded
(contacts.ContactChild.household_reasons). A person who joins the household afterwards (a
relationship or an address recorded later) must count for the contacts still open, not only from
the next contact on. The front door sits above the register, so it registers a listener here
(pathways.wiring) and people.services calls every listener inside its own transaction.
"""

from collections.abc import Callable, Iterable

HouseholdListener = Callable[[list[int]], object]
"""(ids of the people whose household may have changed) -> ignored; writes in the caller's transaction."""

_LISTENERS: dict[str, HouseholdListener] = {}


def household_listener_register(name: str, listener: HouseholdListener) -> None:
    """Register (or replace, so a reloaded app registers once) the listener called `name`."""
    _LISTENERS[name] = listener


def household_changed(person_ids: Iterable[int]) -> None:
    """Tell every listener, in registration order, that these people's households changed."""
    ids = sorted(set(person_ids))
    for listener in _LISTENERS.values():
        listener(ids)
