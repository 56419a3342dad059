"""`frontdoor worker`: the background process beside the web server (make demo; Procfile; systemd).

It runs django-tasks' own database worker (`db_worker`) and, in a thread beside it, enqueues the
outbox's `tick` task every --tick-seconds. django-tasks has no scheduler; this is the smallest one
that keeps the tick a task like any other (retried, logged, run by whichever worker is free). It is
idempotent: a tick is enqueued only when none is already waiting, and a tick run twice sends and
notifies nothing twice (docs/adr/0010-notifications-outbox.md).
"""

import logging
import threading
import time
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.management import call_command
from django.core.management.base import BaseCommand, CommandParser
from django.db import connection
from django.utils import timezone
from django_tasks_db.compat import TaskResultStatus
from django_tasks_db.models import DBTaskResult

from frontdoor.notifications.tasks import tick

log = logging.getLogger(__name__)
KEEP_RESULTS = timedelta(days=1)  # finished task rows are the worker's log, not a record: pruned


def schedule_tick() -> bool:
    """Enqueue a tick unless one is already waiting; prune finished tasks. Whether it enqueued."""
    DBTaskResult.objects.filter(
        status=TaskResultStatus.SUCCESSFUL, finished_at__lt=timezone.now() - KEEP_RESULTS
    ).delete()
    if DBTaskResult.objects.filter(task_path=tick.module_path, status=TaskResultStatus.READY).exists():
        return False
    tick.enqueue()
    return True


def _ticker(seconds: float) -> None:
    while True:
        try:
            schedule_tick()
        except Exception:  # a locked or unreachable database: try again at the next beat
            log.exception("Could not enqueue the outbox tick")
        finally:
            connection.close()  # this thread's own connection
        time.sleep(seconds)


class Command(BaseCommand):
    help = "Run the background worker: django-tasks' database worker and the outbox tick."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--tick-seconds",
            type=float,
            default=None,
            help="How often to enqueue the tick (default: FRONTDOOR_TICK_SECONDS)",
        )
        parser.add_argument("--interval", type=float, default=1.0, help="Seconds between polls when idle")

    def handle(self, *args: Any, **options: Any) -> None:
        seconds = options["tick_seconds"] or settings.FRONTDOOR_TICK_SECONDS
        threading.Thread(target=_ticker, args=(seconds,), daemon=True, name="frontdoor-tick").start()
        self.stdout.write(f"Worker started: the tick every {seconds:g} s")
        call_command("db_worker", interval=options["interval"], reload=False, verbosity=options["verbosity"])
