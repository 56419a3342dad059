"""The dashboard's figures about allegations against people who work with children (issue 19 §1),
in words shown beside the numbers; performance.allegation_counts counts them. Each counts only the
allegations the viewer may see: the designated officer sees every one, a manager those naming them.
"""

from __future__ import annotations

from frontdoor.allegations.models import Sector
from frontdoor.allegations.rules import BAND_WORDS, BANDS, OUTCOMES
from frontdoor.performance.allegation_counts import CONSIDERATION, RESOLUTION, SECTORS
from frontdoor.performance.allegation_counts import OUTCOMES as OUTCOMES_SLUG
from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.populations import ALLEGATIONS, ALLEGATIONS_CONCLUDED

_SEEN = (
    " Only the allegations you may see are counted: the designated officer's figures count every "
    "allegation in the authority; a manager's count the allegations they are named on."
)
RECEIVED_COUNTING = (
    "Each allegation counts once, however many children it is about, by the date and time it reached "
    "the designated officer (UK time). Team is the designated officer's team. Breakdowns by age, sex, "
    "ethnicity and disability are of the child the allegation is chiefly about." + _SEEN
)
CONCLUDED_COUNTING = (
    "Each allegation with an outcome counts once, on the date of the outcome (UK time), whenever it "
    "was received. Team is the designated officer's team." + _SEEN
)
SOURCE = (
    "Working Together to Safeguard Children 2023, ch. 2 (the designated officer); Keeping Children "
    "Safe in Education, Part 4 (outcome definitions and the resolution targets: 80% within 1 month, "
    "90% within 3 months, all but the most exceptional within 12 months); local standards on the "
    "clock engine: `lado_consideration` (1 working day) and `lado_outcome` (1 month), standards.md T20, T21."
)
_OUTCOME_WORDS = {o: o.capitalize() for o in OUTCOMES}

ALLEGATION_FIGURES: tuple[Figure, ...] = (
    Figure(
        slug=CONSIDERATION,
        title="Allegations considered within 1 working day",
        question="Does the designated officer consider each allegation within 1 working day?",
        definition=(
            "Allegations against people who work with children received in the period, and of those: "
            "the initial consideration recorded by the end of the next working day after the allegation "
            "reached the designated officer (the `lado_consideration` clock; day 0 is the day of receipt, "
            "and an allegation received out of hours counts from the next working day's start)."
        ),
        counting=RECEIVED_COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Allegations", result="all"),
            Column("considered", "Considered", result="considered"),
            Column("met", "Within 1 working day", result="met"),
            Column("missed", "Later", result="missed"),
            Column("share", "Share within 1 working day", Kind.PERCENT),
            Column("overdue", "Not considered, past due now", result="overdue"),
        ),
        chart_column="share",
        reference_line="100%: every allegation considered within 1 working day",
        empty_message="No allegations received in this period",
        results={
            "all": "",
            "considered": "considered",
            "met": "considered within 1 working day",
            "missed": "considered later than 1 working day",
            "overdue": "not considered, past due now",
        },
        headline_column="share",
        headline_words="of allegations considered within 1 working day",
        headline_detail="{met} of {considered} considered in time; {overdue} not considered, past due",
        uses_working_days=True,
        population=ALLEGATIONS,
    ),
    Figure(
        slug=RESOLUTION,
        title="Allegations: time from referral to outcome",
        question="Are allegations resolved within 1 month, and nearly all within 3?",
        definition=(
            "Allegations concluded in the period, by the time from the day the allegation reached the "
            "designated officer to the day of the outcome, in calendar months (within 1 month: on or "
            "before the same date next month)."
        ),
        counting=CONCLUDED_COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Concluded", result="all"),
            *(Column(band, BAND_WORDS[band], result=band) for band in BANDS),
            Column("share", "Share within 1 month", Kind.PERCENT),
            Column("share_3m", "Share within 3 months", Kind.PERCENT),
        ),
        chart_column="share",
        reference_line="80%: the target within 1 month",
        empty_message="No allegations concluded in this period",
        results={"all": "", **{band: f"concluded {BAND_WORDS[band].lower()}" for band in BANDS}},
        headline_column="share",
        headline_words="of allegations concluded within 1 month",
        headline_detail="{1m} of {children} within 1 month; {longer} took over 12 months",
        population=ALLEGATIONS_CONCLUDED,
    ),
    Figure(
        slug=OUTCOMES_SLUG,
        title="Allegations: outcomes",
        question="What did allegations against people who work with children come to?",
        definition=(
            "Allegations concluded in the period by outcome, as Keeping Children Safe in Education "
            "defines them: substantiated, malicious, false, unsubstantiated, unfounded."
        ),
        counting=CONCLUDED_COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Concluded", result="all"),
            *(Column(o, _OUTCOME_WORDS[o], result=o) for o in OUTCOMES),
            Column("share", "Share substantiated", Kind.PERCENT),
        ),
        chart_column="share",
        empty_message="No allegations concluded in this period",
        results={"all": "", **{o: f"found {o}" for o in OUTCOMES}},
        headline_column="share",
        headline_words="of concluded allegations substantiated",
        headline_detail="{substantiated} of {children} substantiated",
        population=ALLEGATIONS_CONCLUDED,
    ),
    Figure(
        slug=SECTORS,
        title="Allegations by sector",
        question="Which sectors do allegations come from?",
        definition=(
            "Allegations received in the period by the sector the adult works or volunteers in; the "
            "annual summary (Allegations, Annual summary) crosses sector with outcome."
        ),
        counting=RECEIVED_COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Allegations", result="all"),
            *(Column(code, label, result=code) for code, label in Sector.choices),
        ),
        chart_column="children",
        empty_message="No allegations received in this period",
        results={"all": "", **{code: f"about adults in {label.lower()}" for code, label in Sector.choices}},
        headline_column="children",
        headline_words="allegations received",
        headline_detail="{education} in education, {social_care} in social care, {early_years} in early years",  # noqa: E501
        population=ALLEGATIONS,
    ),
)
