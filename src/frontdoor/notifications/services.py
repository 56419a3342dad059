"""Every write about notifications: notify() (called by other apps inside their own transaction),
marking read, each person's email choices, and the daily digests the tick writes.

notify() is the outbox's one way in. It writes one row per recipient per event and, for email, a
Delivery in the same transaction as the business change it reports; the email is handed to the
worker only once that transaction commits (notifications.tasks), and a mail server that is down
delays the email, never the change (docs/adr/0010-notifications-outbox.md).
"""

from collections.abc import Iterable, Mapping
from datetime import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.notifications import rules, tasks
from frontdoor.notifications.models import (
    Channel,
    Delivery,
    DeliveryState,
    EmailChoice,
    Kind,
    Notification,
    Preference,
)
from frontdoor.organisations.models import User

UNKNOWN_KIND = "Choose a kind of notification from the list"
UNKNOWN_CHOICE = "Choose how you want to be emailed"
# Kinds a person chooses email for (the digest is how some of them arrive, not a choice of its own).
CHOOSABLE_KINDS = [kind for kind in Kind if kind != Kind.DIGEST]


@transaction.atomic
def notify(
    *,
    authority_id: int,
    recipients: Iterable[User],
    kind: str,
    event_key: str,
    title: str,
    body: str,
    link: str,
    email_to: Mapping[int, str] | None = None,
    now: datetime | None = None,
) -> int:
    """Tell each recipient about one event, once: in Frontdoor, and by email as they chose.

    `title` and `body` go in email, so they must not name a child or give their details: say what
    happened and where (`link`, a path). Calling it again with the same `event_key` adds nothing,
    even from two transactions at once (the unique constraint decides; bulk_create ignores the
    conflict). Recipients who are inactive or of another authority are left out. `email_to` gives
    an address for a recipient whose account has none (the one typed on a portal referral).
    Returns how many notifications were written."""
    if kind not in Kind.values:
        raise ValueError(f"Unknown notification kind {kind!r}")
    people = {u.pk: u for u in recipients if u.is_active and u.authority_id == authority_id}
    if not people:
        return 0
    now = now or timezone.now()
    Notification.objects.bulk_create(
        [
            Notification(
                authority_id=authority_id, recipient_id=pk, kind=kind, event_key=event_key,
                title=title[:200], body=body, link=link, created_at=now,
            )
            for pk in people
        ],
        ignore_conflicts=True,
    )  # fmt: skip
    # Rows this call wrote carry its `now`; a duplicate's row is older (or another call's).
    written = list(
        Notification.objects.filter(
            recipient_id__in=people, kind=kind, event_key=event_key, created_at=now
        ).values_list("pk", "recipient_id")
    )
    emails = _deliveries(written, people, kind, email_to or {}, now)
    if emails:
        _email_after_commit(emails)
    return len(written)


class _EmailBatch:
    """The emails one transaction's notify() calls wrote, handed to the worker as one task when it
    commits: a scan that notifies 1,000 times enqueues one task, not 1,000 (bench/notifications.py)."""

    def __init__(self) -> None:
        self.notification_ids: list[int] = []
        self.sent = False

    def __call__(self) -> None:
        self.sent = True
        ids, self.notification_ids = self.notification_ids, []
        tasks.enqueue_delivery(ids)


def _email_after_commit(notification_ids: list[int]) -> None:
    connection = transaction.get_connection()
    batch = getattr(connection, "_frontdoor_email_batch", None)
    # A batch already handed over, or whose savepoint rolled back (no longer waiting for the
    # commit): start another.
    if batch is None or batch.sent or not any(entry[1] is batch for entry in connection.run_on_commit):
        batch = _EmailBatch()
        connection._frontdoor_email_batch = batch  # type: ignore[attr-defined]
        transaction.on_commit(batch)
    batch.notification_ids.extend(notification_ids)


def _deliveries(
    written: list[tuple[int, int]],
    people: dict[int, User],
    kind: str,
    email_to: Mapping[int, str],
    now: datetime,
) -> list[int]:
    """Write each new notification's Delivery as its recipient chose; the ids to email now."""
    chosen = dict(
        Preference.objects.filter(user_id__in=[uid for _, uid in written], kind=kind).values_list(
            "user_id", "email"
        )
    )
    digest_at = rules.next_digest_at(timezone.localtime(now), settings.FRONTDOOR_NOTIFY_DIGEST_HOUR)
    rows, emails = [], []
    for notification_id, uid in written:
        person = people[uid]
        choice = chosen.get(uid) or rules.default_email(kind, person.role)
        address = person.email or email_to.get(uid, "")
        if choice == EmailChoice.OFF or not address:
            continue
        channel = Channel.EMAIL if choice == EmailChoice.NOW else Channel.DIGEST
        next_try_at = now if channel == Channel.EMAIL else digest_at
        rows.append(
            Delivery(
                notification_id=notification_id, authority_id=person.authority_id, channel=channel,
                address=address, next_try_at=next_try_at,
            )
        )  # fmt: skip
        if channel == Channel.EMAIL:
            emails.append(notification_id)
    # Two calls for one event at the same microsecond would both see the row as theirs: the
    # constraint keeps one delivery, and the worker's claim sends it once.
    Delivery.objects.bulk_create(rows, ignore_conflicts=True)
    return emails


@transaction.atomic
def notification_read(*, actor: User, notification_id: int) -> Notification:
    """Mark one of the actor's own notifications read; anyone else's is "not found"."""
    try:
        notification = Notification.objects.select_for_update().get(pk=notification_id, recipient=actor)
    except Notification.DoesNotExist:
        raise Http404("No notification was found.") from None
    if notification.read_at is None:
        notification.read_at = timezone.now()
        notification.save(update_fields=["read_at"])
        audit_record(
            actor=actor, action="notification.read", subject=notification,
            authority_id=notification.authority_id,
        )  # fmt: skip
    return notification


@transaction.atomic
def notifications_read_all(*, actor: User) -> int:
    """Mark every unread notification of the actor's read; how many were."""
    now = timezone.now()
    count = Notification.objects.filter(recipient=actor, read_at__isnull=True).update(read_at=now)
    if count:
        audit_record(
            actor=actor, action="notification.read_all", subject=actor, authority_id=actor.authority_id,
            changes={"count": count}, at=now,
        )  # fmt: skip
    return count


@transaction.atomic
def preference_set(*, actor: User, kind: str, email: str) -> Preference:
    """The actor's own choice of email for one kind; a kind or choice that does not exist is refused
    beside its field, and nothing is saved."""
    problems = {}
    if kind not in CHOOSABLE_KINDS:
        problems["kind"] = UNKNOWN_KIND
    if email not in EmailChoice.values:
        problems["email"] = UNKNOWN_CHOICE
    if problems:
        raise ValidationError(problems)
    before = Preference.objects.filter(user=actor, kind=kind).values_list("email", flat=True).first()
    preference, _ = Preference.objects.update_or_create(
        user=actor, kind=kind, defaults={"email": email, "updated_at": timezone.now()}
    )
    audit_record(
        actor=actor, action="notification.preference_set", subject=preference,
        authority_id=actor.authority_id,
        changes={"kind": kind, "email": [before or rules.default_email(kind, actor.role), email]},
    )  # fmt: skip
    return preference


def digests_send(now: datetime) -> int:
    """The periodic job: for each person with held notifications due, one digest (in Frontdoor,
    already read, and by email). Idempotent: the held deliveries are marked sent in the digest's
    own transaction, so a second run finds nothing."""
    due = Delivery.objects.filter(channel=Channel.DIGEST, state=DeliveryState.PENDING, next_try_at__lte=now)
    recipients = sorted(set(due.values_list("notification__recipient_id", flat=True)))
    return sum(_digest_for(recipient_id, now) for recipient_id in recipients)


@transaction.atomic
def _digest_for(recipient_id: int, now: datetime) -> int:
    held = list(
        Delivery.objects.select_for_update(of=("self",))
        .filter(
            channel=Channel.DIGEST,
            state=DeliveryState.PENDING,
            next_try_at__lte=now,
            notification__recipient_id=recipient_id,
        )
        .values_list("pk", "notification__kind")
    )
    if not held:
        return 0
    Delivery.objects.filter(pk__in=[pk for pk, _ in held]).update(state=DeliveryState.SENT, sent_at=now)
    counts: dict[str, int] = {}
    for _, kind in held:
        counts[kind] = counts.get(kind, 0) + 1
    recipient = User.objects.get(pk=recipient_id)
    lines = rules.digest_lines(counts, dict(Kind.choices))
    key = f"{timezone.localdate(now).isoformat()}:{max(pk for pk, _ in held)}"
    notify(
        authority_id=recipient.authority_id, recipients=[recipient], kind=Kind.DIGEST, event_key=key,
        title=f"Frontdoor: {len(held)} notification{'s' if len(held) != 1 else ''} since your last digest",
        body="\n".join(lines), link=reverse("notifications:list"), now=now,
    )  # fmt: skip
    # The digest is how the others arrived: it does not count as unread itself.
    Notification.objects.filter(recipient_id=recipient_id, kind=Kind.DIGEST, event_key=key).update(
        read_at=now
    )
    return 1
