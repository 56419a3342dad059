"""Reads for child protection, scoped to the actor's authority and access-logged. Another authority's
record is the same 404 as a missing one."""

from dataclasses import dataclass
from datetime import datetime
from typing import Any, TypeVar

from django.core.exceptions import ObjectDoesNotExist
from django.db import models
from django.db.models import Count, Exists, Max, OuterRef, Q
from django.http import Http404
from django.urls import reverse

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.child_protection import emergency_rules, rules
from frontdoor.child_protection.models import (
    Conference,
    ConferenceChild,
    ConferenceKind,
    CoreGroup,
    EmergencyProtection,
    Item,
    ProtectionPlan,
    S47Outcome,
    Section47,
    StrategyDiscussion,
)
from frontdoor.child_protection.services._common import meeting_moment
from frontdoor.contacts.selectors import household_ids
from frontdoor.core.chronology import Entry
from frontdoor.organisations.models import PartnerAgency, User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person, Relationship, RelationshipKind
from frontdoor.plans.facts import PlanFacts, Review
from frontdoor.plans.models import PlanKind
from frontdoor.plans.protection import ProtectionPlans
from frontdoor.referrals.models import Referral
from frontdoor.referrals.rules import RecordedWork
from frontdoor.tasks import selectors as tasks
from frontdoor.tasks.models import Task, TaskKind

M = TypeVar("M", bound=models.Model)


def _get(
    actor: User,
    queryset: models.QuerySet[M],
    pk: int,
    purpose: str,
    person_ids: list[int] | None = None,
) -> M:
    """One record of the actor's authority about a child they may see (access.scope.visible: team
    scope and restrictions); anything else is the same 404 as a missing record."""
    require(actor, "child.view")
    try:
        record = queryset.filter(visible(actor, "person_id")).get(pk=pk, authority_id=actor.authority_id)
    except ObjectDoesNotExist:
        raise Http404("No record was found.") from None
    ids = person_ids if person_ids is not None else [record.person_id]  # type: ignore[attr-defined]
    access_log(actor=actor, person_ids=ids, purpose=purpose)
    return record


def partner_agencies_for(*, actor: User) -> list[PartnerAgency]:
    """The actor's authority's partner agencies, to name the one behind an agency kind at a meeting.
    Organisations, not children: nothing to log."""
    require(actor, "child_protection.record")
    return list(PartnerAgency.objects.filter(authority_id=actor.authority_id).order_by("name", "pk"))


def discussion_get_for(*, actor: User, pk: int, purpose: str) -> StrategyDiscussion:
    queryset = StrategyDiscussion.objects.select_related(
        "referral", "person", "clock", "rationale_signed_off_by"
    )
    return _get(actor, queryset, pk, purpose)


def section47_get_for(*, actor: User, pk: int, purpose: str) -> Section47:
    queryset = Section47.objects.select_related("referral", "person", "discussion", "icpc_clock")
    return _get(actor, queryset, pk, purpose)


def plan_get_for(*, actor: User, pk: int, purpose: str) -> ProtectionPlan:
    queryset = ProtectionPlan.objects.select_related(
        "referral", "person", "visit_clock", "review_clock", "core_group_clock"
    )
    return _get(actor, queryset, pk, purpose)


def emergency_protection_get_for(*, actor: User, pk: int, purpose: str) -> EmergencyProtection:
    return _get(actor, EmergencyProtection.objects.select_related("referral", "person"), pk, purpose)


@dataclass(frozen=True)
class Protection:
    """Police protection or an order with when it must end; `due_at` and `completed_at` let the
    due_tag template tag show the time left, or whether it ended in time."""

    record: EmergencyProtection
    due_at: datetime
    completed_at: datetime | None


def emergency_protections_for(*, referral: Referral) -> list[Protection]:
    """For a referral already fetched (and access-logged) through referrals.selectors: the episode's
    police protection and orders, oldest first."""
    return [
        Protection(
            record=record,
            due_at=emergency_rules.emergency_protection_ends_by(
                kind=record.kind, started_at=record.started_at, extended_until=record.extended_until
            ),
            completed_at=record.ended_at,
        )
        for record in referral.emergency_protections.all()
    ]


def core_group_get_for(*, actor: User, pk: int, purpose: str) -> CoreGroup:
    require(actor, "child.view")
    try:
        group = (
            CoreGroup.objects.select_related("plan__person")
            .filter(visible(actor, "plan__person_id"))
            .get(pk=pk, authority_id=actor.authority_id)
        )
    except CoreGroup.DoesNotExist:
        raise Http404("No record was found.") from None
    access_log(actor=actor, person_ids=[group.plan.person_id], purpose=purpose)
    return group


CP_KINDS = (TaskKind.STRATEGY_DISCUSSION, TaskKind.CORE_GROUP)


def action_get_for(*, actor: User, pk: int, purpose: str) -> Task:
    """A strategy discussion or core group action (a tasks.Task) about a child the actor may see."""
    return _get(actor, tasks.tasks(actor=actor).filter(kind__in=CP_KINDS), pk, purpose)


def actions_for(*, actor: User, meeting: StrategyDiscussion | CoreGroup) -> list[Task]:
    """The actions a meeting agreed (its caller has fetched and logged the meeting)."""
    return tasks.for_source(actor=actor, source=meeting, scope=visible(actor, "person_id"))


@dataclass(frozen=True)
class CoreGroupRow:
    group: CoreGroup
    actions: list[Task]


def conference_get_for(*, actor: User, pk: int, purpose: str) -> Conference:
    """A conference about several brothers and sisters is visible when every child on it is: a
    conference shows each child's plan and category, so one hidden child hides the conference."""
    require(actor, "child.view")
    hidden = ConferenceChild.objects.filter(conference_id=OuterRef("pk")).exclude(visible(actor, "person_id"))
    try:
        conference = Conference.objects.filter(~Exists(hidden)).get(pk=pk, authority_id=actor.authority_id)
    except Conference.DoesNotExist:
        raise Http404("No record was found.") from None
    access_log(
        actor=actor, person_ids=conference.children.values_list("person_id", flat=True), purpose=purpose
    )
    return conference


@dataclass(frozen=True)
class Episode:
    """The child protection work in one episode, oldest first."""

    discussions: list[StrategyDiscussion]
    enquiries: list[Section47]
    conferences: list[ConferenceChild]
    plans: list[ProtectionPlan]


def episode_for(*, referral: Referral) -> Episode:
    """For a referral already fetched (and access-logged) through referrals.selectors."""
    return Episode(
        discussions=list(
            referral.strategy_discussions.select_related("clock").prefetch_related("participants")
        ),
        enquiries=list(referral.section47s.select_related("icpc_clock", "discussion", "signed_off_by")),
        conferences=list(
            ConferenceChild.objects.filter(referral=referral)
            .select_related("conference")
            .order_by("conference__held_on", "pk")
        ),
        plans=list(
            referral.protection_plans.select_related("visit_clock", "review_clock", "core_group_clock")
        ),
    )


def previous_plans(*, plan: ProtectionPlan) -> int:
    """CIN NumberOfPreviousCPP, derived from the child's plans (8730)."""
    starts = ProtectionPlan.objects.filter(person_id=plan.person_id).values_list("start_date", flat=True)
    return rules.previous_plans(this_start=plan.start_date, plan_starts=starts)


def plan_history(*, actor: User, plan: ProtectionPlan) -> dict[str, list[Any]]:
    return {
        "conferences": list(
            ConferenceChild.objects.filter(
                models.Q(plan=plan) | models.Q(section47__isnull=False, person=plan.person)
            )
            .filter(conference__held_on__gte=plan.start_date)
            .select_related("conference")
            .order_by("conference__held_on")
        ),
        "visits": list(
            plan.referral.visits.filter(occurred_at__date__gte=plan.start_date)
            .select_related("visitor")
            .order_by("-occurred_at")
        ),
        "core_groups": _core_groups(actor, plan),
    }


def _core_groups(actor: User, plan: ProtectionPlan) -> list[CoreGroupRow]:
    groups = list(plan.core_groups.prefetch_related("attended_partners"))
    found = tasks.for_sources(actor=actor, sources=list(groups), scope=visible(actor, "person_id"))
    return [CoreGroupRow(group=g, actions=found[g.pk]) for g in groups]


def outstanding_for(*, conference: Conference) -> dict[str, list[str]]:
    """For each item, the agencies involved in the conference that have not been sent it."""
    involved = conference.agencies.order_by("pk").values_list("agency", flat=True)
    sent = conference.distributions.values_list("item", "agency")
    return rules.outstanding(involved, sent, Item.values)


@dataclass(frozen=True)
class Outstanding:
    conference: Conference
    children: list[Person]
    missing: dict[str, list[str]]


def distribution_outstanding(*, actor: User, purpose: str) -> list[Outstanding]:
    """Conferences in the actor's authority with an item not yet sent to an involved agency, oldest
    first. Logs access to every child listed."""
    require(actor, "child.view")
    hidden = ConferenceChild.objects.filter(conference_id=OuterRef("pk")).exclude(visible(actor, "person_id"))
    conferences = (
        Conference.objects.filter(authority_id=actor.authority_id)
        .filter(~Exists(hidden))
        .prefetch_related("agencies", "distributions", "children__person")
        .order_by("held_on", "pk")
    )
    rows = []
    for conference in conferences:
        involved = [a.agency for a in conference.agencies.all()]
        sent = [(d.item, d.agency) for d in conference.distributions.all()]
        missing = rules.outstanding(involved, sent, Item.values)
        if missing:
            children = [c.person for c in conference.children.all()]
            rows.append(Outstanding(conference, children, missing))
    access_log(actor=actor, person_ids=[p.pk for row in rows for p in row.children], purpose=purpose)
    return rows


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """Strategy discussions, enquiry outcomes, conferences and plans for the child's chronology
    (core.chronology); scoped to the actor, not access-logged (the child's page logs once)."""
    scope = {"authority_id": actor.authority_id, "person_id": person.pk}
    entries: list[Entry] = []
    for d in StrategyDiscussion.objects.filter(**scope).select_related("clock"):
        decision = "section 47 enquiry" if d.section47 else "no section 47 enquiry"
        late = " (held late)" if d.was_late else ""
        url = reverse("child_protection:discussion", kwargs={"pk": d.pk})
        entries.append(
            Entry(
                d.held_at,
                "strategy discussion",
                f"Strategy discussion: {decision}{late}",
                d.decision_reason,
                url,
            )
        )
    for e in Section47.objects.filter(**scope).exclude(outcome="").select_related("discussion"):
        entries.append(
            Entry(
                meeting_moment(e.end_date or e.start_date),
                "section 47",
                f"Section 47 outcome: {e.get_outcome_display()}",
                date_only=True,
            )
        )
    for c in ConferenceChild.objects.filter(
        person=person, conference__authority_id=actor.authority_id
    ).select_related("conference"):
        outcome = f"plan ({c.get_category_display()})" if c.plan_needed else "no plan"
        url = reverse("child_protection:conference", kwargs={"pk": c.conference_id})
        title = f"{c.conference.get_kind_display()}: {outcome}"
        entries.append(
            Entry(
                meeting_moment(c.conference.held_on),
                "conference",
                title,
                f"Chair: {c.conference.chair}",
                url,
                date_only=True,
            )
        )
    for p in ProtectionPlan.objects.filter(**scope):
        url = reverse("child_protection:plan", kwargs={"pk": p.pk})
        entries.append(
            Entry(
                meeting_moment(p.start_date),
                "plan",
                f"Child protection plan started ({p.get_initial_category_display()})",
                url=url,
                date_only=True,
            )
        )
        if p.end_date:
            entries.append(
                Entry(
                    meeting_moment(p.end_date),
                    "plan",
                    f"Child protection plan ended: {p.get_end_reason_display()}",
                    url=url,
                    date_only=True,
                )
            )
    for g in CoreGroup.objects.filter(authority_id=actor.authority_id, plan__person=person):
        entries.append(
            Entry(meeting_moment(g.held_on), "core group", "Core group meeting", g.notes, date_only=True)
        )
    return entries


# -- brothers and sisters conferenced together ---------------------------------------------------

SIBLING_KINDS = (RelationshipKind.SIBLING, RelationshipKind.HALF_SIBLING)


def family_ids(person: Person) -> set[int]:
    """The child's household (people living with them now) and recorded brothers and sisters,
    the child left out."""
    related = Relationship.objects.filter(kind__in=SIBLING_KINDS).filter(Q(person=person) | Q(other=person))
    siblings = {pk for pair in related.values_list("person_id", "other_id") for pk in pair}
    return (household_ids(person) | siblings) - {person.pk}


def sibling_enquiries_for(*, actor: User, enquiry: Section47, purpose: str) -> list[Section47]:
    """The family's other section 47 enquiries whose outcome is "initial conference needed" and whose
    conference is not yet recorded: the children who may be conferenced with this one."""
    rows = list(
        Section47.objects.filter(
            visible(actor, "person_id"),
            authority_id=actor.authority_id,
            person_id__in=family_ids(enquiry.person),
            outcome=S47Outcome.ICPC,
            initial_conference__isnull=True,
        )
        .select_related("person", "referral")
        .order_by("person__date_of_birth", "pk")
    )
    if rows:
        access_log(actor=actor, person_ids=[r.person_id for r in rows], purpose=purpose)
    return rows


def sibling_plans_for(*, actor: User, plan: ProtectionPlan, purpose: str) -> list[ProtectionPlan]:
    """The family's other open plans: the children whose plans may be reviewed at the same meeting."""
    rows = list(
        ProtectionPlan.objects.filter(
            visible(actor, "person_id"),
            authority_id=actor.authority_id,
            person_id__in=family_ids(plan.person),
            end_date__isnull=True,
        )
        .select_related("person", "referral")
        .order_by("person__date_of_birth", "pk")
    )
    if rows:
        access_log(actor=actor, person_ids=[r.person_id for r in rows], purpose=purpose)
    return rows


def episode_work(referral: Referral) -> dict[str, int]:
    """The episode's section 47 enquiries and protection plans still open, for its closure
    (referrals.episode_work)."""
    return {
        "open_enquiries": Section47.objects.filter(referral=referral, end_date__isnull=True).count(),
        "open_protection_plans": ProtectionPlan.objects.filter(
            referral=referral, end_date__isnull=True
        ).count(),
    }


def protection_plans(person_id: int, authority_id: int) -> ProtectionPlans:
    """Whether the child has a protection plan open, and when their last one ended (plans.protection)."""
    plans = ProtectionPlan.objects.filter(person_id=person_id, authority_id=authority_id).aggregate(
        any_open=Count("pk", filter=Q(end_date__isnull=True)), last_ended_on=Max("end_date")
    )
    return ProtectionPlans(any_open=bool(plans["any_open"]), last_ended_on=plans["last_ended_on"])


def recorded_work(referral: Referral) -> RecordedWork:
    """The episode's section 47 starts, initial conferences and protection plan ends, for a closure
    recorded after them (CIN 8565), and whether there is any of them (2990)."""
    enquiries = list(Section47.objects.filter(referral=referral).values_list("start_date", flat=True))
    icpcs = ConferenceChild.objects.filter(referral=referral, section47__isnull=False).values_list(
        "conference__held_on", flat=True
    )
    plans = list(ProtectionPlan.objects.filter(referral=referral).values_list("end_date", flat=True))
    dated = [
        *(("section 47 enquiry's start", day) for day in enquiries),
        *(("initial child protection conference", day) for day in icpcs),
        *(("end of the child protection plan", day) for day in plans),
    ]
    return RecordedWork(
        dated=tuple((what, day) for what, day in dated if day is not None),
        has_plan_or_protection=bool(enquiries or plans),
    )


def plan_facts(*, actor: User, plan_id: int, purpose: str) -> PlanFacts:
    """The plan as plan content sees it (plans.facts): progress is recorded at each core group and
    each review conference."""
    plan = plan_get_for(actor=actor, pk=plan_id, purpose=purpose)
    groups = [
        Review("child_protection.coregroup", g.pk, g.held_on, f"Core group, {g.held_on:%-d %B %Y}")
        for g in plan.core_groups.all()
    ]
    conferences = [
        Review("child_protection.conference", c.conference_id, c.conference.held_on,
               f"Review conference, {c.conference.held_on:%-d %B %Y}")
        for c in plan.conferences.filter(conference__kind=ConferenceKind.REVIEW).select_related("conference")
    ]  # fmt: skip
    return PlanFacts(
        kind=PlanKind.CP,
        plan_type=plan._meta.label_lower,
        plan_id=plan.pk,
        authority_id=plan.authority_id,
        person=plan.person,
        referral_id=plan.referral_id,
        start_date=plan.start_date,
        end_date=plan.end_date,
        manage="child_protection.record",
        back_url=reverse("child_protection:plan", args=[plan.pk]),
        reviews=tuple(sorted(groups + conferences, key=lambda r: (r.on, r.review_type, r.review_id))),
    )
