"""The comparison's reads: the published figures for the actor's authority (by its LA code), its
region, England and its statistical neighbours, with its rank and quartile among every authority,
beside Frontdoor's own figures (benchmarks.own). Nothing here names a child, so nothing is logged
(the drill-downs it links to are the dashboard's, which log whom they list).

A fixed number of queries per page whatever the number of measures, years or neighbours.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import datetime
from decimal import Decimal

from django.http import Http404

from frontdoor.benchmarks import own, rules
from frontdoor.benchmarks.measures import MEASURES, Measure
from frontdoor.benchmarks.models import Level, Neighbour, NeighbourSet, PublishedValue, Release
from frontdoor.benchmarks.services import POPULATION
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

ACTION = "benchmarks.view"


@dataclass(frozen=True)
class Area:
    code: str
    name: str


@dataclass
class YearFigures:
    """One measure in one year: every published value, and where the authority stands."""

    year: int
    la: Decimal | None = None
    england: Decimal | None = None
    region: Decimal | None = None
    neighbours: list[Decimal | None] = field(default_factory=list)
    others: list[Decimal] = field(default_factory=list)  # every other authority's, for the rank

    @property
    def neighbours_mean(self) -> Decimal | None:
        return rules.mean(self.neighbours)

    @property
    def standing(self) -> rules.Standing | None:
        return rules.standing(self.la, self.others)


@dataclass
class MeasureComparison:
    measure: Measure
    own: Decimal | None
    latest: YearFigures | None  # None when nothing is published for the measure
    history: list[YearFigures] = field(default_factory=list)  # oldest first (the detail page only)

    @property
    def own_standing(self) -> rules.Standing | None:
        """Where Frontdoor's figure would stand among the other authorities' in the latest year."""
        return rules.standing(self.own, self.latest.others) if self.latest else None


@dataclass
class Comparison:
    release: Release | None
    la_code: str
    la: Area | None  # the authority as the DfE publishes it; None when its code is not in the tables
    region: Area | None
    neighbour_set: NeighbourSet | None
    neighbours: list[Neighbour]
    window: rules.Window
    population: Decimal | None  # the children aged 0 to 17 Frontdoor's own rates are made with
    population_year: int | None
    measures: list[MeasureComparison]

    @property
    def year(self) -> int | None:
        return self.release.last_year if self.release else None


def _latest_release() -> Release | None:
    return Release.objects.first()


def _place(release: Release, la_code: str) -> tuple[Area | None, Area | None]:
    """The authority and its region as the tables name them (one query)."""
    row = (
        PublishedValue.objects.filter(release=release, measure=POPULATION, level=Level.LA, code=la_code)
        .order_by("-year")
        .values_list("name", "region_code")
        .first()
    )
    if row is None:
        return None, None
    region = (
        PublishedValue.objects.filter(release=release, measure=POPULATION, level=Level.REGION, code=row[1])
        .values_list("name", flat=True)
        .first()
    )
    return Area(la_code, row[0]), Area(row[1], region or row[1])


def _gather(
    rows: list[tuple[str, int, str, str, Decimal | None]], la_code: str, region: str, neighbours: list[str]
) -> dict[str, dict[int, YearFigures]]:
    """Published values (measure, year, level, code, value) sorted into each measure's years."""
    found: dict[str, dict[int, YearFigures]] = defaultdict(dict)
    by_code: dict[tuple[str, int], dict[str, Decimal | None]] = defaultdict(dict)
    for measure, year, level, code, value in rows:
        figures = found[measure].setdefault(year, YearFigures(year))
        if level == Level.ENGLAND:
            figures.england = value
        elif level == Level.REGION and code == region:
            figures.region = value
        elif level == Level.LA:
            by_code[(measure, year)][code] = value
            if code == la_code:
                figures.la = value
            elif value is not None:
                figures.others.append(value)
    for (measure, year), values in by_code.items():
        found[measure][year].neighbours = [values.get(code) for code in neighbours]
    return found


def _population(release: Release, la_code: str, window: rules.Window) -> tuple[Decimal | None, int | None]:
    """The authority's children aged 0 to 17 in the mid-year estimate before the window ends (or the
    latest published, when that year's is not out yet)."""
    row = (
        PublishedValue.objects.filter(
            release=release, measure=POPULATION, code=la_code, year__lte=window.last.year - 1
        )
        .order_by("-year")
        .values_list("value", "year")
        .first()
    )
    return (row[0], row[1]) if row else (None, None)


def comparison_for(*, actor: User, now: datetime, measure: Measure | None = None) -> Comparison:
    """Every measure's comparison for the latest published year (or one measure with its history
    over every year published), and Frontdoor's own figures for the window benchmarks.rules chooses."""
    require(actor, ACTION)
    la_code = actor.authority.la_code  # type: ignore[union-attr]
    window = rules.comparison_window(now.date(), own.records_begin(actor.authority_id))  # type: ignore[arg-type]
    release = _latest_release()
    wanted = [measure] if measure else list(MEASURES.values())
    if release is None:
        figures = own.own_figures(actor=actor, window=window, population=None, now=now)
        measures = [MeasureComparison(m, figures.get(m.slug), None) for m in wanted]
        return Comparison(None, la_code, None, None, None, [], window, None, None, measures)
    la, region = _place(release, la_code)
    neighbour_set = NeighbourSet.objects.filter(release=release, la_code=la_code).first()
    neighbours = list(neighbour_set.neighbours.all()) if neighbour_set else []
    population, population_year = _population(release, la_code, window)
    values = PublishedValue.objects.filter(release=release, measure__in=[m.slug for m in wanted])
    if measure is None:
        values = values.filter(year=release.last_year)
    rows = list(values.values_list("measure", "year", "level", "code", "value"))
    found = _gather(rows, la_code, region.code if region else "", [n.la_code for n in neighbours])
    figures = own.own_figures(actor=actor, window=window, population=population, now=now)
    measures = []
    for m in wanted:
        years = [found[m.slug][y] for y in sorted(found.get(m.slug, {}))]
        latest = found.get(m.slug, {}).get(release.last_year)
        measures.append(MeasureComparison(m, figures.get(m.slug), latest, years if measure else []))
    return Comparison(
        release, la_code, la, region, neighbour_set, neighbours, window, population, population_year, measures
    )


def measure_or_404(slug: str) -> Measure:
    try:
        return MEASURES[slug]
    except KeyError:
        raise Http404("No such measure.") from None
