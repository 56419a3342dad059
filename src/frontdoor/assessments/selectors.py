"""Reads of assessments, scoped to the actor's authority and access-logged."""

from django.db.models import Count, Q
from django.http import Http404
from django.urls import reverse

from frontdoor.access.scope import visible
from frontdoor.assessments.models import Assessment
from frontdoor.assessments.rules import FACTORS
from frontdoor.audit.services import access_log
from frontdoor.core.chronology import Entry
from frontdoor.core.dates import moment_on
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from frontdoor.referrals.rules import RecordedWork


def assessment_get_for(*, actor: User, assessment_id: int, purpose: str) -> Assessment:
    """One assessment with its episode and clocks; 404 alike for missing and another authority's."""
    require(actor, "child.view")
    try:
        assessment = (
            Assessment.objects.select_related(
                "person", "referral__assessment_clock", "dfe_clock", "authorised_by", "completed_by"
            )
            .filter(visible(actor, "person_id"))
            .get(pk=assessment_id, authority_id=actor.authority_id)
        )
    except Assessment.DoesNotExist:
        raise Http404("No assessment was found.") from None
    access_log(actor=actor, person_ids=[assessment.person_id], purpose=purpose)
    return assessment


def assessments_for(*, referral: Referral) -> list[Assessment]:
    """The episode's assessments, newest first (the caller has logged access to the child)."""
    return list(
        Assessment.objects.filter(referral=referral, authority_id=referral.authority_id)
        .select_related("dfe_clock", "authorised_by")
        .order_by("-started_on", "-pk")
    )


def factor_labels(assessment: Assessment) -> list[str]:
    return [f"{code}: {FACTORS.get(code, code)}" for code in assessment.factors]


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """The child's assessments as chronology entries: started, and authorised with its outcome."""
    require(actor, "child.view")
    rows = Assessment.objects.filter(authority_id=actor.authority_id, person_id=person.pk).select_related(
        "authorised_by"
    )
    entries: list[Entry] = []
    for a in rows:
        url = reverse("records:episode", args=[a.referral_id])
        entries.append(
            Entry(
                at=moment_on(a.started_on),
                kind="assessment",
                title="Assessment started",
                url=url,
                date_only=True,
            )
        )
        if a.authorised_on is not None and a.authorised_by is not None:
            factors = ", ".join(factor_labels(a))
            who = a.authorised_by.display_name
            entries.append(
                Entry(
                    at=moment_on(a.authorised_on),
                    kind="assessment",
                    title=f"Assessment authorised by {who}: {a.get_outcome_display()}",
                    detail=f"Factors: {factors}" if factors else "",
                    url=url,
                    date_only=True,
                )
            )
    return entries


def episode_work(referral: Referral) -> dict[str, int]:
    """The episode's assessments, open and authorised, for its closure (referrals.episode_work)."""
    counts = Assessment.objects.filter(referral=referral).aggregate(
        open_assessments=Count("pk", filter=Q(authorised_on__isnull=True)),
        authorised_assessments=Count("pk", filter=Q(authorised_on__isnull=False)),
    )
    return {name: value or 0 for name, value in counts.items()}


def recorded_work(referral: Referral) -> RecordedWork:
    """The episode's assessment starts and authorisations, for a closure recorded after them (CIN 8565)."""
    rows = Assessment.objects.filter(referral=referral).values_list("started_on", "authorised_on")
    dated = [
        (what, day)
        for start, end in rows
        for what, day in (("assessment's start", start), ("assessment's authorisation", end))
        if day is not None
    ]
    return RecordedWork(dated=tuple(dated))
