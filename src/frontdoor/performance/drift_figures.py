"""The dashboard's figures about drift panels and disruption activity against exploitation (issue
19 §4, §5), in words shown beside the numbers; performance.drift_counts counts them."""

from __future__ import annotations

from frontdoor.exploitation.models import DisruptionKind
from frontdoor.performance.drift_counts import ACTIONS, DISRUPTION, OUTCOMES, REASONS
from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.practice_populations import DISRUPTION_CHILDREN, DRIFT_ACTIONS, DRIFT_DECISIONS

DRIFT_COUNTING = (
    "Each child's decision at a panel counts once, on the day of the panel (UK time): a child taken "
    "to two panels in the period counts twice among decisions and once among children. Team is the "
    "team of the episode's last allocation made before the end of the period. Age is at the panel."
)
DRIFT_SOURCE = (
    "Working Together to Safeguard Children 2023, ch. 1 and 3 (leaders oversee progress and act on "
    "drift); the local panel's rules (issue 19 §4; drift.rules): children in need open over 6 "
    "months, a protection plan over 15 months or a second plan, an assessment past 45 working days, "
    "no visit within the authority's visiting standard."
)
REASON_WORDS = {
    "cin_open": "Open over 6 months",
    "plan_long": "Plan over 15 months",
    "plan_second": "Second or later plan",
    "assessment_late": "Assessment past 45 working days",
    "not_visited": "No recent visit",
}

DRIFT_FIGURES: tuple[Figure, ...] = (
    Figure(
        slug=REASONS,
        title="Children taken to drift panels, by reason",
        question="Which children does the drift panel consider, and why were they on the list?",
        definition=(
            "Decisions made at drift and complex-case panels in the period, one per child per panel, "
            "by the reasons the child was on the list that day (a child listed for two reasons "
            "counts under both). The share is decisions about a child not visited within the "
            "visiting standard."
        ),
        counting=DRIFT_COUNTING,
        source=DRIFT_SOURCE,
        columns=(
            Column("children", "Decisions", result="all"),
            Column("people", "Children"),
            *(Column(code, words, result=code) for code, words in REASON_WORDS.items()),
            Column("share", "Share not visited", Kind.PERCENT),
        ),
        chart_column="children",
        empty_message="No drift panel decisions in this period",
        results={
            "all": "made",
            **{code: f"about children listed: {w.lower()}" for code, w in REASON_WORDS.items()},
        },
        headline_column="children",
        headline_words="decisions at drift panels",
        headline_detail=(
            "{people} children; {cin_open} open over 6 months, {not_visited} without a recent visit"
        ),
        population=DRIFT_DECISIONS,
    ),
    Figure(
        slug=OUTCOMES,
        title="What followed drift panel decisions",
        question="Does a drift panel decision move the child's case on?",
        definition=(
            "Of the decisions made at panels in the period: the child taken to a later panel (their "
            "review), the child's episode closed since the panel (the drift resolved by closing, "
            "stepping down or moving on), and, neither, the review date passed with no later panel "
            "(as at now). The share is decisions after which the episode closed."
        ),
        counting=DRIFT_COUNTING + " What followed is as at now, so recent panels rise as time passes.",
        source=DRIFT_SOURCE,
        columns=(
            Column("children", "Decisions", result="all"),
            Column("reviewed", "Reviewed at a later panel", result="reviewed"),
            Column("closed", "Episode closed since", result="closed"),
            Column("review_overdue", "Review date passed, not reviewed", result="review_overdue"),
            Column("share", "Share closed since", Kind.PERCENT),
        ),
        chart_column="share",
        empty_message="No drift panel decisions in this period",
        results={
            "all": "made",
            "reviewed": "followed by a later panel",
            "closed": "after which the episode closed",
            "review_overdue": "whose review date passed with no later panel",
        },
        headline_column="share",
        headline_words="of drift panel decisions followed by the episode closing",
        headline_detail=(
            "{closed} closed and {reviewed} reviewed of {children}; {review_overdue} reviews overdue"
        ),
        population=DRIFT_DECISIONS,
    ),
    Figure(
        slug=ACTIONS,
        title="Drift panel actions done on time",
        question="Are the actions drift panels set done by their due date?",
        definition=(
            "Actions set by drift panels and due in the period (cancelled actions left out): done "
            "by the end of their due day (UK time), done later, or not done yet. The share is "
            "actions done on time divided by all due."
        ),
        counting=(
            "Each action counts once, by its due day. Team is the team of its owner (Not allocated "
            "for an owner outside the authority's staff). Age is the child's when the action was set."
        ),
        source=DRIFT_SOURCE,
        columns=(
            Column("children", "Actions due", result="all"),
            Column("on_time", "Done on time", result="on_time"),
            Column("late", "Done late", result="late"),
            Column("not_done", "Not done", result="not_done"),
            Column("share", "Share done on time", Kind.PERCENT),
        ),
        chart_column="share",
        reference_line="100%: every action done on time",
        empty_message="No drift panel actions due in this period",
        results={"all": "due", "on_time": "done on time", "late": "done late", "not_done": "not done"},
        headline_column="share",
        headline_words="of drift panel actions done on time",
        headline_detail="{on_time} of {children} on time; {not_done} not done",
        population=DRIFT_ACTIONS,
    ),
    Figure(
        slug=DISRUPTION,
        title="Disruption activity against exploitation",
        question="What is done to disrupt those who exploit children, and with what result?",
        definition=(
            "Children protected by disruption activity taken in the period (a child abduction "
            "warning notice, a closure order, a licensing referral, a police visit, a community "
            "protection notice), by the kind of activity and whether its outcome is recorded. An "
            "activity protecting two children counts twice; the children column counts each child "
            "once. The share is activities with their outcome recorded."
        ),
        counting=(
            "Each child an activity protects counts once for that activity, on the day of the "
            "activity (UK time). Team is the team of the child's last allocation made before the "
            "end of the period (Not allocated when there is none). Age is at the activity."
        ),
        source=(
            "Home Office, Child exploitation disruption toolkit (2019); issue 19 §5 (inspectors "
            "counted disruption activity as typed records)."
        ),
        columns=(
            Column("children", "Children protected", result="all"),
            Column("people", "Different children"),
            *(Column(code, label, result=code) for code, label in DisruptionKind.choices),
            Column("outcome", "Outcome recorded", result="outcome"),
            Column("awaited", "Outcome awaited", result="awaited"),
            Column("share", "Share with an outcome", Kind.PERCENT),
        ),
        chart_column="children",
        empty_message="No disruption activity in this period",
        results={
            "all": "",
            **{code: f"by a {label.lower()}" for code, label in DisruptionKind.choices},
            "outcome": "with the outcome recorded",
            "awaited": "with the outcome awaited",
        },
        headline_column="children",
        headline_words="children protected by disruption activity",
        headline_detail="{people} children; {outcome} outcomes recorded, {awaited} awaited",
        population=DISRUPTION_CHILDREN,
    ),
)
