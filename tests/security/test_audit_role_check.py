"""The deploy check that warns when the application's database role could change audit rows
(frontdoor.audit.checks; ADR 0006)."""

import pytest
from django.core.checks import Warning
from django.db import connection

from frontdoor.audit import checks

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "reason"),
    [
        (checks.Role("postgres", superuser=True, owns=[]), "is a superuser"),
        (
            checks.Role("frontdoor", superuser=False, owns=["audit_accessevent", "audit_auditevent"]),
            "owns audit_accessevent, audit_auditevent",
        ),
    ],
)
def test_a_superuser_or_an_owner_is_warned_about(role, reason):
    [warning] = checks.role_warnings(role)

    assert isinstance(warning, Warning)
    assert warning.id == "frontdoor.audit.W001"
    assert warning.msg == (
        f"The application connects to the database as {role.name!r}, which {reason}: "
        "it can change or delete audit rows despite the triggers."
    )


def test_a_role_that_owns_nothing_and_is_not_a_superuser_passes():
    assert checks.role_warnings(checks.Role("frontdoor_app", superuser=False, owns=[])) == []


def test_the_check_runs_only_with_deploy():
    from django.core.checks.registry import registry

    assert checks.audit_role_check in registry.get_checks(include_deployment_checks=True)
    assert checks.audit_role_check not in registry.get_checks(include_deployment_checks=False)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="roles are PostgreSQL's; run with DATABASE_URL")
def test_on_postgresql_the_check_fires_for_the_suites_superuser_owner():
    """The suite connects as postgres, a superuser that owns the tables it migrated."""
    role = checks.connected_role()

    owned = ["audit_accessevent", "audit_auditevent"]
    assert role == checks.Role(connection.settings_dict["USER"], superuser=True, owns=owned)
    assert [w.id for w in checks.audit_role_check()] == ["frontdoor.audit.W001"]


@pytest.mark.skipif(connection.vendor != "sqlite", reason="the SQLite case")
def test_on_sqlite_there_is_no_role_to_warn_about():
    assert checks.connected_role() is None
    assert checks.audit_role_check() == []
