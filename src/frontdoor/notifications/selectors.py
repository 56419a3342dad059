"""Reads of notifications: the signed-in person's own list and unread count, their email choices,
and the administrators' outbox. A notification names no child (notifications.models), so none of
these reads is access-logged; each is scoped to the reader or to the reader's authority."""

from dataclasses import dataclass

from django.db.models import Count, Q

from frontdoor.notifications import rules
from frontdoor.notifications.models import Delivery, DeliveryState, EmailChoice, Notification, Preference
from frontdoor.notifications.services import CHOOSABLE_KINDS
from frontdoor.organisations.models import Role, User
from frontdoor.organisations.permissions import require

PAGE = 100


def reads_in_frontdoor(user: User) -> bool:
    """Staff read notifications here; partner agency users read theirs in the portal."""
    return user.role != Role.PARTNER_USER


def notifications_for(*, actor: User, limit: int = PAGE) -> list[Notification]:
    """The actor's own notifications, newest first (one query)."""
    return list(
        Notification.objects.filter(recipient=actor, authority_id=actor.authority_id).order_by(
            "-created_at", "-pk"
        )[:limit]
    )


def unread_count(*, user_id: int) -> int:
    """One query on the partial index of unread rows: it runs on every signed-in page."""
    return Notification.objects.filter(recipient_id=user_id, read_at__isnull=True).count()


@dataclass(frozen=True)
class Choice:
    kind: str
    label: str
    email: str
    email_label: str
    chosen: bool  # False: the default for the person's role


def preferences_for(*, actor: User) -> list[Choice]:
    chosen = dict(Preference.objects.filter(user=actor).values_list("kind", "email"))
    labels = dict(EmailChoice.choices)
    rows = []
    for kind in CHOOSABLE_KINDS:
        email = chosen.get(kind.value) or rules.default_email(kind.value, actor.role)
        rows.append(Choice(kind.value, kind.label, email, labels[email], kind.value in chosen))
    return rows


@dataclass(frozen=True)
class Outbox:
    pending: int
    failed: int
    sent: int
    rows: list[Delivery]


def outbox_for(*, actor: User, limit: int = PAGE) -> Outbox:
    """Deliveries not yet sent in the actor's authority: failed first (they need someone), then
    pending, soonest try first. Two queries."""
    require(actor, "notification.outbox")
    mine = Delivery.objects.filter(authority_id=actor.authority_id)
    totals = mine.aggregate(
        pending=Count("pk", filter=Q(state=DeliveryState.PENDING)),
        failed=Count("pk", filter=Q(state=DeliveryState.FAILED)),
        sent=Count("pk", filter=Q(state=DeliveryState.SENT)),
    )
    rows = list(
        mine.exclude(state=DeliveryState.SENT)
        .select_related("notification", "notification__recipient")
        .order_by("state", "next_try_at", "pk")  # "failed" before "pending"[:limit]
    )
    return Outbox(totals["pending"], totals["failed"], totals["sent"], rows)
