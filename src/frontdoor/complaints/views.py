"""Thin views for children's complaints: the list, recording, a complaint's page, and its actions."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from frontdoor.complaints import rules, selectors, services
from frontdoor.complaints.forms import (
    ComplaintForm,
    DoneForm,
    EscalateForm,
    ExtendForm,
    LearningForm,
    RespondForm,
)
from frontdoor.complaints.models import Complaint
from frontdoor.core.forms import GovForm
from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.people.selectors import person_get_for


@login_required
def complaint_list(request: StaffRequest) -> HttpResponse:
    listing = selectors.complaint_list(actor=request.user)
    context = {"listing": listing, "can_manage": can(request.user, "complaint.manage"), "now": timezone.now()}
    return render(request, "complaints/list.html", context)


@login_required
def complaint_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "complaint.manage")
    person = person_get_for(actor=request.user, person_id=pk, purpose="complaints.new")
    form = ComplaintForm(request.POST or None)
    done = submit(
        request, form, lambda data: services.complaint_record(actor=request.user, person=person, **data)
    )
    if done is not None:
        messages.success(request, "Complaint recorded: stage 1 has started")
        return redirect("complaints:detail", pk=done.pk)
    context = {
        "form": form,
        "page_title": "Record a complaint",
        "caption": person.full_name,
        "back_url": reverse("records:child", args=[person.pk]),
    }
    return render(request, "quality/form.html", context)


@login_required
def complaint_detail(request: StaffRequest, pk: int) -> HttpResponse:
    complaint = selectors.complaint_get_for(actor=request.user, complaint_id=pk)
    stage = selectors.current_stage(complaint)
    context = {
        "complaint": complaint,
        "stages": [(s, rules.STAGE_NAMES[s.stage]) for s in complaint.stages.all()],
        "current": stage,
        "can_extend": stage.stage in rules.EXTENDED and not stage.extended_clock_id and not stage.responded,
        "can_escalate": stage.responded and stage.stage < 3,
        "learning": selectors.learning_of(actor=request.user, complaint=complaint),
        "can_manage": can(request.user, "complaint.manage"),
    }
    return render(request, "complaints/detail.html", context)


def _action(
    request: StaffRequest,
    pk: int,
    form_class: type[GovForm],
    save: Callable[[Complaint, dict[str, Any]], Any],
    words: tuple[str, str, str],
) -> HttpResponse:
    """A form on a complaint (extend, respond, escalate): one service call, then back to the complaint."""
    require(request.user, "complaint.manage")
    complaint = selectors.complaint_get_for(actor=request.user, complaint_id=pk)
    form = form_class(request.POST or None, initial={"version": complaint.version})
    stage_name = rules.STAGE_NAMES[selectors.current_stage(complaint).stage]
    if submit(request, form, lambda data: save(complaint, data)) is not None:
        messages.success(request, words[1])
        return redirect("complaints:detail", pk=complaint.pk)
    context = {
        "form": form,
        "page_title": words[0],
        "caption": f"{complaint.person.full_name}: {stage_name}",
        "back_url": reverse("complaints:detail", args=[complaint.pk]),
        "button": words[2],
    }
    return render(request, "quality/form.html", context)


@login_required
def complaint_extend(request: StaffRequest, pk: int) -> HttpResponse:
    def save(complaint: Complaint, data: dict[str, Any]) -> Any:
        return services.complaint_stage_extend(actor=request.user, complaint=complaint, **data)

    return _action(request, pk, ExtendForm, save, ("Extend the response time", "Stage extended", "Extend"))


@login_required
def complaint_respond(request: StaffRequest, pk: int) -> HttpResponse:
    def save(complaint: Complaint, data: dict[str, Any]) -> Any:
        return services.complaint_stage_respond(actor=request.user, complaint=complaint, **data)

    return _action(request, pk, RespondForm, save, ("Record the response", "Response recorded", "Save"))


@login_required
def complaint_escalate(request: StaffRequest, pk: int) -> HttpResponse:
    def save(complaint: Complaint, data: dict[str, Any]) -> Any:
        return services.complaint_escalate(actor=request.user, complaint=complaint, **data)

    words = ("The complainant asks for the next stage", "Next stage started", "Start the stage")
    return _action(request, pk, EscalateForm, save, words)


@login_required
def learning_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "complaint.manage")
    complaint = selectors.complaint_get_for(actor=request.user, complaint_id=pk)
    form = LearningForm(request.POST or None, authority_id=request.user.authority_id)
    done = submit(
        request,
        form,
        lambda data: services.complaint_learning_set(actor=request.user, complaint=complaint, **data),
    )
    if done is not None:
        messages.success(request, f"Learning set for {done.owner_label}")
        return redirect("complaints:detail", pk=complaint.pk)
    context = {
        "form": form,
        "page_title": "Record the learning",
        "caption": complaint.person.full_name,
        "back_url": reverse("complaints:detail", args=[complaint.pk]),
    }
    return render(request, "quality/form.html", context)


@login_required
def learning_done(request: StaffRequest, pk: int) -> HttpResponse:
    task = selectors.learning_get_for(actor=request.user, task_id=pk)
    form = DoneForm(request.POST or None)
    done = submit(
        request,
        form,
        lambda data: services.complaint_learning_complete(actor=request.user, task=task, **data),
    )
    if done is not None:
        messages.success(request, "Learning marked as done")
        return (
            redirect("mywork:home")
            if not can(request.user, "complaint.view")
            else redirect("complaints:list")
        )
    context = {
        "form": form,
        "page_title": "Mark the learning as done",
        "caption": task.person.full_name if task.person else "",
        "intro": task.what,
        "back_url": reverse("complaints:list") if can(request.user, "complaint.view") else "/",
        "button": "Mark as done",
    }
    return render(request, "quality/form.html", context)
