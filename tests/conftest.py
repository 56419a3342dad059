"""Shared pytest fixtures for Frontdoor's tests (settings: frontdoor.settings.test, see pyproject.toml)."""

import importlib
from collections.abc import Iterator

import pytest
from django.db import transaction
from django.db.backends.base.operations import BaseDatabaseOperations

from frontdoor.organisations.models import Role
from tests import builders

audit_protection = importlib.import_module("frontdoor.audit.migrations.0003_audit_rows_cannot_change")


@pytest.fixture(autouse=True, scope="session")
def _flush_may_empty_the_audit_tables() -> Iterator[None]:
    """Let Django's `flush` (run after every transactional_db and live_server test) empty the audit
    tables, whose triggers refuse DELETE (SQLite) and TRUNCATE (PostgreSQL) to everyone else.

    The triggers are dropped, the tables emptied and the triggers recreated in one transaction, so
    they are never missing outside it, and a failed flush rolls back to the protected tables. Only
    the test suite does this; the application's own `flush` command is refused by the triggers.
    """
    original = BaseDatabaseOperations.execute_sql_flush

    def execute_sql_flush(ops: BaseDatabaseOperations, sql_list: list[str]) -> None:
        vendor = ops.connection.vendor
        with transaction.atomic(using=ops.connection.alias):
            _run(ops, audit_protection.drop_triggers_sql(vendor))
            original(ops, sql_list)
            _run(ops, audit_protection.create_triggers_sql(vendor))

    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(BaseDatabaseOperations, "execute_sql_flush", execute_sql_flush)
        yield


def _run(ops: BaseDatabaseOperations, statements: list[str]) -> None:
    with ops.connection.cursor() as cursor:
        for sql in statements:
            cursor.execute(sql)


@pytest.fixture(autouse=True)
def _searches_share_no_weights_between_tests() -> Iterator[None]:
    """Ids of linkage weights can repeat between tests after a rollback (SQLite); the per-process
    cache of the weights a search uses (people.selectors.WEIGHTS_CACHE) must not outlive a test."""
    from frontdoor.people.selectors import WEIGHTS_CACHE

    WEIGHTS_CACHE.clear()
    yield
    WEIGHTS_CACHE.clear()


# One authority with a member of staff in each front-door role: the usual cast of a test.
@pytest.fixture(autouse=True)
def _boards_share_nothing_between_tests() -> Iterator[None]:
    """Audit ids (the board's version) can repeat between tests after a rollback; so must not a
    shared board render (oversight.shared)."""
    from frontdoor.oversight.shared import LOGGED, RENDERS

    RENDERS.clear()
    LOGGED.clear()
    yield
    RENDERS.clear()
    LOGGED.clear()


@pytest.fixture
def la():
    return builders.authority()


@pytest.fixture
def officer(la):
    return builders.user(la, Role.CONTACT_OFFICER)


@pytest.fixture
def manager(la):
    return builders.user(la, Role.TEAM_MANAGER)


@pytest.fixture
def worker(la):
    return builders.user(la, Role.SOCIAL_WORKER)
