"""Reads of children-in-need plans, scoped to the actor's authority and access-logged."""

from django.http import Http404
from django.urls import reverse

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.core.chronology import Entry
from frontdoor.core.dates import moment_on
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.plans.facts import PlanFacts, Review
from frontdoor.plans.models import ChildInNeedPlan, PlanKind
from frontdoor.referrals.models import Referral
from frontdoor.referrals.rules import RecordedWork


def cin_plan_get_for(*, actor: User, plan_id: int, purpose: str) -> ChildInNeedPlan:
    """One plan with its episode; 404 alike for missing and for another authority's."""
    require(actor, "child.view")
    try:
        plan = (
            ChildInNeedPlan.objects.select_related("person", "referral", "review_clock")
            .filter(visible(actor, "person_id"))
            .get(pk=plan_id, authority_id=actor.authority_id)
        )
    except ChildInNeedPlan.DoesNotExist:
        raise Http404("No plan was found.") from None
    access_log(actor=actor, person_ids=[plan.person_id], purpose=purpose)
    return plan


def cin_plans_for(*, referral: Referral) -> list[ChildInNeedPlan]:
    """The episode's plans with partners and reviews, newest first (the caller has logged access)."""
    return list(
        ChildInNeedPlan.objects.filter(referral=referral, authority_id=referral.authority_id)
        .select_related("review_clock")
        .prefetch_related("partners__agency", "reviews")
        .order_by("-start_date", "-pk")
    )


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """The child's plans as chronology entries: start, each review and the end."""
    require(actor, "child.view")
    plans = ChildInNeedPlan.objects.filter(
        authority_id=actor.authority_id, person_id=person.pk
    ).prefetch_related("reviews")
    entries: list[Entry] = []
    for plan in plans:
        url = reverse("records:episode", args=[plan.referral_id])
        entries.append(
            Entry(
                at=moment_on(plan.start_date),
                kind="plan",
                title="Child in need plan started",
                url=url,
                date_only=True,
            )
        )
        entries.extend(
            Entry(
                at=moment_on(r.reviewed_on),
                kind="plan",
                title="Child in need plan reviewed",
                detail=r.summary,
                url=url,
                date_only=True,
            )
            for r in plan.reviews.all()
        )
        if plan.end_date is not None:
            entries.append(
                Entry(
                    at=moment_on(plan.end_date),
                    kind="plan",
                    title="Child in need plan ended",
                    detail=plan.end_reason,
                    url=url,
                    date_only=True,
                )
            )
    return entries


def episode_work(referral: Referral) -> dict[str, int]:
    """The episode's children-in-need plans still running, for its closure (referrals.episode_work)."""
    return {"open_plans": ChildInNeedPlan.objects.filter(referral=referral, end_date__isnull=True).count()}


def recorded_work(referral: Referral) -> RecordedWork:
    """The episode's children-in-need plans' starts and ends, for a closure recorded after them (CIN
    8565), and whether there is one (2990)."""
    rows = list(ChildInNeedPlan.objects.filter(referral=referral).values_list("start_date", "end_date"))
    dated = [
        (what, day)
        for start, end in rows
        for what, day in (("child in need plan's start", start), ("child in need plan's end", end))
        if day is not None
    ]
    return RecordedWork(dated=tuple(dated), has_plan_or_protection=bool(rows))


def cin_plan_facts(*, actor: User, plan_id: int, purpose: str) -> PlanFacts:
    """The plan as plan content sees it (plans.facts), its reviews the meetings progress is recorded at."""
    plan = cin_plan_get_for(actor=actor, plan_id=plan_id, purpose=purpose)
    reviews = tuple(
        Review(
            "plans.planreview", r.pk, r.reviewed_on, f"Child in need plan review, {r.reviewed_on:%-d %B %Y}"
        )
        for r in plan.reviews.order_by("reviewed_on", "pk")
    )
    return PlanFacts(
        kind=PlanKind.CIN,
        plan_type=plan._meta.label_lower,
        plan_id=plan.pk,
        authority_id=plan.authority_id,
        person=plan.person,
        referral_id=plan.referral_id,
        start_date=plan.start_date,
        end_date=plan.end_date,
        manage="cin_plan.manage",
        back_url=reverse("records:episode", args=[plan.referral_id]),
        reviews=reviews,
    )
