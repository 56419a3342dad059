"""Every write about allegations against people who work with children. Each checks permission
(allegation.record: the designated officer), validates (allegations.rules), writes in one
transaction with its audit event, and uses the clock engine for the initial consideration (1 working
day) and the outcome (the local resolution standard).

Audit events name the allegation, never a child (person_id is left empty), so a child's history of
writes shows nothing of an allegation to a manager who is not named on it.
"""

import re
from dataclasses import dataclass
from datetime import date, datetime

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.allegations import rules
from frontdoor.allegations.models import (
    Allegation,
    AllegationChild,
    Consideration,
    Harm,
    Meeting,
    Process,
    Sector,
)
from frontdoor.audit.services import audit_record
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.core.dates import moment_on
from frontdoor.core.records import claim_version, same_authority
from frontdoor.organisations.models import MANAGER_ROLES, User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.tasks.models import TaskKind
from frontdoor.tasks.services import Owner, task_create, task_problems

REFERENCES = re.compile(r"[\s,;]+")


@dataclass(frozen=True)
class Referral:
    """The referral to the designated officer, as the form gives it."""

    received_at: datetime
    referrer_name: str
    referrer_organisation: str
    adult_name: str
    adult_role: str
    employer: str
    sector: str
    harm: str
    allegation: str
    children: str  # the children's record references, as typed


@dataclass(frozen=True)
class ActionData:
    description: str
    owner: Owner | None
    due_date: date | None


ACTION_FIELDS = {"what": "description", "owner": "owner", "due_on": "due_date"}
_REQUIRED = {
    "referrer_name": "Enter the name of the person who made the referral",
    "referrer_organisation": "Enter the referrer's organisation",
    "adult_name": "Enter the name of the adult the allegation is about",
    "adult_role": "Enter the adult's role",
    "employer": "Enter the adult's employer or the organisation they volunteer for",
    "allegation": "Describe the allegation",
}


def children_of(actor: User, typed: str) -> tuple[list[Person], str]:
    """The children named by record reference, in the order typed; a problem when none is given or a
    reference names no child the actor may see in their authority (the same words for both)."""
    references = [r for r in REFERENCES.split(typed.strip().upper()) if r]
    if not references:
        return [], "Enter the record reference of at least one child"
    found = {
        p.reference.upper(): p
        for p in Person.objects.filter(visible(actor), authority_id=actor.authority_id, is_child=True).filter(
            reference__in=references
        )
    }
    missing = [r for r in references if r not in found]
    if missing:
        return [], f"No child was found with the reference {', '.join(missing)}"
    return list(dict.fromkeys(found[r] for r in references)), ""


def _referral_problems(actor: User, data: Referral) -> tuple[dict[str, str], list[Person]]:
    problems = {name: message for name, message in _REQUIRED.items() if not getattr(data, name).strip()}
    if data.received_at > timezone.now():
        problems["received_at"] = "The referral must have been received now or in the past"
    if data.sector not in Sector.values:
        problems["sector"] = "Select the sector the adult works in"
    if data.harm not in Harm.values:
        problems["harm"] = "Select what the adult is alleged to have done"
    children, problem = children_of(actor, data.children)
    if problem:
        problems["children"] = problem
    return problems, children


def _next_reference(authority_id: int, year: int) -> str:
    prefix = f"LADO-{year}-"
    last = Allegation.objects.filter(authority_id=authority_id, reference__startswith=prefix).aggregate(
        m=Max("reference")
    )["m"]
    number = int(last.rsplit("-", 1)[1]) + 1 if last else 1
    return f"{prefix}{number:04d}"


@transaction.atomic
def allegation_refer(*, actor: User, data: Referral) -> Allegation:
    """Record a referral to the designated officer and start its two clocks: the initial
    consideration (1 working day, standards.md T20) and the outcome (1 month, T21). The clocks name
    no child, so no child's list of timescales shows them."""
    require(actor, "allegation.record")
    problems, children = _referral_problems(actor, data)
    if problems:
        raise ValidationError(problems)
    authority = actor.authority
    allegation = Allegation.objects.create(
        authority=authority, reference=_next_reference(authority.pk, data.received_at.year),
        received_at=data.received_at, referrer_name=data.referrer_name.strip(),
        referrer_organisation=data.referrer_organisation.strip(), adult_name=data.adult_name.strip(),
        adult_role=data.adult_role.strip(), employer=data.employer.strip(), sector=data.sector,
        harm=data.harm, allegation=data.allegation.strip(), person=children[0], designated_officer=actor,
    )  # fmt: skip
    AllegationChild.objects.bulk_create(
        AllegationChild(allegation=allegation, person=child, position=n) for n, child in enumerate(children)
    )
    for field, standard in (("consideration_clock", "lado_consideration"), ("outcome_clock", "lado_outcome")):
        clock = clock_start(
            authority=authority, standard=standard, started_at=data.received_at, subject=allegation
        )
        setattr(allegation, field, clock)
    allegation.save(update_fields=["consideration_clock", "outcome_clock"])
    audit_record(
        actor=actor, action="allegation.referred", subject=allegation, authority_id=allegation.authority_id,
        changes={"reference": allegation.reference, "sector": data.sector, "children": len(children)},
    )  # fmt: skip
    return allegation


@transaction.atomic
def allegation_consider(
    *,
    actor: User,
    allegation: Allegation,
    version: int,
    consideration: str,
    notes: str,
    police_process: str,
    employer_process: str,
    parallel_notes: str = "",
) -> Allegation:
    """The designated officer's initial consideration (due within 1 working day of the referral):
    whether the harm test is met and what follows, and the police's and the employer's own
    processes. Recording it completes the consideration clock; it may be recorded once."""
    require(actor, "allegation.record")
    same_authority(actor, allegation)
    problems: dict[str, str] = {}
    if allegation.considered_at is not None:
        problems["consideration"] = "The initial consideration has already been recorded"
    if consideration not in Consideration.values:
        problems["consideration"] = "Select what the initial consideration decided"
    if not notes.strip():
        problems["notes"] = "Record the reasons for the decision"
    for name, value in (("police_process", police_process), ("employer_process", employer_process)):
        if value not in Process.values:
            problems[name] = "Select whether there is a process, and where it has got to"
    if problems:
        raise ValidationError(problems)
    now = timezone.now()
    claim_version(
        allegation, version, considered_at=now, consideration=consideration,
        consideration_notes=notes.strip(), police_process=police_process,
        employer_process=employer_process, parallel_notes=parallel_notes.strip(),
    )  # fmt: skip
    clock_complete(clock=allegation.consideration_clock, at=now)  # type: ignore[arg-type]
    audit_record(
        actor=actor, action="allegation.considered", subject=allegation, authority_id=allegation.authority_id,
        changes={"consideration": consideration, "police": police_process, "employer": employer_process},
    )  # fmt: skip
    allegation.refresh_from_db()
    return allegation


@transaction.atomic
def parallel_update(
    *,
    actor: User,
    allegation: Allegation,
    version: int,
    police_process: str,
    employer_process: str,
    notes: str,
) -> Allegation:
    """Where the police's investigation and the employer's own process have got to."""
    require(actor, "allegation.record")
    same_authority(actor, allegation)
    problems = {
        name: "Select whether there is a process, and where it has got to"
        for name, value in (("police_process", police_process), ("employer_process", employer_process))
        if value not in Process.values
    }
    if problems:
        raise ValidationError(problems)
    claim_version(
        allegation, version, police_process=police_process, employer_process=employer_process,
        parallel_notes=notes.strip(),
    )  # fmt: skip
    audit_record(
        actor=actor, action="allegation.parallel_updated", subject=allegation,
        authority_id=allegation.authority_id,
        changes={"police": police_process, "employer": employer_process},
    )  # fmt: skip
    allegation.refresh_from_db()
    return allegation


@transaction.atomic
def outcome_record(
    *,
    actor: User,
    allegation: Allegation,
    version: int,
    outcome: str,
    outcome_on: date | None,
    decided_by: str,
    actions_taken: list[str],
    notes: str = "",
) -> Allegation:
    """The outcome (KCSIE Part 4 definitions), its date and its decision maker, and the action taken.
    An outcome without a date or without a decision maker is refused beside the field and nothing is
    saved. Recording it completes the outcome clock at the outcome's date."""
    require(actor, "allegation.record")
    same_authority(actor, allegation)
    problems = rules.outcome_problems(
        outcome=outcome, outcome_on=outcome_on, decided_by=decided_by, actions=actions_taken,
        received_on=timezone.localdate(allegation.received_at), today=timezone.localdate(),
    )  # fmt: skip
    if allegation.outcome:
        problems["outcome"] = "The outcome has already been recorded"
    if problems or outcome_on is None:
        raise ValidationError(problems)
    claim_version(
        allegation, version, outcome=outcome, outcome_on=outcome_on, decided_by=decided_by.strip(),
        actions_taken=sorted(set(actions_taken), key=rules.ACTIONS.index), outcome_notes=notes.strip(),
        resolved_within=rules.resolution_band(timezone.localdate(allegation.received_at), outcome_on),
    )  # fmt: skip
    at = max(moment_on(outcome_on), allegation.received_at)
    clock_complete(clock=allegation.outcome_clock, at=at)  # type: ignore[arg-type]
    audit_record(
        actor=actor, action="allegation.outcome_recorded", subject=allegation,
        authority_id=allegation.authority_id,
        changes={"outcome": outcome, "outcome_on": outcome_on, "actions_taken": actions_taken},
    )  # fmt: skip
    allegation.refresh_from_db()
    return allegation


@transaction.atomic
def managers_name(*, actor: User, allegation: Allegation, managers: list[User]) -> Allegation:
    """Name the managers who may see the allegation (besides the designated officer): team managers
    and senior leaders of the authority, chosen so that the adult's own line management is left out."""
    require(actor, "allegation.record")
    same_authority(actor, allegation, *managers)
    wrong = [m.display_name for m in managers if m.role not in MANAGER_ROLES or not m.is_active]
    if wrong:
        raise ValidationError({"managers": f"Only managers can be named: {', '.join(wrong)}"})
    before = sorted(allegation.named_managers.values_list("pk", flat=True))
    allegation.named_managers.set(managers)
    audit_record(
        actor=actor, action="allegation.managers_named", subject=allegation,
        authority_id=allegation.authority_id,
        changes={"before": before, "after": sorted(m.pk for m in managers)},
    )  # fmt: skip
    return allegation


@transaction.atomic
def meeting_record(
    *, actor: User, allegation: Allegation, held_at: datetime, attendees: str, discussion: str,
    actions: list[ActionData],
) -> Meeting:  # fmt: skip
    """An allegation management meeting: who attended, what was discussed, and its actions as tasks
    (each with an owner and a due date; nothing is saved if any is incomplete). Tasks name no child."""
    require(actor, "allegation.record")
    same_authority(actor, allegation)
    problems: dict[str, str] = {}
    if held_at > timezone.now():
        problems["held_at"] = "The meeting must be now or in the past"
    elif held_at < allegation.received_at:
        problems["held_at"] = "The meeting must be after the allegation was received"
    if not attendees.strip():
        problems["attendees"] = "Enter who attended"
    if not discussion.strip():
        problems["discussion"] = "Record what was discussed and agreed"
    for index, a in enumerate(actions, start=1):
        found = task_problems(
            actor=actor, what=a.description, owner=a.owner or Owner(), due_on=a.due_date,
            earliest=timezone.localdate(held_at),
        )  # fmt: skip
        problems.update({f"action_{index}_{ACTION_FIELDS[f]}": m for f, m in found.items()})
    if problems:
        raise ValidationError(problems)
    meeting = Meeting.objects.create(
        authority_id=allegation.authority_id, allegation=allegation, held_at=held_at,
        attendees=attendees.strip(), discussion=discussion.strip(), chaired_by=actor,
        recorded_at=timezone.now(),
    )  # fmt: skip
    for a in actions:
        task_create(
            actor=actor, kind=TaskKind.ALLEGATION_MEETING, source=meeting, what=a.description,
            owner=a.owner or Owner(), due_on=a.due_date, earliest=timezone.localdate(held_at),
            event="allegation.action_set",
        )  # fmt: skip
    audit_record(
        actor=actor, action="allegation.meeting_recorded", subject=meeting, authority_id=meeting.authority_id,
        changes={"allegation": allegation.reference, "held_at": held_at, "actions": len(actions)},
    )  # fmt: skip
    return meeting
