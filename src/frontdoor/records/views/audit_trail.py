"""Thin views over the audit trail: "who has looked at this child's record" (audit.selectors)."""

from dataclasses import dataclass
from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import render

from frontdoor.records import audit_trail as selectors

# The page or export each access was made through, in words; unknown purposes are shown as recorded.
PURPOSES = {
    "audit.access_history": "This page: who has looked at the record",
    "contacts.check_request": "Asking a partner agency about a contact",
    "contacts.daily_review": "Daily review list",
    "contacts.decide": "Deciding what happens next",
    "contacts.detail": "Contact page",
    "contacts.feedback": "Recording feedback to the referrer",
    "contacts.history": "Front-door history beside another record",
    "contacts.new": "Recording a new contact",
    "contacts.queue": "Front-door queue",
    "contacts.review": "Recording a daily review",
    "contacts.screen": "Screening",
    "oversight.board": "Live board",
    "people.detail": "Child's page",
    "performance.drilldown": "Performance dashboard: list of children",
    "person.search": "Search results",
    "referrals.allocate": "Allocating the episode",
    "referrals.detail": "Children in need episode",
    "referrals.visit": "Recording a visit",
}


@dataclass(frozen=True)
class Read:
    event: Any
    page: str


@login_required
def person_access(request: HttpRequest, pk: int) -> HttpResponse:
    history = selectors.person_access_history(
        actor=request.user,  # type: ignore[arg-type]
        person_id=pk,
        reads_page=request.GET.get("page", 1),
        writes_page=request.GET.get("changes", 1),
    )
    reads = [Read(e, PURPOSES.get(e.purpose, e.purpose)) for e in history.reads.object_list]
    context = {"history": history, "person": history.person, "reads": reads}
    return render(request, "records/person_access.html", context)
