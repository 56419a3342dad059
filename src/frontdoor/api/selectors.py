"""The API's lists: contacts, decisions and referrals a page at a time, filtered by date and status.

Every list is scoped to the actor's authority, needs "child.view", and logs access to the children
on the page it returns (not to those on other pages). Single records come from the apps' own
selectors (contacts.selectors.contact_get_for, referrals.selectors.referral_get_for).
"""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from typing import Any, Generic, TypeVar

from django.core.paginator import EmptyPage, Paginator
from django.db.models import Count, Exists, Model, OuterRef, Prefetch, Q, QuerySet
from django.http import Http404

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.contacts.models import OPEN_STAGES, Contact, ContactChild, Decision
from frontdoor.core.forms import LONDON
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.referrals.models import Referral

M = TypeVar("M", bound=Model)

T = TypeVar("T")
NO_PAGE = "That page does not exist."


@dataclass(frozen=True)
class Window:
    """Inclusive dates in Europe/London, either end open."""

    start: date | None = None
    end: date | None = None

    def bounds(self) -> tuple[datetime | None, datetime | None]:
        start = datetime.combine(self.start, time.min, LONDON) if self.start else None
        end = datetime.combine(self.end + timedelta(days=1), time.min, LONDON) if self.end else None
        return start, end


@dataclass(frozen=True)
class PageOf(Generic[T]):
    rows: list[T]
    number: int
    count: int
    pages: int


def _page(queryset: QuerySet[M], number: int, size: int) -> PageOf[M]:
    paginator = Paginator(queryset, size, allow_empty_first_page=True)
    try:
        page = paginator.page(number)
    except EmptyPage:
        raise Http404(NO_PAGE) from None
    return PageOf(list(page.object_list), page.number, paginator.count, paginator.num_pages)


def _between(queryset: QuerySet[M], field: str, window: Window) -> QuerySet[M]:
    start, end = window.bounds()
    if start:
        queryset = queryset.filter(**{f"{field}__gte": start})
    if end:
        queryset = queryset.filter(**{f"{field}__lt": end})
    return queryset


def contact_page_for(
    *, actor: User, window: Window, stage: str | None, number: int, size: int
) -> PageOf[Contact]:
    """Contacts received in the window, newest first; with `stage`, those with a child at it."""
    require(actor, "child.view")
    # As on the pages (docs/adr/0007): a contact is listed when the actor may see any of its children,
    # and shows only those children.
    journeys = ContactChild.objects.filter(visible(actor, "person_id")).select_related("person", "decision")
    journeys = journeys.order_by("pk")
    seen = ContactChild.objects.filter(visible(actor, "person_id"), contact_id=OuterRef("pk"))
    contacts = _between(
        Contact.objects.filter(Exists(seen), authority_id=actor.authority_id), "received_at", window
    )
    if stage:
        contacts = contacts.filter(children__stage=stage).distinct()
    page = _page(
        contacts.select_related("source_agency")
        .prefetch_related(Prefetch("children", queryset=journeys))
        .order_by("-received_at", "-pk"),
        number,
        size,
    )
    people = [j.person_id for c in page.rows for j in c.children.all()]
    access_log(actor=actor, person_ids=people, purpose="api.contacts")
    return page


def decision_page_for(
    *, actor: User, window: Window, outcome: str | None, number: int, size: int
) -> PageOf[Decision]:
    """Decisions made in the window, newest first, optionally of one outcome."""
    require(actor, "child.view")
    decisions = _between(
        Decision.objects.filter(
            visible(actor, "contact_child__person_id"), contact_child__authority_id=actor.authority_id
        ),
        "decided_at",
        window,
    )
    if outcome:
        decisions = decisions.filter(outcome=outcome)
    page = _page(
        decisions.select_related("contact_child__contact", "contact_child__person", "need_level").order_by(
            "-decided_at", "-pk"
        ),
        number,
        size,
    )
    access_log(
        actor=actor, person_ids=[d.contact_child.person_id for d in page.rows], purpose="api.decisions"
    )
    return page


def referral_page_for(
    *, actor: User, window: Window, status: str | None, number: int, size: int
) -> PageOf[Referral]:
    """Children-in-need episodes referred in the window (by referral date), newest first;
    status "open" or "closed"."""
    require(actor, "child.view")
    referrals: Any = Referral.objects.filter(visible(actor, "person_id"), authority_id=actor.authority_id)
    if window.start:
        referrals = referrals.filter(referral_date__gte=window.start)
    if window.end:
        referrals = referrals.filter(referral_date__lte=window.end)
    if status == "open":
        referrals = referrals.filter(closure_date__isnull=True)
    elif status == "closed":
        referrals = referrals.filter(closure_date__isnull=False)
    page = _page(
        referrals.select_related(
            "person", "child_seen_clock", "assessment_clock", "contact_child__contact"
        ).order_by("-referral_date", "-pk"),
        number,
        size,
    )
    access_log(actor=actor, person_ids=[r.person_id for r in page.rows], purpose="api.referrals")
    return page


@dataclass(frozen=True)
class BoardCounts:
    at: datetime
    counts: dict[str, int]
    breached: int
    due_today: int
    total: int


def board_counts_for(*, actor: User, now: datetime) -> BoardCounts:
    """The live board's headline figures (open children by stage; decisions overdue and due
    today against the 24-hour standard): counts only, naming no child, so nothing to log."""
    require(actor, "child.view")
    local = now.astimezone(LONDON)
    end_of_day = local.replace(hour=23, minute=59, second=59, microsecond=999999)
    work = ContactChild.objects.filter(authority_id=actor.authority_id, stage__in=OPEN_STAGES)
    summary = work.aggregate(
        total=Count("pk"),
        breached=Count("pk", filter=Q(decision_clock__due_at__lt=now)),
        due_today=Count(
            "pk", filter=Q(decision_clock__due_at__gte=now, decision_clock__due_at__lte=end_of_day)
        ),
    )
    counts = {str(stage): 0 for stage in OPEN_STAGES}
    for row in work.values("stage").annotate(n=Count("pk")):
        counts[row["stage"]] = row["n"]
    return BoardCounts(now, counts, summary["breached"], summary["due_today"], summary["total"])
