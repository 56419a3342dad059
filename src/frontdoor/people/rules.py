"""Identifiers and "is this child already known?" matching: pure functions, no Django.

Identifier rules follow the DfE CIN census (UPN: rules 1510-1550) and the NHS Data Dictionary
(NHS number: modulus 11); see ../shared/domain/standards.md section 5. Messages are written for the
person at the keyboard and are shown beside the field.
"""

import re
import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cache, lru_cache
from typing import NamedTuple

import jellyfish
import nhs_number as nhs_lib

from frontdoor.people.nicknames import NAME_GROUPS

# --- NHS number --------------------------------------------------------------------------------

NHS_FORMAT_MESSAGE = "Enter a 10-digit NHS number, like 943 476 5919"
NHS_INVALID_MESSAGE = "This NHS number is not valid: check the digits"
NHS_DUMMY_MESSAGE = (
    "This is a placeholder, not a real NHS number: enter the child's NHS number or leave it blank"
)


def normalise_nhs_number(value: str) -> str:
    """The NHS number without spaces or hyphens ("943 476 5919" -> "9434765919")."""
    return re.sub(r"[\s\-]", "", value or "")


def nhs_number_problem(value: str) -> str | None:
    """None when `value` is a valid NHS number, else the message to show beside the field.

    Modulus 11 (NHS Data Dictionary): digits 1-9 weighted 10..2, check = 11 - (sum mod 11), 11 -> 0,
    10 -> invalid. The check is the `nhs-number` library's `is_valid`, which also rejects numbers in
    the Scottish CHI range (010 101 0000 to 311 299 9999) whose first six digits are not a real
    DDMMYY date: such a number cannot have been issued.
    """
    number = normalise_nhs_number(value)
    if not re.fullmatch(r"[0-9]{10}", number):
        return NHS_FORMAT_MESSAGE
    if is_dummy_nhs_number(number):
        return NHS_DUMMY_MESSAGE
    if not nhs_lib.is_valid(number):
        return NHS_INVALID_MESSAGE
    return None


def is_dummy_nhs_number(number: str) -> bool:
    """A placeholder typed when the real number is not known: one digit ten times (0000000000,
    1111111111, ... 9999999999). Each passes modulus 11, because 54 (the sum of the weights) is -1
    mod 11, so the check digit of ddddddddd is d; none is issued (issue 18). The NHS's test range
    (999 ...) is allowed: standards.md section 5.2 says to allow it in test builds, and it is not
    documented as a refusal."""
    return len(number) == 10 and len(set(number)) == 1


def format_nhs_number(value: str) -> str:
    """The display form, "943 476 5919"."""
    number = normalise_nhs_number(value)
    return f"{number[:3]} {number[3:6]} {number[6:]}" if len(number) == 10 else number


# --- UPN (unique pupil number) ------------------------------------------------------------------

UPN_LETTERS = "ABCDEFGHJKLMNPQRTUVWXYZ"  # 23 letters: no I, O or S

# CIN rule 1530 (2023-24): characters 2-4 must be a post-1998 LA code or a pseudo-LA code.
_LA_RANGES = (
    (1, 5), (201, 213), (301, 320), (330, 336), (340, 344), (350, 359), (370, 373), (380, 384),
    (390, 394), (420, 420), (660, 681), (701, 708), (800, 803), (805, 808), (810, 813), (815, 816),
    (820, 823), (825, 826), (830, 831), (835, 839), (840, 841), (845, 846), (850, 852), (855, 857),
    (860, 861), (865, 896), (908, 909), (916, 916), (919, 919), (921, 921), (925, 926), (928, 929),
    (931, 931), (933, 933), (935, 938), (940, 941),
)  # fmt: skip
UPN_LA_CODES = frozenset(f"{n:03d}" for low, high in _LA_RANGES for n in range(low, high + 1))

UPN_LENGTH_MESSAGE = "Enter a UPN of 13 characters, like A885000012345"
UPN_FIRST_MESSAGE = "The first character of a UPN must be a letter other than I, O or S"
UPN_LA_MESSAGE = "Characters 2 to 4 of a UPN must be a local authority number, like 885"
UPN_DIGITS_MESSAGE = "Characters 5 to 12 of a UPN must be numbers"
UPN_LAST_MESSAGE = (
    "The last character of a UPN must be a number, or a letter other than I, O or S for a temporary UPN"
)
UPN_CHECK_MESSAGE = "This UPN is not valid: check the characters"


def normalise_upn(value: str) -> str:
    """The UPN in capitals without spaces."""
    return re.sub(r"\s", "", value or "").upper()


def upn_check_letter(body: str) -> str:
    """The check letter (character 1) for the twelve characters that follow it (characters 2-13).

    CIN rule 1510: multiply character k by weight k for k = 2..13, sum, take the remainder mod 23 and
    map 0..22 onto ABCDEFGHJKLMNPQRTUVWXYZ. A temporary UPN ends in a letter, which counts as its
    position in that same alphabet (A = 0 ... Z = 22).
    """
    body = normalise_upn(body)
    if len(body) != 12 or not body[:11].isdigit() or not (body[11].isdigit() or body[11] in UPN_LETTERS):
        raise ValueError("A UPN check letter needs 11 digits then a digit or letter (characters 2-13)")
    values = [int(c) for c in body[:11]]
    values.append(int(body[11]) if body[11].isdigit() else UPN_LETTERS.index(body[11]))
    total = sum(value * weight for weight, value in enumerate(values, start=2))
    return UPN_LETTERS[total % 23]


def upn_problem(value: str) -> str | None:
    """None when `value` is a valid UPN, else the message for the first rule it breaks.

    Checked in the order a person can act on: length, character 1 is an allowed letter, characters
    2-4 an LA code (1530), 5-12 digits (1540), 13 a digit or, for a temporary UPN, an allowed letter
    (1550), then the check letter (1510).
    """
    upn = normalise_upn(value)
    if len(upn) != 13:
        return UPN_LENGTH_MESSAGE
    if upn[0] not in UPN_LETTERS:
        return UPN_FIRST_MESSAGE
    if upn[1:4] not in UPN_LA_CODES:
        return UPN_LA_MESSAGE
    if not upn[4:12].isdigit():
        return UPN_DIGITS_MESSAGE
    if not (upn[12].isdigit() or upn[12] in UPN_LETTERS):
        return UPN_LAST_MESSAGE
    if upn_check_letter(upn[1:]) != upn[0]:
        return UPN_CHECK_MESSAGE
    return None


def is_temporary_upn(value: str) -> bool:
    upn = normalise_upn(value)
    return len(upn) == 13 and upn[12].isalpha()


# --- Postcodes and references ---------------------------------------------------------------------

POSTCODE_MESSAGE = "Enter a full UK postcode, like WR1 2AB"
_POSTCODE = re.compile(r"(GIR 0AA|[A-Z]{1,2}[0-9][A-Z0-9]? [0-9][A-Z]{2})")


def normalise_postcode(value: str) -> str:
    """Capitals with one space before the inward code: "wr12ab" -> "WR1 2AB"."""
    compact = re.sub(r"\s", "", value or "").upper()
    return f"{compact[:-3]} {compact[-3:]}" if len(compact) > 3 else compact


def postcode_problem(value: str) -> str | None:
    return None if _POSTCODE.fullmatch(normalise_postcode(value)) else POSTCODE_MESSAGE


def person_reference(pk: int) -> str:
    """The person's LAchildID: "FD" and at least eight digits (alphanumeric, at most 20: CIN 1570/1580)."""
    return f"FD{pk:08d}"


# --- Names ------------------------------------------------------------------------------------


@lru_cache(maxsize=65_536)  # pure, and names repeat across searches
def normalise_name(name: str) -> str:
    """Lower case ASCII letters and single spaces: accents stripped, apostrophes dropped, hyphens
    and other punctuation as spaces ("O'Brien-Smyth" -> "obrien smyth", "Zoë" -> "zoe")."""
    decomposed = unicodedata.normalize("NFKD", name or "")
    ascii_only = "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()
    ascii_only = re.sub(r"['\u2018\u2019`]", "", ascii_only)
    return " ".join(re.sub(r"[^a-z]+", " ", ascii_only).split())


def _phonetic_form(name: str) -> str:
    """The normalised name as one word, with spellings that sound alike folded together first."""
    word = normalise_name(name).replace(" ", "")
    word = re.sub(r"^ma?c(?=[a-z])", "mac", word)  # McDonald, MacDonald
    return word.replace("mps", "ms").replace("ph", "f")  # Thompson/Thomson, Philips/Filips


@lru_cache(maxsize=65_536)  # pure, and names repeat across searches
def name_key(name: str) -> str:
    """A phonetic blocking key (Metaphone) of a surname or forename, at most 12 characters.

    "Smith" and "Smyth" -> "SM0"; "McDonald" and "MacDonald" -> "MKTNLT"; "" for a name with no Latin
    letters (such names are found by date of birth, identifiers and address instead).
    """
    word = _phonetic_form(name)
    return jellyfish.metaphone(word).upper()[:12] if word else ""


@cache
def _name_index() -> dict[str, frozenset[str]]:
    index: dict[str, set[str]] = {}
    for group in NAME_GROUPS:
        members = {normalise_name(n).replace(" ", "") for n in group}
        for member in members:
            index.setdefault(member, set()).update(members)
    return {name: frozenset(members) for name, members in index.items()}


@lru_cache(maxsize=65_536)  # pure, and names repeat across searches
def given_name_variants(name: str) -> frozenset[str]:
    """The name and every short form or spelling that shares a group with it (normalised, lower case).

    given_name_variants("Bill") contains "william", "will", "liam"; a name in no group gives itself.
    """
    word = normalise_name(name).replace(" ", "")
    if not word:
        return frozenset()
    return _name_index().get(word, frozenset()) | {word}


# --- Dates of birth -------------------------------------------------------------------------------


def swap_day_month(d: date) -> date | None:
    """The date read the other way round (03/07 <-> 07/03), or None if that is not a different date."""
    if d.day > 12 or d.day == d.month:
        return None
    return d.replace(day=d.month, month=d.day) if d.month <= _days_in(d.year, d.day) else None


def _days_in(year: int, month: int) -> int:
    following = date(year + (month == 12), month % 12 + 1, 1)
    return (following - date(year, month, 1)).days


def dob_variants(d: date) -> set[date]:
    """The dates of birth a search should look up for `d`: the date and its day/month swap.

    Deliberately NOT included: dates one day either side, or other one-digit slips. They would
    triple the people pulled in for every search, mostly strangers born a day apart; instead a
    one-digit slip is scored (see `score_match`) when the candidate is found by name, identifier
    or address.
    """
    swapped = swap_day_month(d)
    return {d, swapped} if swapped else {d}


def dob_slips(d: date) -> set[date]:
    """Real dates one typing slip from `d` in DD/MM/YYYY: one digit changed, or two neighbouring
    digits swapped (03/07/2015 -> 03/07/2016, 30/07/2015, 03/07/2051...). At most about 80 dates.

    Used only together with a surname that sounds the same (see BlockingKeys), never alone.
    """
    text = d.strftime("%d%m%Y")
    variants = {text[:i] + digit + text[i + 1 :] for i in range(8) for digit in "0123456789"}
    variants |= {text[:i] + text[i + 1] + text[i] + text[i + 2 :] for i in range(7)}
    slips = set()
    for variant in variants - {text}:
        try:
            slip = date(int(variant[4:]), int(variant[2:4]), int(variant[:2]))
        except ValueError:
            continue
        if slip.year >= 1900:  # nobody the front door meets was born earlier
            slips.add(slip)
    return slips


def _one_digit_apart(a: date, b: date) -> bool:
    """One digit mistyped, or two neighbouring digits transposed, in DDMMYYYY."""
    x, y = a.strftime("%d%m%Y"), b.strftime("%d%m%Y")
    return jellyfish.damerau_levenshtein_distance(x, y) == 1


# --- Matching ---------------------------------------------------------------------------------------


@dataclass(frozen=True)
class SearchQuery:
    """What the caller knows. Blank strings and None mean "not known"."""

    first_name: str = ""
    last_name: str = ""
    date_of_birth: date | None = None
    nhs_number: str = ""
    upn: str = ""
    postcode: str = ""


class OtherName(NamedTuple):
    """A former name or alias of a candidate (people.PersonName)."""

    first_name: str
    last_name: str
    kind: str = "former"  # "former" or "alias"


@dataclass(frozen=True)
class CandidateRecord:
    """What the system holds about one person, in the shape `score_match` compares."""

    first_name: str = ""
    last_name: str = ""
    other_names: tuple[OtherName, ...] = ()
    date_of_birth: date | None = None
    nhs_number: str = ""
    upn: str = ""
    postcodes: tuple[str, ...] = ()  # where they live now
    middle_names: str = ""
    known_as: str = ""
    former_postcodes: tuple[str, ...] = ()  # where they lived before


@dataclass(frozen=True)
class Match:
    score: float
    reasons: tuple[str, ...] = field(default=())


@dataclass(frozen=True)
class BlockingKeys:
    """What a search looks up before scoring: any one of these pulls a person in as a candidate.

    `name_key` is compared with the surname key and with former-name keys; when a date of birth is
    known the name block is narrowed to people born within a year either side of it, one typing
    slip from it (`name_dates`), or with no date of birth recorded: a name match with any other date
    scores below the threshold anyway. `dates_of_birth` (the date and its day/month swap) pull
    people in whatever their name.
    """

    name_key: str = ""
    birth_years: tuple[int, int] | None = None
    name_dates: frozenset[date] = frozenset()
    dates_of_birth: frozenset[date] = frozenset()
    nhs_number: str = ""
    upn: str = ""
    postcode: str = ""
    # Keys of the first name and its short forms: narrow the surname block when the date of birth is
    # missing or far out, and with a date of birth one slip away find a surname mistyped in its first
    # letter (which changes its phonetic key).
    first_name_keys: frozenset[str] = frozenset()
    # (surname key, first-name keys) to look up for a caller who gave the names the wrong way round.
    swapped: tuple[str, frozenset[str]] | None = None

    @property
    def empty(self) -> bool:
        return not (self.name_key or self.dates_of_birth or self.nhs_number or self.upn or self.postcode)


def first_name_keys(name: str) -> frozenset[str]:
    """The phonetic keys of a first name and of every short form of it ("Bill" -> WLM, BL, WL...)."""
    return frozenset(filter(None, (name_key(variant) for variant in given_name_variants(name))))


def blocking_keys(query: SearchQuery) -> BlockingKeys:
    dob = query.date_of_birth
    first_keys = first_name_keys(query.first_name)
    swapped_surname, swapped_first = name_key(query.first_name), first_name_keys(query.last_name)
    return BlockingKeys(
        first_name_keys=first_keys,
        swapped=(swapped_surname, swapped_first) if swapped_surname and swapped_first else None,
        name_key=name_key(query.last_name),
        birth_years=(dob.year - 1, dob.year + 1) if dob else None,
        name_dates=frozenset(dob_slips(dob)) if dob else frozenset(),
        dates_of_birth=frozenset(dob_variants(dob)) if dob else frozenset(),
        nhs_number=normalise_nhs_number(query.nhs_number),
        upn=normalise_upn(query.upn),
        postcode=normalise_postcode(query.postcode) if query.postcode.strip() else "",
    )


# Points for each kind of agreement; see score_match.
W_SURNAME = {"exact": 0.30, "former": 0.25, "sounds": 0.25, "typo": 0.22, "part": 0.22, "former_near": 0.18}
W_FIRST = {"exact": 0.25, "sounds": 0.20, "short": 0.20, "typo": 0.18, "middle": 0.15, "initial": 0.08}
W_DOB = {"exact": 0.40, "swap": 0.30, "digit": 0.20}
W_POSTCODE = {"current": 0.10, "former": 0.05}
PENALTY_FIRST_NAME = 0.35
PENALTY_SURNAME = 0.10
PENALTY_DOB = 0.25
PENALTY_NHS = 0.40
PENALTY_UPN = 0.20
CAP_WITHOUT_IDENTIFIER = 0.95
THRESHOLD = 0.5


def score_match(query: SearchQuery, candidate: CandidateRecord) -> Match:
    """How well `candidate` fits what the caller said, 0..1, with the reasons a worker can check.

    Weights. Each field the query gives can earn points: surname 0.30 (exact; 0.25 sounds the same
    or matches a former surname; 0.22 a typing slip or one half of a double-barrelled name), first
    name 0.25 (exact or "known as"; 0.20 sounds the same or a short form; 0.18 a typing slip; 0.15 a
    middle name; 0.08 initial only), date of birth 0.40 (0.30 day and month swapped; 0.20 one digit
    out) and postcode 0.10 (0.05 a former address). Contradictions take points away: a different
    first name -0.35 (children rarely change first names; this keeps twins and siblings apart), a
    different date of birth -0.25, a different surname -0.10 (children's surnames do change). A
    field missing from the record neither earns nor costs. The score is the points earned divided
    by the most the query's fields could earn (so a surname-only search can still reach the
    threshold), capped at 0.95 without an identifier match.

    Example: "William Smith 03/07/2015" against Bill Smyth 07/03/2015 earns 0.25 + 0.20 + 0.30 of
    0.95 possible: 0.789. Against his twin Harry Smith 03/07/2015: 0.30 - 0.35 + 0.40 = 0.35 of
    0.95: 0.368, below the 0.5 threshold.

    Identifiers. The same NHS number or UPN is decisive: score 1.0. A different NHS number takes
    0.40 off the score: modulus 11 catches almost every typing slip, so two valid, different numbers usually
    mean two people, but a perfect name and date of birth match still shows, flagged, because
    missing a known child costs more than a second look. A different UPN takes 0.20 off (UPNs are
    replaced: temporary ones, and on moving school in error).

    Reasons are sentences for the worker, strongest first, including what contradicts.
    """
    if _same_identifier(query, candidate):
        reasons = _identifier_reasons(query, candidate) + _evidence(query, candidate)[2]
        return Match(1.0, tuple(reasons))
    earned, possible, reasons = _evidence(query, candidate)
    score = min(CAP_WITHOUT_IDENTIFIER, earned / possible) if possible else 0.0
    score = max(0.0, score - _identifier_penalty(query, candidate, reasons))
    return Match(round(score, 3), tuple(reasons))


def _same_identifier(query: SearchQuery, candidate: CandidateRecord) -> bool:
    nhs = normalise_nhs_number(query.nhs_number)
    upn = normalise_upn(query.upn)
    return bool((nhs and nhs == candidate.nhs_number) or (upn and upn == candidate.upn))


def _identifier_reasons(query: SearchQuery, candidate: CandidateRecord) -> list[str]:
    reasons = []
    nhs, upn = normalise_nhs_number(query.nhs_number), normalise_upn(query.upn)
    if nhs and nhs == candidate.nhs_number:
        reasons.append("Same NHS number")
    if upn and upn == candidate.upn:
        reasons.append("Same UPN")
    return reasons


def _identifier_penalty(query: SearchQuery, candidate: CandidateRecord, reasons: list[str]) -> float:
    penalty = 0.0
    nhs = normalise_nhs_number(query.nhs_number)
    if nhs and candidate.nhs_number and nhs != candidate.nhs_number:
        held = format_nhs_number(candidate.nhs_number)
        reasons.insert(0, f"Different NHS number ({format_nhs_number(nhs)} ↔ {held})")
        penalty += PENALTY_NHS
    upn = normalise_upn(query.upn)
    if upn and candidate.upn and upn != candidate.upn:
        reasons.insert(0, "Different UPN")
        penalty += PENALTY_UPN
    return penalty


def _evidence(query: SearchQuery, candidate: CandidateRecord) -> tuple[float, float, list[str]]:
    earned = possible = 0.0
    reasons: list[str] = []
    for compare, weights, given in (
        (_compare_surname, W_SURNAME, bool(normalise_name(query.last_name))),
        (_compare_first_name, W_FIRST, bool(normalise_name(query.first_name))),
        (_compare_dob, W_DOB, query.date_of_birth is not None),
        (_compare_postcode, W_POSTCODE, bool(query.postcode.strip())),
    ):
        if not given:
            continue
        possible += max(weights.values())
        points, reason = compare(query, candidate)
        earned += points
        if reason:
            reasons.append(reason)
    return earned, possible, reasons


def _compare_surname(query: SearchQuery, candidate: CandidateRecord) -> tuple[float, str]:
    said, held = query.last_name.strip(), candidate.last_name.strip()
    kind = name_likeness(said, held) if held else None
    if kind == "exact":
        return W_SURNAME["exact"], "Same surname"
    if kind == "sounds":
        return W_SURNAME["sounds"], f"Surname sounds the same ({said} ↔ {held})"
    former = [o for o in candidate.other_names if o.last_name.strip()]
    for other in former:
        if name_likeness(said, other.last_name) == "exact":
            return W_SURNAME["former"], _other_surname_reason(other, exact=True)
    if kind == "typo":
        return W_SURNAME["typo"], f"Surname is spelt similarly ({said} ↔ {held})"
    if held and _part_of_double_barrel(said, held):
        return W_SURNAME["part"], f"Surname is part of a double-barrelled name ({said} ↔ {held})"
    for other in former:
        if name_likeness(said, other.last_name) in {"sounds", "typo"}:
            return W_SURNAME["former_near"], _other_surname_reason(other, exact=False)
    if not held:
        return 0.0, ""
    return -PENALTY_SURNAME, f"Different surname ({held})"


def _other_surname_reason(other: OtherName, *, exact: bool) -> str:
    which = "Former surname" if other.kind == "former" else "Other surname used"
    how = "matches" if exact else "is similar"
    return f"{which} {how} ({other.last_name})"


def _compare_first_name(query: SearchQuery, candidate: CandidateRecord) -> tuple[float, str]:
    said = query.first_name.strip()
    held = candidate.first_name.strip()
    if not held:
        return 0.0, ""
    known_as = candidate.known_as.strip()
    if name_likeness(said, held) == "exact":
        return W_FIRST["exact"], "Same first name"
    if known_as and name_likeness(said, known_as) == "exact":
        return W_FIRST["exact"], f"Known as {known_as}"
    for name in filter(None, (held, known_as)):
        kind = name_likeness(said, name, given=True)
        if kind == "sounds":
            return W_FIRST["sounds"], f"First name sounds the same ({said} ↔ {name})"
        if kind == "short":
            return W_FIRST["short"], f"First name is a short form ({said} ↔ {name})"
        if kind == "typo":
            return W_FIRST["typo"], f"First name is spelt similarly ({said} ↔ {name})"
    for middle in candidate.middle_names.split():
        if name_likeness(said, middle, given=True) in {"exact", "short"}:
            return W_FIRST["middle"], f"First name matches a middle name ({middle})"
    said_norm, held_norm = normalise_name(said), normalise_name(held)
    if len(said_norm) == 1 and held_norm.startswith(said_norm):
        return W_FIRST["initial"], f"Same first initial ({held[0].upper()})"
    return -PENALTY_FIRST_NAME, f"Different first name ({held})"


def _compare_dob(query: SearchQuery, candidate: CandidateRecord) -> tuple[float, str]:
    said, held = query.date_of_birth, candidate.date_of_birth
    if said is None or held is None:
        return 0.0, ""
    if said == held:
        return W_DOB["exact"], "Same date of birth"
    if swap_day_month(said) == held:
        return W_DOB["swap"], (
            f"Date of birth matches with day and month swapped ({said:%d/%m} ↔ {held:%d/%m})"
        )
    if _one_digit_apart(said, held):
        return W_DOB["digit"], f"Date of birth differs by one digit ({said:%d/%m/%Y} ↔ {held:%d/%m/%Y})"
    return -PENALTY_DOB, f"Different date of birth ({held:%d/%m/%Y})"


def _compare_postcode(query: SearchQuery, candidate: CandidateRecord) -> tuple[float, str]:
    postcode = normalise_postcode(query.postcode)
    if postcode in candidate.postcodes:
        return W_POSTCODE["current"], f"Lives at {postcode}"
    if postcode in candidate.former_postcodes:
        return W_POSTCODE["former"], f"Lived at {postcode} before"
    return 0.0, ""


@lru_cache(maxsize=65_536)  # pure, and names repeat across searches
def name_likeness(said: str, held: str, *, given: bool = False) -> str | None:
    """ "exact", "sounds" (same phonetic key), "short" (a short form: given names only), "typo"
    (one slip, or Jaro-Winkler >= 0.92 for longer names) or None."""
    a, b = normalise_name(said).replace(" ", ""), normalise_name(held).replace(" ", "")
    if not a or not b:
        return None
    if a == b:
        return "exact"
    if sorted(a) == sorted(b) and jellyfish.damerau_levenshtein_distance(a, b) == 1:
        return "typo"  # two letters swapped ("Jakc"): a slip, even if it happens to sound the same
    if name_key(a) == name_key(b) and min(len(a), len(b)) > 1:
        return "sounds"
    if given and b in given_name_variants(a):
        return "short"
    if _typing_slip(a, b):
        return "typo"
    if jellyfish.nysiis(a) == jellyfish.nysiis(b) and min(len(a), len(b)) >= 4:
        return "sounds"
    return None


def _typing_slip(a: str, b: str) -> bool:
    shortest = min(len(a), len(b))
    if shortest < 3:
        return False
    distance = jellyfish.damerau_levenshtein_distance(a, b)
    if distance == 1 or (distance == 2 and shortest >= 8):
        return True
    return shortest >= 6 and jellyfish.jaro_winkler_similarity(a, b) >= 0.92


def _part_of_double_barrel(said: str, held: str) -> bool:
    said_parts, held_parts = set(normalise_name(said).split()), set(normalise_name(held).split())
    return len(said_parts | held_parts) > 1 and bool(said_parts & held_parts)


def rank_matches(
    query: SearchQuery,
    candidates: Iterable[tuple[int, CandidateRecord]],
    *,
    limit: int | None,
    threshold: float = THRESHOLD,
) -> list[tuple[int, Match]]:
    """Score every candidate; keep those at or above the threshold, best first (ties by id); all of
    them when limit is None."""
    scored = [(key, score_match(query, record)) for key, record in candidates]
    kept = [(key, m) for key, m in scored if m.score >= threshold]
    kept.sort(key=lambda item: (-item[1].score, item[0]))
    return kept if limit is None else kept[:limit]


def full_name(first_name: str, last_name: str, expected_date_of_birth: date | None = None) -> str:
    """How a person is named on every page: an unborn child (no first name yet, an expected date of
    birth) as "Unborn baby <family name>"."""
    if not first_name and expected_date_of_birth:
        return f"Unborn baby {last_name}"
    return " ".join(part for part in (first_name, last_name) if part)
