"""Time "is this child already known?" (people.selectors.person_search) on a seeded database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/searchspeed_county \\
        .venv/bin/python bench/search_db.py [--queries 400] [--seed 3] [--authority 885]

The database must hold a seeded authority (`frontdoor seed --profile county`, or a national-sized
register from bench/national_register.py). Takes children of the authority (`--authority`, a DfE LA
code, default 885) from the register and asks for each with one of the hard errors of issue 17 (as
recorded, names swapped, a middle name used as the first name, a short form, the surname's first
letter mistyped, no date of birth, two date digits transposed), through the real selector as a team
manager: SQL blocking, the authority's weights, history, households and the access log. Prints
p50 / p95 / max milliseconds, the Python CPU milliseconds of a search, the queries each search ran,
candidates per search, recall@1, and the machine's load average; and, as a baseline, the same
percentiles of the candidate statement alone sent as raw SQL, and of `SELECT 1` (what any one round
trip costs on this machine at this load).
"""

import argparse
import os
import random
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings.dev")

import django

django.setup()

from django.db import connection  # noqa: E402
from django.test.utils import CaptureQueriesContext  # noqa: E402

from frontdoor.organisations.models import Role, User  # noqa: E402
from frontdoor.people import blocking, rules, selectors  # noqa: E402
from frontdoor.people.models import Person, Residence  # noqa: E402

KINDS = (
    "as recorded", "swapped names", "middle name", "short form", "surname first letter",
    "no date of birth", "transposed digits",
)  # fmt: skip


def transposed(d: date) -> date | None:
    text = d.strftime("%d%m%Y")
    for i in (0, 2, 6):
        t = text[:i] + text[i + 1] + text[i] + text[i + 2 :]
        try:
            other = date(int(t[4:]), int(t[2:4]), int(t[:2]))
        except ValueError:
            continue
        if other != d:
            return other
    return None


def ask(rng: random.Random, person: Person, postcode: str, kind: str) -> rules.SearchQuery | None:
    first, last, born = person.first_name, person.last_name, person.date_of_birth
    if kind == "swapped names":
        first, last = last, first
    elif kind == "middle name":
        if not person.middle_names:
            return None
        first = person.middle_names.split()[0]
    elif kind == "short form":
        shorter = sorted(rules.given_name_variants(first) - {rules.normalise_name(first)})
        if not shorter:
            return None
        first = rng.choice(shorter).title()
    elif kind == "surname first letter":
        last = rng.choice([c for c in "BCDFGHKLMNPRSTW" if c != last[:1].upper()]) + last[1:]
    elif kind == "no date of birth":
        born = None
    elif kind == "transposed digits":
        born = transposed(born) if born else None
        if born is None:
            return None
    return rules.SearchQuery(first, last, born, postcode=postcode if rng.random() < 0.3 else "")


def percentiles(values: list[float]) -> str:
    cuts = statistics.quantiles(values, n=100)
    return f"p50 {cuts[49]:.1f}  p95 {cuts[94]:.1f}  max {max(values):.1f}"


def questions(rng: random.Random, actor: User, count: int) -> list[tuple[Person, str, rules.SearchQuery]]:
    """`count` questions about children of the actor's authority, a fixed sample for a seed."""
    ids = list(
        Person.objects.filter(authority_id=actor.authority_id, is_child=True, date_of_birth__isnull=False)
        .exclude(first_name="")
        .order_by("pk")
        .values_list("pk", flat=True)
    )
    children = list(Person.objects.filter(pk__in=rng.sample(ids, min(len(ids), count * 2))).order_by("pk"))
    rng.shuffle(children)
    homes = dict(
        Residence.objects.filter(person__in=children, end__isnull=True).values_list(
            "person_id", "address__postcode"
        )
    )
    asked = []
    for person in children:
        kind = KINDS[len(asked) % len(KINDS)]
        if (query := ask(rng, person, homes.get(person.pk, ""), kind)) is not None:
            asked.append((person, kind, query))
        if len(asked) == count:
            break
    return asked


def raw_baseline(authority_id: int, asked: list[tuple[Person, str, rules.SearchQuery]]) -> list[float]:
    """The candidate statement alone, one round trip a search, milliseconds."""
    timings = []
    with connection.cursor() as cursor:
        for _person, _kind, query in asked:
            sql, params = blocking.candidate_sql(authority_id, rules.blocking_keys(query))
            started = time.perf_counter()
            cursor.execute(sql, params)
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def round_trips(count: int) -> list[float]:
    """`SELECT 1`, milliseconds: what one query costs on this machine at this load, whatever it asks."""
    timings = []
    with connection.cursor() as cursor:
        for _ in range(count):
            started = time.perf_counter()
            cursor.execute("SELECT 1")
            cursor.fetchall()
            timings.append((time.perf_counter() - started) * 1000)
    return timings


def kind_of(sql: str) -> str:
    """Which of a search's queries this is, from its text."""
    if sql.startswith("INSERT"):
        return "access log"
    if sql.startswith("WITH u(id)"):
        return "candidates"
    if "linkageweights" in sql:
        return "weights"
    if "JSON" in sql.upper() and "people_residence" in sql:
        return "matches, history, households"
    if sql.startswith('SELECT "people_residence"'):
        return "households"
    if "contacts_contactchild" in sql:
        return "matches, history"
    if "COUNT(" in sql.upper():
        return "count beyond the page"
    return "other"


class QueryTimer:
    """connection.execute_wrapper: milliseconds of each query of a search, by kind (kind_of)."""

    def __init__(self) -> None:
        self.by_kind: dict[str, list[float]] = {}

    def __call__(self, execute, sql, params, many, context):
        started = time.perf_counter()
        try:
            return execute(sql, params, many, context)
        finally:
            ms = (time.perf_counter() - started) * 1000
            self.by_kind.setdefault(kind_of(sql), []).append(ms)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=3)
    parser.add_argument("--authority", default="885", help="DfE LA code of the authority searched")
    parser.add_argument(
        "--synchronous-commit", choices=["on", "off"],
        help="an experiment, PostgreSQL only: set the session's synchronous_commit, to show what waiting "
        "for the access log's commit to reach the disk costs (the app keeps the server's setting)",
    )  # fmt: skip
    args = parser.parse_args()
    if args.synchronous_commit:
        with connection.cursor() as cursor:
            cursor.execute(f"SET synchronous_commit TO {args.synchronous_commit}")
    rng = random.Random(args.seed)
    actor = (
        User.objects.filter(role=Role.TEAM_MANAGER, authority__la_code=args.authority).order_by("pk").first()
    )
    if actor is None:
        raise SystemExit(f"No seeded authority {args.authority}: run `frontdoor seed` first")
    load_before = os.getloadavg()
    asked = questions(rng, actor, args.queries)
    selectors.person_search(actor=actor, query=asked[0][2])  # warm the connection and caches
    timings, cpu, query_counts, candidates, right = [], [], [], [], 0
    by_kind: dict[str, list[bool]] = {}
    timer = QueryTimer()
    for person, kind, query in asked:
        with CaptureQueriesContext(connection) as captured, connection.execute_wrapper(timer):
            started, started_cpu = time.perf_counter(), time.process_time()
            matches = selectors.person_search(actor=actor, query=query)
            timings.append((time.perf_counter() - started) * 1000)
            cpu.append((time.process_time() - started_cpu) * 1000)
        query_counts.append(len(captured.captured_queries))
        candidates.append(len(selectors._candidates(actor.authority_id, rules.blocking_keys(query))))
        hit = bool(matches) and matches[0].person.pk == person.pk
        right += hit
        by_kind.setdefault(kind, []).append(hit)
    raw = raw_baseline(actor.authority_id, asked)
    trip = round_trips(len(asked))
    people = Person.objects.filter(authority_id=actor.authority_id).count()
    register = Person.objects.count()
    authorities = Person.objects.values("authority_id").distinct().count()
    print(
        f"{connection.vendor} {connection.settings_dict['NAME']}: {register:,} people in {authorities} "
        f"authorities, {people:,} in {actor.authority.name}; {len(asked)} searches as "
        f"{actor.get_role_display()}"
    )
    print(f"person_search ms: {percentiles(timings)}  (Python CPU {percentiles(cpu)})")
    for name, values in sorted(timer.by_kind.items(), key=lambda item: -len(item[1])):
        shown = percentiles(values) if len(values) > 1 else f"{values[0]:.1f}"
        print(f"  per query, {name} ({len(values)}), ms: {shown}")
    print(f"raw SQL baseline, the candidate statement alone, ms: {percentiles(raw)}")
    print(f"one round trip (SELECT 1) ms: {percentiles(trip)}")
    print(
        f"queries per search: {sorted(set(query_counts))}  candidates per search: mean "
        f"{statistics.mean(candidates):.1f}, max {max(candidates)}"
    )
    print(
        f"recall@1 {right / len(asked):.3f}: "
        + ", ".join(f"{kind} {sum(hits) / len(hits):.2f}" for kind, hits in by_kind.items())
    )
    load_after = os.getloadavg()
    print(
        f"load average (1 min) {load_before[0]:.1f} before, {load_after[0]:.1f} after, {os.cpu_count()} CPUs"
    )


if __name__ == "__main__":
    main()
