"""What each figure on the performance dashboard means: a registry of figures, each with its slug,
title, definition, counting convention and the standard or source it measures against, its columns
and which children a drill-down lists.

The words here are shown on the dashboard beside the numbers, so a figure and its definition never
drift apart. The SQL that counts them is performance.selectors; the arithmetic performance.rules.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from frontdoor.contacts.models import ReferralSource
from frontdoor.performance.populations import CONTACTS, Population


class Kind(StrEnum):
    COUNT = "count"
    PERCENT = "percent"
    HOURS = "hours"
    DAYS = "days"  # working days, to one decimal place (a median)


@dataclass(frozen=True)
class Column:
    key: str
    heading: str
    kind: Kind = Kind.COUNT
    # The drill-down `result` listing the children behind this column's numbers (None: no list).
    result: str | None = None
    # False for the histogram's bands: shown in the histogram's own table, not the breakdown's.
    in_table: bool = True


@dataclass(frozen=True)
class Breakdown:
    key: str  # also the drill-down parameter naming a bucket, e.g. ?month=2026-03
    label: str
    heading: str
    is_time: bool = False


BREAKDOWNS = {
    b.key: b
    for b in (
        Breakdown("week", "By week", "Week", is_time=True),
        Breakdown("month", "By month", "Month", is_time=True),
        Breakdown("team", "By team", "Team"),
        Breakdown("ethnicity", "By ethnicity", "Ethnicity"),
        Breakdown("sex", "By sex", "Sex"),
        Breakdown("disability", "By disability", "Disability"),
        Breakdown("age", "By age group", "Age at contact"),
    )
}
NOT_WEEKLY = tuple(k for k in BREAKDOWNS if k != "week")

COUNTING = (
    "Each child named in a contact counts once for that contact (a child's contact), as the DfE "
    "children in need census counts each child's referral: a contact about three brothers and sisters "
    "counts three times. Everything is counted by the date and time the contact was received, in UK "
    "time (Europe/London): weeks run Monday to Sunday, and the period runs from 00:00 on its first day "
    "to midnight at the end of its last. Team is the team of the worker the child's contact is "
    "allocated to (Not allocated when there is no worker, or the worker has no team). Age is at the "
    "date the contact was received. A contact naming children in different groups or teams counts "
    "once in each, so a column of contacts or notifications can add up to more than its total. "
    "Figures for recent weeks and months can still change while decisions are outstanding."
)

WORKING_DAY_CONVENTION = (
    "Working days are Monday to Friday, except England and Wales bank holidays. Day-0 convention: "
    "the day the contact is received is day 0, so a decision is due by the end "
    "of the next working day; a contact received on a Friday is due by the end of Monday (Tuesday when "
    "Monday is a bank holiday). An authority that counts the day of receipt as day 1 (the DfE "
    "validator's inclusive count) sets that in its settings; the convention in use is shown below."
)


@dataclass(frozen=True)
class Figure:
    slug: str
    title: str
    question: str
    definition: str
    counting: str
    source: str
    columns: tuple[Column, ...]
    # The column charted, its scale, and (for a bar drawn within a bar) the column it is part of.
    chart_column: str
    chart_whole: str | None = None
    # The line drawn at 100% on the chart when 100% is the aim, with its words for the legend.
    reference_line: str = ""
    # What to say when the period has no children's contacts to count.
    empty_message: str = "No contacts in this period"
    breakdowns: tuple[str, ...] = NOT_WEEKLY
    default_breakdown: str = "month"
    # Drill-down results: key -> words finishing "Children's contacts ..." in the list's title.
    results: dict[str, str] = field(default_factory=dict)
    headline_column: str = ""
    headline_words: str = ""
    headline_detail: str = ""
    uses_working_days: bool = False
    # The rows the figure counts (performance.populations): children's contacts by default.
    population: Population = CONTACTS
    # Drawn as a histogram of the whole period's bands (assessment duration) instead of by bucket.
    histogram: bool = False

    @property
    def table_columns(self) -> tuple[Column, ...]:
        return tuple(c for c in self.columns if c.in_table)

    def column(self, key: str) -> Column:
        return next(c for c in self.columns if c.key == key)


def _decision_figure(slug: str, title: str, within: str, definition: str, source: str, **kw) -> Figure:
    return Figure(
        slug=slug,
        title=title,
        question=f"Are children's contacts decided within {within}?",
        definition=definition,
        counting=COUNTING
        + " Decisions are counted with the contact they decide: in the month the contact was received, "
        "not the month it was decided.",
        source=source,
        columns=(
            Column("decided", "Decided", result="decided"),
            Column("met", f"Within {within}", result="met"),
            Column("missed", f"Later than {within}", result="missed"),
            Column("share", f"Share within {within}", Kind.PERCENT),
            Column("overdue", "Undecided, past due now", result="overdue"),
        ),
        chart_column="share",
        reference_line=f"100%: every decision within {within}",
        results={
            "decided": "decided",
            "met": f"decided within {within}",
            "missed": f"decided later than {within}",
            "overdue": "still undecided after their due time",
        },
        headline_column="share",
        headline_words=f"of decisions within {within}",
        headline_detail="{met} of {decided} decisions; {overdue} undecided past due now",
        **kw,
    )


FIGURES: dict[str, Figure] = {
    f.slug: f
    for f in (
        Figure(
            slug="contacts",
            title="Contacts and referrals",
            question="How many contacts come to the front door, and how many become referrals?",
            definition=(
                "Children's contacts received, the contacts they arrived in (one contact can name "
                "several children) and how many became referrals: the manager decided on a social "
                "work assessment or a strategy discussion about suspected significant harm. The share "
                "is referrals divided by all children's contacts received, those still awaiting a "
                "decision included, so the latest weeks rise as decisions are made. A referral "
                "decision about a child whose episode is still open joins that episode rather than "
                "starting one, so the census, and Re-referrals within 12 months, count fewer referrals."
            ),
            counting=COUNTING,
            source=(
                "Working Together to Safeguard Children 2023, ch. 3 (referral and the decision on "
                "the response needed); DfE children in need census: a referral is a contact accepted "
                "for a social work assessment (CINreferralDate, N00100)."
            ),
            columns=(
                Column("contacts", "Contacts"),
                Column("children", "Children's contacts", result="all"),
                Column("referrals", "Became referrals", result="referral"),
                Column("share", "Share that became referrals", Kind.PERCENT),
                Column("undecided", "Awaiting a decision", result="undecided"),
            ),
            chart_column="referrals",
            chart_whole="children",
            breakdowns=tuple(BREAKDOWNS),
            default_breakdown="week",
            results={
                "all": "received",
                "referral": "that became referrals",
                "undecided": "awaiting a decision",
            },
            headline_column="share",
            headline_words="of children's contacts became referrals",
            headline_detail=(
                "{referrals} referrals from {children} children's contacts in {contacts} contacts"
            ),
        ),
        _decision_figure(
            "decisions-24h",
            "Decisions within 24 hours",
            "24 hours",
            definition=(
                "Of the children's contacts decided, the share decided within 24 clock hours: the "
                "decision was recorded at or before the due time of the child's 24-hour decision "
                "clock. The clock starts when the contact is received (or at the start of the next "
                "working day, where the authority counts out-of-hours contacts from then) and runs "
                "through nights and weekends. Children's contacts still undecided after their due "
                "time are counted separately, as at now, and are not in the share."
            ),
            source=(
                "Local standard: many front doors aim to decide within 24 hours of receipt. The "
                "statutory timescale is 1 working day (see Decisions within 1 working day)."
            ),
        ),
        _decision_figure(
            "decisions-1wd",
            "Decisions within 1 working day",
            "1 working day",
            definition=(
                "Of the children's contacts decided, the share decided within 1 working day of "
                "receipt: the decision was recorded at or before the due time of the child's "
                "statutory decision clock. "
                + WORKING_DAY_CONVENTION
                + " Children's contacts still undecided after their due time are counted separately, "
                "as at now, and are not in the share."
            ),
            source=(
                "Statutory: Working Together to Safeguard Children 2023, ch. 3 - within one working "
                "day of a referral being received, a social worker decides what type of response is "
                "needed."
            ),
            uses_working_days=True,
        ),
        Figure(
            slug="repeat-contacts",
            title="Repeat contacts",
            question="How many contacts are about children the front door has heard about before?",
            definition=(
                "The share of children's contacts flagged as a repeat when they were recorded: the "
                "child's third or later contact in 12 months, or a contact from a family member other "
                "than one who raised concerns about the child or their household in the previous 12 "
                "months (the pattern inspectors found missed)."
            ),
            counting=COUNTING
            + " A contact is flagged once, when it is recorded, from the contacts before it.",
            source=(
                "Local measure, for managers' review of repeat contacts about the same child or "
                "family. Re-referrals within 12 months, the DfE measure, are a separate figure."
            ),
            columns=(
                Column("children", "Children's contacts", result="all"),
                Column("flagged", "Flagged as repeat", result="flagged"),
                Column("share", "Share flagged as repeat", Kind.PERCENT),
            ),
            chart_column="share",
            results={"all": "received", "flagged": "flagged as repeat contacts"},
            headline_column="share",
            headline_words="of children's contacts were repeat contacts",
            headline_detail="{flagged} of {children} children's contacts",
        ),
        Figure(
            slug="police-delay",
            title="Police notification delay",
            question="How long after an incident does the front door hear about it from the police?",
            definition=(
                "For children's contacts with a recorded incident time (police notifications, mostly "
                "of domestic abuse), the time from the incident to the contact being received, in "
                "hours: the median (half arrived sooner), the 90th percentile (nine in ten arrived "
                "sooner) and the share received within 24 hours of the incident. Percentiles "
                "interpolate between the two nearest delays, as Excel's MEDIAN and PERCENTILE.INC do."
            ),
            counting=COUNTING,
            source=(
                "Local measure: there is no national timescale for passing police notifications to "
                "children's social care. 24 hours is shown as a reference, not a statutory standard."
            ),
            columns=(
                Column("notifications", "Notifications"),
                Column("children", "Children's contacts", result="all"),
                Column("median", "Median delay (hours)", Kind.HOURS),
                Column("p90", "90th percentile (hours)", Kind.HOURS),
                Column("within", "Within 24 hours", result="within"),
                Column("over", "Over 24 hours", result="over"),
                Column("share", "Share within 24 hours", Kind.PERCENT),
            ),
            chart_column="share",
            reference_line="100%: every notification received within 24 hours",
            empty_message="No police notifications with an incident time in this period",
            results={
                "all": "with an incident time",
                "within": "received within 24 hours of the incident",
                "over": "received more than 24 hours after the incident",
            },
            headline_column="share",
            headline_words="of police notifications received within 24 hours of the incident",
            headline_detail=(
                "median {median} hours, 90th percentile {p90} hours, {children} children's contacts"
            ),
        ),
        Figure(
            slug="sources",
            title="Contact sources",
            question="Who contacts the front door?",
            definition=(
                "Children's contacts by who made the contact, in the DfE referral source codes "
                "(children in need census ReferralSource, N00152)."
            ),
            counting=COUNTING,
            source="DfE children in need census: ReferralSource code list (N00152).",
            columns=(
                *(Column(code, f"{code}: {label}", result=code) for code, label in ReferralSource.choices),
                Column("children", "All sources", result="all"),
            ),
            chart_column="children",
            results={
                "all": "received",
                **{code: f"from {code}: {label}" for code, label in ReferralSource.choices},
            },
            headline_column="top_share",
            headline_words="",
            headline_detail="{children} children's contacts",
        ),
    )
}

# The figures about children-in-need episodes are written in their own module, which builds on the
# classes above; imported last so that it can.
from frontdoor.performance.allegation_figures import ALLEGATION_FIGURES  # noqa: E402
from frontdoor.performance.complaint_figures import COMPLAINT_FIGURES  # noqa: E402
from frontdoor.performance.domestic_abuse_figures import DOMESTIC_ABUSE_FIGURES  # noqa: E402
from frontdoor.performance.drift_figures import DRIFT_FIGURES  # noqa: E402
from frontdoor.performance.episode_figures import CP_FIGURES, EPISODE_FIGURES  # noqa: E402
from frontdoor.performance.missing_figures import MISSING_FIGURES  # noqa: E402
from frontdoor.performance.note_figures import NOTE_FIGURES  # noqa: E402
from frontdoor.performance.overdue_figures import OVERDUE_FIGURES  # noqa: E402
from frontdoor.performance.papers_figures import PAPER_FIGURE  # noqa: E402
from frontdoor.performance.participation_figures import PARTICIPATION_FIGURE  # noqa: E402

FIGURES |= {
    f.slug: f
    for f in (
        *EPISODE_FIGURES,
        *CP_FIGURES,
        *MISSING_FIGURES,
        *NOTE_FIGURES,
        *OVERDUE_FIGURES,
        PAPER_FIGURE,
        PARTICIPATION_FIGURE,
        *ALLEGATION_FIGURES,
        *COMPLAINT_FIGURES,
        *DOMESTIC_ABUSE_FIGURES,
        *DRIFT_FIGURES,
    )
}
