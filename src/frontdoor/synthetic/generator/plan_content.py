"""What each synthetic plan says (issue 16 §3), for children-in-need plans and child protection plans
alike: worries, the child's and the family's views, a contingency, two or three outcomes each with
its measure, an action per outcome (a Task of kind "plan", owned by the worker) and progress towards
every outcome at each meeting that reviews the plan (a CIN review; a core group or a review
conference), drifting upwards from a low start (an assumption: no national figure for progress on
plans).

A protection plan's content draws from its own random stream, seeded by the plan, so adding it left
every other generated row as it was."""

import random
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from frontdoor.plans.models import ChildInNeedPlan, OutcomeProgress, PlanContent, PlanOutcome, PlanReview
from frontdoor.synthetic.generator.base import chance
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.tasks.models import Task, TaskKind


@dataclass(frozen=True)
class Words:
    outcomes: tuple[tuple[str, str, str], ...]  # what needs to change, how we will know, the action
    worries: str
    child_views: str
    family_views: str
    contingency: str


@dataclass(frozen=True)
class Meeting:
    """A meeting at which progress is recorded, named as plans.facts.Review names it."""

    review_type: str
    review_id: int
    on: date


CIN = Words(
    outcomes=(
        ("The children go to school every day", "Attendance above 95% each half term",
         "Take the children to school"),
        ("The home is warm, clean and safe", "The worker finds heating on and rooms clean at each visit",
         "Apply for a heating grant and a deep clean"),
        ("Arguments at home stop frightening the children", "The children say home feels calm at each visit",
         "Attend the parenting course at the family hub"),
        ("Health appointments are kept", "Every appointment attended, as the health visitor confirms",
         "Book and attend the dental and hearing checks"),
    ),
    worries="The children have missed school and the home has been cold; arguments at home frighten them.",
    child_views="Says school is OK when they get there and wants the shouting to stop.",
    family_views="Parents agree they need help with money and routines, and want to keep the children "
    "at home.",
    contingency="If school attendance and the home do not improve by the next review, a strategy "
    "discussion.",
)  # fmt: skip

CP_OUTCOMES = (
    ("No more injuries to the child",
     "Nursery and health checks find no marks, and the child says no one hurts them",
     "Attend the safe handling and calm parenting sessions"),
    ("The child is fed, clean and dressed for the weather",
     "Unannounced visits find food in the home and the child cared for",
     "Set up a daily routine with the family support worker"),
    ("The child is not exposed to violence between the adults",
     "No police call-outs; the child says home feels safe",
     "Complete the domestic abuse perpetrator programme"),
    ("A safe adult is always with the child", "The safety plan's named adults are there at every visit",
     "Agree and sign the family safety plan with grandparents"),
    ("The child's emotional needs are met",
     "School reports the child settled; the child's wellbeing scale improves",
     "Refer to the child and adolescent mental health service"),
)  # fmt: skip
CP_WORRIES = {
    "NEG": "The child has been left alone, hungry and unwashed, and missed health appointments.",
    "PHY": "Bruises the child could not explain were seen at nursery; the injuries are non-accidental.",
    "EMO": "The child lives with shouting and violence between the adults and is frightened at home.",
    "SAB": "The child has told a teacher about sexual harm by an adult who visits the home.",
    "MUL": "The child is neglected and has been hurt, and lives with violence between the adults.",
}


def _cp_words(category: str) -> Words:
    return Words(
        outcomes=CP_OUTCOMES,
        worries=CP_WORRIES.get(category, CP_WORRIES["MUL"]),
        child_views="Wants to stay at home if the hurting stops; likes nanna coming round.",
        family_views="Mother accepts the worries and wants the plan to work; father disputes some of them.",
        contingency="If the child is harmed again or the safety plan breaks down, a strategy discussion "
        "that day and legal advice on care proceedings.",
    )


def write(
    writer: Writer, rng: random.Random, plan: ChildInNeedPlan, reviews: list[PlanReview], worker: int,
    started: datetime, today: date,
) -> None:  # fmt: skip
    """A children-in-need plan's content, with progress at each of its reviews."""
    meetings = [Meeting("plans.planreview", r.pk, r.reviewed_on) for r in reviews]
    _write(writer, rng, "cin", plan, CIN, meetings, worker, started, today)


def write_protection(
    writer: Writer, plan: Any, meetings: list[Meeting], worker: int, started: datetime, today: date
) -> None:
    """A child protection plan's content, with progress at each core group and review conference."""
    rng = random.Random(f"protection-plan-content-{plan.pk}")
    ordered = sorted(meetings, key=lambda m: (m.on, m.review_type, m.review_id))
    _write(writer, rng, "cp", plan, _cp_words(plan.latest_category), ordered, worker, started, today)


def _write(
    writer: Writer, rng: random.Random, kind: str, plan: Any, words: Words, meetings: list[Meeting],
    worker: int, started: datetime, today: date,
) -> None:  # fmt: skip
    content = PlanContent(
        authority_id=plan.authority_id, person_id=plan.person_id, kind=kind, plan_id=plan.pk,
        worries=words.worries, child_views=words.child_views, family_views=words.family_views,
        contingency=words.contingency, updated_by_id=worker, updated_at=started,
    )  # fmt: skip
    writer.add(content)
    for change, measure, action in rng.sample(words.outcomes, k=rng.randint(2, 3)):
        outcome = writer.add(
            PlanOutcome(
                content_id=content.pk, change=change, measure=measure, added_by_id=worker, added_at=started
            )
        )
        _action(writer, rng, plan, content, action, worker, started, today)
        score = rng.randint(1, 4)
        for meeting in meetings:
            score = max(0, min(10, score + rng.randint(-1, 3)))
            writer.add(
                OutcomeProgress(
                    outcome_id=outcome.pk,
                    review_type=meeting.review_type,
                    review_id=meeting.review_id,
                    reviewed_on=meeting.on,
                    score=score,
                    note="",
                    recorded_by_id=worker,
                    recorded_at=started + timedelta(days=(meeting.on - plan.start_date).days),
                )
            )


def _action(
    writer: Writer, rng: random.Random, plan: Any, content: PlanContent, action: str, worker: int,
    started: datetime, today: date,
) -> None:  # fmt: skip
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
