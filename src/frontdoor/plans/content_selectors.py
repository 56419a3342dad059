"""Reads of a plan's content for the plan page and the family's version. The caller has read the
plan's facts (plans.facts), which checked the actor may see the child and logged the access."""

from dataclasses import dataclass, field

from frontdoor.organisations.models import User
from frontdoor.plans import content_rules
from frontdoor.plans.facts import PlanFacts, Review
from frontdoor.plans.models import OutcomeProgress, PaperSent, PlanContent, PlanOutcome
from frontdoor.tasks import selectors as tasks
from frontdoor.tasks.models import Task


@dataclass
class OutcomeRow:
    outcome: PlanOutcome
    # Progress at each review in `PlanPage.reviewed`, None where none was recorded.
    cells: list[OutcomeProgress | None] = field(default_factory=list)
    sparkline: str = ""

    @property
    def latest(self) -> OutcomeProgress | None:
        return next((c for c in reversed(self.cells) if c is not None), None)


@dataclass
class PlanPage:
    facts: PlanFacts
    content: PlanContent | None
    outcomes: list[OutcomeRow]
    actions: list[Task]
    reviewed: list[Review]  # the reviews with progress recorded, oldest first
    papers: list[PaperSent]

    @property
    def version(self) -> int:
        return self.content.version if self.content else 1

    def open_reviews(self) -> list[Review]:
        """The plan's reviews at which progress is not yet recorded."""
        done = {r.key for r in self.reviewed}
        return [r for r in self.facts.reviews if r.key not in done]


def plan_page(*, actor: User, facts: PlanFacts) -> PlanPage:
    content = (
        PlanContent.objects.filter(kind=facts.kind, plan_id=facts.plan_id, authority_id=actor.authority_id)
        .select_related("updated_by")
        .first()
    )
    outcomes = list(content.outcomes.prefetch_related("progress")) if content else []
    recorded = {(p.review_type, p.review_id) for o in outcomes for p in o.progress.all()}
    reviewed = [r for r in facts.reviews if (r.review_type, r.review_id) in recorded]
    rows = []
    for outcome in outcomes:
        at = {(p.review_type, p.review_id): p for p in outcome.progress.all()}
        cells = [at.get((r.review_type, r.review_id)) for r in reviewed]
        scores = [c.score for c in cells if c is not None]
        rows.append(OutcomeRow(outcome, cells, content_rules.sparkline(scores)))
    actions = tasks.for_sources(actor=actor, sources=[content])[content.pk] if content else []
    papers = list(
        PaperSent.objects.filter(
            authority_id=actor.authority_id, source_type=facts.plan_type, source_id=facts.plan_id
        ).select_related("agency")
    )
    return PlanPage(facts, content, rows, actions, reviewed, papers)


def outcomes_of(*, actor: User, kind: str, plan_id: int) -> list[PlanOutcome]:
    """The outcomes of one child's plan, for the meeting forms that record progress towards each. The
    caller has read the plan for the actor (scope checked, access logged)."""
    return list(
        PlanOutcome.objects.filter(
            content__kind=kind, content__plan_id=plan_id, content__authority_id=actor.authority_id
        )
    )
