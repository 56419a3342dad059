"""Pure rules of the outbox: when to try an email again, how each person gets each kind, and when
the daily digest goes. No Django here; property-tested in tests/notifications/test_rules.py.

Retries follow the usual exponential back-off with a cap (as SMTP servers expect of a client after a
4xx reply, RFC 5321 §4.5.4.1: "the sender MUST delay retrying"); after `max_attempts` the delivery
is given up and shown to the administrator as failed.
"""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

NOW, DIGEST, OFF = "now", "digest", "off"  # models.EmailChoice values

# Someone must know at once: these are emailed as they happen unless the person turns it off.
URGENT_KINDS = frozenset({"child_missing", "break_glass"})
# A manager's many routine notices (clocks, tasks, checks) go in one email a day by default.
MANAGER_ROLES = frozenset({"team_manager", "senior_leader"})


@dataclass(frozen=True)
class RetryPolicy:
    first_delay_seconds: int = 60
    cap_seconds: int = 3600
    max_attempts: int = 6


def retry_delay(attempts: int, policy: RetryPolicy) -> timedelta:
    """The wait after the `attempts`-th failed try: first_delay, doubling, never above the cap."""
    exponent = max(attempts - 1, 0)
    # Doubling past the cap is pointless and 2**n grows without bound: stop at the cap.
    if exponent >= 32:
        return timedelta(seconds=policy.cap_seconds)
    return timedelta(seconds=min(policy.cap_seconds, policy.first_delay_seconds * 2**exponent))


def next_try(attempts: int, failed_at: datetime, policy: RetryPolicy) -> datetime | None:
    """When to try again after `attempts` failed tries, or None: give up (the delivery fails)."""
    if attempts >= policy.max_attempts:
        return None
    return failed_at + retry_delay(attempts, policy)


def default_email(kind: str, role: str) -> str:
    """How a person gets a kind of notification by email until they choose."""
    if kind == "digest" or kind in URGENT_KINDS:
        return NOW
    return DIGEST if role in MANAGER_ROLES else NOW


def next_digest_at(local_now: datetime, hour: int) -> datetime:
    """The next digest time (local, `hour`:00) at or after `local_now`: a notification held at
    07:59 goes in that morning's 08:00 digest; one at 08:01, in tomorrow's."""
    today = datetime.combine(local_now.date(), time(hour), tzinfo=local_now.tzinfo)
    if today >= local_now:
        return today
    return datetime.combine(local_now.date() + timedelta(days=1), time(hour), tzinfo=local_now.tzinfo)


def digest_lines(counts: dict[str, int], labels: dict[str, str]) -> list[str]:
    """One line per kind, most first: "3: A statutory clock has breached"."""
    ordered = sorted(counts.items(), key=lambda item: (-item[1], item[0]))
    return [f"{n}: {labels.get(kind, kind)}" for kind, n in ordered if n > 0]
