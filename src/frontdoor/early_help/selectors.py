"""Reads in early help, scoped to the actor's authority and access-logged."""

from dataclasses import dataclass

from django.db.models import Count, QuerySet
from django.http import Http404
from django.urls import reverse

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.core.chronology import Entry
from frontdoor.early_help import rules
from frontdoor.early_help.models import CaseStatus, EarlyHelpCase, EarlyHelpReview
from frontdoor.early_help.services import start_of
from frontdoor.organisations.models import AgencyKind, User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person


def _cases(actor: User) -> QuerySet[EarlyHelpCase]:
    """The authority's early help cases about children the actor may see (access.scope.visible)."""
    return EarlyHelpCase.objects.filter(
        visible(actor, "person_id"), authority_id=actor.authority_id
    ).select_related(
        "person",
        "lead_agency",
        "lead_professional",
        "review_clock",
        "contact_child__contact",
        "step_up_contact",
    )


def case_get_for(*, actor: User, case_id: int, purpose: str) -> EarlyHelpCase:
    """One case; 404 alike for a missing case and another authority's."""
    require(actor, "child.view")
    try:
        case = _cases(actor).get(pk=case_id)
    except EarlyHelpCase.DoesNotExist:
        raise Http404("No early help case was found.") from None
    access_log(actor=actor, person_ids=[case.person_id], purpose=purpose)
    return case


def reviews_for(*, case: EarlyHelpCase) -> list[EarlyHelpReview]:
    return list(
        EarlyHelpReview.objects.filter(plan__case=case).select_related("recorded_by").order_by("-held_on")
    )


def open_cases(*, actor: User, agency_id: int | None = None) -> list[EarlyHelpCase]:
    """Open early help cases, the review most overdue first, optionally those one agency leads."""
    require(actor, "child.view")
    cases = _cases(actor).filter(status=CaseStatus.OPEN)
    if agency_id is not None:
        cases = cases.filter(lead_agency_id=agency_id)
    rows = list(cases.order_by("review_clock__due_at", "pk")[:500])
    access_log(actor=actor, person_ids=(c.person_id for c in rows), purpose="early_help.list")
    return rows


@dataclass(frozen=True)
class LeadShare:
    agency_id: int | None
    name: str
    kind: str
    cases: int
    percent: float


def partnership_share(*, actor: User) -> list[LeadShare]:
    """Who leads the authority's open early help cases: each organisation's count and share, schools
    and other partners by name, and cases still without a lead. Aggregates only: no child named."""
    require(actor, "child.view")
    rows = (
        EarlyHelpCase.objects.filter(authority_id=actor.authority_id, status=CaseStatus.OPEN)
        .values("lead_agency_id", "lead_agency__name", "lead_agency__kind")
        .annotate(n=Count("pk"))
        .order_by("-n", "lead_agency__name")
    )
    counts = {row["lead_agency_id"]: row for row in rows}
    shares = rules.partnership_share({str(key): row["n"] for key, row in counts.items()})
    kinds = dict(AgencyKind.choices)
    return [
        LeadShare(
            agency_id=key,
            name=row["lead_agency__name"] or "No lead professional yet",
            kind=kinds.get(row["lead_agency__kind"], "") if key else "",
            cases=row["n"],
            percent=shares[str(key)],
        )
        for key, row in counts.items()
    ]


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """Early help for the child's chronology: each case's start and end, its assessment, plan and
    reviews. The child's page logs the access."""
    require(actor, "child.view")
    entries: list[Entry] = []
    cases = _cases(actor).filter(person=person).prefetch_related("plan__reviews")
    for case in cases.select_related("assessment"):
        url = reverse("early_help:detail", args=[case.pk])
        lead = f"Led by {case.lead_agency.name}" if case.lead_agency else "No lead professional yet"
        entries.append(Entry(case.started_at, "early help", "Stepped down to early help", lead, url))
        if case.ended_at:
            entries.append(
                Entry(case.ended_at, "early help", f"Early help {case.get_status_display().lower()}", "", url)
            )
        assessment = getattr(case, "assessment", None)
        if assessment is not None:
            entries.append(
                Entry(
                    start_of(assessment.started_on),
                    "early help",
                    "Early help assessment started",
                    assessment.childs_voice[:200],
                    url,
                    date_only=True,
                )
            )
        plan = getattr(case, "plan", None)
        if plan is not None:
            entries.extend(
                Entry(
                    review.recorded_at, "early help", "Early help plan reviewed", review.progress[:200], url
                )
                for review in plan.reviews.all()
            )
    return entries
