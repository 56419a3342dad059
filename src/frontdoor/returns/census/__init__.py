"""The DfE Children in Need census built from Frontdoor's records (standards.md §2).

`build` reads each app's records through its own census module: referrals (CINdetails), people
(the child), then each casework app present. `census_xml` writes the result in the schema's order.
"""

from collections.abc import Callable
from datetime import datetime

from frontdoor.returns.census import assessments, people, plans, protection, referrals
from frontdoor.returns.census.model import Census, Episode
from frontdoor.returns.census.xml import census_xml
from frontdoor.returns.rules import CensusYear

# Each fills one module of every episode from one app's records: (authority_id, episodes by
# referral id, census year) -> None.
Attach = Callable[[int, dict[int, Episode], CensusYear], None]
ATTACHERS: tuple[Attach, ...] = (assessments.attach, plans.attach, protection.attach)

__all__ = ["build", "census_xml"]


def build(*, authority_id: int, la_code: str, census: CensusYear, generated_at: datetime) -> Census:
    by_person = referrals.episodes_by_person(authority_id=authority_id, census=census)
    by_referral = {episode.referral_id: episode for episodes in by_person.values() for episode in episodes}
    for attach in ATTACHERS:
        attach(authority_id, by_referral, census)
    children = people.children(authority_id=authority_id, episodes=by_person, census=census)
    return Census(la_code=la_code, year=census, generated_at=generated_at, children=children)
