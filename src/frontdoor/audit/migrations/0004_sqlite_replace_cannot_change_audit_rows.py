"""On SQLite, `INSERT OR REPLACE` (and `REPLACE`) could rewrite an audit row despite migration 0003.

REPLACE resolves a clash on the primary key by deleting the old row and inserting the new one, and
SQLite fires DELETE triggers for that deletion only when the connection has `PRAGMA
recursive_triggers` on, which it has not by default. So the BEFORE DELETE trigger never saw it.

Two ways to close it:
- turn on recursive_triggers for every connection (Django's connection_created signal or the
  database OPTIONS): it holds only for connections Django opens, not for `sqlite3 db.sqlite3` or a
  backup tool, and it changes how every other table's triggers behave;
- a BEFORE INSERT trigger on each audit table that refuses an insert whose id is already there.

We take the second: it is part of the schema, so it holds for every connection, and it touches only
these two tables. It costs one primary-key lookup per inserted row. An insert of a new row (the only
write the application makes) is unaffected; an upsert (`ON CONFLICT DO UPDATE`) is already refused
by the UPDATE trigger. PostgreSQL has no REPLACE, so nothing changes there.
"""

from django.db import migrations

TABLES = ("audit_auditevent", "audit_accessevent")
MESSAGE = "audit rows cannot be changed"


def trigger_names() -> list[str]:
    return [f"{table}_no_replace" for table in TABLES]


def protect(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for table in TABLES:
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {table}_no_replace", params=None)
        schema_editor.execute(
            f"CREATE TRIGGER {table}_no_replace BEFORE INSERT ON {table} "
            f"WHEN EXISTS (SELECT 1 FROM {table} WHERE id = NEW.id) "
            f"BEGIN SELECT RAISE(ABORT, '{MESSAGE}'); END",
            params=None,
        )


def unprotect(apps, schema_editor) -> None:
    if schema_editor.connection.vendor != "sqlite":
        return
    for name in trigger_names():
        schema_editor.execute(f"DROP TRIGGER IF EXISTS {name}", params=None)


class Migration(migrations.Migration):
    dependencies = [
        ("audit", "0003_audit_rows_cannot_change"),
    ]

    operations = [
        migrations.RunPython(protect, unprotect, elidable=False),
    ]
