"""Estimating the Fellegi-Sunter m and u from an authority's own register, without labels: pure Python.

Source: the procedure splink documents (Linacre et al., "Splink: Free software for probabilistic
record linkage at scale", IJPDS 2022), after Fellegi and Sunter (1969) and Winkler's EM (1988):

1. u from random pairs of people: almost every random pair is two different people, so the share
   of random pairs at each level is u.
2. m by expectation-maximisation on pairs that share a blocking key, with u held fixed. Each pass
   blocks on one field (date of birth; then surname and first-name keys), so the fields it blocks
   on cannot be estimated in that pass and keep their previous m.

3. Term frequencies: the share of the register's people with each first name and surname, for
   splink's term-frequency adjustment of exact name agreement (people.linkage.Weights.tf).

A register with few duplicates gives EM little to learn from: a level whose estimate is not
supported by enough expected matches keeps its default m (people.linkage.DEFAULT_M).
"""

import random
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date

from frontdoor.people import linkage
from frontdoor.people.rules import CandidateRecord, SearchQuery, name_key, normalise_name

Vector = tuple[str | None, ...]  # one level (or None) per linkage.FIELDS
# Below this many expected matching pairs, EM's m for a field is noise: keep the default.
MIN_EXPECTED_MATCHES = 30.0
SMOOTHING = 0.5  # add-half counts, so that no level seen zero times has m or u of zero
ITERATIONS = 40
TRUSTED_EXACT_M = 0.5


def as_query(record: CandidateRecord) -> SearchQuery:
    """One person on the register, put as if a caller had described them (for comparing two records)."""
    return SearchQuery(
        first_name=record.first_name,
        last_name=record.last_name,
        date_of_birth=record.date_of_birth,
        nhs_number=record.nhs_number,
        upn=record.upn,
        postcode=record.postcodes[0] if record.postcodes else "",
    )


def vector(a: CandidateRecord, b: CandidateRecord) -> Vector:
    levels = linkage.compare(as_query(a), b).levels
    return tuple(levels[name] for name in linkage.FIELDS)


def random_pairs(count: int, pairs: int, seed: int = 0) -> list[tuple[int, int]]:
    """`pairs` distinct random pairs of indexes below `count` (seeded, so a rerun gives the same)."""
    rng = random.Random(seed)  # noqa: S311 - a seeded sample of pairs, not a secret
    chosen: set[tuple[int, int]] = set()
    limit = min(pairs, count * (count - 1) // 2)
    while len(chosen) < limit:
        i, j = rng.randrange(count), rng.randrange(count)
        if i != j:
            chosen.add((min(i, j), max(i, j)))
    return sorted(chosen)


def u_probabilities(vectors: Iterable[Vector]) -> dict[str, dict[str, float]]:
    """The share of each level among pairs where the field is known on both sides, smoothed."""
    counts = [Counter[str]() for _ in linkage.FIELDS]
    for v in vectors:
        for i, level in enumerate(v):
            if level is not None:
                counts[i][level] += 1
    return {name: _observed(counts[i], name) for i, name in enumerate(linkage.FIELDS)}


def _observed(counts: Counter[str], name: str) -> dict[str, float]:
    """u: the observed share, or the default for a level two register records cannot show (a caller
    giving only an initial), which random pairs of records never reach."""
    total = sum(counts.values())
    default = linkage.DEFAULT_U[name]
    return {
        level: counts[level] / total if counts[level] else default[level] for level in linkage.LEVELS[name]
    }


def _shares(counts: Mapping[str, float], name: str) -> dict[str, float]:
    levels = linkage.LEVELS[name]
    total = sum(counts.values()) + SMOOTHING * len(levels)
    return {level: (counts.get(level, 0.0) + SMOOTHING) / total for level in levels}


@dataclass(frozen=True)
class EmResult:
    m: dict[str, dict[str, float]]
    prior: float
    expected_matches: float


def expectation_maximisation(
    vectors: Sequence[Vector],
    *,
    u: dict[str, dict[str, float]],
    m: dict[str, dict[str, float]],
    prior: float,
    blocked_on: frozenset[str] = frozenset(),
    iterations: int = ITERATIONS,
) -> EmResult:
    """m and the share of matches among `vectors`, u held fixed; fields in `blocked_on` keep their m."""
    patterns = Counter(vectors)
    m = {name: dict(levels) for name, levels in m.items()}
    expected = 0.0
    for _ in range(iterations):
        counts: list[dict[str, float]] = [{} for _ in linkage.FIELDS]
        expected = 0.0
        for pattern, n in patterns.items():
            p = _match_probability(pattern, m, u, prior)
            expected += n * p
            for i, level in enumerate(pattern):
                if level is not None:
                    counts[i][level] = counts[i].get(level, 0.0) + n * p
        prior = min(max(expected / max(len(vectors), 1), 1e-9), 0.5)
        for i, name in enumerate(linkage.FIELDS):
            if name not in blocked_on and sum(counts[i].values()) >= MIN_EXPECTED_MATCHES:
                m[name] = _shares(counts[i], name)
    return EmResult(m=m, prior=prior, expected_matches=expected)


def _match_probability(pattern: Vector, m: dict, u: dict, prior: float) -> float:
    match, non_match = prior, 1 - prior
    for name, level in zip(linkage.FIELDS, pattern, strict=True):
        if level is not None:
            match *= m[name][level]
            non_match *= u[name][level]
    return match / (match + non_match) if match + non_match else 0.0


def blocked_pairs(keys: Sequence[object], limit: int, rng: random.Random) -> list[tuple[int, int]]:
    """Up to `limit` pairs of indexes whose keys are equal (None never pairs), sampled with `rng`."""
    groups: dict[object, list[int]] = {}
    for i, key in enumerate(keys):
        if key is not None:
            groups.setdefault(key, []).append(i)
    pairs = [(a, b) for members in groups.values() for n, a in enumerate(members) for b in members[n + 1 :]]
    return rng.sample(pairs, min(len(pairs), limit))


def estimate_register(
    records: Sequence[CandidateRecord], *, on: date, pairs: int = 20_000, seed: int = 0
) -> tuple[linkage.Weights, int]:
    """Weights for a register, and the number of pairs compared: `pairs` random pairs for u, and up
    to `pairs` sharing a date of birth, then a surname and first-name key, for m."""
    rng = random.Random(seed)  # noqa: S311 - a seeded sample of pairs, not a secret
    random_vectors = [vector(records[i], records[j]) for i, j in random_pairs(len(records), pairs, seed)]
    by_birth = [r.date_of_birth for r in records]
    by_name = [(name_key(r.last_name), name_key(r.first_name)) if r.first_name else None for r in records]
    passes = []
    for keys, blocked_on in ((by_birth, {"date_of_birth"}), (by_name, {"last_name", "first_name"})):
        chosen = blocked_pairs(keys, pairs, rng)
        passes.append(([vector(records[a], records[b]) for a, b in chosen], frozenset(blocked_on)))
    compared = len(random_vectors) + sum(len(vectors) for vectors, _ in passes)
    return estimate(random_vectors, passes, on=on, tf=term_frequencies(records)), compared


def term_frequencies(records: Sequence[CandidateRecord]) -> dict[str, dict[str, float]]:
    """For each name field, the share of people with each normalised name (those with a name at
    all), rounded to six significant figures to keep the stored weights small."""
    tables: dict[str, dict[str, float]] = {}
    for name in linkage.TF_FIELDS:
        counts = Counter(normalise_name(getattr(r, name)) for r in records)
        counts.pop("", None)
        total = sum(counts.values())
        if total:
            tables[name] = {value: float(f"{n / total:.6g}") for value, n in sorted(counts.items())}
    return tables


def estimate(
    random_vectors: Sequence[Vector],
    passes: Iterable[tuple[Sequence[Vector], frozenset[str]]],
    *,
    on: date,
    prior: float = linkage.DEFAULT_PRIOR,
    tf: Mapping[str, Mapping[str, float]] | None = None,
) -> linkage.Weights:
    """Weights from random pairs (u) and blocked passes (m by EM), dated `on`.

    The prior for a search stays the default: EM's share of matches is the share among *blocked
    pairs* of the register, not the chance that one candidate is the person a caller describes.
    An m estimate that says the same person mostly disagrees on a field (m of exact agreement below
    one half) is discarded for the default: EM has locked onto siblings or chance pairs, which is
    what it does on a register with too few duplicates to learn from.
    """
    u = u_probabilities(random_vectors)
    m: dict[str, dict[str, float]] = {name: dict(levels) for name, levels in linkage.DEFAULT_M.items()}
    for vectors, blocked_on in passes:
        result = expectation_maximisation(vectors, u=u, m=m, prior=0.01, blocked_on=blocked_on)
        if result.expected_matches >= MIN_EXPECTED_MATCHES:
            m = result.m
    for name in linkage.FIELDS:
        if m[name]["exact"] < TRUSTED_EXACT_M or m[name]["different"] >= u[name]["different"]:
            m[name] = dict(linkage.DEFAULT_M[name])
    return linkage.Weights(m=m, u=u, prior=prior, estimated_on=on, tf=_common(tf or {}, u))


def _common(tf: Mapping[str, Mapping[str, float]], u: Mapping[str, Mapping[str, float]]) -> dict:
    """Only the names more common than the level's u: the adjustment is one-sided
    (linkage.Weights.bits), so the rest change nothing, and the stored weights, read by every
    search, stay a few hundred names long however large the register."""
    common = {
        name: {value: share for value, share in table.items() if share > u[name]["exact"]}
        for name, table in tf.items()
    }
    return {name: table for name, table in common.items() if table}
