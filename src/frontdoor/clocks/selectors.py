"""Reading clocks in the database: breaches, what is due today, and working days taken.

Everything here is one SQL query over stored due times and the CalendarDay table; nothing computes
a due time per row in Python (issue 3, "At scale").
"""

from __future__ import annotations

from datetime import datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.db.models import (
    DateTimeField,
    ExpressionWrapper,
    F,
    IntegerField,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.expressions import Combinable
from django.db.models.functions import TruncDate

from frontdoor.clocks.models import CalendarDay, Clock

LONDON = ZoneInfo("Europe/London")


def _open_for(*, authority_id: int, standard: str | None) -> QuerySet[Clock]:
    clocks = Clock.objects.filter(authority_id=authority_id, completed_at__isnull=True)
    return clocks if standard is None else clocks.filter(standard=standard)


def breached(*, authority_id: int, standard: str | None = None, now: datetime) -> QuerySet[Clock]:
    """Open clocks past their due time at `now`. A paused clock stands still, so it counts only if
    it was already overdue when it was paused."""
    return _open_for(authority_id=authority_id, standard=standard).filter(
        Q(paused_at__isnull=True) | Q(paused_at__gt=F("due_at")), due_at__lt=now
    )


def breached_count(*, authority_id: int, standard: str | None = None, now: datetime) -> int:
    """How many open clocks are breached at `now` (one indexed COUNT)."""
    return breached(authority_id=authority_id, standard=standard, now=now).count()


def due_today(*, authority_id: int, standard: str | None = None, now: datetime) -> QuerySet[Clock]:
    """Open clocks due during the day of `now` (Europe/London), soonest first, overdue ones included."""
    day = now.astimezone(LONDON).date()
    first = datetime.combine(day, time.min, tzinfo=LONDON)
    after = datetime.combine(day + timedelta(days=1), time.min, tzinfo=LONDON)
    return (
        _open_for(authority_id=authority_id, standard=standard)
        .filter(due_at__gte=first, due_at__lt=after)
        .order_by("due_at")
    )


def _working_day_index(moment: str) -> Subquery:
    """CalendarDay.working_day_index of the outer row's `moment` (a datetime field), by its London date."""
    # The wrapper gives the outer reference a type, which TruncDate needs to resolve.
    outer = ExpressionWrapper(OuterRef(moment), output_field=DateTimeField())
    days = CalendarDay.objects.filter(date=TruncDate(outer, tzinfo=LONDON))
    return Subquery(days.values("working_day_index")[:1], output_field=IntegerField())


def working_days_between_sql(start: str, end: str, *, inclusive: bool = False) -> Combinable:
    """An expression for the working days from the row's `start` to its `end` datetime fields:
    those in (start date, end date] (day 0), plus one for the inclusive (day 1) convention
    (standards.md §1.3.2; `end` on or after `start`). NULL when a date is outside CalendarDay, so
    build the table (`frontdoor build_calendar`) to cover the clocks' dates."""
    count = _working_day_index(end) - _working_day_index(start)
    return count + Value(1) if inclusive else count


def with_working_days(
    clocks: QuerySet[Clock], *, inclusive: bool = False, until: str = "completed_at"
) -> QuerySet[Clock]:
    """Annotate `working_days` (gross, pauses included) from started_at to `until`, in the database."""
    return clocks.annotate(working_days=working_days_between_sql("started_at", until, inclusive=inclusive))
