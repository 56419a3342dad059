"""Reads about missing children, scoped to the actor's authority and access-logged.

The oversight figures (missing.figures) count return home interviews by the month of the child's
return, from one query over the window; each figure's children are listed by `figure_children`.
"""

from datetime import datetime
from typing import Any

from django.db.models import Count, Q, QuerySet
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.core.chronology import Entry
from frontdoor.missing.models import MissingEpisode, Oversight, PatternFlag, ReturnInterview
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person

NOT_FOUND = "No missing episode was found."
# Each list on the oversight page shows the most pressing rows first, up to this many.
LIST_LIMIT = 50


def _episodes(actor: User) -> QuerySet[MissingEpisode]:
    """The authority's episodes about children the actor may see (access.scope.visible)."""
    return MissingEpisode.objects.filter(visible(actor, "person_id"), authority_id=actor.authority_id)


def episode_get_for(*, actor: User, episode_id: int, purpose: str) -> MissingEpisode:
    """One episode with its clocks, oversight and interview; the same 404 for missing and for
    another authority's."""
    require(actor, "child.view")
    episode = (
        _episodes(actor)
        .select_related(
            "person", "oversight_clock", "interview_clock", "held_clock", "recorded_by", "not_offered_by"
        )
        .filter(pk=episode_id)
        .first()
    )
    if episode is None:
        raise Http404(NOT_FOUND)
    access_log(actor=actor, person_ids=[episode.person_id], purpose=purpose)
    return episode


def oversight_of(episode: MissingEpisode) -> Oversight | None:
    return Oversight.objects.select_related("by").filter(episode=episode).first()


def interview_of(episode: MissingEpisode) -> ReturnInterview | None:
    return ReturnInterview.objects.filter(episode=episode).first()


def flag_get_for(*, actor: User, flag_id: int, purpose: str) -> PatternFlag:
    require(actor, "child.view")
    flag = (
        PatternFlag.objects.filter(visible(actor, "person_id"), authority_id=actor.authority_id, pk=flag_id)
        .select_related("person", "episode", "acknowledged_by")
        .first()
    )
    if flag is None:
        raise Http404("No flag was found.")
    access_log(actor=actor, person_ids=[flag.person_id], purpose=purpose)
    return flag


def episodes_for_person(*, actor: User, person: Person) -> list[MissingEpisode]:
    """The child's episodes, newest first (the caller has logged access to the child)."""
    require(actor, "child.view")
    return list(
        _episodes(actor)
        .filter(person=person)
        .select_related("oversight", "interview", "interview_clock", "held_clock", "oversight_clock")
    )


def flags_for_person(*, actor: User, person: Person) -> list[PatternFlag]:
    require(actor, "child.view")
    return list(
        PatternFlag.objects.filter(authority_id=actor.authority_id, person=person).select_related(
            "acknowledged_by"
        )
    )


def _missing_now(actor: User) -> QuerySet[MissingEpisode]:
    """Children still missing: no return or finding recorded yet."""
    return _episodes(actor).filter(returned_at__isnull=True)


def _awaiting_oversight(actor: User) -> QuerySet[MissingEpisode]:
    return _episodes(actor).filter(oversight__isnull=True)


def _interviews_open(actor: User) -> QuerySet[MissingEpisode]:
    """Returned children whose interview has not yet been offered (the 72-hour clock running)."""
    return _episodes(actor).filter(interview_clock__isnull=False, interview_clock__completed_at__isnull=True)


def _flags_open(actor: User) -> QuerySet[PatternFlag]:
    return PatternFlag.objects.filter(
        visible(actor, "person_id"), authority_id=actor.authority_id, acknowledged_at__isnull=True
    )


def board_counts(*, actor: User, now: datetime | None = None) -> dict[str, int]:
    """Four numbers for the live board: children missing now, notifications awaiting a manager's
    oversight, return interviews not offered within 72 hours, and pattern flags nobody has
    acknowledged. Counts only, no child's details, so nothing is access-logged."""
    require(actor, "child.view")
    now = now or timezone.now()
    return {
        "missing_now": _missing_now(actor).count(),
        "awaiting_oversight": _awaiting_oversight(actor).count(),
        "interviews_overdue": _interviews_open(actor).filter(interview_clock__due_at__lt=now).count(),
        "flags_unacknowledged": _flags_open(actor).count(),
    }


def queues_for(*, actor: User, now: datetime | None = None) -> dict[str, Any]:
    """The manager's lists: children missing now (newest first, so a child reported today is at the
    top), notifications awaiting oversight and interviews due and overdue (soonest due first), and
    unacknowledged flags. Logs access to every child shown."""
    require(actor, "child.view")
    now = now or timezone.now()
    missing_now = list(_missing_now(actor).select_related("person").order_by("-went_missing_at", "-pk"))
    awaiting = list(
        _awaiting_oversight(actor)
        .select_related("person", "oversight_clock")
        .order_by("oversight_clock__due_at", "notified_at", "pk")
    )
    running = list(
        _interviews_open(actor)
        .select_related("person", "interview_clock")
        .order_by("interview_clock__due_at", "pk")
    )
    flags = list(_flags_open(actor).select_related("person", "episode").order_by("raised_at"))
    overdue = [e for e in running if e.interview_clock and e.interview_clock.due_at < now]
    due = [e for e in running if e.interview_clock and e.interview_clock.due_at >= now]
    lists: dict[str, list[Any]] = {
        "missing_now": missing_now,
        "awaiting": awaiting,
        "overdue": overdue,
        "due": due,
        "flags": flags,
    }
    shown: dict[str, Any] = {name: rows[:LIST_LIMIT] for name, rows in lists.items()}
    shown |= {f"{name}_total": len(rows) for name, rows in lists.items()}
    people = {row.person_id for name in lists for row in shown[name]}
    access_log(actor=actor, person_ids=people, purpose="missing.overview")
    return shown


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """The child's missing episodes, oversight, return interviews and flags (core.chronology)."""
    require(actor, "child.view")
    entries: list[Entry] = []
    episodes = (
        _episodes(actor).filter(person=person).select_related("oversight__by", "interview").order_by("pk")
    )
    for e in episodes:
        url = reverse("missing:detail", args=[e.pk])
        where = "looked after" if e.looked_after else "from home"
        entries.append(
            Entry(e.went_missing_at, "missing episode", f"Missing ({where})", e.police_reference, url)
        )
        if e.returned_at:
            entries.append(Entry(e.returned_at, "missing episode", "Returned", e.where_found, url))
        oversight = getattr(e, "oversight", None)
        if oversight is not None:
            title = f"Oversight: {oversight.get_decision_display()}"
            entries.append(Entry(oversight.at, "missing episode", title, oversight.rationale, url))
        interview = getattr(e, "interview", None)
        if interview is not None:
            entries.append(Entry(interview.offered_at, "return interview", "Return interview offered",
                                 f"By {interview.offered_by}", url))  # fmt: skip
            if interview.completed_at:
                entries.append(Entry(interview.completed_at, "return interview", "Return interview completed",
                                     interview.childs_account, url))  # fmt: skip
    for flag in PatternFlag.objects.filter(authority_id=actor.authority_id, person=person):
        entries.append(
            Entry(flag.raised_at, "missing episode", "Flagged for a strategy discussion", flag.reason)
        )
    return entries


def open_episode_counts(*, actor: User) -> dict[str, int]:
    require(actor, "child.view")
    return _episodes(actor).aggregate(
        still_missing=Count("pk", filter=Q(returned_at__isnull=True)), total=Count("pk")
    )
