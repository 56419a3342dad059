"""Reads for drift panels, scoped to the actor's authority and what they may see (access.scope.visible);
every page naming children logs the access. The list is one query whatever the number of children:
each fact the rules need is a subquery on the open episode, and the authority's visiting standards
come with it (a join). The rules run in Python over those rows; the page shows 50 of them."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count, DateTimeField, IntegerField, Max, OuterRef, QuerySet, Subquery
from django.http import Http404
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.assessments.models import Assessment
from frontdoor.audit.services import access_log
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.drift import rules
from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.referrals.models import Allocation, Referral, Visit
from frontdoor.tasks.models import Task, TaskKind

PER_PAGE = 50


@dataclass(frozen=True)
class Listed:
    person: Person
    referral: Referral
    reasons: tuple[rules.Reason, ...]

    @property
    def team_id(self) -> int | None:
        return getattr(self.referral, "team_id_now", None)

    @property
    def team_name(self) -> str:
        return getattr(self.referral, "team_name_now", None) or "Not allocated"


def _open_episodes(actor: User) -> QuerySet[Referral]:
    """Open children-in-need episodes the actor may see, each with the facts the rules read."""
    plans = ProtectionPlan.objects.filter(person_id=OuterRef("person_id"))
    assessments = Assessment.objects.filter(referral_id=OuterRef("pk"), completed_on__isnull=True)
    earliest = assessments.order_by("started_on", "pk")
    seen = Visit.objects.filter(person_id=OuterRef("person_id"), seen=True)
    allocation = Allocation.objects.filter(referral_id=OuterRef("pk")).order_by("-started_at", "-pk")
    return (
        Referral.objects.filter(
            visible(actor, "person_id"), authority_id=actor.authority_id, closure_date__isnull=True, nfa=False
        )
        .select_related("person", "authority")
        .annotate(
            team_id_now=Subquery(allocation.values("team_id")[:1]),
            team_name_now=Subquery(allocation.values("team__name")[:1]),
            open_plan_start=Subquery(plans.filter(end_date__isnull=True).values("start_date")[:1]),
            plan_count=Subquery(
                plans.values("person_id").annotate(n=Count("pk")).values("n")[:1], output_field=IntegerField()
            ),
            assessment_started=Subquery(earliest.values("started_on")[:1]),
            assessment_due_at=Subquery(
                earliest.values("dfe_clock__due_at")[:1], output_field=DateTimeField()
            ),
            last_seen_at=Subquery(
                seen.values("person_id").annotate(m=Max("occurred_at")).values("m")[:1],
                output_field=DateTimeField(),
            ),
        )
        .order_by("referral_date", "pk")
    )


def _local(moment: Any) -> date | None:
    return timezone.localdate(moment) if moment is not None else None


def facts_of(referral: Any, today: date) -> rules.EpisodeFacts:
    return rules.EpisodeFacts(
        today=today,
        referral_date=referral.referral_date,
        open_plan_start=referral.open_plan_start,
        plans=referral.plan_count or 0,
        assessment_started=referral.assessment_started,
        assessment_due=_local(referral.assessment_due_at),
        last_seen=_local(referral.last_seen_at),
    )


def listed(
    actor: User, *, today: date | None = None, visit_days: int | None = None, person_ids: Any = None
) -> list[Listed]:
    """The children on the list (no access logging: the callers log what they show). "No visit"
    is read against the authority's visiting standards, or against `visit_days` for every child
    when the panel asks for another N."""
    today = today or timezone.localdate()
    episodes = _open_episodes(actor)
    if person_ids is not None:
        episodes = episodes.filter(person_id__in=person_ids)
    rows = []
    for referral in episodes:
        authority = referral.authority
        cin = visit_days or authority.drift_cin_visit_days
        cp = visit_days or authority.drift_cp_visit_days
        reasons = rules.drift_reasons(facts_of(referral, today), visit_days=cin, cp_visit_days=cp)
        if reasons:
            rows.append(Listed(referral.person, referral, reasons))
    return rows


def drift_list(*, actor: User, visit_days: int | None = None, today: date | None = None) -> list[Listed]:
    """The panel's list for the actor: every child the actor may see with an open episode that meets
    one of the rules, the longest open first (all of them, logged: the panel's choice of child)."""
    require(actor, "drift.view")
    rows = listed(actor, today=today, visit_days=visit_days)
    access_log(actor=actor, person_ids=[r.person.pk for r in rows], purpose="drift.list")
    return rows


@dataclass(frozen=True)
class Filters:
    reason: str = ""  # one of rules.REASON_CODES, or "" for any
    team: str = ""  # a team's id, "none" (not allocated), or "" for any
    visit_days: int | None = None  # the panel's own N for every child, or None: the authority's


@dataclass(frozen=True)
class DriftPage:
    page: Page  # type: ignore[type-arg]  # of Listed
    total: int  # children on the list before the filters
    by_reason: dict[str, int]  # children with each reason, before the filters
    teams: list[tuple[str, str]]  # (id or "none", name) of the teams holding listed children


def _kept(row: Listed, filters: Filters) -> bool:
    if filters.reason and filters.reason not in {r.code for r in row.reasons}:
        return False
    if filters.team:
        return str(row.team_id or "none") == filters.team
    return True


def drift_page(*, actor: User, filters: Filters, page: str | int = 1, today: date | None = None) -> DriftPage:
    """One page of the list (50 children), by reason and team if asked: one query for the list
    whatever its length, and the access log of the children shown."""
    require(actor, "drift.view")
    rows = listed(actor, today=today, visit_days=filters.visit_days)
    by_reason = {
        code: sum(1 for r in rows if code in {x.code for x in r.reasons}) for code in rules.REASON_CODES
    }
    teams = sorted({(str(r.team_id or "none"), r.team_name) for r in rows}, key=lambda t: t[1])
    shown = Paginator([r for r in rows if _kept(r, filters)], PER_PAGE).get_page(page)
    access_log(actor=actor, person_ids=[r.person.pk for r in shown.object_list], purpose="drift.list")
    return DriftPage(shown, len(rows), by_reason, teams)


def panels(*, actor: User) -> list[Panel]:
    """The authority's panels, newest first, with the number of children each decided on."""
    require(actor, "drift.view")
    return list(
        Panel.objects.filter(authority_id=actor.authority_id)
        .select_related("chair")
        .annotate(children=Count("decisions"))
    )


def panel_get_for(*, actor: User, panel_id: int) -> Panel:
    require(actor, "drift.view")
    panel = Panel.objects.filter(authority_id=actor.authority_id, pk=panel_id).select_related("chair").first()
    if panel is None:
        raise Http404("No panel was found.")
    return panel


def decisions_of(*, actor: User, panel: Panel) -> list[tuple[PanelDecision, list[Task]]]:
    """The panel's decisions about children the actor may see, each with its actions (logged)."""
    require(actor, "drift.view")
    decisions = list(
        PanelDecision.objects.filter(visible(actor, "person_id"), panel=panel).select_related("person")
    )
    actions: dict[int, list[Task]] = {d.pk: [] for d in decisions}
    for task in Task.objects.filter(
        authority_id=actor.authority_id,
        kind=TaskKind.DRIFT_PANEL,
        source_type="drift.paneldecision",
        source_id__in=list(actions),
    ).select_related("owner_user", "owner_agency", "owner_professional"):
        actions[task.source_id].append(task)
    access_log(actor=actor, person_ids=[d.person_id for d in decisions], purpose="drift.panel")
    return [(d, actions[d.pk]) for d in decisions]


@dataclass(frozen=True)
class Change:
    decision: PanelDecision  # the child's latest panel decision
    panels: int  # how many panels the child has been to
    then: list[str]
    now: list[str]
    summary: str


def what_changed(*, actor: User, today: date | None = None) -> list[Change]:
    """Each child who has been to a panel: the reasons at their latest panel and the reasons now."""
    require(actor, "drift.view")
    decisions = list(
        PanelDecision.objects.filter(visible(actor, "person_id"), authority_id=actor.authority_id)
        .select_related("person", "panel")
        .order_by("person_id", "held_on", "pk")
    )
    latest: dict[int, PanelDecision] = {}
    counts: dict[int, int] = {}
    for decision in decisions:
        latest[decision.person_id] = decision
        counts[decision.person_id] = counts.get(decision.person_id, 0) + 1
    now = {r.person.pk: r.reasons for r in listed(actor, today=today, person_ids=list(latest))}
    rows = []
    for person_id, decision in sorted(latest.items(), key=lambda kv: (kv[1].next_review_on, kv[0])):
        then = [r["words"] for r in decision.reasons]
        current = now.get(person_id, ())
        summary = rules.change_between([r["code"] for r in decision.reasons], [r.code for r in current])
        rows.append(Change(decision, counts[person_id], then, [r.words for r in current], summary))
    access_log(actor=actor, person_ids=list(latest), purpose="drift.changes")
    return rows
