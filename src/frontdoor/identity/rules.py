"""Pure rules of the duplicate register: which pairs of people to compare (blocking), and whether a
merge may be undone. No Django.

Blocking (Fellegi and Sunter, 1969; splink's blocking rules): comparing every pair of an authority's
register is O(n^2); two records of one person almost always agree on at least one of these keys,
so only pairs sharing a key are scored. A key shared by more than MAX_BLOCK people (a common name
with a common birthday in a big county) says too little to be worth its pairs and is skipped.
"""

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from itertools import combinations

from frontdoor.people import linkage
from frontdoor.people.rules import CandidateRecord, SearchQuery, name_key

MAX_BLOCK = 200
KEEP_BANDS = frozenset({linkage.MATCH, linkage.POSSIBLE})


def blocking_keys(
    *, last_key: str, first_key: str, date_of_birth: date | None, nhs_number: str, upn: str
) -> set[tuple[str, ...]]:
    """The keys one person is filed under: names either way round, a name with the date of birth
    (a mistyped other name), and each identifier."""
    keys: set[tuple[str, ...]] = set()
    if last_key and first_key:
        keys.add(("names", *sorted((last_key, first_key))))
    if date_of_birth is not None:
        born = date_of_birth.isoformat()
        keys.update(("born", which, key, born) for which, key in (("l", last_key), ("f", first_key)) if key)
    if nhs_number:
        keys.add(("nhs", nhs_number))
    if upn:
        keys.add(("upn", upn))
    return keys


def candidate_pairs(
    people: Iterable[tuple[int, set[tuple[str, ...]]]], *, max_block: int = MAX_BLOCK
) -> set[tuple[int, int]]:
    """Each pair (lower id first) of people who share a key, skipping keys shared by more than
    `max_block` people."""
    blocks: dict[tuple[str, ...], list[int]] = {}
    for person_id, keys in people:
        for key in keys:
            blocks.setdefault(key, []).append(person_id)
    pairs: set[tuple[int, int]] = set()
    for members in blocks.values():
        if 1 < len(members) <= max_block:
            pairs.update((a, b) if a < b else (b, a) for a, b in combinations(sorted(set(members)), 2))
    return pairs


def record_keys(record: CandidateRecord) -> set[tuple[str, ...]]:
    """blocking_keys of a person as the register holds them."""
    return blocking_keys(
        last_key=name_key(record.last_name),
        first_key=name_key(record.first_name),
        date_of_birth=record.date_of_birth,
        nhs_number=record.nhs_number,
        upn=record.upn,
    )


def as_query(record: CandidateRecord) -> SearchQuery:
    """A person on the register put as a search for the other of a pair."""
    return SearchQuery(
        first_name=record.first_name,
        last_name=record.last_name,
        date_of_birth=record.date_of_birth,
        nhs_number=record.nhs_number,
        upn=record.upn,
        postcode=record.postcodes[0] if record.postcodes else "",
    )


def likely_pairs(
    records: Mapping[int, CandidateRecord], weights: linkage.Weights = linkage.DEFAULT_WEIGHTS
) -> list[tuple[int, int, linkage.LinkMatch]]:
    """Every blocked pair (lower id first) that scores a match or possible match, in id order."""
    pairs = candidate_pairs((pk, record_keys(record)) for pk, record in records.items())
    found = []
    for a, b in sorted(pairs):
        match = linkage.score(as_query(records[a]), records[b], weights)
        if match.band in KEEP_BANDS:
            found.append((a, b, match))
    return found


def unmerge_refusal(*, undone: bool, later_merges: Sequence[str]) -> str:
    """Why a merge cannot be undone exactly, or "" when it can. `later_merges` describes each merge,
    made after this one and not undone, that moved rows of the survivor again."""
    if undone:
        return "This merge has already been undone."
    if later_merges:
        return (
            f"The surviving record was merged again after this ({'; '.join(later_merges)}). "
            "Undo that merge first: undoing this one now could not restore every link exactly."
        )
    return ""
