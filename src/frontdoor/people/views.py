"""Thin views for people: find a child, and the child's page (who they are, who is around them,
and their history with the front door)."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from frontdoor.access import selectors as access_selectors
from frontdoor.core.web import StaffRequest, showing, shown_limit
from frontdoor.organisations.permissions import can, require
from frontdoor.people import child_page, selectors
from frontdoor.people.forms import PersonSearchForm
from frontdoor.people.rules import SearchQuery
from frontdoor.referrals.selectors import current_allocations_for, referrals_for_person

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


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    """The child's page: who they are, who is working with them, what is due and overdue, and the
    chronology, filterable by kind (?kind=visit&kind=plan) and printable (?print=1). One access log
    entry for the whole page (person_get_for)."""
    person = selectors.person_get_for(actor=request.user, person_id=pk, purpose="people.detail")
    chronology = child_page.chronology_for(
        actor=request.user, person=person, chosen=frozenset(request.GET.getlist("kind"))
    )
    query = request.GET.copy()
    query.pop("print", None)
    show_health, health_marker = access_selectors.health_shown(actor=request.user, person=person)
    return render(
        request,
        "people/detail.html",
        {
            "person": person,
            "relatives": selectors.relatives_for(actor=request.user, person=person),
            "household": selectors.household_for(actor=request.user, person=person),
            "referrals": referrals_for_person(actor=request.user, person_id=person.pk),
            "working_with": current_allocations_for(actor=request.user, person_id=person.pk),
            "due": child_page.due_for(actor=request.user, person=person),
            "chronology": chronology,
            "printing": request.GET.get("print") == "1",
            "print_query": query.urlencode(),
            "can_view_access": can(request.user, "audit.view_access"),
            "restriction": access_selectors.active_restriction(person=person),
            "can_restrict": can(request.user, "restriction.manage"),
            "can_mark_health": can(request.user, "health.mark"),
            "can_sar": can(request.user, "sar.compile"),
            "show_health": show_health,
            "health_marker": health_marker,
        },
    )
