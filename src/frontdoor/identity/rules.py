"""Pure rules of the duplicate register: which pairs of people to compare (blocking), and whether a
merge may be undone. No Django.

Blocking (Fellegi and Sunter, 1969; splink's blocking rules): comparing every pair of an authority's
register is O(n^2); two records of one person almost always agree on at least one of these keys,
so only pairs sharing a key are scored. A key shared by more than MAX_BLOCK people (a common name
with a common birthday in a big county) says too little to be worth its pairs and is skipped.
"""

from collections.abc import Iterable, Sequence
from datetime import date
from itertools import combinations

MAX_BLOCK = 200


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
