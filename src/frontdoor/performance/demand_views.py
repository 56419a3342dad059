"""The "What is coming?" page (issue 20 §4): projected demand and the social workers it needs, with
its downloads (?format=csv or pdf: capacity, or one measure with ?measure=contacts ...).

For senior leaders, performance leads and team managers ("demand.view"). It shows counts of the
authority's records, never a child: the drill-downs it links to are the dashboard's, which check
their own permission and log whom they list.
"""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.performance import demand, exports
from frontdoor.performance.demand_selectors import demand_history


@login_required
def what_is_coming(request: HttpRequest) -> HttpResponse:
    now = timezone.now()
    history = demand_history(actor=request.user, today=timezone.localdate(now), now=now)  # type: ignore[arg-type]
    result = demand.demand(history)
    if exports.wanted(request):
        which = request.GET.get("measure", demand.CAPACITY)
        return exports.respond(request, demand.paper(result, which, now))  # type: ignore[return-value]
    context = {
        "demand": result,
        "assumption": demand.ASSUMPTION.format(threshold=history.threshold),
        "method": demand.METHOD,
        "capacity_headings": demand.CAPACITY_HEADINGS,
        "capacity_rows": [demand.capacity_cells(row) for row in result.capacity],
    }
    return render(request, "performance/demand.html", context)
