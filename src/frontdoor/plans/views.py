"""Thin views for children-in-need plans, each reached from the episode page."""

from collections.abc import Callable
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from frontdoor.core.web import StaffRequest, episode_form_page, submit
from frontdoor.organisations.permissions import require
from frontdoor.plans import content_selectors, selectors, services
from frontdoor.plans.forms import CinPlanEndForm, CinPlanReviewForm, CinPlanSendForm, CinPlanStartForm
from frontdoor.plans.models import ChildInNeedPlan, PlanKind
from frontdoor.referrals.selectors import referral_get_for


@login_required
def start(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "cin_plan.manage")
    referral = referral_get_for(actor=request.user, referral_id=pk, purpose="plans.start")
    form = CinPlanStartForm(request.POST or None, authority_id=request.user.authority_id)
    return episode_form_page(
        request,
        referral,
        form,
        lambda data: services.cin_plan_start(actor=request.user, referral=referral, **data),
        template="plans/form.html",
        title="Start a child in need plan",
        done="Child in need plan started",
    )


def _plan_page(
    request: StaffRequest,
    pk: int,
    *,
    form_for: Callable[[ChildInNeedPlan], Any],
    save: Callable[..., Any],
    title: str,
    done: str,
) -> HttpResponse:
    require(request.user, "cin_plan.manage")
    plan = selectors.cin_plan_get_for(actor=request.user, plan_id=pk, purpose=f"plans.{save.__name__[9:]}")
    form = form_for(plan)
    if submit(request, form, lambda data: save(actor=request.user, plan=plan, **data)):
        messages.success(request, done)
        return redirect("records:episode", pk=plan.referral_id)
    context = {"form": form, "referral": plan.referral, "plan": plan, "page_title": title}
    return render(request, "plans/form.html", context)


@login_required
def send(request: StaffRequest, pk: int) -> HttpResponse:
    return _plan_page(
        request,
        pk,
        form_for=lambda plan: CinPlanSendForm(request.POST or None, authority_id=request.user.authority_id),
        save=services.cin_plan_send,
        title="Record who received the plan",
        done="Recorded",
    )


@login_required
def review(request: StaffRequest, pk: int) -> HttpResponse:
    return _plan_page(
        request,
        pk,
        form_for=lambda plan: CinPlanReviewForm(
            request.POST or None,
            initial={"version": plan.version},
            outcomes=content_selectors.outcomes_of(actor=request.user, kind=PlanKind.CIN, plan_id=plan.pk),
        ),
        save=services.cin_plan_review,
        title="Review the child in need plan",
        done="Review recorded",
    )


@login_required
def end(request: StaffRequest, pk: int) -> HttpResponse:
    return _plan_page(
        request,
        pk,
        form_for=lambda plan: CinPlanEndForm(request.POST or None, initial={"version": plan.version}),
        save=services.cin_plan_end,
        title="End the child in need plan",
        done="Plan ended",
    )
