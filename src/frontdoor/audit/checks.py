"""A deploy check (`frontdoor check --deploy`): warn when the application connects to PostgreSQL as a
role that could change audit rows despite the triggers: a superuser (which can switch triggers off
with session_replication_role) or the owner of an audit table, or a member of the owning role (an
owner can drop or disable its triggers). docs/adr/0006 says why production should use a role with
only SELECT and INSERT on the audit tables.

On SQLite there are no roles: whoever can write the database file can change anything in it, so the
file's permissions are the protection, and this check says nothing.
"""

from dataclasses import dataclass
from typing import Any

from django.core.checks import Tags, Warning, register
from django.db import DatabaseError, connection

from frontdoor.audit.models import AccessEvent, AuditEvent

CHECK_ID = "frontdoor.audit.W001"
HINT = (
    "Run migrations as the owning role and the application as a role that is neither a superuser nor "
    "the owner, granted only SELECT and INSERT on the audit tables (README, Configuration; "
    "docs/adr/0006-audit-rows-cannot-change.md)."
)
ROLE_SQL = """
SELECT r.rolname, r.rolsuper,
       COALESCE(array_agg(t.tablename ORDER BY t.tablename)
                FILTER (WHERE pg_has_role(current_user, t.tableowner, 'USAGE')), '{}')
FROM pg_roles r
LEFT JOIN pg_tables t ON t.schemaname = current_schema() AND t.tablename = ANY(%s)
WHERE r.rolname = current_user
GROUP BY r.rolname, r.rolsuper
"""


@dataclass(frozen=True)
class Role:
    name: str
    superuser: bool
    owns: list[str]  # the audit tables this role owns, or is a member of the owner of


def role_warnings(role: Role) -> list[Warning]:
    """The warning for a role that can alter audit rows, or none."""
    reasons = []
    if role.superuser:
        reasons.append("is a superuser")
    if role.owns:
        reasons.append(f"owns {', '.join(role.owns)}")
    if not reasons:
        return []
    message = (
        f"The application connects to the database as {role.name!r}, which {' and '.join(reasons)}: "
        "it can change or delete audit rows despite the triggers."
    )
    return [Warning(message, hint=HINT, id=CHECK_ID)]


def connected_role() -> Role | None:
    """The role this process connects as (None on a database without roles)."""
    if connection.vendor != "postgresql":
        return None
    tables = [AuditEvent._meta.db_table, AccessEvent._meta.db_table]
    with connection.cursor() as cursor:
        cursor.execute(ROLE_SQL, [tables])
        name, superuser, owns = cursor.fetchone()
    return Role(name, bool(superuser), list(owns))


@register(Tags.security, deploy=True)
def audit_role_check(app_configs: Any = None, **kwargs: Any) -> list[Warning]:
    try:
        role = connected_role()
    except DatabaseError as error:
        message = f"Could not check which database role the application uses: {error}"
        return [Warning(message, hint=HINT, id=CHECK_ID)]
    return [] if role is None else role_warnings(role)
