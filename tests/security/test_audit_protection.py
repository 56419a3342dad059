"""Audit rows cannot be changed or deleted, by the ORM or by SQL, on SQLite and on PostgreSQL
(migration audit 0003). Inserting still works, and the tests' own flush still empties the tables."""

import importlib

import pytest
from django.core.management import call_command
from django.db import IntegrityError, connection, transaction

from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.audit.services import access_log, audit_record
from frontdoor.organisations.models import Role
from tests import builders

protection = importlib.import_module("frontdoor.audit.migrations.0003_audit_rows_cannot_change")


@pytest.fixture
def rows(db):
    la = builders.authority()
    manager = builders.user(la, Role.TEAM_MANAGER)
    child = builders.child(la, "Zinnia", "Quillfeather")
    with transaction.atomic():
        written = audit_record(
            actor=manager, action="test.written", subject=child, authority_id=la.pk, person_id=child.pk
        )
    access_log(actor=manager, person_ids=[child.pk], purpose="test.read")
    return {AuditEvent: written, AccessEvent: AccessEvent.objects.get(person=child)}


def _snapshot():
    return [list(model.objects.order_by("pk").values()) for model in (AuditEvent, AccessEvent)]


def _attempts(model, row):
    """Every way the application could try to change or remove the row; each must be refused."""
    table = model._meta.db_table
    column = "purpose" if model is AccessEvent else "action"
    quoted = connection.ops.quote_name

    def save_changed():
        row.at = row.at.replace(year=2000)
        row.save()

    def raw(sql):
        with connection.cursor() as cursor:
            if connection.vendor == "postgresql":
                # Check the deferred foreign keys of the rows inserted in this test's transaction now,
                # as a fresh transaction would have; PostgreSQL will not TRUNCATE with checks pending.
                cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")
            cursor.execute(sql)

    # Table and column names come from the models, not from input.
    attempts = {
        "queryset update": lambda: model.objects.filter(pk=row.pk).update(**{column: "tampered"}),
        "save a changed row": save_changed,
        "delete the row": row.delete,
        "delete every row": lambda: model.objects.all().delete(),
        "SQL UPDATE": lambda: raw(f"UPDATE {quoted(table)} SET {column} = 'tampered'"),  # noqa: S608
        "SQL DELETE": lambda: raw(f"DELETE FROM {quoted(table)}"),  # noqa: S608
        "flush's SQL": lambda: [raw(sql) for sql in connection.ops.sql_flush(_Style(), [table])],
    }
    attempts["SQL upsert"] = lambda: raw(_rewrite(model, table, column, "INSERT", upsert=True))
    if connection.vendor == "sqlite":
        attempts["SQL INSERT OR REPLACE"] = lambda: raw(_rewrite(model, table, column, "INSERT OR REPLACE"))
        attempts["SQL REPLACE"] = lambda: raw(_rewrite(model, table, column, "REPLACE"))
    if connection.vendor == "postgresql":
        attempts["TRUNCATE"] = lambda: raw(f"TRUNCATE {quoted(table)}")
        attempts["TRUNCATE a referenced table CASCADE"] = lambda: raw("TRUNCATE people_person CASCADE")
    return attempts


def _rewrite(model, table: str, column: str, verb: str, *, upsert: bool = False) -> str:
    """SQL that writes every row again under its own id with `column` changed: REPLACE deletes the
    old row to make room (on SQLite without firing DELETE triggers); an upsert updates it."""
    quoted = connection.ops.quote_name
    columns = [f.column for f in model._meta.concrete_fields]
    values = ", ".join("'tampered'" if c == column else quoted(c) for c in columns)
    names = ", ".join(quoted(c) for c in columns)
    sql = f"{verb} INTO {quoted(table)} ({names}) SELECT {values} FROM {quoted(table)} WHERE true"  # noqa: S608
    if upsert:
        sql += f" ON CONFLICT (id) DO UPDATE SET {quoted(column)} = excluded.{quoted(column)}"
    return sql


class _Style:
    def __getattr__(self, name):
        return lambda text: text


def test_every_attempt_to_change_or_delete_an_audit_row_is_refused_and_changes_nothing(rows):
    before = _snapshot()
    tried = refused = 0
    for model, row in rows.items():
        for how, attempt in _attempts(model, row).items():
            tried += 1
            with pytest.raises(IntegrityError, match="audit rows cannot be changed"), transaction.atomic():
                attempt()
            refused += 1
            row.refresh_from_db()
            assert _snapshot() == before, how
    # The figure for docs/security-evidence.md; shown with pytest -s.
    print(f"\nAudit tamper attempts ({connection.vendor}): {tried}, refused {refused}, succeeded 0")  # noqa: T201
    assert refused == tried == 20  # SQLite: no TRUNCATE, but REPLACE; PostgreSQL: the reverse


def test_new_audit_rows_can_still_be_added(rows):
    manager = rows[AccessEvent].actor
    assert access_log(actor=manager, person_ids=[rows[AccessEvent].person_id], purpose="again") == 1
    assert AccessEvent.objects.count() == 2


def test_both_tables_carry_the_triggers(db):
    if connection.vendor == "sqlite":
        sql = "SELECT name, tbl_name FROM sqlite_master WHERE type = 'trigger' AND tbl_name LIKE 'audit_%'"
    else:
        sql = "SELECT tgname, tgrelid::regclass::text FROM pg_trigger WHERE tgname LIKE 'audit_%'"
    with connection.cursor() as cursor:
        cursor.execute(sql)
        found = set(cursor.fetchall())
    expected = {
        (f"{table}_{kind}", table)
        for table in ("audit_auditevent", "audit_accessevent")
        for kind in ("no_update", "no_delete", "no_replace")
    }
    if connection.vendor == "postgresql":
        expected = {
            (f"{table}_{kind}", table)
            for table in ("audit_auditevent", "audit_accessevent")
            for kind in ("no_change", "no_truncate")
        }
    assert found == expected


def test_insert_or_replace_of_an_existing_row_is_refused_and_the_row_is_unchanged(rows):
    """SQLite's REPLACE deletes the row in its way without firing DELETE triggers (unless
    recursive_triggers is on); migration audit 0004 refuses an insert whose id is already there."""
    row = rows[AccessEvent]
    before = _snapshot()
    sql = _rewrite(AccessEvent, "audit_accessevent", "purpose", "INSERT OR REPLACE")
    if connection.vendor == "postgresql":
        sql = _rewrite(AccessEvent, "audit_accessevent", "purpose", "INSERT", upsert=True)
    refused = pytest.raises(IntegrityError, match="audit rows cannot be changed")
    with refused, transaction.atomic(), connection.cursor() as cursor:
        cursor.execute(sql)
    row.refresh_from_db()
    assert row.purpose == "test.read"
    assert _snapshot() == before


@pytest.mark.django_db(transaction=True)
def test_the_test_suites_flush_empties_the_audit_tables_and_leaves_them_protected(rows):
    """What TransactionTestCase and live_server tests rely on (tests/conftest.py)."""
    call_command("flush", interactive=False, verbosity=0)
    assert (AuditEvent.objects.count(), AccessEvent.objects.count()) == (0, 0)
    la = builders.authority()
    manager = builders.user(la)
    access_log(actor=manager, person_ids=[builders.child(la).pk], purpose="after.flush")
    with pytest.raises(IntegrityError, match="audit rows cannot be changed"), transaction.atomic():
        AccessEvent.objects.all().delete()
    assert AccessEvent.objects.count() == 1


@pytest.mark.django_db(transaction=True)
def test_the_migration_reverses_and_reapplies_keeping_every_row(rows):
    before = _snapshot()
    try:
        call_command("migrate", "audit", "0002", verbosity=0)
        with transaction.atomic():
            AccessEvent.objects.update(purpose="changed while unprotected")
            transaction.set_rollback(True)
    finally:
        # Every app, not only audit: unapplying audit's protection unapplies what depends on it
        # (tasks' data migration reads the audit trail, and child protection's later migrations
        # follow tasks), and the next test in this process needs the whole schema back.
        call_command("migrate", verbosity=0)
    assert _snapshot() == before
    with pytest.raises(IntegrityError), transaction.atomic():
        AccessEvent.objects.update(purpose="tampered")
