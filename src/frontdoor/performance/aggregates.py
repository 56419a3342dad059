"""What each figure counts, in SQL: which rows of its population it is about, the COUNT ... FILTER
aggregates giving its columns, the filter behind each drill-down result, and the rates and
percentiles that follow from the counts (performance.rules).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from django.db.models import (
    Case,
    Count,
    DurationField,
    Exists,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    Value,
    When,
)
from django.db.models.functions import ExtractDay, ExtractMonth, ExtractYear
from django.db.models.lookups import Exact

from frontdoor.child_protection.models import Participant
from frontdoor.contacts.models import REFERRAL_OUTCOMES, ReferralSource
from frontdoor.performance import (
    allegation_counts,
    complaint_counts,
    domestic_abuse_counts,
    drift_counts,
    missing_counts,
    note_counts,
    overdue_counts,
    papers_counts,
    participation_counts,
    rules,
)
from frontdoor.performance.counting import Counting
from frontdoor.performance.grouping import day_number
from frontdoor.performance.metrics import Figure
from frontdoor.referrals.models import Referral

RECEIVED = "contact__received_at"
INCIDENT = "contact__incident_at"
POLICE_REFERENCE = timedelta(hours=24)
CLOCKS = {"decisions-24h": "decision_clock", "decisions-1wd": "statutory_clock"}
SEEN = {"seen-1wd": "child_seen_urgent", "seen-5wd": "child_seen"}
# Figures counting a clock's met and missed, by the clock: decisions, children seen, conferences.
CLOCK_OF = {**CLOCKS, **dict.fromkeys(SEEN, "child_seen_clock"), "icpc-15wd": "icpc_clock"}
AGENCIES = ("police", "health", "education")
ASSESSMENT = "assessment_clock"
TAKEN = f"{ASSESSMENT}__working_days_taken"
RE_REFERRAL = "is_re_referral"

# The families of figures counted by their own modules (performance.counting): one line each.
FAMILIES: tuple[Counting, ...] = (
    missing_counts.COUNTING,
    overdue_counts.COUNTING,
    note_counts.COUNTING,
    papers_counts.COUNTING,
    participation_counts.COUNTING,
    allegation_counts.COUNTING,
    complaint_counts.COUNTING,
    domestic_abuse_counts.COUNTING,
    drift_counts.COUNTING,
)
COUNTING_OF = {slug: family for family in FAMILIES for slug in family.slugs}


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    """(filter, aliases it and the aggregates need) choosing the rows of the population a figure
    is about."""
    if figure.slug in COUNTING_OF:
        return COUNTING_OF[figure.slug].where(figure, now)
    if figure.slug in CLOCKS:
        return Q(**{f"{CLOCKS[figure.slug]}__isnull": False}), {}
    if figure.slug == "police-delay":
        return Q(**{f"{INCIDENT}__isnull": False}), {}
    if figure.slug in SEEN:
        return Q(child_seen_clock__standard=SEEN[figure.slug]), {}
    if figure.slug == "assessment-duration":
        completed = Q(**{f"{ASSESSMENT}__completed_at__isnull": False})
        return completed | Q(**{f"{ASSESSMENT}__due_at__lt": now}), {}
    if figure.slug == "re-referrals":
        return Q(), _re_referral_aliases()
    if figure.slug == "icpc-15wd":
        # Through the clock's own column, not `icpc_clock__isnull`: on the national database the
        # planner read "icpc_clock_id IS NOT NULL" through that column's unique index across every
        # authority (25 ms) instead of the authority's own enquiries (10 ms; bench/board.py).
        return Q(icpc_clock__due_at__isnull=False), {}
    if figure.slug == "strategy-attendance":
        return Q(), {f"present_{agency}": _present(agency) for agency in AGENCIES}
    return Q(), {}


def _present(agency: str) -> Exists:
    return Exists(Participant.objects.filter(discussion=OuterRef("pk"), agency=agency, attended=True))


def _attendance_result(result: str) -> Q:
    all_three = Q(**{f"present_{agency}": True for agency in AGENCIES})
    if result in AGENCIES:
        return Q(**{f"present_{result}": True})
    return all_three if result == "all_three" else ~all_three


def _re_referral_aliases() -> dict[str, Any]:
    """Whether an earlier referral of the same child (received before this one) has a referral date
    on or after rules.year_before(this one's), compared as day numbers (rules.year_before_number:
    one year less, and 29 February becomes 28 February)."""
    day = day_number(ExtractYear("referral_date"), ExtractMonth("referral_date"), ExtractDay("referral_date"))
    leap_day = Exact(ExtractMonth("referral_date") * Value(100) + ExtractDay("referral_date"), Value(229))
    since = Case(When(leap_day, then=day - Value(10001)), default=day - Value(10000))
    # The child's own referrals (a person belongs to one authority), found through the person index.
    earlier = Referral.objects.filter(
        person_id=OuterRef("person_id"),
        received_at__lt=OuterRef("received_at"),
    ).annotate(day=day)
    return {
        "re_referral_since": since,
        RE_REFERRAL: Exists(earlier.filter(day__gte=OuterRef("re_referral_since"))),
    }


# Figures whose columns are the values of one field (a count per value): counted by grouping on the
# field, not with a filtered count per value (22 source codes were 22 comparisons a row; bench/board.py).
PIVOTS = {"sources": "contact__source"}


def pivoted(field_values: list[tuple[Any, int]], names: list[str]) -> dict[str, int]:
    """A pivoted figure's counts ({"children": all, value: n for each of `names`}) from (value, n)."""
    counts = dict.fromkeys(names, 0)
    for value, n in field_values:
        counts["children"] += n
        if value in counts:
            counts[value] += n
    return counts


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    counts: dict[str, Any] = {"children": Count("pk")}
    slug = figure.slug
    if slug in COUNTING_OF:
        counts |= COUNTING_OF[slug].aggregates(figure, now)
    elif slug == "contacts":
        counts |= {
            "contacts": Count("contact", distinct=True),
            "referrals": Count("pk", filter=Q(decision__outcome__in=REFERRAL_OUTCOMES)),
            "undecided": Count("pk", filter=Q(decision__isnull=True)),
        }
    elif slug in CLOCK_OF:
        names = figure.results
        counts |= {name: Count("pk", filter=_clock_result(CLOCK_OF[slug], name, now)) for name in names}
    elif slug == "repeat-contacts":
        counts["flagged"] = Count("pk", filter=~Q(repeat_reasons=[]))
    elif slug == "police-delay":
        counts |= {
            "notifications": Count("contact", distinct=True),
            "within": Count("pk", filter=_police_result("within")),
            "over": Count("pk", filter=_police_result("over")),
        }
    elif slug == "sources":
        counts |= {code: Count("pk", filter=Q(contact__source=code)) for code in ReferralSource.values}
    elif slug == "assessment-duration":
        counts |= {name: Count("pk", filter=_assessment_result(name)) for name in figure.results}
    elif slug == "re-referrals":
        counts["rereferrals"] = Count("pk", filter=Q(**{RE_REFERRAL: True}))
    elif slug == "strategy-attendance":
        results = [name for name in figure.results if name != "all"]
        counts |= {name: Count("pk", filter=_attendance_result(name)) for name in results}
    return counts


# The clocks' met and missed: decided / seen at or before the due time.
_CLOCK_RESULTS = {
    "decided": "done",
    "seen": "done",
    "held": "done",
    "met": "met",
    "within": "met",
    "missed": "missed",
    "later": "missed",
    "overdue": "overdue",
}


def _clock_result(clock: str, result: str, now: datetime) -> Q:
    completed, due = f"{clock}__completed_at", F(f"{clock}__due_at")
    return {
        "done": Q(**{f"{completed}__isnull": False}),
        "met": Q(**{f"{completed}__lte": due}),
        "missed": Q(**{f"{completed}__gt": due}),
        "overdue": Q(**{f"{completed}__isnull": True, f"{clock}__due_at__lt": now}),
    }[_CLOCK_RESULTS[result]]


def _police_result(result: str) -> Q:
    limit = F(INCIDENT) + Value(POLICE_REFERENCE)
    return Q(**{f"{RECEIVED}__lte": limit}) if result == "within" else Q(**{f"{RECEIVED}__gt": limit})


def _assessment_result(result: str) -> Q:
    completed = Q(**{f"{ASSESSMENT}__completed_at__isnull": False})
    if result == "completed":
        return completed
    if result == "within":
        return Q(**{f"{TAKEN}__lte": rules.ASSESSMENT_LIMIT}) & completed
    if result == "over":
        return Q(**{f"{TAKEN}__gt": rules.ASSESSMENT_LIMIT}) & completed
    if result == "open_over":
        return Q(**{f"{ASSESSMENT}__completed_at__isnull": True})
    band = next(b for b in rules.ASSESSMENT_BANDS if b.key == result)
    low = Q(**{f"{TAKEN}__gte": band.low}) & completed
    return low if band.high is None else low & Q(**{f"{TAKEN}__lte": band.high})


def result_filter(figure: Figure, result: str, now: datetime) -> Q | None:
    """The rows behind one drill-down result; None when the figure has no such result."""
    if result not in figure.results:
        return None
    slug = figure.slug
    if result == "all":
        return Q()
    if slug in COUNTING_OF:
        return COUNTING_OF[slug].result_filter(figure, result, now)
    if slug == "contacts":
        referral = Q(decision__outcome__in=REFERRAL_OUTCOMES)
        return referral if result == "referral" else Q(decision__isnull=True)
    if slug in CLOCK_OF:
        return _clock_result(CLOCK_OF[slug], result, now)
    if slug == "repeat-contacts":
        return ~Q(repeat_reasons=[])
    if slug == "police-delay":
        return _police_result(result)
    if slug == "assessment-duration":
        return _assessment_result(result)
    if slug == "re-referrals":
        return Q(**{RE_REFERRAL: True})
    if slug == "strategy-attendance":
        return _attendance_result(result)
    return Q(contact__source=result)  # sources: the result is the DfE source code


# Lists for medians and percentiles ---------------------------------------------------------------------


def listed_value(figure: Figure) -> tuple[Any, Q] | None:
    """(the value listed per row, which rows) for a figure whose percentiles need the values
    themselves (SQLite has no percentile function): police delays, assessments' working days."""
    if figure.slug == "police-delay":
        return ExpressionWrapper(F(RECEIVED) - F(INCIDENT), output_field=DurationField()), Q()
    if figure.slug == "assessment-duration":
        return F(TAKEN), Q(**{f"{ASSESSMENT}__completed_at__isnull": False})
    return None


def as_number(figure: Figure, value: Any) -> float:
    return rules.hours(value) if figure.slug == "police-delay" else float(value)


def derive(figure: Figure, values: dict[str, Any], listed: list[float] | None = None) -> dict[str, Any]:
    """The rates and percentiles that follow from a row's counts (performance.rules)."""
    slug = figure.slug
    if slug in COUNTING_OF:
        values = COUNTING_OF[slug].derive(figure, values)
    elif slug == "contacts":
        values["share"] = rules.percentage(values["referrals"], values["children"])
    elif slug in CLOCKS:
        values["share"] = rules.percentage(values["met"], values["decided"])
    elif slug in SEEN:
        values["share"] = rules.percentage(values["within"], values["seen"])
    elif slug == "repeat-contacts":
        values["share"] = rules.percentage(values["flagged"], values["children"])
    elif slug == "police-delay":
        values["share"] = rules.percentage(values["within"], values["children"])
        values["median"] = rules.one_dp(rules.percentile(listed or [], 50))
        values["p90"] = rules.one_dp(rules.percentile(listed or [], 90))
    elif slug == "assessment-duration":
        values["share"] = rules.percentage(values["within"], values["completed"])
        values["median"] = rules.one_dp(rules.percentile(listed or [], 50))
    elif slug == "re-referrals":
        values["share"] = rules.percentage(values["rereferrals"], values["children"])
    elif slug == "icpc-15wd":
        values["share"] = rules.percentage(values["within"], values["held"])
    elif slug == "strategy-attendance":
        values["share"] = rules.percentage(values["all_three"], values["children"])
    return values
