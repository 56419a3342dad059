"""When each child's record is due for a retention review: the latest date any rule that applies
gives (security.md §3). Pure: no Django. Nothing is deleted; a review date starts a human review.

Sources:
- Looked-after children: 75th birthday, or 15 years from death before 18 (Care Planning, Placement
  and Case Review (England) Regulations 2010, SI 2010/959, reg 50).
- Adoption order made: 100 years from the order (Disclosure of Adoption Information
  (Post-Commencement Adoptions) Regulations 2005, reg 6).
- Child protection: no statute; default 35 years after closure (R (C) v Northumberland CC & ICO
  [2015] EWHC 2134 (Admin) held this lawful and proportionate).
- Children in need (s17) and front-door contacts: no statute; default "until 18 plus a further 3
  years of inactivity" (Devon). An unknown date of birth is treated as 18 on the last activity.
- Known or alleged child sexual abuse: 75 years from birth (IICSA final report 2022, H.5).
- A legal hold blocks any review date.
"""

from dataclasses import dataclass
from datetime import date

from dateutil.relativedelta import relativedelta

LAC_YEARS_FROM_BIRTH = 75
LAC_YEARS_AFTER_DEATH = 15
ADOPTION_YEARS_FROM_ORDER = 100
CSA_YEARS_FROM_BIRTH = 75
ADULTHOOD = 18


@dataclass(frozen=True)
class Schedule:
    """An authority's local choices (the statutory periods are not configurable)."""

    cin_years_after_inactivity: int = 3
    cp_years_after_closure: int = 35


@dataclass(frozen=True)
class Facts:
    last_activity: date  # the latest contact, referral, closure or visit
    date_of_birth: date | None = None
    date_of_death: date | None = None
    looked_after: bool = False
    adoption_order: date | None = None
    cp_closed: date | None = None
    csa: bool = False
    legal_hold: bool = False


def _plus(day: date, years: int) -> date:
    later: date = day + relativedelta(years=years)  # dateutil's stubs type the sum as Any
    return later


def candidate_dates(facts: Facts, schedule: Schedule) -> dict[str, date]:
    """Each applicable rule's date, by record class."""
    dates: dict[str, date] = {}
    adult = _plus(facts.date_of_birth, ADULTHOOD) if facts.date_of_birth else facts.last_activity
    dates["children_in_need"] = _plus(max(adult, facts.last_activity), schedule.cin_years_after_inactivity)
    if facts.cp_closed:
        dates["child_protection"] = _plus(facts.cp_closed, schedule.cp_years_after_closure)
    birth_based = facts.looked_after or facts.csa
    if birth_based and facts.date_of_birth:
        dates["looked_after" if facts.looked_after else "csa"] = _plus(
            facts.date_of_birth, LAC_YEARS_FROM_BIRTH
        )
        died_young = facts.date_of_death and facts.date_of_death < _plus(facts.date_of_birth, ADULTHOOD)
        if facts.looked_after and died_young and facts.date_of_death:
            dates["looked_after"] = _plus(facts.date_of_death, LAC_YEARS_AFTER_DEATH)
    elif birth_based:  # no date of birth: count 75 years from the last activity, never less
        dates["looked_after" if facts.looked_after else "csa"] = _plus(
            facts.last_activity, LAC_YEARS_FROM_BIRTH
        )
    if facts.adoption_order:
        dates["adoption"] = _plus(facts.adoption_order, ADOPTION_YEARS_FROM_ORDER)
    return dates


def review_date(facts: Facts, schedule: Schedule) -> date | None:
    """The latest applicable date, or None while a legal hold is in place."""
    if facts.legal_hold:
        return None
    return max(candidate_dates(facts, schedule).values())
