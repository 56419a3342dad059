"""The dashboard's figures about children-in-need episodes (referrals.Referral): children seen
within 1 and 5 working days, assessment duration, and re-referrals within 12 months; and about
child protection (child_protection): initial conferences within 15 working days of the strategy
discussion, and strategy discussions with health, police and education present. Their words,
like the front-door figures' in performance.metrics, are shown beside the numbers.
"""

from __future__ import annotations

from frontdoor.performance import rules
from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.populations import ASSESSMENTS, DISCUSSIONS, ENQUIRIES, EPISODES

EPISODE_COUNTING = (
    "Each referral counts once: a referral opens one child's children-in-need episode, so a "
    "contact about three brothers and sisters that becomes a referral for each counts three times "
    "(a child already open to social care keeps the episode they have and is not counted again). "
    "Referrals are counted by the date and time the referral was received (the contact's receipt), "
    "in UK time (Europe/London), from 00:00 on the period's first day to midnight at the end of its "
    "last. Team is the team of the last allocation made before the end of the period: the team "
    "holding the episode when the period ended or, for an episode reallocated or closed before then, "
    "the team that held it last (Not allocated when it had not been allocated by then), so a past "
    "period keeps the teams it had. Age is at the date the referral was received."
)

ASSESSMENT_COUNTING = (
    "Each child's assessment counts once, in the period it was completed (the assessment clock "
    "stopped), in UK time (Europe/London). Assessments still open after their 45th working day "
    "are counted apart, in the period their 45th working day ended, and only while they are still "
    "open now: they are not in the share or the median. Team is the team of the last allocation "
    "made before the end of the period (Not allocated when there was none by then). Age is at the "
    "date the referral was received."
)

EPISODE_WORKING_DAYS = (
    "Working days are Monday to Friday, except England and Wales bank holidays. Day-0 convention: "
    "the day the referral is received is day 0, so for a referral received on a Friday, 1 working "
    "day ends at the end of Monday (Tuesday when Monday is a bank holiday) and 5 working days at the "
    "end of the next Friday. An authority that counts the day of receipt as day 1 (the DfE "
    "validator's inclusive count) sets that in its settings; the convention in use is shown below."
)

RE_REFERRAL_COUNTING = (
    EPISODE_COUNTING
    + " The earlier referral can be from before the period, and can have ended in no further action."
    + " Only referrals recorded in Frontdoor count: for the first 12 months after its records begin"
    + " (go-live, or the earliest migrated referral), an earlier referral held only in the old system"
    + " is not seen, so the share reads low against the DfE's."
)


def _seen_figure(slug: str, title: str, within: str, standard: str, harm: str, source: str) -> Figure:
    return Figure(
        slug=slug,
        title=title,
        question=f"Are children {harm} seen within {within} of the referral?",
        definition=(
            f"Referrals {harm}, and of the children seen, the share seen within {within} of the "
            "referral being received: a visit recorded as seeing the child at or before the due time "
            f"of the episode's child-seen clock (standard '{standard}'). "
            + EPISODE_WORKING_DAYS
            + " Children not yet seen after their due time are counted separately, as at now, and "
            "are not in the share."
        ),
        counting=EPISODE_COUNTING + " Visits are counted with the referral, not in the month of the visit.",
        source=source,
        columns=(
            Column("seen", "Seen", result="seen"),
            Column("within", f"Within {within}", result="within"),
            Column("later", f"Later than {within}", result="later"),
            Column("share", f"Share seen within {within}", Kind.PERCENT),
            Column("overdue", "Not yet seen, past due now", result="overdue"),
        ),
        chart_column="share",
        reference_line=f"100%: every child seen within {within}",
        empty_message=f"No referrals {harm} in this period",
        results={
            "seen": "where the child was seen",
            "within": f"where the child was seen within {within}",
            "later": f"where the child was seen later than {within}",
            "overdue": "where the child is not yet seen after the due time",
        },
        headline_column="share",
        headline_words=f"of children {harm} seen within {within}",
        headline_detail="{within} of {seen} children seen; {overdue} not yet seen past due now",
        uses_working_days=True,
        population=EPISODES,
    )


LIMIT = rules.ASSESSMENT_LIMIT

EPISODE_FIGURES: tuple[Figure, ...] = (
    _seen_figure(
        "seen-1wd",
        "Children seen within 1 working day",
        "1 working day",
        "child_seen_urgent",
        "where significant harm was suspected",
        source=(
            "Local standard: Working Together to Safeguard Children 2023, ch. 3 asks that the child is "
            "seen within a timescale that fits the concerns; where a strategy discussion is needed "
            "(significant harm suspected), most authorities set 1 working day (standards.md T3)."
        ),
    ),
    _seen_figure(
        "seen-5wd",
        "Children seen within 5 working days",
        "5 working days",
        "child_seen",
        "referred for assessment",
        source=(
            "Local standard: Working Together to Safeguard Children 2023, ch. 3 (the child is seen "
            "during the assessment, in a timescale that fits the concerns); 5 working days is this "
            "authority's timescale where significant harm is not suspected (standards.md T3)."
        ),
    ),
    Figure(
        slug="assessment-duration",
        title="Assessment duration",
        question=f"Are assessments completed within {LIMIT} working days of the referral?",
        definition=(
            "Assessments completed in the period, and how many working days each took from the "
            "referral to completion, as the episode's assessment clock counts them: the share within "
            f"{LIMIT} working days, the median (half took fewer), and how many took 0 to 5, 6 to 10 "
            "and so on up to 90 working days, and over 90 (the histogram, with the "
            f"{LIMIT}-day line between 41 to 45 and 46 to 50). "
            + EPISODE_WORKING_DAYS
            + " An assessment completed on the day of the referral took 0 working days. Paused "
            "working days are left out."
        ),
        counting=ASSESSMENT_COUNTING,
        source=(
            "Statutory: Working Together to Safeguard Children 2023, ch. 3 - the maximum timeframe for "
            "the assessment to conclude is 45 working days from the point of referral. (The DfE census "
            "measures from the assessment's start, AssessmentActualStartDate; this figure counts from "
            "the referral, as Working Together does.)"
        ),
        columns=(
            Column("completed", "Completed", result="completed"),
            Column("within", f"Within {LIMIT} working days", result="within"),
            Column("over", f"Over {LIMIT} working days", result="over"),
            Column("share", f"Share within {LIMIT} working days", Kind.PERCENT),
            Column("median", "Median working days", Kind.DAYS),
            Column("open_over", f"Still open, past {LIMIT} working days now", result="open_over"),
            *(
                Column(b.key, f"{b.label} working days", result=b.key, in_table=False)
                for b in rules.ASSESSMENT_BANDS
            ),
        ),
        chart_column="completed",
        reference_line=f"{LIMIT} working days",
        empty_message="No assessments completed or overdue in this period",
        results={
            "completed": "completed",
            "within": f"completed within {LIMIT} working days",
            "over": f"completed after more than {LIMIT} working days",
            "open_over": f"still open after {LIMIT} working days",
            **{b.key: f"completed in {b.label} working days" for b in rules.ASSESSMENT_BANDS},
        },
        headline_column="share",
        headline_words=f"of assessments completed within {LIMIT} working days",
        headline_detail=(
            "{within} of {completed} completed; median {median} working days; "
            "{open_over} still open past " + str(LIMIT) + " working days"
        ),
        uses_working_days=True,
        population=ASSESSMENTS,
        histogram=True,
    ),
    Figure(
        slug="re-referrals",
        title="Re-referrals within 12 months",
        question="How many referrals are about children referred in the 12 months before?",
        definition=(
            "Referrals received in the period where the same child had an earlier referral whose "
            "referral date is within the 12 months before this one's: on or after the same date a "
            "year earlier (28 February for a referral on 29 February). The share is re-referrals "
            "divided by all referrals received."
        ),
        counting=RE_REFERRAL_COUNTING,
        source=(
            "DfE children in need statistics: a re-referral is a referral within 12 months of a "
            "previous referral (CINreferralDate, N00100). The DfE wording is marked UNVERIFIED in "
            "standards.md §1.4."
        ),
        columns=(
            Column("children", "Referrals", result="all"),
            Column("rereferrals", "Re-referrals within 12 months", result="rereferral"),
            Column("share", "Share that were re-referrals", Kind.PERCENT),
        ),
        chart_column="share",
        empty_message="No referrals in this period",
        results={"all": "received", "rereferral": "within 12 months of an earlier referral"},
        headline_column="share",
        headline_words="of referrals were re-referrals within 12 months",
        headline_detail="{rereferrals} of {children} referrals",
        population=EPISODES,
    ),
)


CP_COUNTING = (
    "Each child counts once for each strategy discussion about them (a discussion about three "
    "brothers and sisters is three children's strategy discussions, as the CIN census records one "
    "per child). Counted by the date and time the strategy discussion was held, in UK time "
    "(Europe/London), from 00:00 on the period's first day to midnight at the end of its last. Team "
    "is the team of the last allocation of the child's episode made before the end of the period "
    "(Not allocated when there was none by then). Age is at the date of the strategy discussion."
)

AGENCIES = (("police", "Police"), ("health", "Health"), ("education", "Education"))

CP_FIGURES: tuple[Figure, ...] = (
    Figure(
        slug="icpc-15wd",
        title="Initial conferences within 15 working days",
        question="Are initial child protection conferences held within 15 working days of the strategy "
        "discussion?",
        definition=(
            "Section 47 enquiries that concluded an initial child protection conference was needed, "
            "by the strategy discussion that started them; of the conferences held, the share held "
            "within 15 working days of that strategy discussion (at or before the end of the 15th "
            "working day, the due time of the enquiry's conference clock). "
            "Working days are Monday to Friday, except England and Wales bank holidays; the day of "
            "the strategy discussion is day 0, so after a discussion on Monday 2 March 2026 the "
            "conference is due by the end of Monday 23 March. Enquiries still without a conference "
            "after their due time are counted separately, as at now, and are not in the share."
        ),
        counting=CP_COUNTING
        + " Conferences are counted with the strategy discussion that started the enquiry, not in the "
        "month the conference was held (the DfE census reports ICPCs by the month held). Transfer-in "
        "conferences are not recorded here.",
        source=(
            "Statutory: Working Together to Safeguard Children 2023, ch. 4 - the initial child "
            "protection conference is held within 15 working days of the strategy discussion (of the "
            "discussion that started the section 47 enquiry, if several were held). DfE census: "
            "S47ActualStartDate to DateOfInitialCPC (standards.md §1.1 T7, §1.4)."
        ),
        columns=(
            Column("held", "Conferences held", result="held"),
            Column("within", "Within 15 working days", result="within"),
            Column("later", "Later than 15 working days", result="later"),
            Column("share", "Share within 15 working days", Kind.PERCENT),
            Column("overdue", "No conference yet, past due now", result="overdue"),
        ),
        chart_column="share",
        reference_line="100%: every conference within 15 working days",
        empty_message="No section 47 enquiries needing a conference in this period",
        results={
            "held": "with an initial conference held",
            "within": "with the conference within 15 working days",
            "later": "with the conference later than 15 working days",
            "overdue": "with no conference yet after the due time",
        },
        headline_column="share",
        headline_words="of initial conferences held within 15 working days",
        headline_detail="{within} of {held} conferences; {overdue} not yet held past due now",
        uses_working_days=True,
        population=ENQUIRIES,
    ),
    Figure(
        slug="strategy-attendance",
        title="Strategy discussions with police, health and education",
        question="Are police, health and education present at strategy discussions?",
        definition=(
            "Children's strategy discussions held in the period, and how many had each of police, "
            "health and education present (recorded as attended, not only invited), and all three "
            "together: the share is discussions with all three present divided by all held."
        ),
        counting=CP_COUNTING,
        source=(
            "Working Together to Safeguard Children 2023, ch. 4: a strategy discussion involves as a "
            "minimum children's social care, the police, health and, for a child in education, the "
            "school or nursery."
        ),
        columns=(
            Column("children", "Strategy discussions", result="all"),
            *(Column(key, f"{label} present", result=key) for key, label in AGENCIES),
            Column("all_three", "All three present", result="all_three"),
            Column("share", "Share with all three present", Kind.PERCENT),
            Column("missing", "Not all three present", result="missing"),
        ),
        chart_column="share",
        reference_line="100%: police, health and education at every discussion",
        empty_message="No strategy discussions in this period",
        results={
            "all": "held",
            **{key: f"with {label.lower()} present" for key, label in AGENCIES},
            "all_three": "with police, health and education all present",
            "missing": "without all of police, health and education present",
        },
        headline_column="share",
        headline_words="of strategy discussions had police, health and education present",
        headline_detail="{all_three} of {children} children's strategy discussions",
        population=DISCUSSIONS,
    ),
)
