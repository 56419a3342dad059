"""The oversight figures for missing children, by month, each with the children behind it.

Return interview figures count episodes by the local month in which the child returned (the
72-hour duties start at the return): of those episodes, the share with an interview offered, offered
within 72 hours (the `rhi_offered` clock met), offered by an independent person, the child asked who
they would prefer to talk to, accepted, held, held within 72 hours (the `rhi_held` clock's due time)
and held by an independent person. "Children missing more than once" counts children with two or
more episodes starting in the month. One query per figure table, whatever the volume.
"""

from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

from dateutil.relativedelta import relativedelta
from django.db.models import BooleanField, Case, Exists, F, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import TruncMonth
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.missing.models import MissingEpisode
from frontdoor.missing.rules import month_of
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

FIGURES: tuple[tuple[str, str], ...] = (
    ("returned", "Episodes ended (child returned)"),
    ("offered", "Interview offered"),
    ("offered_72h", "Offered within 72 hours"),
    ("independent", "Offered by an independent person"),
    ("asked_preference", "Child asked who they would prefer to talk to"),
    ("accepted", "Accepted"),
    ("completed", "Held"),
    ("held_72h", "Held within 72 hours"),
    ("held_independent", "Held by an independent person"),
    ("not_offered", "Not offered"),
)
SHARES = ("offered", "offered_72h", "independent", "asked_preference", "accepted", "completed", "held_72h",
          "held_independent")  # fmt: skip
REPEAT = "repeat"
LABELS = dict(FIGURES) | {REPEAT: "Children missing more than once in the month"}


@dataclass
class Month:
    month: date
    counts: dict[str, int] = field(default_factory=dict)
    episodes: dict[str, list[int]] = field(default_factory=dict)  # figure -> episode ids

    def share(self, figure: str) -> float | None:
        whole = self.counts.get("returned", 0)
        return round(100 * self.counts.get(figure, 0) / whole, 1) if whole else None


def _zone() -> Any:
    return timezone.get_default_timezone()


def month_starts(now: datetime, months: int) -> list[date]:
    """The first days of the last `months` local months, oldest first, ending with `now`'s month."""
    this = month_of(now, _zone())
    return [this - relativedelta(months=n) for n in range(months - 1, -1, -1)]


def _local_midnight(day: date) -> datetime:
    return datetime(day.year, day.month, day.day, tzinfo=_zone())


def return_conditions() -> dict[str, Q]:
    """Each return interview figure as a condition on a returned MissingEpisode: the one counting
    convention, shared by the missing overview (monthly) and the performance dashboard."""
    return {
        "returned": Q(returned_at__isnull=False),
        "offered": Q(interview__isnull=False),
        # The rhi_offered clock runs 72 clock hours from the return; an offer at its due time is in time.
        "offered_72h": Q(interview__offered_at__lte=F("interview_clock__due_at")),
        "independent": Q(interview__offered_by_independent=True),
        "accepted": Q(interview__accepted=True),
        "completed": Q(interview__completed_at__isnull=False),
        # Held at or before the rhi_held clock's due time (72 clock hours from the return): counted
        # from the interview itself, since a decline also stops that clock.
        "held_72h": Q(interview__completed_at__lte=F("held_clock__due_at")),
        "held_independent": Q(interview__completed_at__isnull=False, interview__held_by_independent=True),
        "asked_preference": Q(interview__asked_preference=True),
        "not_offered": Q(interview__isnull=True),
    }


def flag(condition: Q) -> Case:
    """A condition as a true/false column (never NULL, whatever the joins find)."""
    return Case(When(condition, then=Value(True)), default=Value(False), output_field=BooleanField())


def started_month() -> TruncMonth:
    """The local calendar month an episode started in."""
    return TruncMonth("went_missing_at", tzinfo=_zone())


def repeated_in_month() -> Exists:
    """Whether the same child has another episode starting in the same local calendar month as this
    one (needs the outer alias `started_month`): the episodes behind "children missing more than
    once in the month"."""
    others = (
        MissingEpisode.objects.filter(person_id=OuterRef("person_id"))
        .exclude(pk=OuterRef("pk"))
        .alias(started_month=started_month())
        .filter(started_month=OuterRef("started_month"))
    )
    return Exists(others)


def started_with_repeats(episodes: QuerySet[MissingEpisode]) -> QuerySet[MissingEpisode]:
    """`episodes` with the aliases `started_month` and `repeated` (repeated_in_month)."""
    return episodes.alias(started_month=started_month()).alias(repeated=repeated_in_month())


def monthly(*, actor: User, months: int = 12, now: datetime | None = None) -> list[Month]:
    """The figures for each of the last `months` months, oldest first."""
    require(actor, "child.view")
    now = now or timezone.now()
    starts = month_starts(now, months)
    table = {start: Month(start) for start in starts}
    begin, end = _local_midnight(starts[0]), _local_midnight(starts[-1] + relativedelta(months=1))
    episodes = MissingEpisode.objects.filter(authority_id=actor.authority_id)
    conditions = return_conditions()
    returned = episodes.filter(returned_at__gte=begin, returned_at__lt=end).values(
        "pk", "returned_at", **{f"is_{name}": flag(condition) for name, condition in conditions.items()}
    )
    for values in returned:
        row: dict[str, Any] = dict(values)
        month = table[month_of(row["returned_at"], _zone())]
        for figure in (name for name in conditions if row[f"is_{name}"]):
            month.counts[figure] = month.counts.get(figure, 0) + 1
            month.episodes.setdefault(figure, []).append(row["pk"])
    started = started_with_repeats(episodes.filter(went_missing_at__gte=begin, went_missing_at__lt=end))
    repeats = started.filter(Q(repeated=True)).values_list("pk", "person_id", "went_missing_at")
    children: dict[date, set[int]] = defaultdict(set)
    for pk, person_id, went in repeats.order_by("went_missing_at", "pk"):
        start = month_of(went, _zone())
        children[start].add(person_id)
        table[start].episodes.setdefault(REPEAT, []).append(pk)
    for start, people in children.items():
        table[start].counts[REPEAT] = len(people)
    return [table[start] for start in starts]


def figure_children(
    *, actor: User, figure: str, month: date, now: datetime | None = None
) -> list[MissingEpisode]:
    """The episodes (with their children) behind one figure in one month; logs access to each child."""
    require(actor, "child.view")
    if figure not in LABELS:
        return []
    months = monthly(actor=actor, months=_months_back(month, now or timezone.now()), now=now)
    chosen = next((m for m in months if m.month == month), None)
    ids = chosen.episodes.get(figure, []) if chosen else []
    episodes = list(
        # Figures count every child in the authority; the names behind them respect scope (ADR 0007).
        MissingEpisode.objects.filter(visible(actor, "person_id"))
        .filter(authority_id=actor.authority_id, pk__in=ids)
        .select_related("person", "interview", "interview_clock")
        .order_by("person__last_name", "person__first_name", "went_missing_at")
    )
    access_log(actor=actor, person_ids=[e.person_id for e in episodes], purpose="missing.figure_children")
    return episodes


def _months_back(month: date, now: datetime) -> int:
    this = month_of(now, _zone())
    return max(1, (this.year - month.year) * 12 + this.month - month.month + 1)
