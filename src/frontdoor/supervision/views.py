"""Thin views for supervision and management direction."""

from datetime import timedelta

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.referrals.selectors import referral_get_for
from frontdoor.supervision import selectors, services
from frontdoor.supervision.forms import DirectionForm, DoneForm, SupervisionForm
from frontdoor.supervision.models import Supervision


@login_required
def team(request: StaffRequest) -> HttpResponse:
    rows = selectors.team_supervision(actor=request.user)
    context = {"rows": rows, "can_record": can(request.user, "supervision.record")}
    return render(request, "supervision/team.html", context)


@login_required
def worker(request: StaffRequest, pk: int) -> HttpResponse:
    person = selectors.worker_get_for(actor=request.user, worker_id=pk)
    sessions = selectors.supervisions_of(actor=request.user, worker=person)
    context = {"worker": person, "sessions": sessions, "can_record": can(request.user, "supervision.record")}
    return render(request, "supervision/worker.html", context)


@login_required
def supervision_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "supervision.record")
    person = selectors.worker_get_for(actor=request.user, worker_id=pk)
    form = SupervisionForm(
        request.POST or None, cases=selectors.open_cases_of(actor=request.user, worker=person)
    )
    done = submit(
        request, form, lambda data: services.supervision_record(actor=request.user, worker=person, **data)
    )
    if done is not None:
        messages.success(request, "Supervision recorded")
        return redirect("supervision:worker", pk=person.pk)
    context = {
        "form": form,
        "page_title": "Record supervision",
        "caption": person.display_name,
        "back_url": reverse("supervision:worker", args=[person.pk]),
    }
    return render(request, "quality/form.html", context)


@login_required
def assistant_cases(request: StaffRequest) -> HttpResponse:
    rows = selectors.assistant_cases(actor=request.user)
    return render(request, "supervision/assistant_cases.html", {"rows": rows})


def _links(request: StaffRequest) -> dict[str, bool]:
    return {
        "perms_view_team": can(request.user, "direction.view_team"),
        "perms_audit": can(request.user, "audit.view"),
    }


@login_required
def my_directions(request: StaffRequest) -> HttpResponse:
    rows = selectors.my_directions(actor=request.user)
    context = {
        "rows": rows,
        "today": timezone.localdate(),
        "title": "My directions",
        "mine": True,
        **_links(request),
    }
    return render(request, "supervision/directions.html", context)


@login_required
def team_directions(request: StaffRequest) -> HttpResponse:
    rows = selectors.team_overdue_directions(actor=request.user)
    context = {
        "rows": rows,
        "today": timezone.localdate(),
        "title": "Overdue directions across the team",
        **_links(request),
    }
    return render(request, "supervision/directions.html", context)


@login_required
def direction_complete(request: StaffRequest, pk: int) -> HttpResponse:
    direction = selectors.direction_get_for(actor=request.user, direction_id=pk)
    form = DoneForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.direction_complete(actor=request.user, direction=direction, **data),
    )
    if done is not None:
        messages.success(request, "Direction marked as done")
        return redirect("supervision:my_directions")
    context = {
        "form": form,
        "page_title": "Mark a direction as done",
        "caption": direction.person.full_name if direction.person else "",
        "intro": direction.what,
        "back_url": reverse("supervision:my_directions"),
        "button": "Mark as done",
    }
    return render(request, "quality/form.html", context)


@login_required
def direction_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "direction.give")
    referral = referral_get_for(actor=request.user, referral_id=pk, purpose="supervision.direction_new")
    since = timezone.localdate() - timedelta(days=28)
    supervisions = Supervision.objects.filter(
        authority_id=request.user.authority_id, cases_discussed=referral, held_on__gte=since
    ).select_related("worker")
    form = DirectionForm(
        request.POST or None, authority_id=request.user.authority_id, supervisions=supervisions
    )
    done = submit(
        request,
        form,
        lambda data: services.direction_give(
            actor=request.user, person=referral.person, referral=referral, **data
        ),
    )
    if done is not None:
        messages.success(request, f"Direction given to {done.owner_label}")
        return redirect("records:episode", pk=referral.pk)
    context = {
        "form": form,
        "page_title": "Give a management direction",
        "caption": referral.person.full_name,
        "back_url": reverse("records:episode", args=[referral.pk]),
    }
    return render(request, "quality/form.html", context)
