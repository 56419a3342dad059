from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.core.web import StaffRequest
from frontdoor.retention import selectors


@login_required
def due(request: StaffRequest) -> HttpResponse:
    today = timezone.localdate()
    rows = selectors.due_for_review(actor=request.user, on=today)
    schedule = selectors.schedule_for(request.user.authority_id, today)  # type: ignore[arg-type]
    return render(request, "retention/due.html", {"rows": rows, "today": today, "schedule": schedule})
