"""The same seed gives the same rows. Kept apart from test_generator.py, whose tests share one small
authority for the whole module (conftest.py): these runs need a database with no authority yet."""

import pytest
from django.db import transaction

from frontdoor.contacts.models import Contact, ContactChild
from frontdoor.people.models import Person
from frontdoor.synthetic.generator import generate
from frontdoor.synthetic.profiles import PROFILES
from tests.synthetic.conftest import END, SEED, SMALL_CONTACTS

pytestmark = pytest.mark.django_db


class _Rollback(Exception):
    pass


def _snapshot_of_a_run(seed: int) -> tuple[list, list, list]:
    """Generate inside a transaction, read what was written, then roll it all back."""
    try:
        with transaction.atomic():
            generate(profile=PROFILES["small"], seed=seed, end=END, la_code="885")
            snapshot = (
                list(
                    Contact.objects.order_by("pk").values_list(
                        "reference", "received_at", "source", "consent"
                    )
                ),
                list(
                    ContactChild.objects.order_by("pk").values_list(
                        "contact__reference",
                        "person__first_name",
                        "person__date_of_birth",
                        "stage",
                        "decision__outcome",
                        "decision__decided_at",
                    )
                ),
                list(
                    Person.objects.order_by("pk").values_list("reference", "last_name", "nhs_number", "upn")
                ),
            )
            raise _Rollback
    except _Rollback:
        return snapshot


def test_the_same_seed_gives_identical_rows_and_another_seed_does_not():
    first, again, other = _snapshot_of_a_run(SEED), _snapshot_of_a_run(SEED), _snapshot_of_a_run(SEED + 1)

    assert first == again
    assert len(first[0]) == SMALL_CONTACTS == 303
    assert first[0] != other[0]
