"""Rules of the statutory returns: pure functions, no Django.

Sources: DfE Children in Need census 2025-26 (standards.md §2: the census year, ReferenceDate,
who is included, the validator's rulesets), Ofsted ILACS Annex A (standards.md §3: the six months
before the inspection, lettered value formats, re-referrals within 12 months).
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

# The validator's rulesets (csc-validator-be-cin 0.1.13), by the census year's end.
RULESETS = {
    2023: "cin2022_23",
    2024: "cin2023_24",
    2025: "cin2024_25",
    2026: "cin2025_26",
    2027: "cin2026_27",
}
# Sex (N00783, M/F/U) replaced GenderCurrent from 2024-25 (standards.md §2.4, RFC 1233).
FIRST_YEAR_WITH_SEX = 2025
FIRST_YEAR = min(RULESETS)
LAST_YEAR = max(RULESETS)


@dataclass(frozen=True)
class CensusYear:
    """The census year ending 31 March `year` (e.g. 2026 for 2025-26): 1 April to 31 March."""

    year: int

    @property
    def start(self) -> date:
        return date(self.year - 1, 4, 1)

    @property
    def reference_date(self) -> date:
        """ReferenceDate (N00603): 31 March of the header Year (rule 100)."""
        return date(self.year, 3, 31)

    @property
    def ruleset(self) -> str:
        return RULESETS[self.year]

    @property
    def has_sex(self) -> bool:
        return self.year >= FIRST_YEAR_WITH_SEX

    @property
    def label(self) -> str:
        return f"{self.year - 1}-{self.year % 100:02d}"

    def within(self, day: date | None) -> date | None:
        """A date as the census sees it: dates after ReferenceDate have not happened yet."""
        return day if day is not None and day <= self.reference_date else None


def census_year_problems(year: int) -> str:
    if not FIRST_YEAR <= year <= LAST_YEAR:
        return f"Choose a census year from {FIRST_YEAR} to {LAST_YEAR} (the year ending 31 March)"
    return ""


def episode_in_census(*, referral_date: date, closure_date: date | None, census: CensusYear) -> bool:
    """Every child referred in the year and every case open on 1 April (s83 Children Act 1989; CIN
    census scope, standards.md §2): the episode starts by ReferenceDate and has not closed before
    the year began."""
    if referral_date > census.reference_date:
        return False
    return closure_date is None or closure_date >= census.start


def primary_need_for_census(*, recorded: str, nfa: bool) -> str:
    """PrimaryNeedCode (N00101) is required where the referral led to further action (rule 8610).
    An episode still under assessment at ReferenceDate may have none recorded yet: DfE's code for
    that is N0, "Not stated"."""
    if recorded:
        return recorded
    return "" if nfa else "N0"


def disabilities_for_census(recorded: list[str]) -> list[str]:
    """Disability (N00099) must be present for a born child with further action (rule 8540); a child
    with none recorded is returned as NONE. Duplicates are dropped (8794), and NONE never appears with
    another code (8790)."""
    codes = list(dict.fromkeys(recorded))
    real = [code for code in codes if code != "NONE"]
    return real or ["NONE"]


# --- Ofsted Annex A ------------------------------------------------------------------------------


def annex_a_window(as_of: date) -> tuple[date, date]:
    """Lists 1-7 cover the six months before the inspection (standards.md §3.1): from the same day
    six months earlier to the day before `as_of`, both inclusive."""
    return as_of - relativedelta(months=6), as_of - relativedelta(days=1)


def age_in_years(born: date | None, on: date) -> int | None:
    """Whole years of age on a date (Annex A "Age of Child (Years)"); none for an unborn child."""
    if born is None or born > on:
        return None
    return on.year - born.year - ((on.month, on.day) < (born.month, born.day))


def referrals_in_previous_12_months(earlier_referral_dates: list[date], referral_date: date) -> int:
    """Annex A List 3 "Number of Referrals in Last 12 Months": the child's other referrals in the 12
    months before this one (the re-referral measure, standards.md §1.4)."""
    since = referral_date - relativedelta(months=12)
    return sum(1 for day in earlier_referral_dates if since <= day < referral_date)


def rate(part: int, whole: int) -> float | None:
    """A percentage to one decimal place, or none when there is nothing to divide by."""
    return round(100 * part / whole, 1) if whole else None


def duration_band(days: int) -> str:
    """How long a child has been on a plan, in the DfE's bands for CP plan durations."""
    for limit, label in ((90, "Under 3 months"), (182, "3 to 6 months"), (365, "6 months to 1 year"),
                         (730, "1 to 2 years")):  # fmt: skip
        if days < limit:
            return label
    return "2 years or more"


DURATION_BANDS = ("Under 3 months", "3 to 6 months", "6 months to 1 year", "1 to 2 years", "2 years or more")
