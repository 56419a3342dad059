"""Reads in case file audit, scoped to the actor's authority; pages naming a child log the access.

The dashboard's figures are aggregates (no child named) computed by quality.rules over one query
each; tests/quality/test_dashboard.py checks every figure against its own count of the raw rows.
"""

from dataclasses import dataclass
from datetime import date
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.contacts.models import ContactChild
from frontdoor.core.chronology import Entry
from frontdoor.early_help.models import EarlyHelpCase
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import can, require
from frontdoor.people.models import Person
from frontdoor.quality import rules
from frontdoor.quality.models import (
    AuditAnswer,
    AuditProgramme,
    AuditStatus,
    AuditTemplate,
    CaseAudit,
    Grade,
)
from frontdoor.referrals.models import Referral
from frontdoor.tasks import selectors as tasks
from frontdoor.tasks.models import Task, TaskKind


def _month_bounds(month: date) -> tuple[date, date]:
    first = month.replace(day=1)
    return first, first + relativedelta(months=1) - relativedelta(days=1)


def sample_population(*, authority_id: int, month: date) -> dict[rules.Candidate, dict[str, Any]]:
    """Every case from `month` that an audit could sample, with the fields its CaseAudit takes:
    children decided at the front door that month, children-in-need episodes open at any time in
    it, and early help cases open at any time in it. Three queries."""
    first, last = _month_bounds(month)
    population: dict[rules.Candidate, dict[str, Any]] = {}
    journeys = ContactChild.objects.filter(
        authority_id=authority_id, decision__decided_at__date__gte=first, decision__decided_at__date__lte=last
    ).values_list("pk", "person_id", "decision__decided_by__team_id")
    for pk, person, team in journeys:
        population[rules.Candidate(rules.CONTACT, pk, person)] = {
            "kind": rules.CONTACT,
            "person_id": person,
            "contact_child_id": pk,
            "team_id": team,
        }
    referrals = Referral.objects.filter(authority_id=authority_id, nfa=False, referral_date__lte=last).filter(
        Q(closure_date__isnull=True) | Q(closure_date__gte=first)
    )
    current = referrals.filter(Q(allocations__isnull=True) | Q(allocations__ended_at__isnull=True))
    # The team holding the episode, or (not yet allocated) the team that opened it.
    for pk, person, held_by, opened_by in current.values_list(
        "pk", "person_id", "allocations__team_id", "opened_by__team_id"
    ):
        population[rules.Candidate(rules.CIN, pk, person)] = {
            "kind": rules.CIN,
            "person_id": person,
            "referral_id": pk,
            "team_id": held_by or opened_by,
        }
    cases = EarlyHelpCase.objects.filter(authority_id=authority_id, started_at__date__lte=last).filter(
        Q(ended_at__isnull=True) | Q(ended_at__date__gte=first)
    )
    for pk, person, team in cases.values_list("pk", "person_id", "started_by__team_id"):
        population[rules.Candidate(rules.EARLY_HELP, pk, person)] = {
            "kind": rules.EARLY_HELP,
            "person_id": person,
            "early_help_case_id": pk,
            "team_id": team,
        }
    return population


def templates_for(*, actor: User) -> list[AuditTemplate]:
    """The authority's audit templates with their questions and how many programmes use each.
    Templates hold no child's data: nothing to log."""
    require(actor, "audit.view")
    return list(
        AuditTemplate.objects.filter(authority_id=actor.authority_id)
        .annotate(programme_count=Count("programmes"))
        .prefetch_related("questions")
    )


def template_get_for(*, actor: User, template_id: int) -> AuditTemplate:
    require(actor, "audit.view")
    template = (
        AuditTemplate.objects.filter(authority_id=actor.authority_id, pk=template_id)
        .prefetch_related("questions")
        .first()
    )
    if template is None:
        raise Http404("No audit template was found.")
    return template


def programmes_for(*, actor: User) -> list[AuditProgramme]:
    require(actor, "audit.view")
    return list(AuditProgramme.objects.filter(authority_id=actor.authority_id).select_related("template"))


def programme_get_for(*, actor: User, programme_id: int) -> AuditProgramme:
    require(actor, "audit.view")
    try:
        return AuditProgramme.objects.select_related("template").get(
            pk=programme_id, authority_id=actor.authority_id
        )
    except AuditProgramme.DoesNotExist:
        raise Http404("No audit programme was found.") from None


def audits_in(*, actor: User, programme: AuditProgramme) -> list[CaseAudit]:
    """The programme's sampled cases, with the children they are about (access-logged)."""
    require(actor, "audit.view")
    rows = list(
        CaseAudit.objects.filter(
            visible(actor, "person_id"), authority_id=actor.authority_id, programme=programme
        )
        .select_related("person", "team", "auditor", "moderator")
        .order_by("kind", "pk")
    )
    access_log(actor=actor, person_ids=(a.person_id for a in rows), purpose="quality.programme")
    return rows


def audit_get_for(*, actor: User, audit_id: int, purpose: str, action: str = "audit.view") -> CaseAudit:
    """One audit; 404 alike for a missing audit and another authority's."""
    require(actor, action)
    try:
        audit = (
            CaseAudit.objects.select_related(
                "person",
                "programme__template",
                "team",
                "auditor",
                "moderator",
                "contact_child__contact",
                "referral",
                "early_help_case",
                "re_audit_of",
            )
            .filter(visible(actor, "person_id"))
            .get(pk=audit_id, authority_id=actor.authority_id)
        )
    except CaseAudit.DoesNotExist:
        raise Http404("No audit was found.") from None
    access_log(actor=actor, person_ids=[audit.person_id], purpose=purpose)
    return audit


def answers_for(*, audit: CaseAudit) -> list[AuditAnswer]:
    return list(audit.answers.select_related("question").order_by("question__position"))


def actions_for(*, actor: User, audit: CaseAudit) -> list[Task]:
    """The audit's actions (tasks.Task), soonest due first (the caller fetched and logged the audit)."""
    return tasks.for_source(actor=actor, source=audit, scope=visible(actor, "person_id"))


def action_get_for(*, actor: User, action_id: int) -> Task:
    require(actor, "audit_action.complete")
    action = (
        tasks.tasks(actor=actor, scope=visible(actor, "person_id"))
        .filter(kind=TaskKind.CASE_AUDIT, pk=action_id)
        .select_related("person")
        .first()
    )
    if action is None:
        raise Http404("No action was found.")
    access_log(actor=actor, person_ids=tasks.children([action]), purpose="quality.action")
    return action


def my_actions(*, actor: User) -> list[Task]:
    """The actor's audit actions not yet done, the most overdue first."""
    require(actor, "audit_action.complete")
    scope = visible(actor, "person_id")
    rows = list(
        tasks.owned_by(actor=actor, owner=actor, scope=scope, kinds=(TaskKind.CASE_AUDIT,)).select_related(
            "person"
        )
    )
    access_log(actor=actor, person_ids=tasks.children(rows), purpose="quality.my_actions")
    return rows


# -- the dashboard: aggregates only ---------------------------------------------------------------


@dataclass(frozen=True)
class Dashboard:
    by_month: dict[str, dict[str, int]]
    by_team: dict[str, dict[str, int]]
    by_theme: dict[str, dict[str, int]]
    moderation: dict[str, int]
    overdue_actions: int
    open_actions: int
    overdue_by_owner: list[tuple[str, int]]
    recurring: list[tuple[str, int]]
    status_counts: dict[str, int]


def _graded(actor: User) -> QuerySet[CaseAudit]:
    return CaseAudit.objects.filter(authority_id=actor.authority_id).exclude(grade="")


def dashboard(*, actor: User, today: date | None = None) -> Dashboard:
    """Grades by month, team and theme (the final grade: moderated when moderated), moderation's
    changes, overdue actions and recurring findings."""
    require(actor, "audit.view")
    today = today or timezone.localdate()
    graded = [
        rules.GradedAudit(month=month, team=team or "No team", theme=theme, grade=moderated or grade)
        for month, team, theme, grade, moderated in _graded(actor).values_list(
            "programme__month", "team__name", "programme__theme", "grade", "moderated_grade"
        )
    ]
    pairs = list(_graded(actor).filter(status=AuditStatus.MODERATED).values_list("grade", "moderated_grade"))
    actions = Task.objects.filter(authority_id=actor.authority_id, kind=TaskKind.CASE_AUDIT).open()
    overdue: dict[str, int] = {}
    for first, last, username in actions.overdue(today).values_list(
        "owner_user__first_name", "owner_user__last_name", "owner_user__username"
    ):
        name = f"{first} {last}".strip() or username
        overdue[name] = overdue.get(name, 0) + 1
    answers = AuditAnswer.objects.filter(audit__authority_id=actor.authority_id).values_list(
        "audit_id", "question__text", "grade"
    )
    statuses = {str(s): 0 for s in AuditStatus}
    for status in CaseAudit.objects.filter(authority_id=actor.authority_id).values_list("status", flat=True):
        statuses[status] += 1
    return Dashboard(
        by_month=_plain(rules.grade_counts(graded, "month")),
        by_team=_plain(rules.grade_counts(graded, "team")),
        by_theme=_plain(rules.grade_counts(graded, "theme")),
        moderation=rules.changed_by_moderation(pairs),
        overdue_actions=sum(overdue.values()),
        open_actions=actions.count(),
        overdue_by_owner=sorted(overdue.items(), key=lambda item: (-item[1], item[0])),
        recurring=rules.recurring_findings(answers),
        status_counts=statuses,
    )


def _plain(table: dict[str, Any]) -> dict[str, dict[str, int]]:
    return {key: {grade: counter.get(grade, 0) for grade in rules.GRADES} for key, counter in table.items()}


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """Audits of the child's case file, for the child's chronology: shown to those who may see
    audits (quality assurance and managers), as graded or moderated."""
    if not can(actor, "audit.view"):
        return []
    labels = dict(Grade.choices)
    entries = []
    audits = CaseAudit.objects.filter(authority_id=actor.authority_id, person=person, graded_at__isnull=False)
    for audit in audits.select_related("programme"):
        moderated = " (moderated)" if audit.moderated_grade else ""
        detail = f"{audit.programme.theme}: {labels[audit.final_grade]}{moderated}"
        url = reverse("quality:audit", args=[audit.pk])
        entries.append(Entry(audit.graded_at, "audit", "Case file audited", detail, url))  # type: ignore[arg-type]
    return entries
