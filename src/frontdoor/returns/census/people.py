"""ChildIdentifiers and ChildCharacteristics from people.Person, for the children with episodes.

The census describes each child as they were on ReferenceDate: a child born after it was unborn
then (ExpectedPersonBirthDate, Sex U: rules 8520 and 8750), and a death after it has not happened.
"""

from datetime import date
from typing import Any

from frontdoor.people.models import Person, Sex
from frontdoor.returns import rules
from frontdoor.returns.census.model import Child, Episode
from frontdoor.returns.rules import CensusYear

FIELDS = ("pk", "reference", "sex", "ethnicity", "disabilities", "upn", "upn_unknown", "date_of_birth",
          "expected_date_of_birth", "date_of_death")  # fmt: skip


def _births(person: dict[str, Any], census: CensusYear) -> tuple[date | None, date | None]:
    """(PersonBirthDate, ExpectedPersonBirthDate) as at ReferenceDate: never both (8525Q)."""
    born, expected = person["date_of_birth"], person["expected_date_of_birth"]
    if born is not None and born > census.reference_date:
        return None, expected or born
    return (born, None) if born is not None else (None, expected)


def child(person: dict[str, Any], episodes: list[Episode], census: CensusYear) -> Child:
    born, expected = _births(person, census)
    return Child(
        person_id=person["pk"],
        la_child_id=person["reference"],
        sex=person["sex"] if born is not None else Sex.UNKNOWN,
        ethnicity=person["ethnicity"],
        disabilities=rules.disabilities_for_census(list(person["disabilities"] or [])),
        upn=person["upn"],
        upn_unknown="" if person["upn"] else person["upn_unknown"],
        birth_date=born,
        expected_birth_date=expected,
        death_date=census.within(person["date_of_death"]),
        episodes=episodes,
    )


def children(*, authority_id: int, episodes: dict[int, list[Episode]], census: CensusYear) -> list[Child]:
    """One Child per person with an episode in the census, ordered by LAchildID."""
    people = (
        Person.objects.filter(authority_id=authority_id, pk__in=list(episodes))
        .order_by("reference")
        .values(*FIELDS)
    )
    return [child(person, episodes[person["pk"]], census) for person in people.iterator(chunk_size=2000)]
