"""{% missing_board_counts as counts %}: the live board's three missing-children numbers for the
signed-in member of staff (missing.selectors.board_counts), so missing/_board_panel.html can be
included anywhere `request` is in the context."""

from typing import Any

from django import template

from frontdoor.missing.selectors import board_counts
from frontdoor.organisations.permissions import can

register = template.Library()


@register.simple_tag(takes_context=True)
def missing_board_counts(context: template.Context) -> dict[str, int] | None:
    request: Any = context.get("request")
    user = getattr(request, "user", None)
    if user is None or not can(user, "child.view"):
        return None
    return board_counts(actor=user)


@register.simple_tag
def month_figure(month: Any, figure: str) -> dict[str, Any]:
    """{% month_figure m "offered" as f %}: f.count and f.share (a percentage, or None)."""
    share = month.share(figure) if figure not in ("returned", "repeat") else None
    return {"count": month.counts.get(figure, 0), "share": share}
