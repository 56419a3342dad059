"""{% child_header person %}: the child's record at a glance (core.record_header)."""

from typing import Any

from django import template
from django.utils.safestring import SafeString, mark_safe

from frontdoor.core.record_header import render_for

register = template.Library()


@register.simple_tag(takes_context=True)
def child_header(context: template.Context, person: Any) -> SafeString:
    request = context.get("request")
    if person is None or request is None or not request.user.is_authenticated:
        return mark_safe("")
    # The renderer returns a Django template's output, already escaped.
    return mark_safe(render_for(actor=request.user, person=person))
