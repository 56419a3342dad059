"""Thin views for the episode after the front door: its page, allocation and visits."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.referrals import selectors, services
from frontdoor.referrals.forms import AllocationForm, VisitForm
from frontdoor.referrals.models import Visit


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get_for(actor=request.user, referral_id=pk, purpose="referrals.detail")
    allocations = selectors.allocations_for(referral=referral)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "allocations": allocations,
            "current": next((a for a in allocations if a.ended_at is None), None),
            "visits": selectors.visits_for(referral=referral),
            "can_allocate": can(request.user, "referral.allocate"),
            "can_visit": can(request.user, "visit.record"),
        },
    )


@login_required
def allocate(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "referral.allocate")
    referral = selectors.referral_get_for(actor=request.user, referral_id=pk, purpose="referrals.allocate")
    form = AllocationForm(request.POST or None, authority_id=request.user.authority_id)
    allocation = submit(
        request, form, lambda data: services.allocation_make(actor=request.user, referral=referral, **data)
    )
    if allocation is not None:
        messages.success(request, f"Allocated to {allocation.worker.display_name}")
        return redirect("referrals:detail", pk=referral.pk)
    context = {"form": form, "referral": referral, "page_title": "Allocate this child's episode"}
    return render(request, "referrals/form.html", context)


@login_required
def visit_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "visit.record")
    referral = selectors.referral_get_for(actor=request.user, referral_id=pk, purpose="referrals.visit")
    form = VisitForm(request.POST or None)

    def save(data: dict) -> Visit:
        return services.visit_record(actor=request.user, person=referral.person, referral=referral, **data)

    if submit(request, form, save) is not None:
        messages.success(request, "Visit recorded")
        return redirect("referrals:detail", pk=referral.pk)
    context = {"form": form, "referral": referral, "page_title": "Record a visit"}
    return render(request, "referrals/form.html", context)
