from typing import Any

from django.conf import settings
from django.http import HttpRequest


def frontdoor(request: HttpRequest) -> dict[str, Any]:
    user = getattr(request, "user", None)
    return {
        "demo_mode": settings.FRONTDOOR_DEMO,
        "authority": getattr(user, "authority", None) if user and user.is_authenticated else None,
    }
