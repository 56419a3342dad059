"""Thin views for people: find a child, and the child's page (who they are, who is around them,
and their history with the front door)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from frontdoor.contacts.selectors import history_for
from frontdoor.core.web import StaffRequest
from frontdoor.organisations.permissions import can, require
from frontdoor.people import selectors
from frontdoor.people.forms import PersonSearchForm
from frontdoor.people.rules import SearchQuery
from frontdoor.referrals.selectors import referrals_for_person


@login_required
def search(request: StaffRequest) -> HttpResponse:
    require(request.user, "child.view")
    form = PersonSearchForm(request.GET or None)
    matches = None
    if request.GET and form.is_valid():
        matches = selectors.person_search(
            actor=request.user, query=SearchQuery(**form.cleaned_data), limit=20
        )
    return render(request, "people/search.html", {"search": form, "matches": matches})


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    person = selectors.person_get_for(actor=request.user, person_id=pk, purpose="people.detail")
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "relatives": selectors.relatives_for(person=person),
            "household": selectors.household_for(person=person),
            "history": history_for(actor=request.user, person=person, months=24),
            "referrals": referrals_for_person(actor=request.user, person_id=person.pk),
            "can_view_access": can(request.user, "audit.view_access"),
        },
    )
