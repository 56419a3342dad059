"""Jobs the tick runs (notifications.tasks.tick), registered by name in AppConfig.ready().

    from frontdoor.notifications import periodic
    periodic.register("clocks.breach_scan", breach_scan)   # breach_scan(now: datetime) -> int

A job must be idempotent: the tick may run it twice for the same moment (two workers, a retry after a
crash), so a job that notifies passes an event_key to notify() and a second run adds nothing. A job
returns how many things it did (for the log and bench/notifications.py). One job that raises is logged
and does not stop the others.
"""

import logging
import time
from collections.abc import Callable
from datetime import datetime

log = logging.getLogger(__name__)

Job = Callable[[datetime], int]
JOBS: dict[str, Job] = {}


def register(name: str, func: Job) -> None:
    """Add (or, under the same name, replace: ready() may run twice in tests) a periodic job."""
    JOBS[name] = func


def run_all(now: datetime) -> dict[str, dict[str, float]]:
    """Run every registered job once; for each: what it returned and how long it took."""
    report: dict[str, dict[str, float]] = {}
    for name, job in list(JOBS.items()):
        started = time.perf_counter()
        try:
            done = float(job(now) or 0)
        except Exception:  # one broken job must not stop the outbox's retries or the others
            log.exception("Periodic job %s failed", name)
            done = -1.0
        report[name] = {"done": done, "seconds": round(time.perf_counter() - started, 4)}
    return report
