"""Fellegi-Sunter scoring for "is this child already known?": pure functions, no Django.

Source: Fellegi and Sunter, "A theory for record linkage" (JASA, 1969); the comparison levels and the
estimation follow splink (UK Ministry of Justice; see ../shared/domain/practice.md, record linkage).
Each field of a query is compared with a candidate at one *level* (exact, sounds the same, a short
form...). For each level, m is the probability of that level when the two are the same person and u
when they are not; the level adds log2(m / u) bits of evidence. The bits, plus the prior log-odds
that a candidate is the person, give the match probability. A field missing on either side adds
nothing. The m and u come from `estimation.py` (expectation-maximisation on the authority's own
register) or, until that has run, from DEFAULT_M and DEFAULT_U below.

Term frequency (splink's "term frequency adjustment"): two records agreeing exactly on "Smith" is
weaker evidence than agreeing on "Featherstonehaugh". For an exact first name or surname the u of
the level is replaced by the share of the register's people with that very name (stored with the
weights, `Weights.tf`) when that is higher, so a common name agreeing earns fewer bits.
"""

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from math import log2

import jellyfish

from frontdoor.people.rules import (
    CandidateRecord,
    SearchQuery,
    format_nhs_number,
    name_likeness,
    normalise_name,
    normalise_nhs_number,
    normalise_postcode,
    normalise_upn,
    swap_day_month,
)

# Levels per field, strongest first; a pair takes the first level that applies.
LEVELS: dict[str, tuple[str, ...]] = {
    "first_name": ("exact", "swapped", "sounds", "short", "close", "other_name", "initial", "different"),
    "last_name": (
        "exact", "swapped", "former", "sounds", "close", "part", "similar", "former_close", "different",
    ),
    "date_of_birth": ("exact", "day_month", "one_digit", "one_year", "different"),
    "postcode": ("exact", "former", "sector", "district", "different"),
    "nhs_number": ("exact", "different"),
    "upn": ("exact", "different"),
}  # fmt: skip
FIELDS = tuple(LEVELS)
TF_FIELDS = ("first_name", "last_name")  # fields whose exact agreement is weighed by the name's frequency

# m: the level's probability for the same person (errors callers make: a short form in about 1 in 20
# first names, a digit out in about 1 in 20 dates). u: for two different people in one authority's
# register (a popular first name is shared by about 1 in 100 children; a date of birth by 1 in 5,000).
DEFAULT_M: dict[str, dict[str, float]] = {
    "first_name": {"exact": 0.85, "swapped": 0.004, "sounds": 0.03, "short": 0.05, "close": 0.04,
                   "other_name": 0.02, "initial": 0.005, "different": 0.001},
    "last_name": {"exact": 0.84, "swapped": 0.004, "former": 0.03, "sounds": 0.03, "close": 0.04,
                  "part": 0.01, "similar": 0.01, "former_close": 0.005, "different": 0.03},
    "date_of_birth": {"exact": 0.88, "day_month": 0.02, "one_digit": 0.06, "one_year": 0.01,
                      "different": 0.03},
    "postcode": {"exact": 0.75, "former": 0.05, "sector": 0.04, "district": 0.03, "different": 0.13},
    "nhs_number": {"exact": 0.995, "different": 0.005},
    "upn": {"exact": 0.98, "different": 0.02},
}  # fmt: skip
DEFAULT_U: dict[str, dict[str, float]] = {
    "first_name": {"exact": 0.01, "swapped": 0.0001, "sounds": 0.004, "short": 0.002, "close": 0.004,
                   "other_name": 0.003, "initial": 0.05, "different": 0.9269},
    "last_name": {"exact": 0.003, "swapped": 0.00005, "former": 0.0005, "sounds": 0.002, "close": 0.002,
                  "part": 0.0005, "similar": 0.01, "former_close": 0.0005, "different": 0.98145},
    "date_of_birth": {"exact": 0.0002, "day_month": 0.00005, "one_digit": 0.004, "one_year": 0.0006,
                      "different": 0.99515},
    "postcode": {"exact": 0.0003, "former": 0.0001, "sector": 0.003, "district": 0.02, "different": 0.9766},
    "nhs_number": {"exact": 1e-7, "different": 0.9999999},
    "upn": {"exact": 1e-6, "different": 0.999999},
}  # fmt: skip
# The prior: about one person in 100,000 on a county register is the one a caller describes.
DEFAULT_PRIOR = 1e-5

MATCH = "match"
_WEAK_FIRST = frozenset({None, "other_name", "initial"})  # first-name levels that never make a match
POSSIBLE = "possible"
NO_MATCH = "no match"
# Bands on the match probability. A match is what a worker would accept without a second look; a
# possible match is shown, labelled, for the worker to check against the reasons.
MATCH_PROBABILITY = 0.95
# One in five, not one in twenty: on bench/matching.py (seeds 7 and 11) the candidates between the two
# were mostly children not on the system who share a first name and date of birth with someone
# (false alarms 0.035 -> 0.021) and about one known child in 1,600 (recall among shown -0.001).
POSSIBLE_PROBABILITY = 0.2
SPARSE_MARGIN_BITS = 6.0
# The best candidate is put first only if the evidence makes it at least twice as likely as the next
# (one bit); closer than that, the order is the accident of a slip, not evidence (see rank).
TIE_MARGIN_BITS = 1.0
BAND_LABELS = {MATCH: "Match", POSSIBLE: "Possible match", NO_MATCH: "No match"}


@dataclass(frozen=True)
class Weights:
    """m and u for every field and level, and the prior; `estimated_on` is None for the defaults."""

    m: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: DEFAULT_M)
    u: Mapping[str, Mapping[str, float]] = field(default_factory=lambda: DEFAULT_U)
    prior: float = DEFAULT_PRIOR
    estimated_on: date | None = None
    # Share of the register's people with each normalised first name and surname (TF_FIELDS); empty
    # for the defaults, which then use the level's u for every name.
    tf: Mapping[str, Mapping[str, float]] = field(default_factory=dict)

    def bits(self, name: str, level: str, value: str = "") -> float:
        """The match weight of `level` in `name`: log2(m / u); for an exact name, u is the name's
        term frequency when the register's frequencies are known and it is above the level's u.

        One-sided, like splink's tf_minimum_u_value: a common name agreeing counts for less, but a
        rare one no more than the level's average. A rare name's frequency rests on a handful of
        people and, measured on the bench, raising it let strangers with an uncommon name be shown
        (false alarms 0.035 -> 0.046) for no gain in recall."""
        u = self.u[name][level]
        table = self.tf.get(name) if value and level == "exact" else None
        if table:
            u = max(u, table.get(value, 0.0))
        return log2(self.m[name][level] / u)

    @property
    def prior_bits(self) -> float:
        return log2(self.prior / (1 - self.prior))

    def as_json(self) -> dict:
        return {"m": self.m, "u": self.u, "prior": self.prior, "tf": self.tf}

    @classmethod
    def from_json(cls, data: Mapping, estimated_on: date | None = None) -> "Weights":
        """Stored weights, with the defaults for any field or level they lack (a level added later)."""
        m = {f: {**DEFAULT_M[f], **data.get("m", {}).get(f, {})} for f in FIELDS}
        u = {f: {**DEFAULT_U[f], **data.get("u", {}).get(f, {})} for f in FIELDS}
        tf = {f: dict(data.get("tf", {}).get(f, {})) for f in TF_FIELDS if data.get("tf", {}).get(f)}
        prior = float(data.get("prior", DEFAULT_PRIOR))
        return cls(m=m, u=u, prior=prior, estimated_on=estimated_on, tf=tf)


DEFAULT_WEIGHTS = Weights()


@dataclass(frozen=True)
class Comparison:
    """The level of each field (None: missing on either side) and the reason in words for each."""

    levels: Mapping[str, str | None]
    reasons: Mapping[str, str]


@dataclass(frozen=True)
class LinkMatch:
    score: float  # the match probability, 0..1, to three places
    weight: float  # the match weight in bits (prior included)
    band: str  # MATCH, POSSIBLE or NO_MATCH
    reasons: tuple[str, ...] = ()
    tied: bool = False  # as likely as another candidate on what was given: not a first result

    @property
    def band_label(self) -> str:
        return BAND_LABELS[self.band]


def compare(query: SearchQuery, candidate: CandidateRecord) -> Comparison:
    """The comparison vector of a query and a candidate, with a reason for each field compared."""
    levels: dict[str, str | None] = {}
    reasons: dict[str, str] = {}
    swapped = _names_swapped(query, candidate)
    for name, comparer in _COMPARERS.items():
        level: str | None
        if swapped and name in {"first_name", "last_name"}:
            level, reason = (
                "swapped",
                f"First name and surname swapped ({candidate.first_name} {candidate.last_name})",
            )
        else:
            level, reason = comparer(query, candidate)
        levels[name] = level
        if reason and reason not in reasons.values():
            reasons[name] = reason
    return Comparison(levels, reasons)


def score(query: SearchQuery, candidate: CandidateRecord, weights: Weights = DEFAULT_WEIGHTS) -> LinkMatch:
    """The match probability of `candidate` being the person the query describes, its band and reasons.

    Bands: a match at MATCH_PROBABILITY, or when the NHS number or UPN is the same (an identifier
    is decisive: the person on the register is the one the number was issued to); a possible match
    at POSSIBLE_PROBABILITY. A query that gives too little to reach a match even if everything
    agreed (a name alone, a postcode alone) shows the candidates that agree on nearly all it gives
    (within SPARSE_MARGIN_BITS of the most it could earn) as possible matches: that is the lookup
    the worker asked for.

    Twins and siblings: Fellegi-Sunter assumes fields agree independently, which siblings break
    (surname, address and, for twins, date of birth agree together). So a first name that is given
    on both sides and plainly different (no short form, spelling, middle or other name) rules the
    candidate out unless the NHS number or UPN agrees: children rarely change first names, and a
    twin must never be taken for the other. For the same reason a candidate without a first name
    to compare (none given, or none recorded), or whose first name agrees only with a middle or
    other name, or by initial, is at most a possible match: a twin's middle name can be the other
    twin's first name.
    """
    comparison = compare(query, candidate)
    values = _tf_values(query)
    bits = weights.prior_bits + sum(
        weights.bits(name, level, values.get(name, ""))
        for name, level in comparison.levels.items()
        if level is not None
    )
    probability = 1 / (1 + 2 ** -min(max(bits, -60.0), 60.0))
    identifier = "exact" in {comparison.levels["nhs_number"], comparison.levels["upn"]}
    attainable = attainable_bits(query, weights)
    if comparison.levels["first_name"] == "different" and not identifier:
        band = NO_MATCH
    elif identifier or (
        probability >= MATCH_PROBABILITY and comparison.levels["first_name"] not in _WEAK_FIRST
    ):
        band = MATCH
    elif probability >= POSSIBLE_PROBABILITY or _sparse_but_agreeing(bits, attainable):
        band = POSSIBLE
    else:
        band = NO_MATCH
    ordered = sorted(
        comparison.reasons.items(),
        key=lambda item: -abs(weights.bits(item[0], comparison.levels[item[0]] or "different")),
    )
    return LinkMatch(round(probability, 3), round(bits, 2), band, tuple(reason for _, reason in ordered))


def _sparse_but_agreeing(bits: float, attainable: float) -> bool:
    """The query could not reach a match, and the candidate agrees on nearly all it gives."""
    return attainable < _log_odds(MATCH_PROBABILITY) and bits >= attainable - SPARSE_MARGIN_BITS


def _log_odds(probability: float) -> float:
    return log2(probability / (1 - probability))


def attainable_bits(query: SearchQuery, weights: Weights = DEFAULT_WEIGHTS) -> float:
    """The most a candidate could score on this query: every field it gives agreeing exactly."""
    given = {
        "first_name": normalise_name(query.first_name),
        "last_name": normalise_name(query.last_name),
        "date_of_birth": query.date_of_birth,
        "postcode": query.postcode.strip(),
        "nhs_number": normalise_nhs_number(query.nhs_number),
        "upn": normalise_upn(query.upn),
    }
    values = _tf_values(query)
    return weights.prior_bits + sum(
        weights.bits(name, "exact", values.get(name, "")) for name, value in given.items() if value
    )


def _tf_values(query: SearchQuery) -> dict[str, str]:
    """The query's names as the term-frequency table keys them."""
    return {"first_name": normalise_name(query.first_name), "last_name": normalise_name(query.last_name)}


def rank(
    query: SearchQuery,
    candidates: Iterable[tuple[int, CandidateRecord]],
    *,
    limit: int,
    weights: Weights = DEFAULT_WEIGHTS,
) -> list[tuple[int, LinkMatch]]:
    """Matches and possible matches, best first; no-match candidates are dropped.

    When the best two or more score the same, nothing in what was given tells them apart (typically
    the same name and no date of birth); within TIE_MARGIN_BITS, the evidence hardly does. Either
    way none of them is a first result: each is at most a possible match, marked `tied`, with the
    reason first (listed best first, then by id, an order that means little).
    """
    scored = [(key, score(query, record, weights)) for key, record in candidates]
    kept = [(key, m) for key, m in scored if m.band != NO_MATCH]
    kept.sort(key=lambda item: (-item[1].weight, item[0]))
    alike = [key for key, m in kept if m.weight > kept[0][1].weight - TIE_MARGIN_BITS]
    if len(alike) > 1:
        same = kept[len(alike) - 1][1].weight == kept[0][1].weight
        how = "Cannot be told apart from" if same else "Hard to tell apart from"
        ask = "" if query.date_of_birth else ": ask for their date of birth"
        tied = [(key, _tied(m, f"{how} {_others(len(alike) - 1)} on what was given{ask}")) for key, m in kept]
        kept[: len(alike)] = tied[: len(alike)]
    return kept[:limit]


def _others(count: int) -> str:
    return "another record" if count == 1 else f"{count} other records"


def _tied(match: LinkMatch, reason: str) -> LinkMatch:
    return replace(match, band=POSSIBLE, tied=True, reasons=(reason, *match.reasons))


# --- Field comparisons ----------------------------------------------------------------------------


def _names_swapped(query: SearchQuery, candidate: CandidateRecord) -> bool:
    """The caller gave the surname as the first name and the first name as the surname."""
    said_first, said_last = normalise_name(query.first_name), normalise_name(query.last_name)
    if not said_first or not said_last or said_first == said_last:
        return False
    # The same guard on the record's side, so the comparison stays symmetric: "Jack Jack" against
    # "Jak Jack" is not a swap whichever of the two is the query.
    if normalise_name(candidate.first_name) == normalise_name(candidate.last_name):
        return False
    return (
        _alike(said_first, candidate.last_name)
        and _alike(said_last, candidate.first_name)
        and name_likeness(said_first, candidate.first_name) != "exact"
    )


_NEAR_OR_SHORT = frozenset({"exact", "sounds", "close", "short"})


def _alike(one: str, other: str) -> bool:
    """Close, or a known short form, read either way round: the swap test must not depend on which
    record is the query ("Oliver Bill" against "William Oliver" and back)."""
    return (
        name_likeness(one, other, given=True) in _NEAR_OR_SHORT
        or name_likeness(other, one, given=True) in _NEAR_OR_SHORT
    )


def _first_name(query: SearchQuery, candidate: CandidateRecord) -> tuple[str | None, str]:
    said, held, known_as = query.first_name.strip(), candidate.first_name.strip(), candidate.known_as.strip()
    if not normalise_name(said) or not normalise_name(held):
        return None, ""
    if name_likeness(said, held) == "exact":
        return "exact", "Same first name"
    if known_as and name_likeness(said, known_as) == "exact":
        return "exact", f"Known as {known_as}"
    for name in filter(None, (held, known_as)):
        kind = name_likeness(said, name, given=True)
        if kind == "sounds":
            return "sounds", f"First name sounds the same ({said} ↔ {name})"
        if kind == "short":
            return "short", f"First name is a short form ({said} ↔ {name})"
        if kind == "typo":
            return "close", f"First name is spelt similarly ({said} ↔ {name})"
    for middle in candidate.middle_names.split():
        if name_likeness(said, middle, given=True) in {"exact", "short", "sounds"}:
            return "other_name", f"First name matches a middle name ({middle})"
    for other in candidate.other_names:
        if other.first_name and name_likeness(said, other.first_name, given=True) in {"exact", "short"}:
            return "other_name", f"First name matches a name they have used ({other.first_name})"
    said_norm, held_norm = normalise_name(said), normalise_name(held)
    if len(said_norm) == 1 and held_norm.startswith(said_norm):
        return "initial", f"Same first initial ({held[0].upper()})"
    return "different", f"Different first name ({held})"


def _last_name(query: SearchQuery, candidate: CandidateRecord) -> tuple[str | None, str]:
    said, held = query.last_name.strip(), candidate.last_name.strip()
    if not normalise_name(said) or not normalise_name(held):
        return None, ""
    kind = name_likeness(said, held)
    if kind == "exact":
        return "exact", "Same surname"
    others = [o for o in candidate.other_names if normalise_name(o.last_name)]
    for other in others:
        if name_likeness(said, other.last_name) == "exact":
            which = "Former surname" if other.kind == "former" else "Other surname used"
            return "former", f"{which} matches ({other.last_name})"
    if kind == "sounds":
        return "sounds", f"Surname sounds the same ({said} ↔ {held})"
    if kind == "typo":
        return "close", f"Surname is spelt similarly ({said} ↔ {held})"
    said_parts, held_parts = set(normalise_name(said).split()), set(normalise_name(held).split())
    if len(said_parts | held_parts) > 1 and said_parts & held_parts:
        return "part", f"Surname is part of a double-barrelled name ({said} ↔ {held})"
    a, b = normalise_name(said).replace(" ", ""), normalise_name(held).replace(" ", "")
    if min(len(a), len(b)) >= 4 and jellyfish.jaro_winkler_similarity(a, b) >= 0.88:
        return "similar", f"Surname is a little like it ({said} ↔ {held})"
    for other in others:
        if name_likeness(said, other.last_name) in {"sounds", "typo"}:
            which = "Former surname" if other.kind == "former" else "Other surname used"
            return "former_close", f"{which} is similar ({other.last_name})"
    return "different", f"Different surname ({held})"


def _date_of_birth(query: SearchQuery, candidate: CandidateRecord) -> tuple[str | None, str]:
    said, held = query.date_of_birth, candidate.date_of_birth
    if said is None or held is None:
        return None, ""
    if said == held:
        return "exact", "Same date of birth"
    if swap_day_month(said) == held:
        return "day_month", f"Date of birth matches with day and month swapped ({said:%d/%m} ↔ {held:%d/%m})"
    if jellyfish.damerau_levenshtein_distance(said.strftime("%d%m%Y"), held.strftime("%d%m%Y")) == 1:
        return "one_digit", f"Date of birth differs by one digit ({said:%d/%m/%Y} ↔ {held:%d/%m/%Y})"
    if (said.day, said.month) == (held.day, held.month) and abs(said.year - held.year) == 1:
        return "one_year", f"Date of birth a year out ({said:%d/%m/%Y} ↔ {held:%d/%m/%Y})"
    return "different", f"Different date of birth ({held:%d/%m/%Y})"


def postcode_sector(postcode: str) -> str:
    """ "WR1 2AB" -> "WR1 2": the outward code and the inward digit."""
    return postcode[:-2] if len(postcode) > 4 else ""


def postcode_district(postcode: str) -> str:
    """ "WR1 2AB" -> "WR1"."""
    return postcode.split(" ")[0] if " " in postcode else ""


def _postcode(query: SearchQuery, candidate: CandidateRecord) -> tuple[str | None, str]:
    said = normalise_postcode(query.postcode) if query.postcode.strip() else ""
    if not said or not (candidate.postcodes or candidate.former_postcodes):
        return None, ""
    if said in candidate.postcodes:
        return "exact", f"Lives at {said}"
    if said in candidate.former_postcodes:
        return "former", f"Lived at {said} before"
    if not candidate.postcodes:
        return None, ""
    sector, district = postcode_sector(said), postcode_district(said)
    if sector and sector in {postcode_sector(p) for p in candidate.postcodes}:
        return "sector", f"Lives nearby (postcode sector {sector})"
    if district and district in {postcode_district(p) for p in candidate.postcodes}:
        return "district", f"Lives in the same postcode district ({district})"
    return "different", ""


def _nhs_number(query: SearchQuery, candidate: CandidateRecord) -> tuple[str | None, str]:
    said = normalise_nhs_number(query.nhs_number)
    if not said or not candidate.nhs_number:
        return None, ""
    if said == candidate.nhs_number:
        return "exact", "Same NHS number"
    held = format_nhs_number(candidate.nhs_number)
    return "different", f"Different NHS number ({format_nhs_number(said)} ↔ {held})"


def _upn(query: SearchQuery, candidate: CandidateRecord) -> tuple[str | None, str]:
    said = normalise_upn(query.upn)
    if not said or not candidate.upn:
        return None, ""
    if said == candidate.upn:
        return "exact", "Same UPN"
    return "different", "Different UPN"


_COMPARERS = {
    "first_name": _first_name,
    "last_name": _last_name,
    "date_of_birth": _date_of_birth,
    "postcode": _postcode,
    "nhs_number": _nhs_number,
    "upn": _upn,
}
