"""The authority's demand month by month (issue 20 §4), for the "What is coming?" page and
bench/forecast.py: children's contacts, referrals, assessments completed, protection plans started,
children on protection plans and children in need at each month's end, and its social workers now.

Each measure is counted as the dashboard counts it: contacts and referrals from the "Contacts and
referrals" figure's own aggregates over the children's contacts population, assessments completed
from the "Assessment duration" figure's "completed" result over the assessments population, months
in Europe/London by performance.grouping. The measures with no dashboard figure (protection plans,
open cases) are counted as the DfE children in need census counts them (see MEASURES).

Five queries whatever the number of months: one grouped by month for contacts and referrals, one
for assessments, one conditional aggregate for protection plans (started and running at each month's
end), one for open episodes, and one for the authority's threshold and its social workers.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Q, QuerySet

from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.organisations.models import Authority, Role, User
from frontdoor.organisations.permissions import require
from frontdoor.performance import aggregates
from frontdoor.performance.grouping import group_expression, group_key
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.populations import ASSESSMENTS, CONTACTS
from frontdoor.performance.rules import LONDON
from frontdoor.referrals.models import Referral

# Months of history read: five years, and the month before them (left out, see months_of_history).
HISTORY_MONTHS = 60
FLOW, STOCK = "flow", "stock"


@dataclass(frozen=True)
class Measure:
    key: str
    title: str
    kind: str  # FLOW: counted over each month; STOCK: counted at each month's end
    definition: str
    # The dashboard figure and result whose drill-down lists a month's children, if there is one.
    figure: str = ""
    result: str = ""


MEASURES: tuple[Measure, ...] = (
    Measure(
        "contacts",
        "Children's contacts",
        FLOW,
        "Children's contacts received in the month, as the dashboard's Contacts and referrals counts "
        "them: each child named in a contact counts once.",
        "contacts",
        "all",
    ),
    Measure(
        "referrals",
        "Referrals",
        FLOW,
        "Children's contacts received in the month that became referrals (a decision for a social "
        "work assessment or a strategy discussion), as on the dashboard.",
        "contacts",
        "referral",
    ),
    Measure(
        "assessments",
        "Assessments completed",
        FLOW,
        "Single assessments completed in the month, as the dashboard's Assessment duration counts them.",
        "assessment-duration",
        "completed",
    ),
    Measure(
        "plans_started",
        "Child protection plans started",
        FLOW,
        "Child protection plans starting in the month (a plan starts on the initial conference's "
        "date, DfE children in need census CPPstartDate).",
    ),
    Measure(
        "on_plans",
        "Children on child protection plans",
        STOCK,
        "Children on a child protection plan at the end of the month: started on or before that day "
        "and not ended by it (as the census counts children on plans at 31 March).",
    ),
    Measure(
        "open_cases",
        "Open cases (children in need)",
        STOCK,
        "Children with an open children-in-need episode at the end of the month: referred on or "
        "before that day and not closed by it, leaving out referrals with no further action (as the "
        "census counts children in need at 31 March).",
    ),
)
MEASURE_KEYS = tuple(m.key for m in MEASURES)


@dataclass(frozen=True)
class DemandHistory:
    """Complete months in order (first days), each measure's value per month, and capacity now."""

    months: list[date]
    series: dict[str, list[int]]
    social_workers: int
    threshold: int
    authority: str


def months_of_history(today: date, count: int = HISTORY_MONTHS + 1) -> list[date]:
    """The first days of the `count` complete months before the month of `today`."""
    this_month = today.replace(day=1)
    return [this_month - relativedelta(months=n) for n in range(count, 0, -1)]


def _start(day: date) -> datetime:
    return datetime.combine(day, time.min, tzinfo=LONDON)


def _month_end(first: date) -> date:
    return first + relativedelta(months=1) - timedelta(days=1)


def _by_month(rows: QuerySet[Any], population: Any, ends: datetime, counts: dict[str, Any]) -> dict[str, Any]:
    """{YYYY-MM: counts} from one query grouped by the population's month (Europe/London)."""
    grouped = rows.order_by().annotate(month=group_expression(population, "month", ends))
    return {group_key("month", row.pop("month")): row for row in grouped.values("month").annotate(**counts)}


def _flows(authority_id: int, months: list[date], now: datetime) -> dict[str, dict[str, Any]]:
    starts, ends = _start(months[0]), _start(months[-1] + relativedelta(months=1))
    contacts_figure = FIGURES["contacts"]
    contact_counts = aggregates.aggregates(contacts_figure, now)
    contacts = _by_month(
        CONTACTS.rows(authority_id, starts, ends),
        CONTACTS,
        ends,
        {"children": contact_counts["children"], "referrals": contact_counts["referrals"]},
    )
    duration = FIGURES["assessment-duration"]
    completed = aggregates.result_filter(duration, "completed", now)
    assessed = _by_month(
        ASSESSMENTS.rows(authority_id, starts, ends).filter(completed),
        ASSESSMENTS,
        ends,
        {"completed": Count("pk")},
    )
    return {"contacts": contacts, "assessments": assessed}


def _running(start: str, end: str, day: date) -> Q:
    return Q(**{f"{start}__lte": day}) & (Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": day}))


def _stocks(authority_id: int, months: list[date]) -> tuple[dict[str, Any], dict[str, Any]]:
    """Protection plans started in each month and running at its end, and children in need at its
    end: one conditional aggregate each (a column per month), so the count of queries never grows."""
    plans: dict[str, Any] = {}
    cases: dict[str, Any] = {}
    for first in months:
        last = _month_end(first)
        plans[f"started_{first:%Y_%m}"] = Count("pk", filter=Q(start_date__range=(first, last)))
        running = _running("start_date", "end_date", last)
        plans[f"running_{first:%Y_%m}"] = Count("person", distinct=True, filter=running)
        cases[f"open_{first:%Y_%m}"] = Count(
            "person", distinct=True, filter=_running("referral_date", "closure_date", last)
        )
    plan_counts = ProtectionPlan.objects.filter(authority_id=authority_id).aggregate(**plans)
    case_counts = Referral.objects.filter(authority_id=authority_id, nfa=False).aggregate(**cases)
    return plan_counts, case_counts


def _capacity(authority_id: int, today: date) -> tuple[int, int, str]:
    """The authority's caseload threshold and its social workers in post today: role social worker,
    active, started (or no start date recorded) and not left."""
    in_post = Q(
        staff__role=Role.SOCIAL_WORKER,
        staff__is_active=True,
    ) & (Q(staff__left_on__isnull=True) | Q(staff__left_on__gte=today))
    in_post &= Q(staff__started_on__isnull=True) | Q(staff__started_on__lte=today)
    row = (
        Authority.objects.filter(pk=authority_id)
        .annotate(workers=Count("staff", filter=in_post))
        .values("caseload_threshold", "workers", "name")
        .get()
    )
    return row["workers"], row["caseload_threshold"], row["name"]


def demand_history(*, actor: User, today: date, now: datetime) -> DemandHistory:
    """The actor's authority's complete months of demand, from the first whole month with records."""
    require(actor, "demand.view")
    authority_id: int = actor.authority_id  # type: ignore[assignment]
    months = months_of_history(today)
    flows = _flows(authority_id, months, now)
    plans, cases = _stocks(authority_id, months)
    workers, threshold, name = _capacity(authority_id, today)
    keyed = [m.isoformat()[:7] for m in months]
    value: dict[str, Callable[[str, date], int]] = {
        "contacts": lambda k, m: flows["contacts"].get(k, {}).get("children", 0),
        "referrals": lambda k, m: flows["contacts"].get(k, {}).get("referrals", 0),
        "assessments": lambda k, m: flows["assessments"].get(k, {}).get("completed", 0),
        "plans_started": lambda k, m: plans[f"started_{m:%Y_%m}"],
        "on_plans": lambda k, m: plans[f"running_{m:%Y_%m}"],
        "open_cases": lambda k, m: cases[f"open_{m:%Y_%m}"],
    }
    series = {key: [value[key](k, m) for k, m in zip(keyed, months, strict=True)] for key in MEASURE_KEYS}
    start = first_whole_month(series["contacts"])
    return DemandHistory(
        months=months[start:],
        series={key: values[start:] for key, values in series.items()},
        social_workers=workers,
        threshold=threshold,
        authority=name,
    )


def first_whole_month(contacts: list[int]) -> int:
    """The index of the month after the first month with any children's contacts: records may begin
    part-way through that month (a system goes live, or the window cuts it), so it is left out
    rather than read as a fall in demand. len(contacts) when there are none."""
    first = next((i for i, n in enumerate(contacts) if n), len(contacts))
    return min(first + 1, len(contacts))
