"""The child's page: who they are, who is working with them, what is due and overdue, and the
chronology gathered from every pathway."""

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render

from frontdoor.access import selectors as access_selectors
from frontdoor.core.web import StaffRequest
from frontdoor.organisations.permissions import can
from frontdoor.people import selectors
from frontdoor.records import child_page
from frontdoor.records.header import child_header
from frontdoor.referrals.selectors import current_allocations_for, referrals_for_person


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    """The child's page: who they are, who is working with them, what is due and overdue, and the
    chronology, filterable by kind (?kind=visit&kind=plan) and to significant events
    (?significant=1), and printable (?print=1). One access log
    entry for the whole page (person_get_for)."""
    person = selectors.person_get_for(actor=request.user, person_id=pk, purpose="people.detail")
    chronology = child_page.chronology_for(
        actor=request.user,
        person=person,
        chosen=frozenset(request.GET.getlist("kind")),
        significant_only=request.GET.get("significant") == "1",
    )
    query = request.GET.copy()
    query.pop("print", None)
    show_health, health_marker = access_selectors.health_shown(actor=request.user, person=person)
    return render(
        request,
        "records/detail.html",
        {
            "header": child_header(actor=request.user, person=person),
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
            # Issue 19 §3, §4: a complaint about the child's care, a practice note on the case.
            "can_complain": can(request.user, "complaint.manage"),
            "can_note_practice": can(request.user, "practice_note.raise"),
            "show_health": show_health,
            "health_marker": health_marker,
        },
    )
