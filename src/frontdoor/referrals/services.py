"""Every write after the front door's decision: open the episode, allocate it, record visits.

Each service checks permission, validates, writes in one transaction with its audit event, and
starts or stops the statutory clocks (clocks.services) it touches.
"""

from datetime import date, datetime
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Value
from django.db.models.functions import Greatest
from django.utils import timezone

from frontdoor.access.services import team_involvement_record
from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.contacts.models import ContactChild, Decision, Outcome
from frontdoor.core.dates import moment_on
from frontdoor.core.records import claim_version, same_authority
from frontdoor.organisations.models import Team, User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.referrals import episode_work, rules
from frontdoor.referrals.models import Allocation, Referral, Visit


def referral_open_from_decision(*, actor: User, journey: ContactChild, decision: Decision) -> Referral:
    """Open the child's children-in-need episode when the front door refers for assessment or a
    strategy discussion. Runs inside the decision's transaction (contacts.services).

    A child already open to social care keeps their one open episode (CIN 8815): the new contact is
    recorded against it rather than starting a second. A contact received before the child's last
    episode closed starts the new episode on the closure date, never inside the old one (CIN 8820).
    """
    existing = Referral.objects.filter(
        person_id=journey.person_id, closure_date__isnull=True, nfa=False
    ).first()
    if existing is not None:
        return existing
    contact = journey.contact
    last_closed = (
        Referral.objects.filter(person_id=journey.person_id, closure_date__isnull=False)
        .order_by("-closure_date")
        .values_list("closure_date", flat=True)
        .first()
    )
    referral_date = timezone.localdate(contact.received_at)
    if last_closed is not None:
        referral_date = max(referral_date, last_closed)
    referral = Referral.objects.create(
        authority_id=journey.authority_id,
        person_id=journey.person_id,
        contact_child=journey,
        received_at=contact.received_at,
        referral_date=referral_date,
        source=contact.source,
        significant_harm=decision.outcome == Outcome.STRATEGY,
        opened_by=actor,
    )
    authority = contact.authority
    referral.child_seen_clock = clock_start(
        authority=authority,
        standard=rules.child_seen_standard(significant_harm=referral.significant_harm),
        started_at=contact.received_at,
        subject=referral,
        person=journey.person,
    )
    referral.assessment_clock = clock_start(
        authority=authority,
        standard="assessment",
        started_at=contact.received_at,
        subject=referral,
        person=journey.person,
    )
    referral.save(update_fields=["child_seen_clock", "assessment_clock"])
    audit_record(
        actor=actor,
        action="referral.opened",
        subject=referral,
        authority_id=referral.authority_id,
        person_id=referral.person_id,
        changes={
            "referral_date": referral.referral_date,
            "source": referral.source,
            "significant_harm": referral.significant_harm,
        },
    )
    return referral


@transaction.atomic
def allocation_make(
    *,
    actor: User,
    referral: Referral,
    team: Team,
    worker: User,
    reason: str = "",
    overseen_by: User | None = None,
) -> Allocation:
    """Allocate (or reallocate) the episode to a team and a qualified worker; history is kept. A
    social work assistant may hold it once a child in need plan is running, overseen by a named
    qualified worker (rules.allocation_problems)."""
    require(actor, "referral.allocate")
    same_authority(actor, referral, team)
    problems = rules.allocation_problems(
        worker_role=worker.role,
        same_authority=worker.authority_id == actor.authority_id
        and (overseen_by is None or overseen_by.authority_id == actor.authority_id),
        has_cin_plan=episode_work.work_in(referral)["open_plans"] > 0,
        overseer_role=overseen_by.role if overseen_by is not None else None,
    )
    if not referral.is_open:
        problems["worker"] = "This episode is closed: it cannot be allocated"
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    current = Allocation.objects.select_for_update().filter(referral=referral, ended_at__isnull=True).first()
    if current is not None:
        if current.worker_id == worker.pk and current.team_id == team.pk:
            raise ValidationError({"worker": f"{worker.display_name} already holds this episode"})
        current.ended_at = now
        current.save(update_fields=["ended_at"])
    team_involvement_record(
        person_id=referral.person_id, team_id=team.pk, authority_id=referral.authority_id, at=now
    )
    allocation = Allocation.objects.create(
        referral=referral,
        team=team,
        worker=worker,
        started_at=now,
        reason=reason.strip(),
        allocated_by=actor,
        overseen_by=overseen_by,
    )
    audit_record(
        actor=actor,
        action="referral.allocated",
        subject=allocation,
        authority_id=referral.authority_id,
        person_id=referral.person_id,
        changes={
            "worker": [current.worker_id if current else None, worker.pk],
            "team": team.name,
            "reason": allocation.reason,
            "overseen_by": overseen_by.pk if overseen_by else None,
        },
    )
    return allocation


@transaction.atomic
def visit_record(
    *,
    actor: User,
    person: Person,
    occurred_at: datetime,
    seen: bool,
    referral: Referral | None = None,
    seen_alone: bool | None = None,
    not_alone_reason: str = "",
    location: str = "",
    childs_words: str = "",
    wishes_and_feelings: str = "",
    how_gathered: str = "",
    observations: str = "",
) -> Visit:
    """Record a visit. Seeing the child stops the episode's child-seen clock."""
    require(actor, "visit.record")
    if person.authority_id != actor.authority_id or (referral and referral.person_id != person.pk):
        raise ValidationError("That record belongs to another authority or child.")
    problems = rules.visit_problems(
        occurred_at=occurred_at,
        now=timezone.now(),
        seen=seen,
        seen_alone=seen_alone,
        not_alone_reason=not_alone_reason,
        childs_words=childs_words,
        referral_received_at=referral.received_at if referral else None,
    )
    if problems:
        raise ValidationError(problems)
    visit = Visit.objects.create(
        authority_id=person.authority_id,
        person=person,
        referral=referral,
        occurred_at=occurred_at,
        visitor=actor,
        seen=seen,
        seen_alone=seen_alone if seen else None,
        not_alone_reason=not_alone_reason.strip(),
        location=location.strip(),
        childs_words=childs_words.strip(),
        wishes_and_feelings=wishes_and_feelings.strip(),
        how_gathered=how_gathered.strip(),
        observations=observations.strip(),
        recorded_at=timezone.now(),
    )
    clock = referral.child_seen_clock if referral else None
    if seen and clock is not None and clock.completed_at is None:
        clock_complete(clock=clock, at=occurred_at)
    audit_record(
        actor=actor,
        action="visit.recorded",
        subject=visit,
        authority_id=visit.authority_id,
        person_id=person.pk,
        changes=_visit_changes(visit),
    )
    return visit


@transaction.atomic
def referral_close(
    *,
    actor: User,
    referral: Referral,
    version: int,
    closure_date: date,
    reason: str,
    summary: str,
    step_down: bool = False,
) -> Referral:
    """Close the children-in-need episode with its DfE reason (RC1-RC9) and the case summary,
    optionally stepping the family down to early help (RC9 always does). The current allocation
    ends at the closure. Clocks still running are left as they are: closing a case does not see the
    child or complete an assessment, and closed episodes leave the board and the child's due list."""
    require(actor, "referral.close")
    same_authority(actor, referral)
    if not referral.is_open:
        raise ValidationError("This episode is already closed.")
    problems = rules.closure_problems(
        closure_date=closure_date,
        today=timezone.localdate(),
        referral_date=referral.referral_date,
        reason=reason,
        summary=summary,
        step_down=step_down,
        **episode_work.work_in(referral),
    )
    # CIN 8565 / 2990 (issue 18): a closure recorded after the episode's work must not contradict it;
    # with no work at all, the referral ended with no further action (ReferralNFA).
    work = episode_work.recorded_in(referral)
    problems = (
        rules.closure_after_work_problems(closure_date=closure_date, reason=reason, work=work) | problems
    )
    if problems:
        raise ValidationError(problems)
    claim_version(referral, version)
    referral.closure_date, referral.closure_reason = closure_date, reason
    referral.closure_summary, referral.closed_by = summary.strip(), actor
    referral.stepped_down_to_early_help = step_down or reason == rules.EARLY_HELP
    referral.nfa = rules.ends_with_no_further_action(work)
    referral.save(
        update_fields=[
            "closure_date",
            "closure_reason",
            "closure_summary",
            "closed_by",
            "stepped_down_to_early_help",
            "nfa",
        ]
    )
    # A closure dated before today still ends an allocation made since at the moment it began.
    Allocation.objects.filter(referral=referral, ended_at__isnull=True).update(
        ended_at=Greatest(Value(moment_on(closure_date)), F("started_at"))
    )
    audit_record(
        actor=actor,
        action="referral.closed",
        subject=referral,
        authority_id=referral.authority_id,
        person_id=referral.person_id,
        changes={
            "closure_date": closure_date,
            "reason": reason,
            "stepped_down_to_early_help": referral.stepped_down_to_early_help,
            "nfa": referral.nfa,
        },
    )
    return referral


def _visit_changes(visit: Visit) -> dict[str, Any]:
    return {
        "occurred_at": visit.occurred_at,
        "seen": visit.seen,
        "seen_alone": visit.seen_alone,
        "referral": visit.referral_id,
    }
