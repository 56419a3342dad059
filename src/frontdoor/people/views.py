"""Thin views for people: find a child. The child's page gathers from every pathway, so it lives in
records (records.views.child)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from frontdoor.core.web import StaffRequest
from frontdoor.organisations.permissions import require
from frontdoor.people import selectors
from frontdoor.people.forms import PersonSearchForm
from frontdoor.people.rules import SearchQuery


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
