"""Checks on a person's date of death that the apps above people register (issue 18).

A date of death recorded after the child's plans exist must not contradict them (DfE CIN rules 8915,
8920, 4008: no plan starts, nor a child protection plan ends, after the death). The plans belong to
apps above people, which may not be imported here; each registers a check from its AppConfig.ready,
and person_update asks every registered check before it saves the date.
"""

from collections.abc import Callable
from datetime import date

DeathCheck = Callable[[int, date], str | None]
"""(person id, date of death) -> the message to show beside the date, or None."""

_DEATH_CHECKS: dict[str, DeathCheck] = {}


def death_check_register(name: str, check: DeathCheck) -> None:
    """Register (or replace, so a reloaded app registers once) the check called `name`."""
    _DEATH_CHECKS[name] = check


def death_problem(person_id: int, date_of_death: date) -> str | None:
    """The first registered check's objection to this date of death, in registration order."""
    for check in _DEATH_CHECKS.values():
        message = check(person_id, date_of_death)
        if message:
            return message
    return None
