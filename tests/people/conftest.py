import pytest

from frontdoor.organisations.models import Role

from .factories import AuthorityFactory, UserFactory


@pytest.fixture
def authority(db):
    return AuthorityFactory(la_code="885", name="Worcestershire (test)")


@pytest.fixture
def other_authority(db):
    return AuthorityFactory(la_code="884", name="Herefordshire (test)")


@pytest.fixture
def worker(authority):
    return UserFactory(authority=authority, role=Role.CONTACT_OFFICER)


@pytest.fixture
def other_worker(other_authority):
    return UserFactory(authority=other_authority, role=Role.CONTACT_OFFICER)


@pytest.fixture
def administrator(authority):
    return UserFactory(authority=authority, role=Role.ADMINISTRATOR)
