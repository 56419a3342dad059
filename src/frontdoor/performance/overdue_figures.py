"""The dashboard's overdue lists after the front door (issue 15 §3): child protection visits, core
groups, review conferences, children-in-need plan reviews and assessments past 45 working days,
each a count of the statutory clocks that fell due in the period and are still not done now, and
overdue tasks about children, with the children behind each number. The clocks are the ones the
clock engine stored when each piece of work began (clocks.Clock); a paused clock is waiting, not
overdue, and is not counted.
"""

from __future__ import annotations

from frontdoor.performance.metrics import Column, Figure
from frontdoor.performance.overdue_counts import LONG_DAYS, MARAC, TASKS
from frontdoor.performance.populations import OVERDUE, OVERDUE_TASKS

OVERDUE_COUNTING = (
    "Each overdue timescale counts once: a child with two core groups overdue counts twice in the "
    "timescales and once in the children. A timescale is counted by its due time, in UK time "
    "(Europe/London), from 00:00 on the period's first day to midnight at the end of its last, and "
    "only while it is still not done now: choose a period ending today to see everything overdue "
    "now. A paused timescale (stopped while the child is away, say) is not overdue. Team is the team "
    "of the child's last allocation made before the end of the period (Not allocated when there is "
    "none). Age is at the due time."
)


CLOCK_DEFINITION = (
    "{What} that fell due in the period and are still not done now: the clock the work started is "
    "past its due time and has not been stopped by the work being recorded. The number of children "
    "is the children with one or more of them."
)
TASK_DEFINITION = (
    "Tasks about a child (actions agreed at a meeting or a MARAC, audit actions, management "
    "directions) that fell due in the period and are still neither done nor cancelled: overdue from "
    "the day after their due date. The number of children is the children with one or more of them; "
    "MARAC actions (agreed at a multi-agency risk assessment conference about domestic abuse) are "
    "also counted on their own."
)

# Overdue tasks also show the MARAC actions among them (domestic abuse: issue 19 §2).
TASK_COLUMNS = {TASKS: (Column(MARAC, "MARAC actions", result=MARAC),)}
TASK_RESULTS = {TASKS: {MARAC: "that are MARAC actions overdue now"}}


def _figure(slug: str, title: str, what: str, source: str, definition: str = CLOCK_DEFINITION) -> Figure:
    return Figure(
        slug=slug,
        title=title,
        question=f"Which children's {what} are overdue?",
        definition=definition.format(What=what.capitalize()),
        counting=OVERDUE_COUNTING,
        source=source,
        columns=(
            Column("children", "Overdue now", result="all"),
            Column("people", "Children"),
            Column("long", f"Overdue by more than {LONG_DAYS // 7} weeks", result="long"),
            *TASK_COLUMNS.get(slug, ()),
        ),
        chart_column="children",
        empty_message=f"No {what} overdue from this period",
        results={"all": "overdue now", "long": "overdue by more than 4 weeks", **TASK_RESULTS.get(slug, {})},
        headline_column="children",
        headline_words=f"{what} overdue now",
        headline_detail="{people} children; {long} overdue by more than 4 weeks",
        uses_working_days=slug in ("overdue-cp-visits", "overdue-assessments"),
        population=OVERDUE_TASKS if slug == "overdue-tasks" else OVERDUE,
    )


OVERDUE_FIGURES: tuple[Figure, ...] = (
    _figure(
        "overdue-cp-visits",
        "Overdue child protection visits",
        "child protection visits",
        "Local standard: a child on a protection plan is seen at least every 10 working days "
        "(Working Together to Safeguard Children 2023, ch. 4; standards.md).",
    ),
    _figure(
        "overdue-core-groups",
        "Overdue core groups",
        "core group meetings",
        "Working Together to Safeguard Children 2023, ch. 4: the first core group within 10 working "
        "days of the initial conference, then at least every 4 weeks (local standard).",
    ),
    _figure(
        "overdue-review-conferences",
        "Overdue review conferences",
        "child protection review conferences",
        "Working Together to Safeguard Children 2023, ch. 4: the first review within 3 months of the "
        "initial conference, then no more than 6 months apart.",
    ),
    _figure(
        "overdue-cin-plan-reviews",
        "Overdue children in need plan reviews",
        "children in need plan reviews",
        "Local standard: a child in need plan is reviewed at least every 3 months (standards.md).",
    ),
    _figure(
        "overdue-assessments",
        "Assessments past 45 working days",
        "assessments past 45 working days",
        "Working Together to Safeguard Children 2023, ch. 3: an assessment is completed within 45 "
        "working days of the referral.",
    ),
    _figure(
        "overdue-tasks",
        "Overdue tasks",
        "tasks",
        "Working Together to Safeguard Children 2023, ch. 4: actions agreed at strategy discussions "
        "and core groups are timebound, with a named owner; issue 15 brings every such action, and "
        "case-file audit actions and management directions, into one task list.",
        TASK_DEFINITION,
    ),
)
