"""Thin views for people: find a child. The child's page gathers from every pathway, so it lives in
records (records.views.child)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from frontdoor.core.web import StaffRequest, showing, shown_limit
from frontdoor.organisations.permissions import require
from frontdoor.people import selectors
from frontdoor.people.forms import PersonSearchForm
from frontdoor.people.rules import SearchQuery

# The staff search shows the best 20 matches, then 20 more at a time (?shown=40, ...).
SEARCH_STEP = 20


@login_required
def search(request: StaffRequest) -> HttpResponse:
    require(request.user, "child.view")
    form = PersonSearchForm(request.GET or None)
    matches, shown = None, None
    if request.GET and form.is_valid():
        limit = shown_limit(request, step=SEARCH_STEP)
        found = selectors.person_search_counted(
            actor=request.user, query=SearchQuery(**form.cleaned_data), limit=limit
        )
        matches = found.matches
        shown = showing(request, shown=len(matches), total=found.total, step=SEARCH_STEP)
    return render(request, "people/search.html", {"search": form, "matches": matches, "showing": shown})
