"""A small synthetic authority, made the way `frontdoor seed --profile small` makes it.

It takes seconds to generate, so it is made once per test module, as tests/security makes its world:
inside a transaction rolled back at the end of the module, each test in a savepoint inside it
(pytest-django's `db`), so what one test writes is gone before the next. A module whose tests need
an empty database (the commands, the determinism runs) does not use `small`.
"""

from collections.abc import Iterator
from datetime import datetime

import pytest
from django.db import transaction

from frontdoor.synthetic import profiles
from frontdoor.synthetic.generator import Result, generate
from frontdoor.synthetic.generator.base import LONDON
from frontdoor.synthetic.profiles import PROFILES

END = datetime(2026, 3, 20, 16, 0, tzinfo=LONDON)  # a Friday afternoon
SEED = 7
# Each source gets its rounded share of the profile's 300 contacts.
SMALL_CONTACTS = sum(
    round(300 * share / sum(profiles.SOURCE_MIX.values())) for share in profiles.SOURCE_MIX.values()
)


@pytest.fixture(scope="module")
def _small_once(django_db_setup, django_db_blocker) -> Iterator[Result]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(profile=PROFILES["small"], seed=SEED, end=END, la_code="885")
        transaction.set_rollback(True)


@pytest.fixture
def small(_small_once: Result, db) -> Result:
    return _small_once
