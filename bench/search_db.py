"""Time "is this child already known?" (people.selectors.person_search) on a seeded database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/fd_county \\
        .venv/bin/python bench/search_db.py [--queries 400] [--seed 3]

The database must hold a seeded authority (`frontdoor seed --profile county` or `national`). Takes
children from the register and asks for each with one of the hard errors of issue 17 (as recorded,
names swapped, a middle name used as the first name, a short form, the surname's first letter
mistyped, no date of birth, two date digits transposed), through the real selector as a team
manager: SQL blocking, the authority's weights, history, households and the access log. Prints
p50 / p95 / max milliseconds, the queries each search ran, candidates per search, and recall@1.
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
from frontdoor.people import rules, selectors  # noqa: E402
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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--queries", type=int, default=400)
    parser.add_argument("--seed", type=int, default=3)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    actor = User.objects.filter(role=Role.TEAM_MANAGER, authority__isnull=False).order_by("pk").first()
    if actor is None:
        raise SystemExit("No seeded authority: run `frontdoor seed` first")
    children = list(
        Person.objects.filter(authority_id=actor.authority_id, is_child=True, date_of_birth__isnull=False)
        .exclude(first_name="")
        .order_by("?")[: args.queries * 2]
    )
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
        if len(asked) == args.queries:
            break
    selectors.person_search(actor=actor, query=asked[0][2])  # warm the connection and caches
    timings, query_counts, candidates, right = [], [], [], 0
    by_kind: dict[str, list[bool]] = {}
    for person, kind, query in asked:
        with CaptureQueriesContext(connection) as captured:
            started = time.perf_counter()
            matches = selectors.person_search(actor=actor, query=query)
            timings.append((time.perf_counter() - started) * 1000)
        query_counts.append(len(captured.captured_queries))
        candidates.append(len(selectors._candidates(actor.authority_id, rules.blocking_keys(query))))
        hit = bool(matches) and matches[0].person.pk == person.pk
        right += hit
        by_kind.setdefault(kind, []).append(hit)
    people = Person.objects.filter(authority_id=actor.authority_id).count()
    cuts = statistics.quantiles(timings, n=100)
    print(
        f"{connection.vendor}, {people:,} people in the authority; "
        f"{len(asked)} searches as {actor.get_role_display()}"
    )
    print(f"person_search ms: p50 {cuts[49]:.1f}  p95 {cuts[94]:.1f}  max {max(timings):.1f}")
    print(
        f"queries per search: {sorted(set(query_counts))}  candidates per search: mean "
        f"{statistics.mean(candidates):.1f}, max {max(candidates)}"
    )
    print(
        f"recall@1 {right / len(asked):.3f}: "
        + ", ".join(f"{kind} {sum(hits) / len(hits):.2f}" for kind, hits in by_kind.items())
    )


if __name__ == "__main__":
    main()
