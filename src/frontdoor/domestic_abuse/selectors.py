"""Reads about domestic abuse notifications, scoped to the actor's authority and the children they
may see (access.scope.visible), and access-logged for every child shown.

A notification names several children; a restricted child is left out of what the actor sees, and a
notification none of whose children the actor may see is "not found".
"""

from datetime import datetime
from typing import Any

from django.db.models import Exists, F, OuterRef, QuerySet
from django.http import Http404
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.domestic_abuse.models import Notification, NotifiedChild
from frontdoor.organisations.models import AgencyKind, PartnerAgency, User
from frontdoor.organisations.permissions import require
from frontdoor.tasks.models import Task

NOT_FOUND = "No domestic abuse notification was found."
LIST_LIMIT = 50


def _children(actor: User) -> QuerySet[NotifiedChild]:
    """The authority's notified children the actor may see."""
    return NotifiedChild.objects.filter(visible(actor, "person_id"), authority_id=actor.authority_id)


def _notifications(actor: User) -> QuerySet[Notification]:
    seen = _children(actor).filter(notification_id=OuterRef("pk"))
    return Notification.objects.filter(Exists(seen), authority_id=actor.authority_id)


def notification_get_for(*, actor: User, notification_id: int, purpose: str) -> Notification:
    """One notification; the same 404 for missing, another authority's, and all children unseen."""
    require(actor, "child.view")
    notification = (
        _notifications(actor).select_related("contact", "recorded_by").filter(pk=notification_id).first()
    )
    if notification is None:
        raise Http404(NOT_FOUND)
    children = children_of(actor=actor, notification=notification)
    access_log(actor=actor, person_ids=[c.person_id for c in children], purpose=purpose)
    return notification


def children_of(*, actor: User, notification: Notification) -> list[NotifiedChild]:
    """The notification's children the actor may see (the caller logs access to them)."""
    return list(
        _children(actor)
        .filter(notification=notification)
        .select_related("person", "school", "encompass_clock", "told_by")
        .order_by("pk")
    )


def child_get_for(*, actor: User, child_id: int, purpose: str) -> NotifiedChild:
    require(actor, "child.view")
    child = (
        _children(actor)
        .select_related("person", "school", "encompass_clock", "notification")
        .filter(pk=child_id)
        .first()
    )
    if child is None:
        raise Http404(NOT_FOUND)
    access_log(actor=actor, person_ids=[child.person_id], purpose=purpose)
    return child


def marac_actions(*, notification: Notification) -> list[Task]:
    """The MARAC's actions (tasks set by the notification); the caller has logged access."""
    return list(
        Task.objects.filter(
            authority_id=notification.authority_id,
            source_type=Notification._meta.label_lower,
            source_id=notification.pk,
        ).select_related("owner_user", "owner_agency")
    )


def schools(*, actor: User) -> QuerySet[PartnerAgency]:
    return PartnerAgency.objects.filter(authority_id=actor.authority_id, kind=AgencyKind.EDUCATION)


def _not_told(actor: User) -> QuerySet[NotifiedChild]:
    """Children at school whose school has not yet been told (the clock still running)."""
    return _children(actor).filter(encompass_clock__isnull=False, school_told_at__isnull=True)


def _told_late(actor: User) -> QuerySet[NotifiedChild]:
    return _children(actor).filter(school_told_at__gt=F("encompass_clock__due_at"))


def queues_for(*, actor: User, now: datetime | None = None) -> dict[str, Any]:
    """The front door's lists: schools still to tell (soonest due first; overdue ones are late),
    schools told late (newest first), and the latest notifications. Logs every child shown."""
    require(actor, "child.view")
    now = now or timezone.now()
    waiting = list(
        _not_told(actor)
        .select_related("person", "school", "encompass_clock", "notification")
        .order_by("encompass_clock__due_at", "pk")
    )
    lists: dict[str, list[Any]] = {
        "overdue": [c for c in waiting if c.encompass_clock and c.encompass_clock.due_at < now],
        "due": [c for c in waiting if c.encompass_clock and c.encompass_clock.due_at >= now],
        "late": list(
            _told_late(actor)
            .select_related("person", "school", "encompass_clock", "notification")
            .order_by("-school_told_at", "-pk")[:LIST_LIMIT]
        ),
        "recent": list(
            _children(actor)
            .select_related("person", "notification")
            .order_by("-received_at", "-pk")[:LIST_LIMIT]
        ),
    }
    shown: dict[str, Any] = {name: rows[:LIST_LIMIT] for name, rows in lists.items()}
    shown |= {f"{name}_total": len(rows) for name, rows in lists.items()}
    shown["late_total"] = _told_late(actor).count()
    people = {row.person_id for name in lists for row in shown[name]}
    access_log(actor=actor, person_ids=people, purpose="domestic_abuse.overview")
    return shown
