"""Sending what is in the outbox: claim due email deliveries, send each over one SMTP connection,
record the outcome. Runs in the worker (notifications.tasks), never in a web request's transaction.

Each try is claimed first (one UPDATE: attempts + 1, a lease until next_try_at), so two workers never
send the same delivery at once, and a worker that dies mid-send leaves it to be retried when the
lease runs out. A failure waits rules.next_try (exponential back-off, capped) and, after the last
allowed attempt, the delivery is failed with its last error on the administrators' outbox page.
Delivery is at least once: a worker killed between the server's "250 OK" and recording it sends
that one email again; the idempotency key keeps everything else once.
"""

import contextlib
import logging
from collections.abc import Iterable
from datetime import datetime, timedelta

from django.conf import settings
from django.core import mail
from django.core.mail.backends.base import BaseEmailBackend
from django.db.models import F, QuerySet
from django.utils import timezone
from django.utils.crypto import get_random_string

from frontdoor.notifications import rules
from frontdoor.notifications.models import Channel, Delivery, DeliveryState

log = logging.getLogger(__name__)

LEASE = timedelta(minutes=5)  # longer than one batch takes to send (bench/notifications.py)
BATCH = 500  # deliveries claimed at a time (parameters per statement stay under every backend's limit)
RECORD_EVERY = 50  # sent deliveries are marked in groups: one UPDATE per 50, not one per email
FOOTER = (
    "This email does not name any child or give their details, to keep them safe. "
    "Sign in to Frontdoor to see the record."
)


def policy() -> rules.RetryPolicy:
    return rules.RetryPolicy(
        first_delay_seconds=settings.FRONTDOOR_NOTIFY_RETRY_SECONDS,
        cap_seconds=settings.FRONTDOOR_NOTIFY_RETRY_CAP_SECONDS,
        max_attempts=settings.FRONTDOOR_NOTIFY_MAX_ATTEMPTS,
    )


def deliver(*, notification_ids: Iterable[int] = (), now: datetime | None = None) -> dict[str, int]:
    """Send the due email deliveries of these notifications (those already sent, or held for a
    later try, are left alone: a duplicate enqueue sends nothing)."""
    ids = list(notification_ids)
    totals = {"sent": 0, "retrying": 0, "failed": 0}
    for start in range(0, len(ids), BATCH):
        due = Delivery.objects.filter(notification_id__in=ids[start : start + BATCH])
        for key, value in _send(_claim(due, now or timezone.now()), now).items():
            totals[key] += value
    return totals


def retry_due(now: datetime) -> dict[str, int]:
    """The tick's part: every email delivery due (a retry, or one whose enqueue was lost)."""
    totals = {"sent": 0, "retrying": 0, "failed": 0}
    while True:
        ids = list(
            Delivery.objects.filter(
                channel=Channel.EMAIL, state=DeliveryState.PENDING, next_try_at__lte=now
            ).values_list("pk", flat=True)[:BATCH]
        )
        claimed = _claim(Delivery.objects.filter(pk__in=ids), now)
        if not claimed:
            return totals
        for key, value in _send(claimed, now).items():
            totals[key] += value


def _claim(candidates: QuerySet[Delivery], now: datetime) -> list[Delivery]:
    token = get_random_string(24)
    candidates.filter(channel=Channel.EMAIL, state=DeliveryState.PENDING, next_try_at__lte=now).update(
        claim=token, next_try_at=now + LEASE, attempts=F("attempts") + 1
    )
    return list(Delivery.objects.filter(claim=token).select_related("notification").order_by("pk"))


def _message(delivery: Delivery) -> mail.EmailMessage:
    notification = delivery.notification
    url = settings.FRONTDOOR_BASE_URL + notification.link
    return mail.EmailMessage(
        subject=notification.title,
        body=f"{notification.body}\n\n{url}\n\n{FOOTER}\n",
        to=[delivery.address],
    )


def _send(claimed: list[Delivery], now: datetime | None) -> dict[str, int]:
    if not claimed:
        return {}
    connection = mail.get_connection(fail_silently=False)
    sent: list[int] = []
    outcome = {"sent": 0, "retrying": 0, "failed": 0}
    try:
        connection.open()
    except Exception as error:  # the server is down: every claimed try failed the same way
        for delivery in claimed:
            outcome[_failed(delivery, error, now)] += 1
        return outcome
    try:
        for delivery in claimed:
            try:
                connection.send_messages([_message(delivery)])
            except Exception as error:  # refused (4xx/5xx) or cut off: this one waits for its retry
                outcome[_failed(delivery, error, now)] += 1
                _reset(connection)
                continue
            sent.append(delivery.pk)
            if len(sent) >= RECORD_EVERY:
                outcome["sent"] += _record_sent(sent)
    finally:
        outcome["sent"] += _record_sent(sent)
        _reset(connection)
    return outcome


def _record_sent(ids: list[int]) -> int:
    count = len(ids)
    if ids:
        Delivery.objects.filter(pk__in=ids).update(
            state=DeliveryState.SENT, sent_at=timezone.now(), claim="", last_error=""
        )
        ids.clear()
    return count


def _failed(delivery: Delivery, error: Exception, now: datetime | None) -> str:
    """Record a failed try: wait and retry, or give up after the last attempt. Which it was."""
    failed_at = now or timezone.now()
    retry_at = rules.next_try(delivery.attempts, failed_at, policy())
    message = f"{type(error).__name__}: {error}"[:1000]
    if retry_at is None:
        Delivery.objects.filter(pk=delivery.pk).update(
            state=DeliveryState.FAILED, claim="", last_error=message
        )
        log.warning("Gave up emailing notification %s: %s", delivery.notification_id, message)
        return "failed"
    Delivery.objects.filter(pk=delivery.pk).update(next_try_at=retry_at, claim="", last_error=message)
    return "retrying"


def _reset(connection: BaseEmailBackend) -> None:
    """Close the connection whatever state it is in; the next send opens a new one."""
    with contextlib.suppress(Exception):  # a broken connection cannot be closed cleanly
        connection.close()
