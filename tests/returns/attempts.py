"""What the attempts on the census rules share (tests/returns/test_rule_map_at_entry.py, issue 18)."""

from collections.abc import Callable
from dataclasses import dataclass

import pytest
from django.core.exceptions import ValidationError

Attempt = Callable[..., None]


@dataclass(frozen=True)
class Tries:
    first: Attempt
    other: Attempt | None = None  # the other order of events
    one_order: str = ""  # why there is no other order, when `other` is None


def refused(call: Callable[..., object], /, **kwargs: object) -> None:
    with pytest.raises(ValidationError):
        call(**kwargs)
