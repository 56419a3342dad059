"""Sign-in lockout (ASVS 2.2.1), on django-axes: a username is locked after AXES_FAILURE_LIMIT
failures (5) from anywhere, and an address after FRONTDOOR_SIGN_IN_ADDRESS_FAILURE_LIMIT (50) failures
for any usernames, each for AXES_COOLOFF_TIME (15 minutes).

django-axes compares every lockout parameter with one limit, and its combined
["username", "ip_address"] parameter let a locked user sign in at once from a second address. The
address limit is higher because many staff share an office's address: it stops one address spraying
guesses across usernames without locking an office out over a few typos.

A locked username's API tokens stop working too (api.authentication reads `failures_for`).
"""

from typing import Any

from axes.attempts import get_cool_off_threshold
from axes.handlers.database import AxesDatabaseHandler
from axes.helpers import get_client_username
from axes.models import AccessAttempt
from django.conf import settings
from django.db.models import IntegerField, QuerySet, Subquery, Sum, Value
from django.db.models.functions import Coalesce
from django.utils import timezone

LOCKED = "The account is locked after repeated failed sign-ins: try again later."


def username_limit() -> int:
    return int(settings.AXES_FAILURE_LIMIT)


def address_limit() -> int:
    return int(settings.FRONTDOOR_SIGN_IN_ADDRESS_FAILURE_LIMIT)


def _recent(since: Any) -> "QuerySet[AccessAttempt]":
    return AccessAttempt.objects.filter(attempt_time__gte=since)


def _total(attempts: "QuerySet[AccessAttempt]") -> int:
    return attempts.aggregate(n=Sum("failures_since_start"))["n"] or 0


def failures_for(username: Any) -> Coalesce:
    """The failed sign-ins for `username` (a value or an OuterRef) within the cool-off, as one column."""
    since = timezone.now() - settings.AXES_COOLOFF_TIME
    total = (
        _recent(since)
        .filter(username=username)
        .values("username")
        .annotate(n=Sum("failures_since_start"))
        .values("n")
    )
    return Coalesce(Subquery(total, output_field=IntegerField()), Value(0))


class LockoutHandler(AxesDatabaseHandler):  # type: ignore[misc]
    """Axes' database handler with a username limit and a separate, higher address limit."""

    def get_failures(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """The username's failures, or the username limit once the address has reached its own."""
        recent = _recent(get_cool_off_threshold(request))
        username = get_client_username(request, credentials)
        by_username = _total(recent.filter(username=username))
        if _total(recent.filter(ip_address=request.axes_ip_address)) >= address_limit():
            return max(by_username, username_limit())
        return by_username

    def reset_user_attempts(self, request: Any, credentials: dict[str, Any] | None = None) -> int:
        """On a successful sign-in, forgive that user's own failures (from any address), not the
        address's failures for other usernames: signing in to one's own account must not reset a
        count that guards everyone else's."""
        username = get_client_username(request, credentials)
        deleted, _ = AccessAttempt.objects.filter(username=username).delete()
        return int(deleted)
