from typing import Any

from django.http import HttpRequest
from django.utils.functional import SimpleLazyObject

from frontdoor.notifications import selectors


def unread(request: HttpRequest) -> dict[str, Any]:
    """The unread count in the header of every signed-in staff page: one query, and only if the
    page shows it (lazy)."""
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated or not selectors.reads_in_frontdoor(user):  # type: ignore[arg-type]
        return {}
    return {"notifications_unread": SimpleLazyObject(lambda: selectors.unread_count(user_id=user.pk))}
