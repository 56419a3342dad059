"""Audit rows cannot be changed or deleted: the database refuses it, whatever the code asks.

Triggers on audit_auditevent and audit_accessevent (security.md §7 item 12; ASVS 7.3.3, 8.3.5):

- SQLite: BEFORE UPDATE and BEFORE DELETE triggers that RAISE(ABORT, ...). SQLite has no TRUNCATE;
  a `DELETE FROM` without WHERE fires the trigger too (the truncate optimisation is off for tables
  with triggers).
- PostgreSQL: one plpgsql function raising SQLSTATE 23001 (restrict_violation), called by a BEFORE
  UPDATE OR DELETE row trigger and a BEFORE TRUNCATE statement trigger on each table (a TRUNCATE
  of another table with CASCADE fires it as well). Both databases raise django.db.IntegrityError.

Also, on PostgreSQL, UPDATE, DELETE and TRUNCATE are revoked from PUBLIC. That is harmless and not
enough: the application connects as the tables' owner, and an owner keeps its privileges and can
drop or disable triggers. The trigger is what stops the application and anything it runs (the ORM's
update() and delete(), raw SQL, a management command such as `flush`). Stopping the database role
itself needs a production set-up with two roles: migrations run as the owner, the application
connects as a role granted only SELECT and INSERT on these two tables (and USAGE on their
sequences). That is an operations step, recorded in the ADR; this migration cannot know the roles.

Inserting is unaffected. Only the test suite lifts the protection, and only inside the transaction of
Django's own `flush` (tests/conftest.py), which TransactionTestCase and live_server tests use to
empty the database between tests: the triggers are dropped, the tables emptied and the triggers
recreated in one transaction, so no other connection ever sees the tables unprotected.

On SQLite, a later migration that rebuilds either table (Django copies it to a new table) would
leave it without triggers: tests/security/test_audit_protection.py checks that they are present.
"""

from django.db import migrations

TABLES = ("audit_auditevent", "audit_accessevent")
MESSAGE = "audit rows cannot be changed"
FUNCTION = "audit_rows_cannot_change"

_PG_FUNCTION = f"""
CREATE OR REPLACE FUNCTION {FUNCTION}() RETURNS trigger LANGUAGE plpgsql AS $body$
BEGIN
    RAISE EXCEPTION USING
        ERRCODE = 'restrict_violation',
        MESSAGE = '{MESSAGE}: ' || TG_OP || ' on ' || TG_TABLE_NAME;
END;
$body$
"""


def _trigger_names(vendor: str) -> list[tuple[str, str]]:
    """(trigger, table) pairs."""
    kinds = ("no_update", "no_delete") if vendor == "sqlite" else ("no_change", "no_truncate")
    return [(f"{table}_{kind}", table) for table in TABLES for kind in kinds]


def drop_triggers_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [f"DROP TRIGGER IF EXISTS {name}" for name, _ in _trigger_names(vendor)]
    if vendor == "postgresql":
        return [f"DROP TRIGGER IF EXISTS {name} ON {table}" for name, table in _trigger_names(vendor)]
    raise NotImplementedError(f"audit protection is written for SQLite and PostgreSQL, not {vendor}")


def create_triggers_sql(vendor: str) -> list[str]:
    if vendor == "sqlite":
        return [
            f"CREATE TRIGGER {table}_no_{op.lower()} BEFORE {op} ON {table} "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END"
            for table in TABLES
            for op in ("UPDATE", "DELETE")
        ]
    if vendor == "postgresql":
        return [
            statement
            for table in TABLES
            for statement in (
                f"CREATE TRIGGER {table}_no_change BEFORE UPDATE OR DELETE ON {table} "
                f"FOR EACH ROW EXECUTE FUNCTION {FUNCTION}()",
                f"CREATE TRIGGER {table}_no_truncate BEFORE TRUNCATE ON {table} "
                f"FOR EACH STATEMENT EXECUTE FUNCTION {FUNCTION}()",
            )
        ]
    raise NotImplementedError(f"audit protection is written for SQLite and PostgreSQL, not {vendor}")


def protect(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = drop_triggers_sql(vendor) + create_triggers_sql(vendor)
    if vendor == "postgresql":
        revoke = f"REVOKE UPDATE, DELETE, TRUNCATE ON {', '.join(TABLES)} FROM PUBLIC"
        statements = [_PG_FUNCTION, *statements, revoke]
    for sql in statements:
        schema_editor.execute(sql, params=None)


def unprotect(apps, schema_editor) -> None:
    vendor = schema_editor.connection.vendor
    statements = drop_triggers_sql(vendor)
    if vendor == "postgresql":
        statements.append(f"DROP FUNCTION IF EXISTS {FUNCTION}()")
    for sql in statements:
        schema_editor.execute(sql, params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0002_initial"),
    ]

    operations = [
        migrations.RunPython(protect, unprotect, elidable=False),
    ]
