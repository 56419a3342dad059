"""My work: what a member of staff owes, soonest first; a team manager chooses a worker and sees
the team's totals. The page reads through mywork.selectors and writes nothing but the access log."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.core.web import StaffRequest
from frontdoor.mywork import rules, selectors


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


@login_required
def home(request: StaffRequest) -> HttpResponse:
    now = timezone.now()
    kind = request.GET.get("kind") or None
    work = selectors.my_work(
        actor=request.user, worker_id=_int(request.GET.get("worker")), kind=kind, now=now
    )
    team = selectors.team_work(actor=request.user, now=now)
    return render(
        request,
        "mywork/home.html",
        {"work": work, "team": team, "kinds": rules.KINDS, "own": work.worker.pk == request.user.pk},
    )
