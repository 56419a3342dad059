"""Thin views for early help: the open cases, the partnership's share, a case and its work."""

from collections.abc import Callable
from typing import Any

from django import forms
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.core.web import StaffRequest, submit
from frontdoor.early_help import selectors, services
from frontdoor.early_help.forms import (
    AssessmentForm,
    CloseForm,
    LeadForm,
    PlanForm,
    ReviewForm,
    StepUpForm,
    initial_for,
)
from frontdoor.early_help.models import EarlyHelpCase
from frontdoor.early_help.step_up import early_help_step_up
from frontdoor.organisations.permissions import can, require


@login_required
def case_list(request: StaffRequest) -> HttpResponse:
    agency = request.GET.get("agency", "")
    rows = selectors.open_cases(actor=request.user, agency_id=int(agency) if agency.isdigit() else None)
    return render(request, "early_help/list.html", {"cases": rows})


@login_required
def partnership(request: StaffRequest) -> HttpResponse:
    shares = selectors.partnership_share(actor=request.user)
    return render(
        request, "early_help/partnership.html", {"shares": shares, "total": sum(s.cases for s in shares)}
    )


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    case = selectors.case_get_for(actor=request.user, case_id=pk, purpose="early_help.detail")
    context = {
        "case": case,
        "assessment": getattr(case, "assessment", None),
        "plan": getattr(case, "plan", None),
        "reviews": selectors.reviews_for(case=case),
        "can_record": can(request.user, "early_help.record") and case.is_open,
    }
    return render(request, "early_help/detail.html", context)


def _page(
    request: StaffRequest,
    pk: int,
    *,
    form_class: type[forms.Form],
    title: str,
    save: Callable[..., Any],
    done: str,
    initial: Callable[[EarlyHelpCase], dict[str, Any]] | None = None,
    **form_kwargs: Any,
) -> HttpResponse:
    """One early help form page: the case (access-logged), the form, one service call."""
    require(request.user, "early_help.record")
    case = selectors.case_get_for(actor=request.user, case_id=pk, purpose=f"early_help.{save.__name__}")
    form = form_class(request.POST or None, initial=initial(case) if initial else None, **form_kwargs)
    if submit(request, form, lambda data: save(actor=request.user, case=case, **data)) is not None:
        messages.success(request, done)
        return redirect("early_help:detail", pk=case.pk)
    context = {
        "form": form,
        "page_title": title,
        "caption": case.person.full_name,
        "back_url": reverse("early_help:detail", args=[case.pk]),
    }
    return render(request, "quality/form.html", context)


@login_required
def lead(request: StaffRequest, pk: int) -> HttpResponse:
    return _page(
        request,
        pk,
        form_class=LeadForm,
        title="Lead professional",
        save=services.early_help_lead_set,
        done="Lead professional saved",
        initial=initial_for,
        authority_id=request.user.authority_id,
    )


@login_required
def assessment(request: StaffRequest, pk: int) -> HttpResponse:
    return _page(
        request,
        pk,
        form_class=AssessmentForm,
        title="Early help assessment",
        save=services.early_help_assessment_record,
        done="Assessment saved",
        authority_id=request.user.authority_id,
    )


@login_required
def plan(request: StaffRequest, pk: int) -> HttpResponse:
    return _page(
        request,
        pk,
        form_class=PlanForm,
        title="Agree the plan",
        save=services.early_help_plan_agree,
        done="Plan agreed: the first review is due in 6 weeks",
    )


@login_required
def review(request: StaffRequest, pk: int) -> HttpResponse:
    return _page(
        request,
        pk,
        form_class=ReviewForm,
        title="Review the plan",
        save=services.early_help_review_record,
        done="Review recorded: the next is due in 6 weeks",
    )


@login_required
def close(request: StaffRequest, pk: int) -> HttpResponse:
    return _page(
        request,
        pk,
        form_class=CloseForm,
        title="Close this early help case",
        save=services.early_help_close,
        done="Early help case closed",
        initial=initial_for,
    )


@login_required
def step_up(request: StaffRequest, pk: int) -> HttpResponse:
    return _page(
        request,
        pk,
        form_class=StepUpForm,
        title="Step up to the front door",
        save=early_help_step_up,
        done="Stepped up: a contact is on the front door's queue",
        initial=initial_for,
    )
