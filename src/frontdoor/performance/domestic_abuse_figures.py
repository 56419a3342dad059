"""The dashboard's figures about police domestic abuse notifications (issue 19 §2), in words shown
beside the numbers; performance.domestic_abuse_counts counts them."""

from __future__ import annotations

from frontdoor.performance.domestic_abuse_counts import DECISION, HIGH_RISK, REPEAT, REPEAT_DAYS, RISK
from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.populations import DOMESTIC_ABUSE

COUNTING = (
    "Each child named in a notification counts once for that notification: a notification about "
    "three children is three rows, as the front door counts children's contacts. Notifications are "
    "counted by when they were received, in UK time (Europe/London). Team is the team of the "
    "child's last allocation made before the end of the period (Not allocated when there is none). "
    "Age is at the notification."
)
SOURCE = (
    "Issue 19 §2 (inspectors: 'a small number of children who experience domestic violence are not "
    "being considered at strategy meetings or assessed swiftly enough'); risk levels as graded by "
    "the police on the DASH risk identification checklist (SafeLives, 2009); decisions within 24 "
    "hours of receipt, the front door's local standard (Working Together 2023, ch. 3: 1 working day)."
)

DOMESTIC_ABUSE_FIGURES: tuple[Figure, ...] = (
    Figure(
        slug=RISK,
        title="Domestic abuse notifications by risk level",
        question="How many children are in police domestic abuse notifications, and at what risk?",
        definition=(
            "Children named in police domestic abuse notifications received in the period, by the "
            "DASH risk level the police gave the incident: standard, medium or high. The share is "
            "the children in high-risk notifications divided by all."
        ),
        counting=COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Children in notifications", result="all"),
            Column("standard", "Standard risk", result="standard"),
            Column("medium", "Medium risk", result="medium"),
            Column("high", "High risk", result="high"),
            Column("share", "Share high risk", Kind.PERCENT),
        ),
        chart_column="children",
        empty_message="No domestic abuse notifications in this period",
        results={
            "all": "",
            "standard": "at standard risk",
            "medium": "at medium risk",
            "high": "at high risk",
        },
        headline_column="children",
        headline_words="children in police domestic abuse notifications",
        headline_detail="{standard} standard, {medium} medium, {high} high risk",
        population=DOMESTIC_ABUSE,
    ),
    Figure(
        slug=DECISION,
        title="Domestic abuse notifications decided within 24 hours",
        question="Is each child in a domestic abuse notification decided on swiftly?",
        definition=(
            "Children named in notifications received in the period, and of those: decided within "
            "24 hours (the front-door decision on the child's journey of the notification's police "
            "contact, at or before its 24-hour decision clock's due time), decided later, and not "
            "yet decided. The share is those decided within 24 hours divided by all."
        ),
        counting=COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Children in notifications", result="all"),
            Column("within", "Decided within 24 hours", result="within"),
            Column("later", "Decided later", result="later"),
            Column("undecided", "Not yet decided", result="undecided"),
            Column("share", "Share decided within 24 hours", Kind.PERCENT),
        ),
        chart_column="share",
        reference_line="100%: every child decided within 24 hours",
        empty_message="No domestic abuse notifications in this period",
        results={
            "all": "",
            "within": "decided within 24 hours",
            "later": "decided after 24 hours",
            "undecided": "not yet decided",
        },
        headline_column="share",
        headline_words="of children in domestic abuse notifications decided within 24 hours",
        headline_detail="{within} of {children} children; {later} later; {undecided} not yet decided",
        population=DOMESTIC_ABUSE,
    ),
    Figure(
        slug=HIGH_RISK,
        title="High-risk domestic abuse: strategy discussion or assessment",
        question="Is every child in a high-risk domestic abuse notification considered at a strategy "
        "discussion or assessed?",
        definition=(
            "Children named in high-risk notifications received in the period, and of those the "
            "children with a strategy discussion held on or after the notification was received, or "
            "an assessment started on or after the day it was received (UK time), up to now."
        ),
        counting=COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Children in high-risk notifications", result="all"),
            Column("acted", "With a strategy discussion or assessment", result="acted"),
            Column("not_acted", "With neither", result="not_acted"),
            Column("share", "Share with a strategy discussion or assessment", Kind.PERCENT),
        ),
        chart_column="share",
        reference_line="100%: every child considered",
        empty_message="No high-risk domestic abuse notifications in this period",
        results={
            "all": "at high risk",
            "acted": "at high risk with a strategy discussion or assessment",
            "not_acted": "at high risk with neither a strategy discussion nor an assessment",
        },
        headline_column="share",
        headline_words="of children in high-risk notifications had a strategy discussion or assessment",
        headline_detail="{acted} of {children} children; {not_acted} with neither",
        population=DOMESTIC_ABUSE,
    ),
    Figure(
        slug=REPEAT,
        title="Repeat domestic abuse notifications",
        question="Which children are in domestic abuse notifications again and again?",
        definition=(
            "Children named in notifications received in the period, and those for whom the "
            f"notification followed another about the same child within {REPEAT_DAYS} days before "
            "it (whether or not that one is in the period). The share is repeat notifications of "
            "children divided by all."
        ),
        counting=COUNTING + " A child with two repeats in the period is two rows; the distinct "
        "children are the second column.",
        source=SOURCE,
        columns=(
            Column("children", "Children in notifications", result="all"),
            Column("repeat", "Repeat within 12 months", result="repeat"),
            Column("repeat_children", "Distinct children with a repeat"),
            Column("share", "Share repeat", Kind.PERCENT),
        ),
        chart_column="share",
        empty_message="No domestic abuse notifications in this period",
        results={"all": "", "repeat": "following another within 12 months"},
        headline_column="repeat",
        headline_words="children's notifications followed another within 12 months",
        headline_detail="{repeat_children} distinct children; {share}% of {children}",
        population=DOMESTIC_ABUSE,
    ),
)
