"""Which candidates to score fully: a cheap count of agreements, before people.linkage's weights.

Pure functions, no Django. A search on a common surname can bring in hundreds of candidates
(people.blocking); the Fellegi-Sunter comparison of each costs far more than the lookup. `shortlist`
keeps the `limit` candidates that agree with the query on the most blocking keys (the same phonetic
keys and dates rules.blocking_keys looks up), so the person asked about, who agrees on most of
them, is always among those scored. bench/matching.py applies it too, to show recall unchanged.
"""

from collections.abc import Iterable, Sequence
from typing import TypeVar

from frontdoor.people import rules

Key = TypeVar("Key")

# Points per agreement. An identifier is decisive; then the date of birth and names, as in
# rules.score_match's order of evidence; a postcode only tips a tie.
IDENTIFIER, BORN, BORN_SLIP, BORN_NEAR, SURNAME, OTHER_SURNAME, FIRST_NAME, POSTCODE = (
    20, 4, 2, 1, 3, 2, 3, 1
)  # fmt: skip


def prescore(keys: rules.BlockingKeys, record: rules.CandidateRecord) -> int:
    """How many of the query's blocking keys the candidate agrees with, weighted (see above).

    >>> keys = rules.blocking_keys(rules.SearchQuery("Bill", "Smyth", None))
    >>> prescore(keys, rules.CandidateRecord(first_name="William", last_name="Smith"))
    6
    """
    points = 0
    if (keys.nhs_number and record.nhs_number == keys.nhs_number) or (keys.upn and record.upn == keys.upn):
        points += IDENTIFIER
    born = record.date_of_birth
    if born is not None and keys.birth_years:
        if born in keys.dates_of_birth:
            points += BORN
        elif born in keys.name_dates:
            points += BORN_SLIP
        elif keys.birth_years[0] <= born.year <= keys.birth_years[1]:
            points += BORN_NEAR
    last_key = rules.name_key(record.last_name)
    if keys.name_key and last_key == keys.name_key:
        points += SURNAME
    elif keys.name_key and any(rules.name_key(o.last_name) == keys.name_key for o in record.other_names):
        points += OTHER_SURNAME
    elif keys.swapped and last_key in keys.swapped[1]:
        points += SURNAME
    given = (record.first_name, record.known_as, *record.middle_names.split())
    swapped = keys.swapped is not None and rules.name_key(record.first_name) == keys.swapped[0]
    if swapped or any(rules.name_key(name) in keys.first_name_keys for name in given if name):
        points += FIRST_NAME
    if keys.postcode and keys.postcode in record.postcodes:
        points += POSTCODE
    return points


def shortlist(
    keys: rules.BlockingKeys, candidates: Sequence[tuple[Key, rules.CandidateRecord]], limit: int
) -> Iterable[tuple[Key, rules.CandidateRecord]]:
    """The `limit` candidates with the highest prescore (ties in the order given); all of them,
    in the order given, when there are no more than `limit`."""
    if len(candidates) <= limit:
        return candidates
    ranked = sorted(range(len(candidates)), key=lambda i: -prescore(keys, candidates[i][1]))
    return [candidates[i] for i in sorted(ranked[:limit])]
