"""access.rules.may_see in SQL: a filter every selector of child data applies, so a child outside the
actor's scope, or restricted, is absent from pages, lists, searches and the board alike.

`visible(actor, ref)` is a Q over any model whose `ref` field holds the person's id ("pk" on Person,
"person_id" on a journey or referral). It adds subqueries, never queries, so selectors keep their
fixed query counts. tests/access/test_restricted.py checks it agrees with the pure rule.

The subqueries are written out as SQL (uncorrelated: `ref IN (SELECT person_id ...)`), not built as
ORM Exists: every read of a child carries them, and building and compiling the nested Exists took
1.5 ms a query, more than the database took to answer the board's (bench/board.py, ADR 0004).
"""

from datetime import datetime
from typing import Any

from django.db.models import BooleanField, Q
from django.db.models.expressions import RawSQL
from django.utils import timezone

from frontdoor.access import rules
from frontdoor.access.models import BreakGlass, Restriction, TeamInvolvement
from frontdoor.organisations.models import Team

NOTHING = Q(pk__in=[])

_TEAM = Team._meta.db_table
_INVOLVEMENT = TeamInvolvement._meta.db_table
_RESTRICTION = Restriction._meta.db_table
_NAMED = Restriction.allowed_users.through._meta.db_table
_GLASS = BreakGlass._meta.db_table

# Constant for the query: PostgreSQL and SQLite evaluate it once.
FRONT_DOOR_TEAM_SQL = f"EXISTS (SELECT 1 FROM {_TEAM} WHERE id = %s AND is_front_door)"  # noqa: S608
ALLOCATED_TO_TEAM_SQL = f"SELECT person_id FROM {_INVOLVEMENT} WHERE team_id = %s"  # noqa: S608
HIDDEN_SQL = f"""SELECT x.person_id FROM {_RESTRICTION} x
    WHERE x.authority_id = %s AND x.lifted_at IS NULL
      AND NOT EXISTS (SELECT 1 FROM {_NAMED} n WHERE n.restriction_id = x.id AND n.user_id = %s)
      AND NOT EXISTS (SELECT 1 FROM {_GLASS} g
                      WHERE g.restriction_id = x.id AND g.user_id = %s AND g.expires_at > %s)"""  # noqa: S608


def visible(actor: Any, ref: str = "pk", *, now: datetime | None = None) -> Q:
    """People (through `ref`) that `actor` may see: team scope, then restrictions."""
    if actor.authority_id is None:
        return NOTHING
    if actor.role in rules.TEAM_ROLES:
        if actor.team_id is None:
            return NOTHING
        front_door = RawSQL(FRONT_DOOR_TEAM_SQL, [actor.team_id], output_field=BooleanField())  # noqa: S611
        allocated = RawSQL(ALLOCATED_TO_TEAM_SQL, [actor.team_id])  # noqa: S611 (constant SQL, values as %s)
        condition = Q(front_door) | Q(**{f"{ref}__in": allocated})
    elif actor.role in rules.AUTHORITY_WIDE_ROLES:
        condition = Q()
    else:
        return NOTHING
    if actor.role == rules.AUDITOR:
        return condition
    return condition & ~Q(**{f"{ref}__in": hidden_people(actor, now=now)})


def hidden_people(actor: Any, *, now: datetime | None = None) -> RawSQL:
    """The people under an active restriction in the actor's authority that does not name the
    actor, and that the actor holds no unexpired break-glass for."""
    now = now or timezone.now()
    return RawSQL(HIDDEN_SQL, [actor.authority_id, actor.pk, actor.pk, now])  # noqa: S611 (constant SQL)


def viewer_of(actor: Any) -> rules.Viewer:
    team = actor.team
    return rules.Viewer(
        user_id=actor.pk,
        authority_id=actor.authority_id,
        role=actor.role,
        team_id=actor.team_id,
        team_is_front_door=bool(team and team.is_front_door),
    )


def record_of(person: Any) -> rules.Record:
    """The facts the pure rule needs about one person (three queries)."""
    restriction = Restriction.objects.filter(person=person, lifted_at__isnull=True).first()
    teams = TeamInvolvement.objects.filter(person_id=person.pk).values_list("team_id", flat=True)
    if restriction is None:
        return rules.Record(person.authority_id, frozenset(teams))
    glass: dict[int, datetime] = {}
    for user_id, until in BreakGlass.objects.filter(restriction=restriction).values_list(
        "user_id", "expires_at"
    ):
        glass[user_id] = max(until, glass.get(user_id, until))
    return rules.Record(
        person.authority_id,
        frozenset(teams),
        restricted=True,
        named_user_ids=frozenset(restriction.allowed_users.values_list("pk", flat=True)),
        break_glass_until=glass,
    )
