"""The live board. The page polls a tiny endpoint every second; it answers 204 (nothing to do) until
something is written in the authority or a minute passes, then returns the refreshed board.
See docs/adr/0004-live-board-polling.md for why polling and not server-sent events."""

import time

from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone

from frontdoor.audit.services import access_log
from frontdoor.contacts.models import OPEN_STAGES, Rag, Stage
from frontdoor.core.middleware import polled
from frontdoor.core.web import StaffRequest
from frontdoor.organisations.permissions import require
from frontdoor.oversight import selectors
from frontdoor.oversight.selectors import BoardFilters
from frontdoor.oversight.shared import LOGGED, RENDERS, Render

BOARD_STAGES = (*OPEN_STAGES, *selectors.AFTER_DECISION_STAGES, selectors.PROTECTION_STAGE)
STANDARDS = [
    ("contact_decision", "Decision within 24 hours"),
    ("contact_decision_statutory", "Decision within 1 working day"),
]


def _int(value: str | None) -> int | None:
    try:
        return int(value) if value else None
    except ValueError:
        return None


def _filters(request: StaffRequest) -> BoardFilters:
    standard = request.GET.get("standard") or "contact_decision"
    return BoardFilters(
        team=_int(request.GET.get("team")),
        stage=request.GET.get("stage") if request.GET.get("stage") in BOARD_STAGES else None,
        rag=request.GET.get("rag") if request.GET.get("rag") in Rag.values else None,
        worker=_int(request.GET.get("worker")),
        standard=standard if standard in dict(STANDARDS) else "contact_decision",
    )


def _context(request: StaffRequest) -> dict:
    filters = _filters(request)
    now = timezone.now()
    # The version is read before the board is built: a write landing in between then shows on this
    # board and moves the version on the next poll, instead of hiding until the minute turns.
    version = selectors.board_version(actor=request.user, now=now)
    board = selectors.board_for(actor=request.user, filters=filters, now=now)
    after = selectors.after_decision_for(actor=request.user, filters=filters, now=now)
    protection = selectors.protection_for(actor=request.user, filters=filters, now=now)
    query = request.GET.copy()
    query.pop("v", None)
    return {
        "board": board,
        "after": after,
        "after_stages": selectors.AFTER_DECISION_STAGES,
        "protection": protection,
        "protection_stage": (selectors.PROTECTION_STAGE, selectors.PROTECTION_STAGE_LABEL),
        "filters": filters,
        "section": _section(filters.stage),
        "limit": filters.limit,
        "stages": [Stage(s) for s in OPEN_STAGES],
        "version": version,
        "query": query.urlencode(),
    }


def _section(stage: str | None) -> str:
    """The board's one section a chosen stage belongs to ("" when no stage is chosen: all three), so a
    manager who picks a stage after the decision is not shown an empty front-door table first."""
    if not stage:
        return ""
    if stage in OPEN_STAGES:
        return "front_door"
    return "protection" if stage == selectors.PROTECTION_STAGE else "after"


@login_required
def board(request: StaffRequest) -> HttpResponse:
    teams, workers = selectors.filter_choices(actor=request.user)
    context = _context(request) | {
        "teams": teams,
        "workers": workers,
        "rags": Rag.choices,
        "standards": STANDARDS,
    }
    context["caseloads"] = selectors.caseloads(actor=request.user)
    context["team_caseloads"] = selectors.team_caseloads(context["caseloads"])
    return render(request, "oversight/board.html", context)


@polled
@login_required
def board_live(request: StaffRequest) -> HttpResponse:
    """The board's poll: 204 when nothing changed since version `v`, else the fresh board."""
    # Permission first: even "nothing changed" tells a reader whether anything was written.
    require(request.user, "child.view")
    version = selectors.board_version(actor=request.user)
    if request.GET.get("v") == version:
        return HttpResponse(status=204)
    query = request.GET.copy()
    query.pop("v", None)
    board = (selectors.board_scope(actor=request.user), query.urlencode())
    shown = request.GET.get("v", "")
    made, shared = RENDERS.get_or_render(board, version, lambda: _render_live(request), shown=shown)
    if made is None or (shared and made.version == shown):
        # The render under way (one at a time per board) is not newer than what this board shows.
        return HttpResponse(status=204)
    if shared:
        # The viewer saw these children as surely as if the board had been rendered for them; those
        # their open board logged within the minute are not logged again (oversight.shared).
        due = LOGGED.due(request.user.pk, made.person_ids, time.monotonic())
        access_log(actor=request.user, person_ids=due, purpose="oversight.board")
    return HttpResponse(made.content)


def _render_live(request: StaffRequest) -> Render:
    context = _context(request)  # logs this viewer's access itself
    response = render(request, "oversight/_board.html", context)
    people = [item.person_id for item in context["board"].items]
    people += [item.person_id for item in context["after"].items]
    people += [item.person_id for item in context["protection"].items]
    LOGGED.due(request.user.pk, people, time.monotonic())  # logged by the selectors just now
    return Render(content=response.content, person_ids=tuple(people), version=context["version"])
