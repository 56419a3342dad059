"""The authority's own figures for the comparison, counted from its records by the code that makes
its returns and dashboard, so that the definitions are the DfE's wherever Frontdoor can follow them:
the children in need census as it would be returned for the period (returns.census.build) and the
performance dashboard's figures (performance.selectors.figure_data). Where they differ from the
DfE's, benchmarks.measures says how, and the page shows it.

A fixed number of queries whatever the volume: the census build's, one per dashboard figure, and
one for when the records begin.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime
from decimal import Decimal

from django.db.models import Min
from django.utils import timezone

from frontdoor.benchmarks import rules
from frontdoor.contacts.models import Contact
from frontdoor.organisations.models import User
from frontdoor.performance import selectors as performance
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.rules import Period
from frontdoor.returns import census as census_return
from frontdoor.returns.census.model import Census, ProtectionPlan
from frontdoor.returns.rules import CensusYear

TWO_YEARS = 2


@dataclass(frozen=True)
class PeriodAsCensusYear(CensusYear):
    """A census "year" over any period: the census build counts what it sees between `start` and
    `reference_date`, so the last 12 months are counted exactly as a year ending 31 March would be."""

    first: date = date.min
    last: date = date.max

    @property
    def start(self) -> date:
        return self.first

    @property
    def reference_date(self) -> date:
        return self.last


def records_begin(authority_id: int) -> date | None:
    """The day of the first contact in Frontdoor's records: the front door's records begin there
    (episodes migrated from an earlier system can be older, but they are not a whole year's work)."""
    first: datetime | None = Contact.objects.filter(authority_id=authority_id).aggregate(
        first=Min("received_at")
    )["first"]
    return timezone.localdate(first) if first else None


def _census_figures(
    census: Census, first: date, last: date, population: Decimal | None
) -> dict[str, Decimal | None]:
    episodes = census.episodes
    referred = [e for e in episodes if first <= e.referral_date <= last]
    open_at_end = [e for e in episodes if e.closure_date is None]
    plans: dict[tuple[int, date], ProtectionPlan] = {}
    for child in census.children:
        for episode in child.episodes:
            for plan in episode.protection_plans:
                plans[(child.person_id, plan.start)] = plan
    started = [p for p in plans.values() if first <= p.start <= last]
    open_plans = [p for p in plans.values() if p.start <= last and p.end is None]
    two_years_before = last.replace(year=last.year - TWO_YEARS)
    return {
        "referrals": rules.rate_per_10k(len(referred), population),
        "no-further-action": rules.percent(sum(1 for e in referred if e.nfa), len(referred)),
        "children-in-need": rules.rate_per_10k(len(open_at_end), population),
        "cp-plans-started": rules.rate_per_10k(len(started), population),
        "cp-plans": rules.rate_per_10k(len(open_plans), population),
        "second-plans": rules.percent(sum(1 for p in started if p.previous_plans > 0), len(started)),
        "long-plans": rules.percent(
            sum(1 for p in open_plans if p.start <= two_years_before), len(open_plans)
        ),
    }


# Measure slug -> (the dashboard figure, its column).
DASHBOARD = {
    "re-referrals": ("re-referrals", "share"),
    "assessments-45wd": ("assessment-duration", "share"),
    "icpc-15wd": ("icpc-15wd", "share"),
}


def _dashboard_figures(actor: User, window: rules.Window, now: datetime) -> dict[str, Decimal | None]:
    scope = performance.scope_for(actor=actor, period=Period(window.first, window.last), team=None, now=now)
    out: dict[str, Decimal | None] = {}
    for slug, (figure, column) in DASHBOARD.items():
        data = performance.figure_data(figure=FIGURES[figure], scope=scope, breakdown=None)
        value = data.total.values.get(column)
        out[slug] = None if value is None else rules.one_place(Decimal(value))
    return out


def own_figures(
    *, actor: User, window: rules.Window, population: Decimal | None, now: datetime
) -> dict[str, Decimal | None]:
    """Frontdoor's figure for each measure it can count, by measure slug."""
    year = PeriodAsCensusYear(year=window.last.year, first=window.first, last=window.last)
    census = census_return.build(
        authority_id=actor.authority_id,  # type: ignore[arg-type]
        la_code=actor.authority.la_code,  # type: ignore[union-attr]
        census=year,
        generated_at=now,
    )
    return _census_figures(census, window.first, window.last, population) | _dashboard_figures(
        actor, window, now
    )
