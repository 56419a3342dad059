"""Thin views for allegations against people who work with children (the designated officer)."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.allegations import selectors, services
from frontdoor.allegations.forms import (
    ConsiderationForm,
    ManagersForm,
    MeetingForm,
    OutcomeForm,
    ParallelForm,
    ReferralForm,
)
from frontdoor.allegations.models import Allegation
from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require


@login_required
def allegation_list(request: StaffRequest) -> HttpResponse:
    state = "closed" if request.GET.get("state") == "closed" else "open"
    listed = selectors.allegation_list(actor=request.user, state=state)
    context = {"allegations": listed, "state": state, "can_record": can(request.user, "allegation.record")}
    return render(request, "allegations/list.html", context)


@login_required
def refer(request: StaffRequest) -> HttpResponse:
    require(request.user, "allegation.record")
    form = ReferralForm(request.POST or None)
    made = submit(
        request, form, lambda d: services.allegation_refer(actor=request.user, data=services.Referral(**d))
    )
    if made is not None:
        messages.success(request, f"Allegation {made.reference} recorded")
        return redirect("allegations:detail", pk=made.pk)
    context = {"form": form, "page_title": "Record an allegation", "back": "allegations:list"}
    return render(request, "allegations/form.html", context)


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    allegation = selectors.allegation_get_for(
        actor=request.user, allegation_id=pk, purpose="allegations.detail"
    )
    context = {
        "allegation": allegation,
        "children": [link.person for link in allegation.child_links.all()],
        "meetings": selectors.meetings_for(actor=request.user, allegation=allegation),
        "can_record": can(request.user, "allegation.record"),
        "now": timezone.now(),
    }
    return render(request, "allegations/detail.html", context)


def _edit(
    request: StaffRequest, pk: int, form_class: type[forms.Form], title: str, done: str,
    save: Callable[[Allegation, dict[str, Any]], Any], **form_kw: Any,
) -> HttpResponse:  # fmt: skip
    """A form about one allegation (the designated officer's): the refusal beside the field."""
    require(request.user, "allegation.record")
    allegation = selectors.allegation_get_for(
        actor=request.user, allegation_id=pk, purpose="allegations.edit"
    )
    initial = {
        "version": allegation.version,
        "police_process": allegation.police_process,
        "employer_process": allegation.employer_process,
        "notes": allegation.parallel_notes if form_class is ParallelForm else "",
        "managers": list(allegation.named_managers.all()),
    }
    form = form_class(request.POST or None, initial=initial, **form_kw)
    if submit(request, form, lambda data: save(allegation, data)) is not None:
        messages.success(request, done)
        return redirect("allegations:detail", pk=allegation.pk)
    children = [link.person for link in allegation.child_links.all()]
    context = {"form": form, "page_title": title, "allegation": allegation, "children": children}
    return render(request, "allegations/form.html", context)


@login_required
def consider(request: StaffRequest, pk: int) -> HttpResponse:
    def save(a: Allegation, d: dict[str, Any]) -> Allegation:
        return services.allegation_consider(actor=request.user, allegation=a, **d)

    return _edit(
        request, pk, ConsiderationForm, "Initial consideration", "Initial consideration recorded", save
    )


@login_required
def parallel(request: StaffRequest, pk: int) -> HttpResponse:
    def save(a: Allegation, d: dict[str, Any]) -> Allegation:
        return services.parallel_update(actor=request.user, allegation=a, **d)

    return _edit(request, pk, ParallelForm, "Police and employer processes", "Processes updated", save)


@login_required
def outcome(request: StaffRequest, pk: int) -> HttpResponse:
    def save(a: Allegation, d: dict[str, Any]) -> Allegation:
        return services.outcome_record(actor=request.user, allegation=a, **d)

    return _edit(request, pk, OutcomeForm, "Outcome and action taken", "Outcome recorded", save)


@login_required
def meeting_new(request: StaffRequest, pk: int) -> HttpResponse:
    def save(a: Allegation, d: dict[str, Any]) -> Any:
        return services.meeting_record(actor=request.user, allegation=a, **d)

    la = request.user.authority_id
    title = "Allegation management meeting"
    return _edit(request, pk, MeetingForm, title, "Meeting recorded", save, authority_id=la)


@login_required
def managers(request: StaffRequest, pk: int) -> HttpResponse:
    def save(a: Allegation, d: dict[str, Any]) -> Allegation:
        return services.managers_name(actor=request.user, allegation=a, managers=list(d["managers"]))

    la = request.user.authority_id
    return _edit(request, pk, ManagersForm, "Named managers", "Named managers saved", save, authority_id=la)


@login_required
def summary(request: StaffRequest) -> HttpResponse:
    year_text = request.GET.get("year", "")
    year = int(year_text) if year_text.isdigit() and 2000 <= int(year_text) <= 2100 else None
    found = selectors.annual_summary(actor=request.user, year=year)
    return render(request, "allegations/summary.html", {"summary": found})
