"""Loading the DfE's published tables (`frontdoor benchmarks load`): every value and every
authority's computed statistical neighbours, in one transaction that replaces what was loaded
before, so a second load never duplicates and a bad file leaves the last good load in place."""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import datetime
from decimal import Decimal
from pathlib import Path

from django.db import transaction

from frontdoor.audit.services import audit_record
from frontdoor.benchmarks import rules, tables
from frontdoor.benchmarks.measures import PUBLISHED, Measure
from frontdoor.benchmarks.models import Neighbour, NeighbourMethod, NeighbourSet, PublishedValue, Release
from frontdoor.organisations.models import Authority

NEIGHBOURS = 10
CENSUS_YEAR = 2021
POPULATION = "population"  # PublishedValue.measure of the ONS child population (0 to 17)
COMPUTED_SOURCE = (
    "Computed by Frontdoor, not the DfE's list: the 10 authorities nearest by Euclidean distance "
    "between standardised (z-score) values of three published characteristics: the number of children "
    "aged 0 to 17 (ONS mid-year estimate {year}, on a log scale), children as a share of all residents "
    "(ONS mid-2021 children, or the first estimate for an authority made since, over Census 2021 "
    "residents) and the share of residents who are not White British (Census 2021). The DfE's "
    "children's services statistical neighbours also weigh "
    "deprivation and other measures not in the tables loaded (docs/adr/0016)."
)


@dataclass(frozen=True)
class Loaded:
    release: Release
    values: int
    withheld: int
    neighbour_sets: int


def _value(
    measure: Measure, year: int, code: str, row: dict[str, str], found: tables.Tables
) -> Decimal | None:
    if measure.column:
        published = rules.parse_number(row[measure.column])
        return None if published is None else rules.one_place(published)
    return rules.rate_per_10k(rules.parse_number(row[measure.count]), found.population.get((year - 1, code)))


def _values(release: Release, found: tables.Tables) -> list[PublishedValue]:
    out = []
    for measure in PUBLISHED:
        table = measure.table.value if measure.table else ""  # PUBLISHED: only measures with a table
        for (year, code), row in found.rows[table].items():
            area = found.areas[code]
            out.append(
                PublishedValue(
                    release=release,
                    measure=measure.slug,
                    year=year,
                    level=area.level,
                    code=code,
                    name=area.name,
                    region_code=area.region_code,
                    value=_value(measure, year, code, row, found),
                )
            )
    # The child population each rate is made with, kept to show beside the rates and to make
    # Frontdoor's own rates with the authority's population.
    out += [
        PublishedValue(
            release=release,
            measure=POPULATION,
            year=year,
            level=found.areas[code].level,
            code=code,
            name=found.areas[code].name,
            region_code=found.areas[code].region_code,
            value=value,
        )
        for (year, code), value in found.population.items()
        if code in found.areas
    ]
    return out


def neighbour_features(found: tables.Tables, year: int) -> dict[str, tuple[float, float, float]]:
    """Each authority's characteristics for the computed neighbours (COMPUTED_SOURCE), for the
    authorities published in `year` whose Census 2021 figures are in the tables."""
    features = {}
    current = {code for (y, code) in found.rows["b1"] if y == year and found.areas[code].level == "la"}
    latest = max((y for y, _ in found.population), default=0)
    for code in sorted(current):
        ons = found.ons_codes.get(code, (0, ""))[1]
        children = found.population.get((latest, code))
        # Mid-2021 beside Census 2021; the first estimate after it for an authority made since
        # (Cumberland, Westmorland and Furness: 2023).
        children_2021 = next(
            (
                found.population[(y, code)]
                for y in range(CENSUS_YEAR, latest + 1)
                if (y, code) in found.population
            ),
            None,
        )
        residents = found.residents.get(ons)
        if not children or not children_2021 or residents is None:
            continue
        everyone, white_british = residents
        features[code] = (
            math.log(float(children)),
            float(children_2021) / everyone,
            1 - white_british / everyone,
        )
    return features


def _neighbours(release: Release, found: tables.Tables) -> int:
    latest = max((y for y, _ in found.population), default=0)
    features = neighbour_features(found, release.last_year)
    sets = NeighbourSet.objects.bulk_create(
        NeighbourSet(
            release=release,
            la_code=code,
            method=NeighbourMethod.COMPUTED,
            source=COMPUTED_SOURCE.format(year=latest),
            year=latest,
        )
        for code in sorted(features)
    )
    Neighbour.objects.bulk_create(
        Neighbour(
            neighbour_set=s,
            position=i,
            la_code=n.code,
            name=found.areas[n.code].name,
            distance=n.distance,
        )
        for s in sets
        for i, n in enumerate(rules.nearest(s.la_code, features, NEIGHBOURS), start=1)
    )
    return len(sets)


@transaction.atomic
def benchmarks_load(*, folder: Path, now: datetime, actor: object = None) -> Loaded:
    """Read and check every table in `folder` (tables.BadTables says what is wrong, and nothing
    changes), then replace the loaded release with this one. Every authority's audit trail records
    the load: the figures its leaders compare themselves with have changed."""
    found = tables.read(folder)
    Release.objects.all().delete()
    years = found.years
    release = Release.objects.create(
        loaded_at=now, folder=str(folder), files=found.files, first_year=years[0], last_year=years[-1]
    )
    values = PublishedValue.objects.bulk_create(_values(release, found), batch_size=2000)
    sets = _neighbours(release, found)
    for authority_id in Authority.objects.values_list("pk", flat=True):
        audit_record(
            actor=actor,
            action="benchmarks.load",
            subject=release,
            authority_id=authority_id,
            changes={"files": [f["name"] for f in found.files], "years": [years[0], years[-1]]},
        )
    withheld = sum(1 for v in values if v.value is None)
    return Loaded(release=release, values=len(values), withheld=withheld, neighbour_sets=sets)
