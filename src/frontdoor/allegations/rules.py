"""Pure rules for allegations against people who work with children: what an outcome must have,
how long an allegation took from referral to outcome and which resolution band that is, the
reporting year, and who may see an allegation. No Django.

Sources: Working Together to Safeguard Children 2023, ch. 2 (the designated officer); Keeping
Children Safe in Education, Part 4 (outcome definitions; timeliness: 80% of cases resolved within
one month, 90% within three, all but the most exceptional within twelve), as summarised in
/work/shared/domain/practice.md and standards.md T20, T21.
"""

from collections.abc import Iterable
from datetime import date

from dateutil.relativedelta import relativedelta

OUTCOMES = ("substantiated", "malicious", "false", "unsubstantiated", "unfounded")
ACTIONS = ("dismissal", "barring", "regulator", "none")
NONE = "none"
DESIGNATED_OFFICER = "designated_officer"

# Resolution bands (KCSIE Part 4 timeliness targets), by calendar months from referral to outcome.
WITHIN_1_MONTH, WITHIN_3_MONTHS, WITHIN_12_MONTHS, LONGER = "1m", "3m", "12m", "longer"
BANDS = (WITHIN_1_MONTH, WITHIN_3_MONTHS, WITHIN_12_MONTHS, LONGER)
BAND_WORDS = {
    WITHIN_1_MONTH: "Within 1 month",
    WITHIN_3_MONTHS: "Within 3 months",
    WITHIN_12_MONTHS: "Within 12 months",
    LONGER: "Over 12 months",
}


def outcome_problems(
    *,
    outcome: str,
    outcome_on: date | None,
    decided_by: str,
    actions: Iterable[str],
    received_on: date,
    today: date,
) -> dict[str, str]:
    """What is wrong with an outcome as recorded, by field: every outcome has a date (on or after
    the referral, not in the future) and a decision maker, and the action taken is "none" alone or
    one or more actions (a dismissal and a referral to the barring service often go together)."""
    problems: dict[str, str] = {}
    chosen = list(actions)
    if outcome not in OUTCOMES:
        problems["outcome"] = "Select the outcome"
    if outcome_on is None:
        problems["outcome_on"] = "Enter the date of the outcome"
    elif outcome_on < received_on:
        problems["outcome_on"] = "The outcome must be on or after the day the allegation was received"
    elif outcome_on > today:
        problems["outcome_on"] = "The outcome must be today or in the past"
    if not decided_by.strip():
        problems["decided_by"] = "Enter who made the decision"
    if not chosen or any(a not in ACTIONS for a in chosen):
        problems["actions_taken"] = "Select the action taken, or None"
    elif NONE in chosen and len(set(chosen)) > 1:
        problems["actions_taken"] = "Select None on its own, or the actions taken"
    return problems


def resolution_band(received_on: date, outcome_on: date) -> str:
    """The KCSIE band an allegation resolved in: within one calendar month of the day it was
    received (the same day next month counts as within), three months, twelve months, or longer."""
    if outcome_on < received_on:
        raise ValueError("An outcome cannot come before the referral")
    for months, band in ((1, WITHIN_1_MONTH), (3, WITHIN_3_MONTHS), (12, WITHIN_12_MONTHS)):
        if outcome_on <= received_on + relativedelta(months=months):
            return band
    return LONGER


def reporting_year(day: date) -> int:
    """The April-to-March year a day falls in, by its first year (LADO annual reports run with the
    financial year): 2025 for any day from 1 April 2025 to 31 March 2026."""
    return day.year if day.month >= 4 else day.year - 1


def reporting_year_bounds(year: int) -> tuple[date, date]:
    """The first day of the reporting year and the first day of the next."""
    return date(year, 4, 1), date(year + 1, 4, 1)


def may_see(*, role: str, user_id: int, named_ids: Iterable[int]) -> bool:
    """The designated officer sees every allegation of their authority; anyone else only one they
    are named on (and whose role may be named: allegations.services.managers_name checks that)."""
    return role == DESIGNATED_OFFICER or user_id in set(named_ids)


def summary_table(
    rows: Iterable[tuple[str, str]], sectors: Iterable[str], outcomes: Iterable[str]
) -> dict[str, dict[str, int]]:
    """Counts by sector and outcome from (sector, outcome) pairs ("" outcome: still open), every
    sector and outcome present (zeros included), with "total" for each sector and a "total" row."""
    columns = [*outcomes, "", "total"]
    table = {sector: dict.fromkeys(columns, 0) for sector in [*sectors, "total"]}
    for sector, outcome in rows:
        for key in (sector, "total"):
            table[key][outcome] += 1
            table[key]["total"] += 1
    return table
