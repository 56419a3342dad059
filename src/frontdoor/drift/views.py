from typing import Any
from urllib.parse import urlencode

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.core.web import StaffRequest, submit
from frontdoor.drift import rules, selectors, services
from frontdoor.drift.forms import DecisionForm, PanelForm
from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.organisations.permissions import can, require


def _filters(request: StaffRequest) -> selectors.Filters:
    """The list's filters from the query: a reason the rules know, a team (its id or "none"), and
    the panel's own N in "no visit in N days" (a whole number from 1 to 365); anything else is
    ignored and the list shown unfiltered."""
    raw_days, reason, team = (request.GET.get(k, "") for k in ("days", "reason", "team"))
    days = int(raw_days) if raw_days.isdigit() and 1 <= int(raw_days) <= 365 else None
    return selectors.Filters(
        reason=reason if reason in rules.REASON_CODES else "",
        team=team if team.isdigit() or team == "none" else "",
        visit_days=days,
    )


@login_required
def drift_list(request: StaffRequest) -> HttpResponse:
    filters = _filters(request)
    found = selectors.drift_page(actor=request.user, filters=filters, page=request.GET.get("page", 1))
    kept = {k: v for k, v in (("reason", filters.reason), ("team", filters.team)) if v}
    if filters.visit_days:
        kept["days"] = str(filters.visit_days)
    authority = request.user.authority
    context = {
        "found": found,
        "filters": filters,
        "query": urlencode(kept),
        "reasons": [(code, REASON_WORDS[code], found.by_reason[code]) for code in rules.REASON_CODES],
        "cp_days": authority.drift_cp_visit_days,  # type: ignore[union-attr]
        "cin_days": authority.drift_cin_visit_days,  # type: ignore[union-attr]
        "can_hold": can(request.user, "drift.panel"),
    }
    return render(request, "drift/list.html", context)


REASON_WORDS = {
    "cin_open": "Open over 6 months",
    "plan_long": "Protection plan over 15 months",
    "plan_second": "Second or later protection plan",
    "assessment_late": "Assessment past 45 working days",
    "not_visited": "No recent visit",
}


@login_required
def panels(request: StaffRequest) -> HttpResponse:
    rows = selectors.panels(actor=request.user)
    return render(request, "drift/panels.html", {"rows": rows, "can_hold": can(request.user, "drift.panel")})


@login_required
def panel_new(request: StaffRequest) -> HttpResponse:
    require(request.user, "drift.panel")
    form = PanelForm(request.POST or None)
    done = submit(request, form, lambda data: services.panel_hold(actor=request.user, **data))
    if done is not None:
        messages.success(request, "Panel recorded: now record its decision for each child")
        return redirect("drift:panel", pk=done.pk)
    context = {"form": form, "page_title": "Record a drift panel", "back_url": reverse("drift:panels")}
    return render(request, "drift/form.html", context)


@login_required
def panel(request: StaffRequest, pk: int) -> HttpResponse:
    found = selectors.panel_get_for(actor=request.user, panel_id=pk)
    rows = selectors.decisions_of(actor=request.user, panel=found)
    context = {"panel": found, "rows": rows, "can_hold": can(request.user, "drift.panel")}
    return render(request, "drift/panel.html", context)


@login_required
def decide(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "drift.panel")
    found = selectors.panel_get_for(actor=request.user, panel_id=pk)
    listed = selectors.drift_list(actor=request.user)
    form = DecisionForm(request.POST or None, listed=listed, authority_id=request.user.authority_id)
    done = submit(request, form, lambda data: _decide(request, found, data))
    if done is not None:
        messages.success(request, f"Decision recorded for {done.person.full_name}")
        return redirect("drift:panel", pk=found.pk)
    context = {
        "form": form,
        "page_title": "Record the panel's decision",
        "caption": f"Drift panel, {found.held_on.day} {found.held_on:%B %Y}",
        "back_url": reverse("drift:panel", args=[found.pk]),
    }
    return render(request, "drift/form.html", context)


def _decide(request: StaffRequest, found: Panel, data: dict[str, Any]) -> PanelDecision:
    actions = []
    if data.get("action"):
        actions.append(services.Action(what=data["action"], owner=data["owner"], due_on=data["due_on"]))
    return services.panel_decide(
        actor=request.user, panel=found, person_id=data["child"], decision=data["decision"],
        next_review_on=data["next_review_on"], actions=actions,
    )  # fmt: skip


@login_required
def changes(request: StaffRequest) -> HttpResponse:
    rows = selectors.what_changed(actor=request.user)
    return render(request, "drift/changes.html", {"rows": rows})
