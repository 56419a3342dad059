"""My work: what a member of staff owes, soonest first; a team manager chooses a worker and sees
the team's totals. The page reads through mywork.selectors and writes nothing but the access log."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.core.web import StaffRequest, apply_errors
from frontdoor.mywork import breaches, rules, selectors, services
from frontdoor.mywork.forms import LeadTimeForm
from frontdoor.organisations.permissions import require


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


@login_required
def lead_time(request: StaffRequest) -> HttpResponse:
    """An administrator sets the authority's warning lead time (the breach scan reads it)."""
    require(request.user, "mywork.lead_time")
    current = breaches.lead_time(request.user.authority)
    form = LeadTimeForm(
        request.POST or None, initial={"working_days": current.working_days, "hours": current.hours}
    )
    if request.method == "POST" and form.is_valid():
        try:
            services.breach_warning_set(actor=request.user, **form.cleaned_data)
        except ValidationError as error:
            apply_errors(form, error)
        else:
            messages.success(request, "Warning lead time saved")
            return redirect("mywork:lead_time")
    return render(request, "mywork/lead_time.html", {"form": form})
