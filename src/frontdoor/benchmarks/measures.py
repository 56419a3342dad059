"""The measures Frontdoor compares with the DfE's published children-in-need tables: for each, the
table and column it is published in, how a rate is made from a count, the DfE's definition, and how
Frontdoor's own figure is counted and where it differs (shown on the page beside the numbers).

The tables loaded are B1, C1, D3 and D5 of "Children in need" and the looked-after children's
number and rate (../shared/data/dfe-stats). Assessment timeliness (table C2), section 47 enquiries
and initial conferences (D1) are not among them: Frontdoor shows its own figure for those with no
published comparison rather than leave them out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum


class Unit(StrEnum):
    RATE = "rate"  # per 10,000 children aged 0 to 17
    PERCENT = "percent"


class Table(StrEnum):
    B1 = "b1"
    C1 = "c1"
    D3 = "d3"
    D5 = "d5"
    CLA = "cla"


@dataclass(frozen=True)
class Measure:
    slug: str
    title: str
    unit: Unit
    definition: str  # the DfE's
    frontdoor: str  # how Frontdoor counts its own figure, and how it differs from the DfE's
    table: Table | None = None  # None: no published table loaded for it
    column: str = ""  # a published percentage or rate, taken as published
    count: str = ""  # or a count, made a rate per 10,000 with the ONS child population
    # The performance dashboard's list of the children behind Frontdoor's figure: (figure, result).
    drilldown: tuple[str, str] | None = None

    @property
    def published(self) -> bool:
        return self.table is not None

    @property
    def suffix(self) -> str:
        return "%" if self.unit == Unit.PERCENT else ""

    @property
    def unit_words(self) -> str:
        return "per cent" if self.unit == Unit.PERCENT else "per 10,000 children"


RATE_NOTE = (
    " The rate is per 10,000 children aged 0 to 17 in the ONS mid-year estimate for the year before "
    "(mid-2024 for 2024-25), computed by Frontdoor from the published count for every authority, region "
    "and England alike; it can differ from the DfE's own rounding by 0.1."
)
CENSUS_NOTE = (
    "Frontdoor's figure is counted from its records as its children in need census would report them "
    "for the year: "
)

MEASURES: dict[str, Measure] = {
    m.slug: m
    for m in (
        Measure(
            slug="referrals",
            title="Referrals",
            unit=Unit.RATE,
            table=Table.C1,
            count="referral_count",
            definition=(
                "Referrals received in the year ending 31 March (CINreferralDate), each child's "
                "referral counted once." + RATE_NOTE
            ),
            frontdoor=CENSUS_NOTE + "episodes whose referral date falls in the year. A referral "
            "decision about a child whose episode is still open joins that episode and is not counted "
            "again, as in the census.",
            drilldown=("re-referrals", "all"),
        ),
        Measure(
            slug="re-referrals",
            title="Re-referrals within 12 months",
            unit=Unit.PERCENT,
            table=Table.C1,
            column="rereferral_percent",
            definition=(
                "Referrals in the year that were within 12 months of a previous referral of the same "
                "child, as a percentage of all referrals in the year."
            ),
            frontdoor=(
                "Frontdoor's figure is the performance dashboard's (Re-referrals within 12 months): "
                "referrals are counted by when the contact was received (the DfE by CINreferralDate, "
                "the same day unless the referral date was corrected), and an earlier referral counts "
                "only if it is in Frontdoor's records: referrals made before the authority began using "
                "Frontdoor are not there, so the first year's figure is lower than the DfE's would be."
            ),
            drilldown=("re-referrals", "rereferral"),
        ),
        Measure(
            slug="no-further-action",
            title="Referrals ending in no further action",
            unit=Unit.PERCENT,
            table=Table.C1,
            column="no_further_action_percent",
            definition=(
                "Referrals in the year that resulted in no further action (ReferralNFA), as a "
                "percentage of all referrals in the year."
            ),
            frontdoor=CENSUS_NOTE + "referrals in the year marked no further action, over referrals "
            "in the year: the same definition.",
        ),
        Measure(
            slug="children-in-need",
            title="Children in need at 31 March",
            unit=Unit.RATE,
            table=Table.B1,
            count="At31_episodes",
            definition=(
                "Episodes of need open at 31 March (a child with two open episodes counts twice: the "
                "table loaded publishes episodes, not children)." + RATE_NOTE
            ),
            frontdoor=CENSUS_NOTE + "episodes open on 31 March (not closed by then): the same "
            "definition. Frontdoor holds children in need up to the decision to protect or to look "
            "after them; a child looked after whom it does not hold is not counted.",
        ),
        Measure(
            slug="cp-plans-started",
            title="Child protection plans started",
            unit=Unit.RATE,
            table=Table.D3,
            count="CPP_start",
            definition="Child protection plans that started in the year ending 31 March." + RATE_NOTE,
            frontdoor=CENSUS_NOTE + "plans whose start date (the initial conference) falls in the "
            "year: the same definition.",
        ),
        Measure(
            slug="cp-plans",
            title="Child protection plans at 31 March",
            unit=Unit.RATE,
            table=Table.D5,
            count="CPP_At31",
            definition="Children subject to a child protection plan on 31 March." + RATE_NOTE,
            frontdoor=CENSUS_NOTE + "plans open on 31 March: the same definition.",
        ),
        Measure(
            slug="second-plans",
            title="Second or subsequent child protection plans",
            unit=Unit.PERCENT,
            table=Table.D3,
            column="CPP_subsequent_percent",
            definition=(
                "Child protection plans started in the year that were the child's second or later "
                "plan ever, in any authority, as a percentage of plans started in the year."
            ),
            frontdoor=CENSUS_NOTE + "plans started in the year whose NumberOfPreviousCPP is one or "
            "more. Frontdoor knows plans held elsewhere only where the worker recorded them, so it can "
            "count fewer than the DfE, which links every authority's returns.",
        ),
        Measure(
            slug="long-plans",
            title="Child protection plans open two years or more",
            unit=Unit.PERCENT,
            table=Table.D5,
            column="2_years_or_more_percent",
            definition=(
                "Child protection plans open on 31 March that had lasted two years or more, as a "
                "percentage of all plans open on 31 March."
            ),
            frontdoor=CENSUS_NOTE + "plans open on 31 March that started on or before 31 March two "
            "years earlier: the same definition.",
        ),
        Measure(
            slug="looked-after",
            title="Children looked after at 31 March",
            unit=Unit.RATE,
            table=Table.CLA,
            column="rate_per_10000",
            definition=(
                "Children looked after on 31 March per 10,000 children aged 0 to 17, as the DfE "
                "publishes it (SSDA903 return, whole numbers)."
            ),
            frontdoor=(
                "Frontdoor does not hold children looked after (the SSDA903 return comes from the "
                "authority's looked-after system), so there is no figure of its own."
            ),
        ),
        Measure(
            slug="assessments-45wd",
            title="Assessments completed within 45 working days",
            unit=Unit.PERCENT,
            definition=(
                "Assessments completed in the year within 45 working days of the referral, as a "
                "percentage of assessments completed (DfE table C2, not among the tables loaded)."
            ),
            frontdoor=(
                "Frontdoor's figure is the performance dashboard's Assessment duration: assessments "
                "completed in the year within 45 working days, day 0 being the referral. No published "
                "figure is loaded to compare it with."
            ),
            drilldown=("assessment-duration", "over"),
        ),
        Measure(
            slug="icpc-15wd",
            title="Initial conferences within 15 working days",
            unit=Unit.PERCENT,
            definition=(
                "Initial child protection conferences held within 15 working days of the strategy "
                "discussion that started the section 47 enquiry (DfE table D1, not among the tables "
                "loaded)."
            ),
            frontdoor=(
                "Frontdoor's figure is the performance dashboard's Initial conferences within 15 "
                "working days. No published figure is loaded to compare it with."
            ),
            drilldown=("icpc-15wd", "later"),
        ),
    )
}
PUBLISHED = tuple(m for m in MEASURES.values() if m.published)
