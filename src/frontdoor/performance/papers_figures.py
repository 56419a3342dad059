"""The dashboard's figure about papers sent to partners (issue 16 §3.4), in words shown beside the
numbers; performance.papers_counts counts it."""

from __future__ import annotations

from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.papers_counts import SLUG
from frontdoor.performance.populations import PAPERS

WITHIN = "the standard (5 working days unless the authority sets another)"
PAPER_FIGURE = Figure(
    slug=SLUG,
    title="Papers sent within 5 working days",
    question="Do partners receive the papers promptly?",
    definition=(
        "Each record of a paper sent to a partner agency or a named person (an assessment, a "
        "plan, core group notes, child in need review notes or strategy discussion minutes), and "
        "the share sent on or before its due day: the `papers_sent` standard's working days from "
        "the day the paper was ready (the assessment completed, the plan started, the meeting "
        "held). The due day is worked out when the sending is recorded, as a clock's due time is. "
        "Conference minutes, plans and outcome records are counted apart, on the conference. "
        "Working days are Monday to Friday, except England and Wales bank holidays; the day the "
        "paper was ready is day 0."
    ),
    counting=(
        "Each paper sent to each recipient counts once, in the period it was sent (UK time). Team "
        "is the team of the episode's last allocation made before the end of the period. Age is "
        "at the referral. Papers not yet sent are not counted."
    ),
    source=(
        "Local standard (issue 16 §3.4): Working Together to Safeguard Children 2023, ch. 4 asks "
        "that every agency involved receives the plan and the meeting notes; the clock "
        f"standard `papers_sent` sets the days, within {WITHIN}."
    ),
    columns=(
        Column("children", "Papers sent", result="all"),
        Column("within", "On time", result="within"),
        Column("later", "Late", result="later"),
        Column("share", "Share on time", Kind.PERCENT),
    ),
    chart_column="share",
    reference_line="100%: every paper on time",
    empty_message="No papers sent in this period",
    results={"all": "", "within": "sent on time", "later": "sent late"},
    headline_column="share",
    headline_words="of papers sent on time",
    headline_detail="{within} of {children} papers sent on time; {later} late",
    uses_working_days=True,
    population=PAPERS,
)
