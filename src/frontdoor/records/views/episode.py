"""The children-in-need episode's page: the referral with its allocations and visits, and what the
pathways above the episode hold about it (assessments, plans, management directions)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from frontdoor.assessments.selectors import assessments_for, factor_labels
from frontdoor.core.web import StaffRequest
from frontdoor.organisations.permissions import can
from frontdoor.plans.selectors import cin_plans_for
from frontdoor.records.header import child_header
from frontdoor.referrals import selectors
from frontdoor.supervision.selectors import case_directions


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    referral = selectors.referral_get_for(actor=request.user, referral_id=pk, purpose="referrals.detail")
    allocations = selectors.allocations_for(referral=referral)
    assessments = assessments_for(referral=referral)
    plans = cin_plans_for(referral=referral)
    return render(
        request,
        "records/episode.html",
        {
            "header": child_header(actor=request.user, person=referral.person),
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
