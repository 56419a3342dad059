"""Reads about allegations, each scoped to the actor's authority and to the allegations the actor may
see (allegations.rules.may_see, in SQL: the designated officer, or a manager named on it), and
access-logged against every child the allegation is about (an allegation about children is a read
of their records; the purpose names the page, so the adult's exposure is traceable too).

A refused or missing allegation is the same "not found", and logs nothing.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import Any

from django.db.models import Count, F, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from frontdoor.access.scope import NOTHING
from frontdoor.allegations import rules
from frontdoor.allegations.models import Allegation, AllegationChild, Meeting, Outcome, Sector
from frontdoor.audit.services import access_log
from frontdoor.organisations.models import Role, User
from frontdoor.organisations.permissions import can, require
from frontdoor.tasks import selectors as tasks
from frontdoor.tasks.models import Task

NOT_FOUND = "No allegation was found."
NAMED = Allegation.named_managers.through


def visible_allegations(actor: Any, ref: str = "pk") -> Q:
    """The allegations (through `ref`, an allegation's id) that `actor` may see, as a filter: every
    allegation of the authority for the designated officer, the ones naming them for a manager, and
    none for anyone else."""
    if not can(actor, "allegation.view"):
        return NOTHING
    if actor.role == Role.DESIGNATED_OFFICER:
        return Q(**{f"{ref}__in": Allegation.objects.filter(authority_id=actor.authority_id).values("pk")})
    named = NAMED.objects.filter(user_id=actor.pk).values("allegation_id")
    return Q(**{f"{ref}__in": named})


def _allegations(actor: User) -> QuerySet[Allegation]:
    require(actor, "allegation.view")
    return Allegation.objects.filter(visible_allegations(actor), authority_id=actor.authority_id)


def children_ids(allegations: Sequence[Allegation]) -> list[int]:
    return list(
        AllegationChild.objects.filter(allegation__in=allegations).values_list("person_id", flat=True)
    )


def allegation_get_for(*, actor: User, allegation_id: int, purpose: str) -> Allegation:
    """One allegation with its children, clocks and named managers; logs each child as read."""
    found = (
        _allegations(actor)
        .filter(pk=allegation_id)
        .select_related("consideration_clock", "outcome_clock", "designated_officer", "person")
        .prefetch_related("child_links__person", "named_managers")
        .first()
    )
    if found is None:
        raise Http404(NOT_FOUND)
    access_log(actor=actor, person_ids=[c.person_id for c in found.child_links.all()], purpose=purpose)
    return found


@dataclass(frozen=True)
class MeetingRow:
    meeting: Meeting
    actions: list[Task]


def meetings_for(*, actor: User, allegation: Allegation) -> list[MeetingRow]:
    """The allegation's meetings with their actions (the caller fetched and logged the allegation)."""
    found = list(allegation.meetings.select_related("chaired_by"))
    actions = tasks.for_sources(actor=actor, sources=found)  # type: ignore[arg-type]
    return [MeetingRow(m, actions[m.pk]) for m in found]


def allegation_list(*, actor: User, state: str = "open") -> list[Allegation]:
    """The allegations the actor may see, open (no outcome yet) or closed, oldest open first, with
    the number of children; logs every child of every allegation listed."""
    rows = _allegations(actor).annotate(n_children=Count("child_links"))
    if state == "closed":
        rows = rows.exclude(outcome="").order_by("-outcome_on", "-pk")
    else:
        rows = rows.filter(outcome="").order_by("received_at", "pk")
    listed: list[Allegation] = list(rows.select_related("person", "consideration_clock", "outcome_clock"))
    access_log(actor=actor, person_ids=children_ids(listed), purpose="allegations.list")
    return listed


@dataclass(frozen=True)
class Summary:
    year: int
    starts: date
    ends_before: date
    # (sector label, counts: each outcome in rules.OUTCOMES order, then open, then total)
    rows: list[tuple[str, list[int]]]
    total: list[int]
    outcomes: list[str]  # the headings of the outcome columns
    bands: list[tuple[str, int]]  # resolution bands of the allegations concluded in the year
    concluded: int
    considered_in_time: int
    considered: int


def annual_summary(*, actor: User, year: int | None = None) -> Summary:
    """The reporting year's counts (April to March) of allegations received, by sector and outcome;
    the resolution bands of those concluded in the year; the share considered within 1 working day.
    Counts only, of the allegations the actor may see: no child or adult is named, nothing logged."""
    year = year if year is not None else rules.reporting_year(timezone.localdate())
    starts, ends = rules.reporting_year_bounds(year)
    zone = timezone.get_current_timezone()
    start_at = datetime(starts.year, starts.month, starts.day, tzinfo=zone)
    end_at = datetime(ends.year, ends.month, ends.day, tzinfo=zone)
    mine = _allegations(actor)
    received = mine.filter(received_at__gte=start_at, received_at__lt=end_at)
    columns = [*rules.OUTCOMES, "", "total"]
    table = rules.summary_table(received.values_list("sector", "outcome"), Sector.values, rules.OUTCOMES)
    concluded = mine.filter(outcome_on__gte=starts, outcome_on__lt=ends)
    bands = dict.fromkeys(rules.BANDS, 0)
    for band, n in concluded.values_list("resolved_within").annotate(n=Count("pk")):
        bands[band] += n
    considered = received.filter(consideration_clock__completed_at__isnull=False)
    in_time = considered.filter(consideration_clock__completed_at__lte=F("consideration_clock__due_at"))
    return Summary(
        year=year, starts=starts, ends_before=ends,
        rows=[(label, [table[code][c] for c in columns]) for code, label in Sector.choices],
        total=[table["total"][c] for c in columns], outcomes=[o.capitalize() for o in rules.OUTCOMES],
        bands=[(rules.BAND_WORDS[b], n) for b, n in bands.items()], concluded=sum(bands.values()),
        considered_in_time=in_time.count(), considered=considered.count(),
    )  # fmt: skip


OUTCOME_WORDS = dict(Outcome.choices)
