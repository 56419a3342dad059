"""The board's last stage, "Strategy discussion / section 47" (issue 4): open episodes

- whose strategy discussion clock runs (the section 47 threshold may be met:
  child_protection.services.strategy_clock_start) and no discussion is held yet;
- whose section 47 enquiry is open (no end date);
- whose enquiry ended "initial conference needed" and the conference is not yet held (the ICPC
  clock runs), so the child does not drop off the board between the enquiry and the conference.

Each child appears once, in the most serious stage: an episode here is left out of the
after-decision stages (episodes.after_decision_for) even while its child-seen or assessment clock
runs, because reasonable cause to suspect significant harm outranks the rest and its deadlines are
the tighter ones. The row still shows the child-seen due time while that clock runs, so a child not
yet seen is not hidden. An episode with both a running strategy clock and a live enquiry (a new
concern during an enquiry) shows the strategy discussion, its earliest deadline.

Due times. The strategy discussion and ICPC clocks are Clock rows. An open enquiry has no ICPC clock
yet (child_protection.services.enquiries starts it only when the outcome says a conference is
needed), but a conference would be due 15 working days from the discussion whatever the outcome, so
that due time is derived with the clock engine (the authority's standard, calendar and convention:
the due time the ICPC clock will store). Ordering and the breached count are therefore done in
Python over the stage's rows, which are the authority's open child protection work (tens to a few
hundred rows), never its history; the number of queries is fixed.
"""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from django.db.models import Exists, OuterRef, Prefetch, Q, QuerySet, Subquery, prefetch_related_objects
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.child_protection.models import Section47
from frontdoor.child_protection.services.strategy import STANDARD as STRATEGY_STANDARD
from frontdoor.clocks import rules as clock_rules
from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import calendar_for, convention_for, standard_for
from frontdoor.organisations.models import Authority, User
from frontdoor.organisations.permissions import require
from frontdoor.oversight.selectors.filters import BoardFilters
from frontdoor.referrals.models import Allocation, Referral

PROTECTION_STAGE = "strategy_s47"
PROTECTION_STAGE_LABEL = "Strategy discussion / section 47"
STRATEGY, ENQUIRY, CONFERENCE = "strategy", "section47", "icpc"
STEPS = {
    STRATEGY: "Strategy discussion to hold",
    ENQUIRY: "Section 47 enquiry open",
    CONFERENCE: "Initial conference to hold",
}
# The annotations a row's step, due time and time in stage are worked out from (_timing).
TIMING_FIELDS = (
    "strategy_due_at",
    "strategy_started_at",
    "icpc_due_at",
    "enquiry_held_at",
    "enquiry_entered_at",
)

# What the stage's rows show (oversight/_board.html), and no more: building every column of four
# models for each row was most of the stage's time (bench/board.py).
SHOWN_FIELDS = (
    "person__first_name",
    "person__last_name",
    "person__expected_date_of_birth",
    "contact_child__rag",
    "child_seen_clock__due_at",
    "child_seen_clock__completed_at",
    "child_seen_clock__paused_at",
)
HOLDER_FIELDS = (
    "referral_id",
    "worker__first_name",
    "worker__last_name",
    "worker__username",
    "team__name",
)


@dataclass(frozen=True)
class Due:
    """A due time shaped like a clock for {% due_tag %}: an open enquiry's has no Clock row."""

    due_at: datetime
    completed_at: None = None
    paused_at: None = None


@dataclass
class Protection:
    items: list[Any]  # Referral rows with step, stage_entered_at, board_clock and current (holders)
    count: int  # every episode in the stage the viewer may see, whatever the filters
    breached: int


def _strategy_clocks(authority_id: int) -> QuerySet[Clock]:
    return Clock.objects.filter(
        authority_id=authority_id,
        standard=STRATEGY_STANDARD,
        subject_type=Referral._meta.label_lower,
        completed_at__isnull=True,
    )


def _live_enquiries(authority_id: int) -> QuerySet[Section47]:
    """Enquiries still in this stage: open, or ended needing a conference not yet held. The running
    ICPC clocks come from the open-clock index (clock_open_due): joining every enquiry's clock instead
    made PostgreSQL read the whole clock table on every board."""
    awaiting_conference = Clock.objects.filter(
        authority_id=authority_id, standard="icpc", completed_at__isnull=True
    ).values("pk")
    return Section47.objects.filter(authority_id=authority_id).filter(
        Q(end_date__isnull=True) | Q(icpc_clock__in=awaiting_conference)
    )


def in_protection(authority_id: int) -> Q:
    """Episodes (Referral rows) in this stage: what after_decision_for leaves out."""
    return Q(pk__in=_strategy_clocks(authority_id).values("subject_id")) | Q(
        pk__in=_live_enquiries(authority_id).values("referral_id")
    )


def _in_stage(actor: User) -> QuerySet[Referral]:
    authority_id = actor.authority_id
    strategy = _strategy_clocks(authority_id).filter(subject_id=OuterRef("pk")).order_by("started_at", "pk")
    enquiry = _live_enquiries(authority_id).filter(referral=OuterRef("pk")).order_by("-start_date", "-pk")
    return (
        Referral.objects.filter(authority_id=authority_id, closure_date__isnull=True)
        .filter(visible(actor, "person_id"))
        .filter(in_protection(authority_id))
        .annotate(
            strategy_due_at=Subquery(strategy.values("due_at")[:1]),
            strategy_started_at=Subquery(strategy.values("started_at")[:1]),
            icpc_due_at=Subquery(enquiry.values("icpc_clock__due_at")[:1]),
            enquiry_held_at=Subquery(enquiry.values("discussion__held_at")[:1]),
            # Time in stage counts from the decision that the threshold may be met: the start of the
            # discussion's own clock.
            enquiry_entered_at=Subquery(enquiry.values("discussion__clock__started_at")[:1]),
        )
    )


def _icpc_due(authority: Authority) -> Callable[[datetime], datetime]:
    """The ICPC due time for a discussion held at a moment, as clock_start would store it. The
    standard and calendar are read once, and only when an open enquiry needs them."""
    standard = standard_for(authority, "icpc")
    calendar = calendar_for(authority)
    convention = convention_for(authority)
    return lambda held_at: clock_rules.due(standard, held_at, calendar, convention=convention)


class _Timer:
    def __init__(self, actor: User) -> None:
        self.actor = actor
        self._icpc: Callable[[datetime], datetime] | None = None

    def __call__(self, values: tuple[Any, ...]) -> tuple[str, datetime, datetime]:
        """The row's step, due time and the moment it entered the stage."""
        strategy_due, strategy_started, icpc_due, held_at, entered = values
        if strategy_due is not None:
            return STRATEGY, strategy_due, strategy_started
        if icpc_due is not None:
            return CONFERENCE, icpc_due, entered
        if self._icpc is None:
            self._icpc = _icpc_due(self.actor.authority)
        return ENQUIRY, self._icpc(held_at), entered


def _filtered(episodes: QuerySet[Referral], filters: BoardFilters) -> QuerySet[Referral]:
    if filters.stage and filters.stage != PROTECTION_STAGE:
        return episodes.none()
    held = Allocation.objects.filter(referral=OuterRef("pk"), ended_at__isnull=True)
    if filters.worker:
        episodes = episodes.filter(Exists(held.filter(worker_id=filters.worker)))
    if filters.team:
        episodes = episodes.filter(Exists(held.filter(team_id=filters.team)))
    if filters.rag:
        episodes = episodes.filter(contact_child__rag=filters.rag)
    return episodes


def protection_for(*, actor: User, filters: BoardFilters, now: datetime | None = None) -> Protection:
    """The stage's episodes, most urgent first (breached first, as they are due earliest), with the
    count and breaches of the whole stage. Four queries (the stage's timings, the episodes the filters
    keep, their current holders, the access log), and two more to read the ICPC standard and
    calendar when an enquiry is open.

    The episodes are read by primary key from the timings' rows: asked again through the stage's
    subqueries, PostgreSQL misjudged how few they are and hash-joined whole tables (bench/board.py)."""
    require(actor, "child.view")
    now = now or timezone.now()
    timer = _Timer(actor)
    timings = {row[0]: timer(row[1:]) for row in _in_stage(actor).values_list("pk", *TIMING_FIELDS)}
    episodes = Referral.objects.filter(pk__in=list(timings))
    items: list[Any] = list(
        _filtered(episodes, filters)
        .select_related("person", "contact_child", "child_seen_clock")
        .only(*SHOWN_FIELDS)
    )
    for item in items:
        item.step, due_at, item.stage_entered_at = timings[item.pk]
        item.board_clock = Due(due_at)
    items.sort(key=lambda item: (item.board_clock.due_at, item.pk))
    items = items[: filters.limit]
    holders = (
        Allocation.objects.filter(ended_at__isnull=True).select_related("worker", "team").only(*HOLDER_FIELDS)
    )
    prefetch_related_objects(items, Prefetch("allocations", queryset=holders, to_attr="current"))
    access_log(actor=actor, person_ids=(r.person_id for r in items), purpose="oversight.board")
    breached = sum(due_at < now for _step, due_at, _at in timings.values())
    return Protection(items=items, count=len(timings), breached=breached)
