from datetime import datetime
from typing import Any

from django import template

from frontdoor.contacts.models import ConcernCategory

register = template.Library()


@register.filter
def get_item(mapping: dict, key: Any) -> Any:
    return mapping.get(key)


@register.filter
def concern_label(code: str) -> str:
    try:
        return str(ConcernCategory(code).label)
    except ValueError:
        return code


@register.filter
def time_since(moment: datetime | None, now: datetime) -> Any:
    """The time from `moment` to `now`, as a timedelta for the duration filter."""
    return now - moment if moment else None
