"""Reads after the front door, scoped to the actor's authority and access-logged."""

from django.http import Http404
from django.urls import reverse

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.core.chronology import Entry
from frontdoor.core.dates import moment_on
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.referrals.models import Allocation, Referral, Visit


def referral_get_for(*, actor: User, referral_id: int, purpose: str) -> Referral:
    """One episode with its clocks; 404 alike for missing and for another authority's."""
    require(actor, "child.view")
    try:
        referral = Referral.objects.select_related(
            "person", "child_seen_clock", "assessment_clock", "contact_child__contact", "opened_by"
        ).get(visible(actor, "person_id"), pk=referral_id, authority_id=actor.authority_id)
    except Referral.DoesNotExist:
        raise Http404("No referral was found.") from None
    access_log(actor=actor, person_ids=[referral.person_id], purpose=purpose)
    return referral


def allocations_for(*, referral: Referral) -> list[Allocation]:
    return list(
        referral.allocations.select_related("team", "worker", "allocated_by", "overseen_by").order_by(
            "-started_at"
        )
    )


def visits_for(*, referral: Referral) -> list[Visit]:
    return list(referral.visits.select_related("visitor").order_by("-occurred_at"))


def referrals_for_person(*, actor: User, person_id: int) -> list[Referral]:
    """A child's episodes, newest first (the caller has already logged access to the child)."""
    require(actor, "child.view")
    return list(
        Referral.objects.filter(
            visible(actor, "person_id"), authority_id=actor.authority_id, person_id=person_id
        )
        .select_related("child_seen_clock", "assessment_clock")
        .prefetch_related("allocations__worker")
        .order_by("-referral_date", "-pk")
    )


def current_allocations_for(*, actor: User, person_id: int) -> list[Allocation]:
    """Who is working with the child now: the current allocation of each open episode."""
    require(actor, "child.view")
    return list(
        Allocation.objects.filter(
            referral__authority_id=actor.authority_id,
            referral__person_id=person_id,
            referral__closure_date__isnull=True,
            ended_at__isnull=True,
        ).select_related("team", "worker", "overseen_by", "referral")
    )


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """The child's episodes as chronology entries: referral, each allocation, each visit, closure."""
    require(actor, "child.view")
    referrals = Referral.objects.filter(
        authority_id=actor.authority_id, person_id=person.pk
    ).prefetch_related("allocations__worker", "allocations__team", "visits__visitor")
    entries: list[Entry] = []
    for referral in referrals:
        url = reverse("records:episode", args=[referral.pk])
        entries.append(
            Entry(
                at=referral.received_at,
                kind="referral",
                title=f"Referral: {referral.get_source_display()}",
                url=url,
            )
        )
        entries.extend(
            Entry(
                at=a.started_at,
                kind="allocation",
                title=f"Allocated to {a.worker.display_name}, {a.team.name}",
                detail=a.reason,
                url=url,
            )
            for a in referral.allocations.all()
        )
        entries.extend(_visit_entry(v, url) for v in referral.visits.all())
        if referral.closure_date is not None:
            step_down = "; stepped down to early help" if referral.stepped_down_to_early_help else ""
            entries.append(
                Entry(
                    at=moment_on(referral.closure_date),
                    kind="closure",
                    title=f"Case closed: {referral.get_closure_reason_display()}{step_down}",
                    detail=referral.closure_summary,
                    url=url,
                    date_only=True,
                )
            )
    return entries


def _visit_entry(visit: Visit, url: str) -> Entry:
    seen = ("seen alone" if visit.seen_alone else "seen, not alone") if visit.seen else "not seen"
    words = f"The child said: {visit.childs_words}" if visit.childs_words else visit.observations
    return Entry(
        at=visit.occurred_at,
        kind="visit",
        title=f"Visit by {visit.visitor.display_name}: {seen}",
        detail=words,
        url=url,
    )
