"""Benchmark the statutory returns against the DfE's own validator, on the county profile.

    make validator && DATABASE_URL=sqlite:///var/returns-county.sqlite3 \\
        DJANGO_SETTINGS_MODULE=frontdoor.settings.dev .venv/bin/python bench/returns.py [--year 2026]

Uses the county database `make validate-returns` seeds (the synthetic county's year ending on the
census ReferenceDate). In one run: writes the CIN census XML and the Ofsted Annex A workbook (the same
services the page and the commands use, with their queries and access logging), then times the DfE
validator (csc-validator-be-cin, in its own environment) checking that same census file. Prints each
time and the ratio of the validator's time to Frontdoor's: how many times over Frontdoor could rewrite
the return while the validator checks it once. Writes are rolled back, so the run leaves no trace.
"""

import argparse
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--year", type=int, default=2026, help="census year's end (default 2026: 2025-26)")
    parser.add_argument("--as-of", default=None, help="Annex A inspection date (default: the ReferenceDate)")
    args = parser.parse_args()

    import django

    django.setup()
    from django.db import transaction

    from frontdoor.organisations.models import Authority
    from frontdoor.returns import services, validator
    from frontdoor.returns.rules import CensusYear

    authority = Authority.objects.order_by("pk").first()
    if authority is None:
        sys.exit("No authority: run `make validate-returns` first (it seeds the county profile).")
    census_year = CensusYear(args.year)
    as_of = date.fromisoformat(args.as_of) if args.as_of else census_year.reference_date
    with transaction.atomic():
        started = time.perf_counter()
        census = services.cin_census_generate(actor=None, authority=authority, year=args.year)
        census_seconds = time.perf_counter() - started
        started = time.perf_counter()
        annex = services.annex_a_generate(actor=None, authority=authority, as_of=as_of)
        annex_seconds = time.perf_counter() - started
        content = bytes(census.content)
        transaction.set_rollback(True)
    print(f"{authority}: census {census_year.label}, {census.children:,} children, {census.rows:,} episodes, "
          f"{len(content) / 1e6:.1f} MB")  # fmt: skip
    print(f"  CIN census XML written in        {census_seconds:8.2f} s")
    annex_size = f"{annex.rows:,} rows, {annex.children:,} children"
    print(f"  Annex A workbook written in      {annex_seconds:8.2f} s  ({annex_size})")
    if not validator.available():
        sys.exit("The DfE validator is not installed: run `make validator`.")
    result = validator.run(content, ruleset=census_year.ruleset)
    both = census_seconds + annex_seconds
    verdict = f"{result.count('ERROR')} ERROR, {result.count('QUERY')} QUERY"
    print(f"  DfE validator checked it in      {result.seconds:8.2f} s  ({census_year.ruleset}: {verdict})")
    print(f"Ratio, validator / census:          {result.seconds / census_seconds:8.1f}x")
    print(f"Ratio, validator / census + Annex A: {result.seconds / both:7.1f}x")


if __name__ == "__main__":
    main()
