"""How the dashboard's domestic abuse figures count (performance.domestic_abuse_figures says what
they mean). The rows are each child named in a police domestic abuse notification
(domestic_abuse.NotifiedChild), counted by when the notification was received."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any
from zoneinfo import ZoneInfo

from django.db.models import Count, DateTimeField, Exists, ExpressionWrapper, F, OuterRef, Q
from django.db.models.functions import TruncDate

from frontdoor.assessments.models import Assessment
from frontdoor.child_protection.models import StrategyDiscussion
from frontdoor.contacts.models import ContactChild
from frontdoor.domestic_abuse.models import NotifiedChild
from frontdoor.domestic_abuse.rules import REPEAT_WINDOW
from frontdoor.performance import rules
from frontdoor.performance.counting import Counting

if TYPE_CHECKING:
    from frontdoor.performance.metrics import Figure

RISK = "da-risk"
DECISION = "da-decision"
HIGH_RISK = "da-high-risk-action"
REPEAT = "da-repeat"
LONDON = ZoneInfo("Europe/London")
SLUGS = (RISK, DECISION, HIGH_RISK, REPEAT)
LEVELS = ("standard", "medium", "high")


def _journey() -> Any:
    """The child's journey on the notification's police contact (docs/adr/0015)."""
    return ContactChild.objects.filter(
        contact_id=OuterRef("notification__contact_id"), person_id=OuterRef("person_id")
    )


def _acted() -> dict[str, Any]:
    """A strategy discussion held, or an assessment started, about the child since the notification
    (two aliases: Django cannot count over an OR of two EXISTS expressions)."""
    discussed = StrategyDiscussion.objects.filter(
        person_id=OuterRef("person_id"), held_at__gte=OuterRef("received_at")
    )
    received_at = ExpressionWrapper(OuterRef("received_at"), output_field=DateTimeField())
    received_on = TruncDate(received_at, tzinfo=LONDON)
    assessed = Assessment.objects.filter(person_id=OuterRef("person_id"), started_on__gte=received_on)
    return {"discussed": Exists(discussed), "assessed": Exists(assessed)}


def _repeated() -> Any:
    earlier = NotifiedChild.objects.filter(
        person_id=OuterRef("person_id"),
        received_at__lt=OuterRef("received_at"),
        received_at__gte=OuterRef("received_at") - REPEAT_WINDOW,
    )
    return Exists(earlier)


def where(figure: Figure, now: datetime) -> tuple[Q, dict[str, Any]]:
    if figure.slug == DECISION:
        decided = _journey().filter(decision_clock__completed_at__isnull=False)
        within = decided.filter(decision_clock__completed_at__lte=F("decision_clock__due_at"))
        return Q(), {"decided": Exists(decided), "decided_within": Exists(within)}
    if figure.slug == HIGH_RISK:
        return Q(risk_level="high"), _acted()
    if figure.slug == REPEAT:
        return Q(), {"repeated": _repeated()}
    return Q(), {}


RESULTS: dict[str, dict[str, Q]] = {
    RISK: {level: Q(risk_level=level) for level in LEVELS},
    DECISION: {
        "within": Q(decided_within=True),
        "later": Q(decided=True, decided_within=False),
        "undecided": Q(decided=False),
    },
    HIGH_RISK: {
        "acted": Q(discussed=True) | Q(assessed=True),
        "not_acted": Q(discussed=False, assessed=False),
    },
    REPEAT: {"repeat": Q(repeated=True)},
}


def aggregates(figure: Figure, now: datetime) -> dict[str, Any]:
    counts = {name: Count("pk", filter=condition) for name, condition in RESULTS[figure.slug].items()}
    if figure.slug == REPEAT:
        counts["repeat_children"] = Count("person", distinct=True, filter=Q(repeated=True))
    return counts


def result_filter(figure: Figure, result: str, now: datetime) -> Q:
    return RESULTS[figure.slug][result]


def derive(figure: Figure, values: dict[str, Any]) -> dict[str, Any]:
    whole = values["children"]
    part = {RISK: "high", DECISION: "within", HIGH_RISK: "acted", REPEAT: "repeat"}[figure.slug]
    values["share"] = rules.percentage(values[part], whole)
    return values


COUNTING = Counting(SLUGS, aggregates, result_filter, where, derive)
# The window a repeat looks back over, for the figure's words.
REPEAT_DAYS = REPEAT_WINDOW // timedelta(days=1)
