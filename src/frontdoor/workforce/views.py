"""Thin views for "Can our teams cope?" (issue 20 §3): the figures, the workers of a team for
their managers and the performance leads, and vacancies."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.models import Role, Team
from frontdoor.organisations.permissions import can, require
from frontdoor.performance.exports import respond
from frontdoor.workforce import presenters, selectors, services
from frontdoor.workforce.forms import VacancyCloseForm, VacancyForm
from frontdoor.workforce.models import Vacancy


def _team_id(request: StaffRequest) -> int | None:
    value = request.GET.get("team", "")
    return int(value) if value.isdigit() else None


@login_required
def cope(request: StaffRequest) -> HttpResponse:
    figures = selectors.cope(actor=request.user, team_id=_team_id(request))
    download = respond(request, presenters.paper(figures))
    if download is not None:
        return download
    context = {
        "figures": figures,
        "chart": presenters.chart(figures),
        "headings": presenters.MONTH_HEADINGS,
        "team_headings": presenters.TEAM_HEADINGS,
        "month_rows": presenters.month_rows(figures),
        "team_rows": list(zip((t for t, _ in figures.by_team), presenters.team_rows(figures), strict=True)),
        "band_rows": presenters.band_rows(figures),
        "scope": presenters.scope_name(figures),
        "workers_teams": {t.pk for t in figures.teams if selectors.may_see_workers(request.user, t)},
        "can_enter_vacancies": can(request.user, "vacancy.record"),
        "query": f"team={figures.team.pk}&" if figures.team else "",
    }
    return render(request, "workforce/cope.html", context)


@login_required
def workers(request: StaffRequest, team_id: int) -> HttpResponse:
    team, day, rows = selectors.team_workers(actor=request.user, team_id=team_id)
    paper = presenters.workers_paper(request.user.authority.name, team.name, day, rows)
    download = respond(request, paper)
    if download is not None:
        return download
    context = {
        "team": team,
        "day": day,
        "rows": presenters.worker_rows(rows),
        "workers": rows,
        "headings": presenters.WORKER_HEADINGS,
    }
    return render(request, "workforce/workers.html", context)


def _manageable_teams(request: StaffRequest):  # type: ignore[no-untyped-def]
    teams = Team.objects.filter(authority_id=request.user.authority_id).order_by("name")
    if request.user.role == Role.TEAM_MANAGER:
        return teams.filter(pk=request.user.team_id or 0)  # a manager without a team manages none
    return teams


@login_required
def vacancies(request: StaffRequest) -> HttpResponse:
    require(request.user, "vacancy.record")
    teams = _manageable_teams(request)
    rows = Vacancy.objects.filter(authority_id=request.user.authority_id, team__in=teams).select_related(
        "team", "entered_by"
    )
    return render(request, "workforce/vacancies.html", {"vacancies": rows})


@login_required
def vacancy_new(request: StaffRequest) -> HttpResponse:
    require(request.user, "vacancy.record")
    form = VacancyForm(request.POST or None, teams=_manageable_teams(request))
    if submit(request, form, lambda data: services.vacancy_record(actor=request.user, **data)) is not None:
        messages.success(request, "Vacancy entered")
        return redirect("workforce:vacancies")
    context = {
        "form": form,
        "page_title": "Enter a vacancy",
        "caption": "Workforce",
        "back_url": reverse("workforce:vacancies"),
    }
    return render(request, "quality/form.html", context)


@login_required
def vacancy_close(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "vacancy.record")
    vacancy = get_object_or_404(
        Vacancy.objects.select_related("team"),
        pk=pk,
        authority_id=request.user.authority_id,
        team__in=_manageable_teams(request),
    )
    form = VacancyCloseForm(request.POST or None)
    if (
        submit(
            request, form, lambda data: services.vacancy_close(actor=request.user, vacancy=vacancy, **data)
        )
        is not None
    ):
        messages.success(request, "Vacancy closed")
        return redirect("workforce:vacancies")
    caption = f"{vacancy.team.name}, vacant since {vacancy.opened_on:%-d %B %Y}"
    context = {
        "form": form,
        "page_title": "Close a vacancy",
        "caption": caption,
        "back_url": reverse("workforce:vacancies"),
    }
    return render(request, "quality/form.html", context)
