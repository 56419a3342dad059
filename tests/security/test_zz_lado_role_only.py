"""TEMPORARY (not committed): the matrix for the designated officer role only."""

import pytest

from frontdoor.organisations.models import Role

from . import test_permission_matrix as matrix
from .test_permission_matrix import ENDPOINTS, attempt, combinations


@pytest.mark.parametrize("endpoint", [pytest.param(e, id=e.id) for e in ENDPOINTS])
def test_designated_officer(client, world, endpoint, monkeypatch):
    monkeypatch.setattr(matrix, "ROLES", [Role.DESIGNATED_OFFICER])
    wrong = [p for m, r, s in combinations(endpoint) if (p := attempt(client, world, endpoint, m, r, s))]
    assert wrong == []
