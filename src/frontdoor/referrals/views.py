"""Thin views for the episode after the front door: allocation, visits and closure. The episode's page
gathers from assessments, plans and supervision, so it lives above them (records.views.episode)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse

from frontdoor.core.web import StaffRequest, episode_form_page
from frontdoor.organisations.permissions import require
from frontdoor.referrals import selectors, services
from frontdoor.referrals.forms import AllocationForm, ClosureForm, VisitForm
from frontdoor.referrals.models import Visit


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
