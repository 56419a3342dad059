"""Benchmark "is this child already known?" matching on a synthetic population.

    .venv/bin/python bench/matching.py [--people 20000] [--queries 2000] [--seed 7]

Builds a seeded synthetic population (Faker en_GB surnames and postcodes, a mix of Faker and popular
children's first names; households of parents and siblings, twins, changed surnames, nicknames,
former addresses, NHS numbers and UPNs). Then asks queries the way callers do: most about a child
who is on the system, carrying realistic errors (typing slips, short forms, day and month swapped,
a digit out in the date of birth, an old surname, missing fields), some about children who are not.

Search is the same as people.selectors.person_search, with dictionaries in place of SQL: candidates
from rules.blocking_keys (surname key, within a year of the date of birth; date of birth and its
swap; NHS number; UPN; postcode), then rules.rank_matches. The Fellegi-Sunter matcher runs twice with
the estimated weights: over everyone, as the people search does, and over children only, as the
contact and missing-child screens search (`children_only=True`: every query here is about a child).
Prints precision and recall at the threshold, queries per second, and the time against a plain
exact lookup (first name, surname, date of birth in a dict) as a ratio. No database, no Django:
the rules are pure.

A first result is the person a search puts first. When linkage.rank finds the best candidates
tied (nothing given tells them apart, or less than one bit does) the page says so and puts none
first: that search has no first result, so it counts against recall@1 and not in precision@1. The
top of the list, tied or not, is printed beside them, so the two definitions can be compared.
"""

import argparse
import random
import sys
import time
from collections import Counter, defaultdict
from dataclasses import dataclass, field, replace
from datetime import date, timedelta
from pathlib import Path

from faker import Faker

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from frontdoor.people import estimation, linkage, prescore, rules
from frontdoor.people.rules import CandidateRecord, OtherName, SearchQuery

FULLY_SCORED = 150  # people.blocking.FULLY_SCORED (that module needs Django)
POPULAR_GIRLS = (  # noqa: SIM905 - a word list reads better as prose
    "Olivia Amelia Isla Ava Ivy Freya Lily Florence Mia Willow Rosie Sophia Isabella Grace Daisy Sienna "
    "Poppy Elsie Emily Ella Evelyn Phoebe Sofia Evie Charlotte Harper Matilda Elizabeth Katie Eleanor "
    "Margaret Catherine Abigail Jessica Rebecca Alexandra Victoria Aaliyah Layla Fatima Niamh"
).split()
POPULAR_BOYS = (  # noqa: SIM905
    "Oliver George Harry Noah Jack Leo Arthur Muhammad Oscar Charlie Jacob Thomas Henry William Alfie "
    "Joshua Freddie Archie Theo Isaac Samuel Alexander James Daniel Benjamin Joseph Edward Frederick "
    "Alfred Matthew Nicholas Michael Christopher Jayden Connor Callum Aidan Riley Kai Reuben"
).split()
PHONETIC_SPELLINGS = (
    ("ph", "f"), ("th", "t"), ("i", "y"), ("y", "i"), ("ck", "k"), ("mps", "ms"), ("ll", "l"), ("tt", "t"),
    ("ou", "ow"), ("ey", "y"), ("ie", "y"), ("son", "sen"), ("c", "k"), ("ee", "ea"), ("s", "ss"),
)  # fmt: skip
LETTERS = "abcdefghijklmnopqrstuvwxyz"
TODAY = date(2026, 3, 31)


@dataclass
class Person:
    pk: int
    first_name: str
    last_name: str
    date_of_birth: date
    is_child: bool
    nhs_number: str = ""
    upn: str = ""
    postcode: str = ""
    former_postcodes: tuple[str, ...] = ()
    former_surname: str = ""
    known_as: str = ""
    middle_names: str = ""
    twin_of: int | None = None
    duplicate_of: int | None = None

    def record(self) -> CandidateRecord:
        return CandidateRecord(
            first_name=self.first_name,
            last_name=self.last_name,
            other_names=(OtherName("", self.former_surname),) if self.former_surname else (),
            date_of_birth=self.date_of_birth,
            nhs_number=self.nhs_number,
            upn=self.upn,
            postcodes=(self.postcode,) if self.postcode else (),
            known_as=self.known_as,
            former_postcodes=self.former_postcodes,
            middle_names=self.middle_names,
        )


@dataclass
class Query:
    query: SearchQuery
    truth: int | None  # the person meant, or None for a child not on the system
    errors: list[str] = field(default_factory=list)


class Population:
    def __init__(self, size: int, seed: int) -> None:
        self.rng = random.Random(seed)
        self.fake = Faker("en_GB")
        self.fake.seed_instance(seed)
        self.today = TODAY
        self.people: list[Person] = []
        self.nhs_used: set[str] = set()
        while len(self.people) < size:
            self.household()
        self.people = self.people[:size]

    # -- identifiers -------------------------------------------------------------------------------

    def nhs_number(self) -> str:
        while True:
            body = "9" + "".join(self.rng.choice("0123456789") for _ in range(8))
            total = sum(int(d) * w for d, w in zip(body, range(10, 1, -1), strict=True))
            check = (11 - total % 11) % 11
            number = body + str(check)
            if check != 10 and number not in self.nhs_used:
                self.nhs_used.add(number)
                return number

    def upn(self) -> str:
        body = "885" + "".join(self.rng.choice("0123456789") for _ in range(9))
        return rules.upn_check_letter(body) + body

    # -- people ------------------------------------------------------------------------------------

    def first_name(self, girl: bool, child: bool) -> str:
        if child and self.rng.random() < 0.6:
            return self.rng.choice(POPULAR_GIRLS if girl else POPULAR_BOYS)
        return self.fake.first_name_female() if girl else self.fake.first_name_male()

    def birth_date(self, low_years: int, high_years: int) -> date:
        return self.today - timedelta(days=self.rng.randint(low_years * 365, high_years * 365))

    def household(self) -> None:
        surname = self.fake.last_name()
        postcode = self.fake.postcode()
        moved_from = (self.fake.postcode(),) if self.rng.random() < 0.2 else ()
        parent_girl = self.rng.random() < 0.8
        self.add(
            Person(
                pk=len(self.people) + 1,
                first_name=self.first_name(parent_girl, child=False),
                last_name=surname,
                date_of_birth=self.birth_date(22, 50),
                is_child=False,
                nhs_number=self.nhs_number() if self.rng.random() < 0.7 else "",
                postcode=postcode,
                former_postcodes=moved_from,
            )
        )
        for _ in range(self.rng.choice((1, 1, 2, 2, 2, 3, 3, 4))):
            born = self.birth_date(0, 17)
            self.add_child(surname, born, postcode, moved_from)
            if self.rng.random() < 0.03:  # twins: same surname, date of birth and address
                first_twin = self.people[-1]
                self.add_child(first_twin.last_name, born, postcode, moved_from)
                self.people[-1].former_surname = first_twin.former_surname
                if rules.name_likeness(self.people[-1].first_name, first_twin.first_name, given=True):
                    self.people.pop()  # twins are not given the same (or a like-sounding) name
                else:
                    self.people[-1].twin_of, first_twin.twin_of = first_twin.pk, self.people[-1].pk

    def add_child(self, surname: str, born: date, postcode: str, moved_from: tuple[str, ...]) -> None:
        age = (self.today - born).days / 365.25
        former = ""
        if self.rng.random() < 0.1:  # took a new surname (a parent's new partner, adoption...)
            former, surname = surname, self.fake.last_name()
        first = self.first_name(self.rng.random() < 0.5, child=True)
        shorter = sorted(rules.given_name_variants(first) - {rules.normalise_name(first)})
        self.add(
            Person(
                pk=len(self.people) + 1,
                first_name=first,
                last_name=surname,
                date_of_birth=born,
                is_child=True,
                nhs_number=self.nhs_number() if self.rng.random() < 0.9 else "",
                upn=self.upn() if age >= 4 and self.rng.random() < 0.7 else "",
                postcode=postcode,
                former_postcodes=moved_from,
                former_surname=former,
                known_as=self.rng.choice(shorter).title() if shorter and self.rng.random() < 0.05 else "",
                middle_names=self.first_name(self.rng.random() < 0.5, child=True)
                if self.rng.random() < 0.5
                else "",
            )
        )

    def add(self, person: Person) -> None:
        self.people.append(person)

    def add_duplicates(self, share: float) -> None:
        """Register some children twice, with a slip, as registers are (EM learns m from them)."""
        for person in self.rng.sample([p for p in self.people if p.is_child], int(len(self.people) * share)):
            copy = replace(
                person, pk=len(self.people) + 1, nhs_number="", upn="", twin_of=None, duplicate_of=person.pk
            )
            if self.rng.random() < 0.3:
                copy.first_name = typo(self.rng, copy.first_name)
            if self.rng.random() < 0.1 and (born := transposed(copy.date_of_birth)):
                copy.date_of_birth = born
            self.people.append(copy)


# -- errors callers make ---------------------------------------------------------------------------------


def typo(rng: random.Random, name: str) -> str:
    if len(name) < 4:
        return name
    i = rng.randrange(1, len(name) - 1)
    kind = rng.choice(("swap", "drop", "double", "replace"))
    if kind == "swap":
        return name[:i] + name[i + 1] + name[i] + name[i + 2 :]
    if kind == "drop":
        return name[:i] + name[i + 1 :]
    if kind == "double":
        return name[:i] + name[i] + name[i:]
    return name[:i] + rng.choice(LETTERS) + name[i + 1 :]


def respell(rng: random.Random, name: str) -> str:
    lower = name.lower()
    options = [(a, b) for a, b in PHONETIC_SPELLINGS if a in lower[1:]]
    if not options:
        return name
    a, b = rng.choice(options)
    return (lower[0] + lower[1:].replace(a, b, 1)).title()


def one_digit_out(rng: random.Random, d: date, today: date) -> date:
    """A slip in one digit of the day, month or year (never a future date: the form refuses those)."""
    for _ in range(20):
        text = list(d.strftime("%d%m%Y"))
        i = rng.choice((0, 1, 2, 3, 6, 7))
        text[i] = rng.choice("0123456789")
        try:
            slipped = date(int("".join(text[4:])), int("".join(text[2:4])), int("".join(text[:2])))
        except ValueError:
            continue
        if slipped != d and slipped <= today:
            return slipped
    return d


def corrupted_query(rng: random.Random, person: Person) -> Query:
    errors: list[str] = []
    first, last, born = person.first_name, person.last_name, person.date_of_birth
    roll = rng.random()
    if roll < 0.2 and (shorter := sorted(rules.given_name_variants(first) - {rules.normalise_name(first)})):
        first = rng.choice(shorter).title()
        errors.append("short form")
    elif roll < 0.3:
        first = typo(rng, first)
        errors.append("first-name slip")
    elif roll < 0.35:
        first = ""
        errors.append("no first name")
    roll = rng.random()
    if person.former_surname and roll < 0.5:
        last = person.former_surname
        errors.append("old surname")
    elif roll < 0.1:
        last = typo(rng, last)
        errors.append("surname slip")
    elif roll < 0.18:
        last = respell(rng, last)
        errors.append("surname respelt")
    roll = rng.random()
    if roll < 0.08 and (swapped := rules.swap_day_month(born)):
        born = swapped
        errors.append("day/month swapped")
    elif roll < 0.13:
        born = one_digit_out(rng, born, TODAY)
        errors.append("date digit slip")
    elif roll < 0.23:
        born = None
        errors.append("no date of birth")
    postcode = ""
    roll = rng.random()
    if roll < 0.3:
        postcode = person.postcode
    elif roll < 0.35 and person.former_postcodes:
        postcode = person.former_postcodes[0]
        errors.append("old address")
    query = SearchQuery(
        first_name=first,
        last_name=last,
        date_of_birth=born,
        nhs_number=person.nhs_number if rng.random() < 0.2 else "",
        upn=person.upn if rng.random() < 0.05 else "",
        postcode=postcode,
    )
    return Query(query, person.pk, errors or ["as recorded"])


# -- the hard cases (issue 17 section 6) -------------------------------------------------------------


def as_recorded(rng: random.Random, person: Person) -> dict:
    """The child's details as held, with the current postcode three times in ten and no identifiers."""
    return {
        "first_name": person.first_name,
        "last_name": person.last_name,
        "date_of_birth": person.date_of_birth,
        "postcode": person.postcode if rng.random() < 0.3 else "",
    }


def transposed(d: date) -> date | None:
    text = d.strftime("%d%m%Y")
    for i in (0, 2, 6, 1, 3):
        t = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        try:
            swapped = date(int(t[4:]), int(t[2:4]), int(t[:2]))
        except ValueError:
            continue
        if swapped != d and swapped <= TODAY:
            return swapped
    return None


def hard_query(rng: random.Random, person: Person, kind: str) -> Query | None:
    fields = as_recorded(rng, person)
    if kind == "swapped names":
        fields["first_name"], fields["last_name"] = person.last_name, person.first_name
    elif kind == "replaced first name":
        if not person.middle_names:
            return None
        fields["first_name"] = person.middle_names.split()[0]
    elif kind == "surname first letter":
        fields["last_name"] = (
            rng.choice([c for c in LETTERS.upper() if c != person.last_name[0]]) + (person.last_name[1:])
        )
    elif kind == "missing date of birth":
        fields["date_of_birth"] = None
    elif kind == "transposed digits":
        if not (slipped := transposed(person.date_of_birth)):
            return None
        fields["date_of_birth"] = slipped
    elif kind == "twin" and person.twin_of is None:
        return None
    return Query(SearchQuery(**fields), person.pk, [kind])


HARD_CASES = (
    "swapped names", "replaced first name", "surname first letter", "missing date of birth",
    "transposed digits", "twin",
)  # fmt: skip


# -- search ---------------------------------------------------------------------------------------------


class Index:
    """Today's matcher (before issue 17): the SQL blocking of people.selectors as dictionaries,
    scored by rules.rank_matches."""

    def __init__(self, people: list[Person]) -> None:
        self.people = {p.pk: p for p in people}
        self.records = {p.pk: p.record() for p in people}
        self.by_name: dict[str, set[int]] = defaultdict(set)
        self.by_dob: dict[date, set[int]] = defaultdict(set)
        self.by_nhs: dict[str, set[int]] = defaultdict(set)
        self.by_upn: dict[str, set[int]] = defaultdict(set)
        self.by_postcode: dict[str, set[int]] = defaultdict(set)
        for p in people:
            self.by_name[rules.name_key(p.last_name)].add(p.pk)
            if p.former_surname:
                self.by_name[rules.name_key(p.former_surname)].add(p.pk)
            self.by_dob[p.date_of_birth].add(p.pk)
            for key, table in ((p.nhs_number, self.by_nhs), (p.upn, self.by_upn)):
                if key:
                    table[key].add(p.pk)
            for postcode in (p.postcode, *p.former_postcodes):
                self.by_postcode[postcode].add(p.pk)

    def fixed(self, keys: rules.BlockingKeys) -> set[int]:
        """Identifiers, date of birth (and its swap) and postcode: the same before and after."""
        found = self.by_nhs.get(keys.nhs_number, set()) | self.by_upn.get(keys.upn, set())
        for born in keys.dates_of_birth:
            found |= self.by_dob.get(born, set())
        if keys.postcode:
            found |= self.by_postcode.get(keys.postcode, set())
        return found

    def candidates(self, query: SearchQuery) -> set[int]:
        keys = rules.blocking_keys(query)
        named = self.by_name.get(keys.name_key, set()) if keys.name_key else set()
        if keys.birth_years:
            low, high = keys.birth_years
            named = {
                pk
                for pk in named
                if low <= self.people[pk].date_of_birth.year <= high
                or self.people[pk].date_of_birth in keys.name_dates
            }
        return self.fixed(keys) | named

    def search(self, query: SearchQuery, limit: int = 10) -> list[tuple[int, str]]:
        ranked = rules.rank_matches(
            query, ((pk, self.records[pk]) for pk in self.candidates(query)), limit=limit
        )
        return [(pk, "match") for pk, _ in ranked]


class LinkageIndex(Index):
    """Issue 17: people.selectors._blocks as dictionaries (surname key narrowed by birth years or
    first-name keys; names the wrong way round; first-name key with the date of birth or a slip of
    it), scored by people.linkage.rank."""

    def __init__(
        self, people: list[Person], weights: linkage.Weights, *, children_only: bool = False
    ) -> None:
        super().__init__(people)
        self.weights = weights
        # As people.selectors.person_search(children_only=True), which the contact and missing-child
        # screens use: every query here is about a child, so the register's adults are left out.
        self.children_only = children_only
        self.by_name_pair: dict[tuple[str, str], set[int]] = defaultdict(set)
        self.by_first_dob: dict[tuple[str, date], set[int]] = defaultdict(set)
        self.first_key = {p.pk: rules.name_key(p.first_name) for p in people}
        for p in people:
            self.by_name_pair[(rules.name_key(p.last_name), self.first_key[p.pk])].add(p.pk)
            self.by_first_dob[(self.first_key[p.pk], p.date_of_birth)].add(p.pk)

    def candidates(self, query: SearchQuery) -> set[int]:
        keys = rules.blocking_keys(query)
        named = self.by_name.get(keys.name_key, set()) if keys.name_key else set()
        if keys.birth_years:
            low, high = keys.birth_years
            named = {
                pk
                for pk in named
                if low <= self.people[pk].date_of_birth.year <= high
                or self.people[pk].date_of_birth in keys.name_dates
                or self.first_key[pk] in keys.first_name_keys
            }
        elif keys.first_name_keys:
            named = {pk for pk in named if self.first_key[pk] in keys.first_name_keys}
        found = self.fixed(keys) | named
        if keys.swapped:
            for first_key in keys.swapped[1]:
                found |= self.by_name_pair.get((keys.swapped[0], first_key), set())
        for first_key in keys.first_name_keys:
            for born in keys.name_dates | keys.dates_of_birth:
                found |= self.by_first_dob.get((first_key, born), set())
        return found

    def search(self, query: SearchQuery, limit: int = 10) -> list[tuple[int, str]]:
        # As people.selectors: only the FULLY_SCORED candidates with the best prescore are scored.
        found = [
            (pk, self.records[pk])
            for pk in sorted(self.candidates(query))
            if self.people[pk].is_child or not self.children_only
        ]
        candidates = prescore.shortlist(rules.blocking_keys(query), found, FULLY_SCORED)
        ranked = linkage.rank(query, candidates, limit=limit, weights=self.weights)
        return [(pk, TIED if m.tied else m.band) for pk, m in ranked]


def estimated_weights(people: list[Person], seed: int) -> tuple[linkage.Weights, float]:
    """people.estimation.estimate_register, as `frontdoor linkage_weights` runs it, on the bench register."""
    started = time.perf_counter()
    weights, _ = estimation.estimate_register([p.record() for p in people], on=TODAY, seed=seed)
    return weights, time.perf_counter() - started


def exact_key(first: str, last: str, born: date | None) -> tuple[str, str, date | None]:
    return (first.strip().lower(), last.strip().lower(), born)


def build_queries(people: list[Person], query_count: int, seed: int) -> list[Query]:
    rng = random.Random(seed + 1)
    children = [p for p in people if p.is_child and not p.duplicate_of]
    known = int(query_count * 0.8)
    queries = [corrupted_query(rng, rng.choice(children)) for _ in range(known // 2)]
    while len(queries) < known:
        kind = HARD_CASES[len(queries) % len(HARD_CASES)]
        pool = [p for p in children if p.twin_of] if kind == "twin" else children
        if hard := hard_query(rng, rng.choice(pool), kind):
            queries.append(hard)
    strangers = Population(query_count - known, seed + 1000)  # a different, seeded population
    for stranger in strangers.people:
        if stranger.is_child and len(queries) < query_count:
            queries.append(Query(stranger_query(stranger), None, ["not on the system"]))
    return queries


def run(people_count: int, query_count: int, seed: int, with_splink: bool) -> None:
    started = time.perf_counter()
    population = Population(people_count, seed)
    population.add_duplicates(0.01)
    people = population.people
    queries = build_queries(people, query_count, seed)
    known = sum(1 for q in queries if q.truth)
    print(
        f"Population: {len(people):,} people (built in {time.perf_counter() - started:.1f} s); queries: "
        f"{len(queries):,} ({known:,} about a known child, half with the hard cases; "
        f"{len(queries) - known:,} about a child not on the system)"
    )
    weights, seconds = estimated_weights(people, seed)
    print(f"Weights estimated from the register without labels (EM) in {seconds:.1f} s")
    twins = {p.pk: p.twin_of for p in people if p.twin_of}
    duplicates = {p.pk: p.duplicate_of for p in people if p.duplicate_of}
    matchers = [
        ("Today (rules.score_match)", Index(people)),
        ("Linkage, default weights", LinkageIndex(people, linkage.DEFAULT_WEIGHTS)),
        ("Linkage, estimated weights", LinkageIndex(people, weights)),
        (
            "Linkage, estimated weights, children only (the contact screen's search)",
            LinkageIndex(people, weights, children_only=True),
        ),
    ]
    for name, index in matchers:
        t0 = time.perf_counter()
        results = [index.search(q.query) for q in queries]
        seconds = time.perf_counter() - t0
        sizes = [len(index.candidates(q.query)) for q in queries]
        report(name, queries, results, seconds, sizes, twins, duplicates)
    if with_splink:
        import splink_model

        register = [(str(p.pk), p.first_name, p.last_name, p.date_of_birth, p.postcode) for p in people]
        asked = [
            (f"q{i}", q.query.first_name, q.query.last_name, q.query.date_of_birth, q.query.postcode)
            for i, q in enumerate(queries)
        ]
        ranked, trained, predicted = splink_model.run(register, asked)
        results = [[(int(pk), "match") for pk in r[:10]] for r in ranked]
        print(f"\nsplink trained in {trained:.1f} s (EM on the queries and register, no labels)")
        report("splink 5 standard model (p >= 0.5)", queries, results, predicted, [], twins, duplicates)


def stranger_query(stranger: Person) -> SearchQuery:
    """A query about a child who is not on the system (their identifiers are unknown to the caller)."""
    return SearchQuery(
        first_name=stranger.first_name, last_name=stranger.last_name, date_of_birth=stranger.date_of_birth
    )


TIED = "tied"  # shown, but as likely as another on what was given (linkage.rank): no first result


def first_result(r: list[tuple[int, str]]) -> int | None:
    """The person a search puts first: none when nothing is shown, or when the best are tied (the
    list then says they cannot be told apart and puts none of them first)."""
    return r[0][0] if r and r[0][1] != TIED else None


def report(name, queries, results, seconds, sizes, twins, duplicates) -> None:
    """recall@1: the first result is the child asked about; precision@1: of the searches that put
    someone first, the share where it is that child (a child not on the system put first is
    wrong); false alarms: searches about a child not on the system that show anyone at all (tied or
    not). Precision of the top of the list, tied or not, is printed too."""
    known = [(q, r) for q, r in zip(queries, results, strict=True) if q.truth is not None]
    strangers = [r for q, r in zip(queries, results, strict=True) if q.truth is None]
    top_right = sum(1 for q, r in known if first_result(r) == q.truth)
    shown = sum(1 for q, r in known if q.truth in {pk for pk, _ in r})
    answered = sum(1 for r in results if first_result(r) is not None)
    listed_right = sum(1 for q, r in known if r and r[0][0] == q.truth)
    twin_queries = [(q, r) for q, r in known if "twin" in q.errors]
    merged = sum(  # the other twin labelled a match, or put first when the first name was given
        1
        for q, r in twin_queries
        if (twins[q.truth], "match") in r or (r and r[0][0] == twins[q.truth] and q.query.first_name)
    )
    print(f"\n{name}")
    print(
        f"  recall@1 {top_right / len(known):.3f}   recall among shown {shown / len(known):.3f}   "
        f"precision@1 {top_right / answered if answered else 0:.4f}   "
        f"false alarms {sum(1 for r in strangers if r) / len(strangers):.3f}"
    )
    tied = sum(1 for r in results if r and r[0][1] == TIED)
    listed = max(sum(1 for r in results if r), 1)
    print(
        f"  tied at the top (no first result) {tied}   top of the list, tied or not: right "
        f"{listed_right / len(known):.3f}, precision {listed_right / listed:.4f}"
    )
    print(
        (f"  candidates per query {sum(sizes) / len(sizes):.1f} (max {max(sizes)})   " if sizes else "  ")
        + f"{len(queries) / seconds:,.0f} queries/s   twins merged {merged} of {len(twin_queries)}"
    )
    bands = Counter(band for r in results for _, band in r[:1])
    if len(bands) > 1:
        right = Counter(r[0][1] for q, r in known if r and r[0][0] == q.truth)
        print(
            "  first results by band: "
            + ", ".join(f"{band} {n} ({right[band] / n:.4f} right)" for band, n in bands.most_common())
            + f"; false alarms labelled match {sum(1 for r in strangers if r and r[0][1] == 'match')}"
        )
    by_error: dict[str, list[bool]] = defaultdict(list)
    for q, r in known:
        for error in q.errors:
            by_error[error].append(first_result(r) == q.truth)
    print(
        "  recall@1 by error: "
        + ", ".join(f"{error} {sum(h) / len(h):.2f}" for error, h in sorted(by_error.items()) if len(h) >= 10)
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--people", type=int, default=20_000)
    parser.add_argument("--queries", type=int, default=2_000)
    parser.add_argument("--seed", type=int, default=7)
    parser.add_argument("--no-splink", action="store_true", help="skip the splink comparison")
    args = parser.parse_args()
    run(args.people, args.queries, args.seed, with_splink=not args.no_splink)


if __name__ == "__main__":
    main()
