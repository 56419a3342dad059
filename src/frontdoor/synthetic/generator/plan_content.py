"""What each synthetic children-in-need plan says (issue 16 §3): worries, the child's and the
family's views, a contingency, two or three outcomes each with its measure, an action per outcome
(a Task of kind "plan", owned by the worker) and progress towards every outcome at each review,
drifting upwards from a low start (an assumption: no national figure for progress on plans)."""

import random
from datetime import date, datetime, timedelta

from frontdoor.plans.models import ChildInNeedPlan, OutcomeProgress, PlanContent, PlanOutcome, PlanReview
from frontdoor.synthetic.generator.base import chance
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.tasks.models import Task, TaskKind

OUTCOMES = (
    ("The children go to school every day", "Attendance above 95% each half term",
     "Take the children to school"),
    ("The home is warm, clean and safe", "The worker finds heating on and rooms clean at each visit",
     "Apply for a heating grant and a deep clean"),
    ("Arguments at home stop frightening the children", "The children say home feels calm at each visit",
     "Attend the parenting course at the family hub"),
    ("Health appointments are kept", "Every appointment attended, as the health visitor confirms",
     "Book and attend the dental and hearing checks"),
)  # fmt: skip
WORRIES = "The children have missed school and the home has been cold; arguments at home frighten them."
CHILD_VIEWS = "Says school is OK when they get there and wants the shouting to stop."
FAMILY_VIEWS = "Parents agree they need help with money and routines, and want to keep the children at home."
CONTINGENCY = "If school attendance and the home do not improve by the next review, a strategy discussion."


def write(
    writer: Writer, rng: random.Random, plan: ChildInNeedPlan, reviews: list[PlanReview], worker: int,
    started: datetime, today: date,
) -> None:  # fmt: skip
    content = PlanContent(
        authority_id=plan.authority_id, person_id=plan.person_id, kind="cin", plan_id=plan.pk,
        worries=WORRIES, child_views=CHILD_VIEWS, family_views=FAMILY_VIEWS, contingency=CONTINGENCY,
        updated_by_id=worker, updated_at=started,
    )  # fmt: skip
    writer.add(content)
    for change, measure, action in rng.sample(OUTCOMES, k=rng.randint(2, 3)):
        outcome = writer.add(
            PlanOutcome(
                content_id=content.pk, change=change, measure=measure, added_by_id=worker, added_at=started
            )
        )
        due = plan.start_date + timedelta(days=rng.randint(14, 60))
        done = due <= today and chance(rng, 0.7)
        writer.add(
            Task(
                authority_id=plan.authority_id,
                person_id=plan.person_id,
                kind=TaskKind.PLAN,
                source_type="plans.plancontent",
                source_id=content.pk,
                what=action,
                owner_user_id=worker,
                due_on=due,
                created_by_id=worker,
                created_at=started,
                done_at=started + timedelta(days=(due - plan.start_date).days) if done else None,
                done_by_id=worker if done else None,
            )
        )
        score = rng.randint(1, 4)
        for review in reviews:
            score = max(0, min(10, score + rng.randint(-1, 3)))
            writer.add(
                OutcomeProgress(
                    outcome_id=outcome.pk,
                    review_type="plans.planreview",
                    review_id=review.pk,
                    reviewed_on=review.reviewed_on,
                    score=score,
                    note="",
                    recorded_by_id=worker,
                    recorded_at=started + timedelta(days=(review.reviewed_on - plan.start_date).days),
                )
            )
