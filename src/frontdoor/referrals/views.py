"""Thin views for the episode after the front door: its page, allocation and visits."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from frontdoor.assessments.selectors import assessments_for, factor_labels
from frontdoor.core.web import StaffRequest, episode_form_page
from frontdoor.organisations.permissions import can, require
from frontdoor.plans.selectors import cin_plans_for
from frontdoor.referrals import selectors, services
from frontdoor.referrals.forms import AllocationForm, ClosureForm, VisitForm
from frontdoor.referrals.models import Visit
from frontdoor.supervision.selectors import case_directions


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get_for(actor=request.user, referral_id=pk, purpose="referrals.detail")
    allocations = selectors.allocations_for(referral=referral)
    assessments = assessments_for(referral=referral)
    plans = cin_plans_for(referral=referral)
    return render(
        request,
        "referrals/detail.html",
        {
            "referral": referral,
            "allocations": allocations,
            "current": next((a for a in allocations if a.ended_at is None), None),
            "visits": selectors.visits_for(referral=referral),
            "assessments": [(a, factor_labels(a)) for a in assessments],
            "open_assessment": next((a for a in assessments if a.is_open), None),
            "plans": plans,
            "directions": case_directions(actor=request.user, person=referral.person),
            "open_plan": next((p for p in plans if p.is_open), None),
            "can_allocate": can(request.user, "referral.allocate"),
            "can_visit": can(request.user, "visit.record"),
            "can_assess": can(request.user, "assessment.record"),
            "can_authorise": can(request.user, "assessment.authorise"),
            "can_plan": can(request.user, "cin_plan.manage"),
            "can_close": can(request.user, "referral.close"),
        },
    )


@login_required
def allocate(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "referral.allocate")
    referral = selectors.referral_get_for(actor=request.user, referral_id=pk, purpose="referrals.allocate")
    form = AllocationForm(request.POST or None, authority_id=request.user.authority_id)
    return episode_form_page(
        request,
        referral,
        form,
        lambda data: services.allocation_make(actor=request.user, referral=referral, **data),
        template="referrals/form.html",
        title="Allocate this child's episode",
        done=lambda allocation: f"Allocated to {allocation.worker.display_name}",
    )


@login_required
def visit_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "visit.record")
    referral = selectors.referral_get_for(actor=request.user, referral_id=pk, purpose="referrals.visit")
    form = VisitForm(request.POST or None)

    def save(data: dict) -> Visit:
        return services.visit_record(actor=request.user, person=referral.person, referral=referral, **data)

    return episode_form_page(
        request,
        referral,
        form,
        save,
        template="referrals/form.html",
        title="Record a visit",
        done="Visit recorded",
    )


@login_required
def close(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "referral.close")
    referral = selectors.referral_get_for(actor=request.user, referral_id=pk, purpose="referrals.close")
    form = ClosureForm(request.POST or None, initial={"version": referral.version})
    return episode_form_page(
        request,
        referral,
        form,
        lambda data: services.referral_close(actor=request.user, referral=referral, **data),
        template="referrals/form.html",
        title="Close this child's case",
        done="Case closed",
    )
