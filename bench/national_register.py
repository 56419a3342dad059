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

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "frontdoor.settings.dev")

import django

django.setup()

from django.db import connection, transaction  # noqa: E402
from django.utils import timezone  # noqa: E402
from faker import Faker  # noqa: E402

from frontdoor.people.models import Person  # noqa: E402
from frontdoor.synthetic import national  # noqa: E402
from frontdoor.synthetic.copy import CopyWriter  # noqa: E402
from frontdoor.synthetic.generator import organisation  # noqa: E402
from frontdoor.synthetic.generator.households import Household, HouseholdMaker  # noqa: E402

END = timezone.make_aware(datetime(2026, 3, 20, 16))


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


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--people-per-contact", type=float, default=2.474)
    parser.add_argument("--only", help="comma-separated LA codes (default: all 153)")
    args = parser.parse_args()
    if connection.vendor != "postgresql":
        raise SystemExit(national.NEEDS_POSTGRESQL)
    codes = set(args.only.split(",")) if args.only else None
    started, people = time.monotonic(), 0
    for item in national.plan(1.0, codes):
        people += load_authority(item, seed=args.seed, people_per_contact=args.people_per_contact)
        print(f"{item.la.code} {item.la.name}: {people:,} people, {time.monotonic() - started:.0f} s", flush=True)
    connection.ensure_connection()
    connection.connection.autocommit = True
    with connection.cursor() as cursor:
        cursor.execute("VACUUM ANALYZE")
    print(f"{people:,} people in {time.monotonic() - started:.0f} s")


if __name__ == "__main__":
    main()
