"""Load a national-sized person register into PostgreSQL, for bench/search_db.py.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/searchspeed_national \\
        .venv/bin/python bench/national_register.py [--people-per-contact 1.0] [--seed 1]

The full national profile (`frontdoor seed --profile national`) takes 70-85 minutes here; search
reads only the register. This loads, for each of the 153 authorities of synthetic.national (in its
order, each from its own random stream), the organisation (teams, staff, schools, GP practices) and
then households made by the county generator's synthetic.generator.households.HouseholdMaker until
the authority holds its share of people: its year's contacts (synthetic.national.authority_profile)
times --people-per-contact, the county's people per contact (bench/search_db.py prints it for a
seeded county; 2.474 for seed 1). People, their other names, addresses and residences are written
with COPY (synthetic.copy.CopyWriter), one transaction per authority; no contacts, no casework.
Run into an empty, migrated database; it ends with VACUUM ANALYZE.
"""

import argparse
import os
import random
import sys
import time
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings.dev")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from faker import Faker  # noqa: E402

from frontdoor.organisations.models import Authority  # noqa: E402
from frontdoor.people.models import Address, Person, PersonName, Residence  # noqa: E402
from frontdoor.synthetic import national  # noqa: E402
from frontdoor.synthetic.copy import CopyWriter  # noqa: E402
from frontdoor.synthetic.generator import organisation  # noqa: E402
from frontdoor.synthetic.generator.households import Household, HouseholdMaker  # noqa: E402

END = datetime(2026, 3, 20, 16, tzinfo=ZoneInfo("Europe/London"))


class RegisterMaker(HouseholdMaker):
    """Households without their relationship rows: search reads people, names and residences only."""

    def _relationships(self, household: Household) -> None:
        pass


def load_authority(item: national.Planned, *, seed: int, people_per_contact: float) -> int:
    """One authority's organisation and register: returns the people written."""
    la, profile = item.la, item.profile
    own_seed = national.authority_seed(seed, la.code)
    rng = random.Random(own_seed)
    fake = Faker("en_GB")
    fake.seed_instance(own_seed)
    start = END - timedelta(days=profile.days)
    target = round(profile.contacts * people_per_contact)
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL synchronous_commit TO off")
        writer = CopyWriter()
        org = organisation.build(
            writer, rng, fake, profile, la_code=la.code, name=profile.authority_name, at=start
        )
        households = RegisterMaker(writer, rng, fake, org, national.NationalIdentifiers(rng, la.code))
        span = (END - start).total_seconds()
        while writer.counts["people.Person"] + len(writer._buffers.get(Person, [])) < target:
            received = start + timedelta(seconds=rng.random() * span)
            households.new(received_at=received, created_at=received, ages=None)
        writer.flush_all()
        writer.reset_sequences()
    return writer.counts["people.Person"]


def _columns(model: type) -> list[str]:
    return [f.column for f in model._meta.concrete_fields]


def _copy(cursor, model: type, select: dict[str, str], where: str, params: list) -> int:
    """INSERT ... SELECT of `model`'s rows, with the columns in `select` replaced by expressions."""
    table = model._meta.db_table
    columns = _columns(model)
    names = ", ".join(f'"{c}"' for c in columns)
    values = ", ".join(select.get(c, f'x."{c}"') for c in columns)
    cursor.execute(f"INSERT INTO {table} ({names}) SELECT {values} FROM {table} x {where}", params)
    return cursor.rowcount


def clone_register(source: Authority, target: Authority, people: int) -> int:
    """The first `people` people of `source` (by id), with their other names, addresses and
    residences, copied to `target` under new ids: for authorities the time did not allow to generate."""
    with transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("SET LOCAL synchronous_commit TO off")
        cursor.execute(
            "SELECT max(id) FROM "
            "(SELECT id FROM people_person WHERE authority_id = %s ORDER BY id LIMIT %s) s",
            [source.pk, people],
        )
        (cut,) = cursor.fetchone()
        offsets = {}
        for model, scope in (
            (Person, "authority_id = %s"),
            (Address, "authority_id = %s"),
            (PersonName, "person_id IN (SELECT id FROM people_person WHERE authority_id = %s)"),
            (Residence, "person_id IN (SELECT id FROM people_person WHERE authority_id = %s)"),
        ):
            table = model._meta.db_table
            cursor.execute(
                f"SELECT (SELECT coalesce(max(id), 0) FROM {table}) + 1 - min(id) FROM {table} WHERE {scope}",
                [source.pk],
            )
            offsets[model] = cursor.fetchone()[0] or 0
        op, oa = offsets[Person], offsets[Address]
        copied = _copy(
            cursor, Person, {"id": f"x.id + {op}", "authority_id": "%s"},
            "WHERE x.authority_id = %s AND x.id <= %s", [target.pk, source.pk, cut],
        )  # fmt: skip
        _copy(cursor, Address, {"id": f"x.id + {oa}", "authority_id": "%s"}, "WHERE x.authority_id = %s",
              [target.pk, source.pk])  # fmt: skip
        mine = "JOIN people_person p ON p.id = x.person_id WHERE p.authority_id = %s AND p.id <= %s"
        _copy(
            cursor, PersonName,
            {"id": f"x.id + {offsets[PersonName]}", "person_id": f"x.person_id + {op}", "authority_id": "%s"},
            mine, [target.pk, source.pk, cut],
        )  # fmt: skip
        _copy(
            cursor, Residence,
            {"id": f"x.id + {offsets[Residence]}", "person_id": f"x.person_id + {op}",
             "address_id": f"x.address_id + {oa}"},
            mine, [source.pk, cut],
        )  # fmt: skip
        for model in offsets:
            table = model._meta.db_table
            cursor.execute(
                f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"
            )
    return copied


def clone_rest(people_per_contact: float) -> None:
    """Every planned authority not generated gets a copy of a generated one's register, the
    smallest generated one at least its size (or the largest), cut to its share of people."""
    loaded = {a.la_code: a for a in Authority.objects.all()}
    sizes = {code: Person.objects.filter(authority=authority).count() for code, authority in loaded.items()}
    started = time.monotonic()
    for item in national.plan(1.0):
        if item.la.code in loaded:
            continue
        target = round(item.profile.contacts * people_per_contact)
        fits = [code for code, n in sizes.items() if n >= target] or [max(sizes, key=sizes.get)]
        source = min(fits, key=lambda code: sizes[code])
        authority = Authority.objects.create(la_code=item.la.code, name=f"{item.la.name} (synthetic, copied)")
        n = clone_register(loaded[source], authority, target)
        print(f"{item.la.code} {item.la.name}: {n:,} people copied from {source}, "
              f"{time.monotonic() - started:.0f} s", flush=True)  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--people-per-contact", type=float, default=2.474)
    parser.add_argument("--only", help="comma-separated LA codes (default: all 153)")
    parser.add_argument(
        "--copy-rest", action="store_true",
        help="give every authority not yet loaded a copy of a loaded one's register (fast)",
    )  # fmt: skip
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit(national.NEEDS_POSTGRESQL)
    codes = set(args.only.split(",")) if args.only else None
    started, people = time.monotonic(), 0
    if args.copy_rest:
        clone_rest(args.people_per_contact)
        codes = set()
    for item in national.plan(1.0, codes):
        people += load_authority(item, seed=args.seed, people_per_contact=args.people_per_contact)
        print(
            f"{item.la.code} {item.la.name}: {people:,} people, {time.monotonic() - started:.0f} s",
            flush=True,
        )
    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"{people:,} people in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
