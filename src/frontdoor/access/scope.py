"""access.rules.may_see in SQL: a filter every selector of child data applies, so a child outside the
actor's scope, or restricted, is absent from pages, lists, searches and the board alike.

`visible(actor, ref)` is a Q over any model whose `ref` field holds the person's id ("pk" on Person,
"person_id" on a journey or referral). It adds subqueries, never queries, so selectors keep their
fixed query counts. tests/access/test_scope.py checks it agrees with the pure rule.
"""

from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Q
from django.utils import timezone

from frontdoor.access import rules
from frontdoor.access.models import BreakGlass, Restriction
from frontdoor.organisations.models import Team
from frontdoor.referrals.models import Allocation

NOTHING = Q(pk__in=[])


def visible(actor: Any, ref: str = "pk", *, now: datetime | None = None) -> Q:
    """People (through `ref`) that `actor` may see: team scope, then restrictions."""
    if actor.authority_id is None:
        return NOTHING
    if actor.role in rules.TEAM_ROLES:
        if actor.team_id is None:
            return NOTHING
        front_door = Exists(Team.objects.filter(pk=actor.team_id, is_front_door=True))
        allocated = Exists(
            Allocation.objects.filter(referral__person_id=OuterRef(ref), team_id=actor.team_id)
        )
        condition = Q(front_door) | Q(allocated)
    elif actor.role in rules.AUTHORITY_WIDE_ROLES:
        condition = Q()
    else:
        return NOTHING
    if actor.role == rules.AUDITOR:
        return condition
    return condition & ~Q(Exists(hidden_restrictions(actor, ref, now=now)))


def hidden_restrictions(actor: Any, ref: str, *, now: datetime | None = None) -> Any:
    """Active restrictions on the person at `ref` that do not name the actor, and that the actor
    holds no unexpired break-glass for."""
    now = now or timezone.now()
    named = Restriction.allowed_users.through.objects.filter(restriction_id=OuterRef("pk"), user_id=actor.pk)
    glass = BreakGlass.objects.filter(restriction_id=OuterRef("pk"), user_id=actor.pk, expires_at__gt=now)
    return Restriction.objects.filter(person_id=OuterRef(ref), lifted_at__isnull=True).filter(
        ~Q(Exists(named)), ~Q(Exists(glass))
    )


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
    teams = Allocation.objects.filter(referral__person=person).values_list("team_id", flat=True)
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
