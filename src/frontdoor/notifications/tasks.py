"""The outbox's background work, on django-tasks (database backend; `frontdoor worker` runs it).

`deliver` sends the emails of notifications just committed; `tick` retries due emails and runs the
periodic jobs (notifications.periodic). Both are idempotent: a task run twice sends nothing twice.
"""

import logging
from typing import Any

from django.utils import timezone
from django_tasks import task

from frontdoor.notifications import outbox, periodic

log = logging.getLogger(__name__)


@task()
def deliver(notification_ids: list[int]) -> dict[str, int]:
    return outbox.deliver(notification_ids=notification_ids)


# Above deliveries in the queue: a backlog of emails must not hold up the breach scan.
@task(priority=10)
def tick() -> dict[str, Any]:
    now = timezone.now()
    return {"emails": outbox.retry_due(now), "jobs": periodic.run_all(now)}


def enqueue_delivery(notification_ids: list[int]) -> None:
    """Called on commit. If the queue cannot take it, the deliveries are still in the outbox, due
    now: the next tick sends them. A page never fails for it."""
    try:
        deliver.enqueue(list(notification_ids))
    except Exception:
        log.exception(
            "Could not enqueue emails for %d notifications; the tick will send them", len(notification_ids)
        )
