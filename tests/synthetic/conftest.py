"""A small synthetic authority, made the way `frontdoor seed --profile small` makes it."""

from datetime import datetime

import pytest

from frontdoor.synthetic.generator import Result, generate
from frontdoor.synthetic.generator.base import LONDON
from frontdoor.synthetic.profiles import PROFILES

END = datetime(2026, 3, 20, 16, 0, tzinfo=LONDON)  # a Friday afternoon
SEED = 7


@pytest.fixture
def small(db) -> Result:
    return generate(profile=PROFILES["small"], seed=SEED, end=END, la_code="885")
