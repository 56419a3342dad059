"""The child protection plans a children-in-need plan must not overlap (CIN 4003, 4016).

Child protection sits above plans in the dependency order (docs/development.md): its initial
conference ends a CIN plan when a CP plan starts. So it tells plans about its own plans through
this one function, which pathways.wiring connects.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ImproperlyConfigured


@dataclass(frozen=True)
class ProtectionPlans:
    any_open: bool
    last_ended_on: date | None


Provider = Callable[[int, int], ProtectionPlans]
_provider: list[Provider] = []


def connect(provider: Provider) -> None:
    _provider[:] = [provider]


def protection_plans_of(*, person_id: int, authority_id: int) -> ProtectionPlans:
    if not _provider:
        raise ImproperlyConfigured("No pathway tells plans about child protection plans: see pathways.wiring")
    return _provider[0](person_id, authority_id)
