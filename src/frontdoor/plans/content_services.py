"""Every write to a plan's content, for both kinds of plan (plans.facts): what we are worried about,
the outcomes with their measures, the actions (tasks.Task, kind "plan", set by the content), the
child's and the family's views, the contingency plan, and progress per outcome at each review.

The caller passes the PlanFacts it read for the actor (logged); each service checks the plan kind's
permission, validates with plans.content_rules, writes in one transaction with its audit event.
"""

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.records import claim_version
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.plans import content_rules as rules
from frontdoor.plans.facts import PlanFacts, Review
from frontdoor.plans.models import OutcomeProgress, PlanContent, PlanOutcome
from frontdoor.tasks.models import Task, TaskKind
from frontdoor.tasks.services import Owner, task_create

SECTIONS = ("worries", "child_views", "family_views", "contingency")

# Progress at one review: each outcome's id to (score 0-10, note).
Scores = dict[int, tuple[int | None, str]]


def _check(actor: User, facts: PlanFacts) -> None:
    require(actor, facts.manage)
    if facts.authority_id != actor.authority_id:
        raise ValidationError("This plan belongs to another authority.")
    if facts.end_date is not None:
        raise ValidationError("This plan has ended.")


def _audit(actor: User, action: str, content: PlanContent, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=action,
        subject=content,
        authority_id=content.authority_id,
        person_id=content.person_id,
        changes={"kind": content.kind, "plan": content.plan_id, **changes},
    )


def content_for(facts: PlanFacts, actor: User) -> PlanContent:
    """The plan's one content row, made empty the first time anything is written to it (locked)."""
    content, _ = PlanContent.objects.select_for_update().get_or_create(
        kind=facts.kind,
        plan_id=facts.plan_id,
        defaults={
            "authority_id": facts.authority_id,
            "person": facts.person,
            "updated_by": actor,
            "updated_at": timezone.now(),
        },
    )
    return content


@transaction.atomic
def plan_content_update(*, actor: User, facts: PlanFacts, version: int, **sections: str) -> PlanContent:
    """Write what we are worried about, the child's views, the family's views and the contingency."""
    _check(actor, facts)
    unknown = set(sections) - set(SECTIONS)
    if unknown:
        raise ValueError(f"Not a section of a plan: {sorted(unknown)}")
    problems = {
        name: f"Must be {rules.TEXT_MAX} characters or fewer"
        for name, text in sections.items()
        if len(text.strip()) > rules.TEXT_MAX
    }
    if problems:
        raise ValidationError(problems)
    content = content_for(facts, actor)
    values = {name: text.strip() for name, text in sections.items()}
    changed = sorted(name for name, text in values.items() if getattr(content, name) != text)
    values_and_stamp: dict[str, Any] = {**values, "updated_by": actor, "updated_at": timezone.now()}
    claim_version(content, version, **values_and_stamp)
    for name, text in values.items():
        setattr(content, name, text)
    _audit(actor, "plan_content.updated", content, {"sections": changed})
    return content


@transaction.atomic
def plan_outcome_add(*, actor: User, facts: PlanFacts, change: str, measure: str) -> PlanOutcome:
    """An outcome the plan must achieve; one without a measure is refused beside the field."""
    _check(actor, facts)
    if problems := rules.outcome_problems(change=change, measure=measure):
        raise ValidationError(problems)
    content = content_for(facts, actor)
    outcome = PlanOutcome.objects.create(
        content=content,
        change=change.strip(),
        measure=measure.strip(),
        added_by=actor,
        added_at=timezone.now(),
    )
    _audit(actor, "plan_content.outcome_added", content, {"outcome": outcome.pk})
    return outcome


@transaction.atomic
def plan_action_add(
    *, actor: User, facts: PlanFacts, what: str, owner: Owner | None, due_on: date | None
) -> Task:
    """An action of the plan: a Task (kind "plan") its content set, with an owner and a due date."""
    _check(actor, facts)
    if owner is None:
        raise ValidationError({"owner": "Choose who will do it"})
    content = content_for(facts, actor)
    return task_create(
        actor=actor,
        kind=TaskKind.PLAN,
        source=content,
        what=what,
        owner=owner,
        due_on=due_on,
        person_id=facts.person.pk,
        event="plan_content.action_added",
    )


@transaction.atomic
def plan_progress_record(
    *, actor: User, facts: PlanFacts, review: str, scores: dict[int, tuple[int | None, str]]
) -> list[OutcomeProgress]:
    """Progress towards each outcome at one review of the plan (`review`: a facts.Review key):
    `scores` maps every outcome's id to (0-10, note). All are saved, or none."""
    _check(actor, facts)
    content = content_for(facts, actor)
    outcomes = {o.pk: o for o in content.outcomes.all()}
    chosen = next((r for r in facts.reviews if r.key == review), None)
    already = (
        chosen is not None
        and OutcomeProgress.objects.filter(
            outcome__content=content, review_type=chosen.review_type, review_id=chosen.review_id
        ).exists()
    )
    problems: dict[str, str] = {}
    if problem := rules.review_problem(
        reviewed_on=chosen.on if chosen else None, plan_start=facts.start_date, already_recorded=already
    ):
        problems["review"] = problem
    if not outcomes:
        problems["review"] = "Add the plan's outcomes before recording progress"
    problems |= _score_problems(outcomes, scores)
    if problems or chosen is None:
        raise ValidationError(problems)
    return _save_progress(actor, content, outcomes, chosen, scores)


def _score_problems(outcomes: dict[int, PlanOutcome], scores: Scores) -> dict[str, str]:
    """Every outcome scored 0 to 10, each note within the limit: named `score_<id>`, `note_<id>`."""
    problems: dict[str, str] = {}
    for pk in outcomes:
        score, note = scores.get(pk, (None, ""))
        if problem := rules.score_problem(score):
            problems[f"score_{pk}"] = problem
        elif len(note.strip()) > rules.TEXT_MAX:
            problems[f"note_{pk}"] = f"The note must be {rules.TEXT_MAX} characters or fewer"
    return problems


def _save_progress(
    actor: User, content: PlanContent, outcomes: dict[int, PlanOutcome], review: Review, scores: Scores
) -> list[OutcomeProgress]:
    now = timezone.now()
    rows = OutcomeProgress.objects.bulk_create(
        OutcomeProgress(
            outcome=outcome, review_type=review.review_type, review_id=review.review_id,
            reviewed_on=review.on, score=scores[pk][0] or 0, note=scores[pk][1].strip(),
            recorded_by=actor, recorded_at=now,
        )
        for pk, outcome in outcomes.items()
    )  # fmt: skip
    _audit(actor, "plan_content.progress_recorded", content,
           {"review": review.key, "scores": {pk: scores[pk][0] for pk in outcomes}})  # fmt: skip
    return rows


def _plan_outcomes(kind: str, plan_id: int) -> dict[int, PlanOutcome]:
    return {o.pk: o for o in PlanOutcome.objects.filter(content__kind=kind, content__plan_id=plan_id)}


def meeting_progress_problems(*, kind: str, plan_id: int, scores: Scores | None) -> dict[str, str]:
    """What is wrong with the progress a meeting's form records for one child's plan (a CIN review,
    a core group, a review conference): every outcome of the plan is scored. None means the caller
    records no progress (the generator, the API), which is never wrong."""
    if scores is None:
        return {}
    return _score_problems(_plan_outcomes(kind, plan_id), scores)


@transaction.atomic
def meeting_progress_save(
    *, actor: User, kind: str, plan_id: int, review: Review, scores: Scores | None
) -> list[OutcomeProgress]:
    """Progress at the meeting `review`, written by the meeting's own service inside its transaction
    (which checked the permission, the scope and meeting_progress_problems): all of it with the
    meeting, or nothing. A plan without outcomes records none."""
    outcomes = _plan_outcomes(kind, plan_id)
    if scores is None or not outcomes:
        return []
    if problems := _score_problems(outcomes, scores):
        raise ValidationError(problems)
    content = PlanContent.objects.select_for_update().get(kind=kind, plan_id=plan_id)
    return _save_progress(actor, content, outcomes, review, scores)
