"""The "Can our teams cope?" page as a committee reads it: the chart, the month-by-month table, the
teams side by side, and the same as a Paper for the CSV and PDF downloads (performance.exports)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from decimal import Decimal
from typing import Any

from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.safestring import SafeString, mark_safe

from frontdoor.performance import charts
from frontdoor.performance.exports import Paper
from frontdoor.workforce.selectors import Figures, Month, Worker

NONE = "\u2013"  # an en dash for "no figure"
MONTH_HEADINGS = (
    "Month",
    "Workers with cases",
    "Mean caseload",
    "Over the threshold",
    "Supervised in 4 weeks",
    "Changes of worker per child",
    "Children with 3+ workers",
    "Staff in post",
    "Agency staff",
    "Vacant posts (FTE)",
)
TEAM_HEADINGS = ("Team", *MONTH_HEADINGS[1:])
WORKER_HEADINGS = (
    "Worker",
    "Job title",
    "Employment",
    "Started",
    "Open cases",
    "On a protection plan",
    "Last supervision",
)


def _n(value: float | None, suffix: str = "") -> str:
    return NONE if value is None else f"{value:g}{suffix}"


def _fte(value: Decimal) -> str:
    return f"{value.normalize():f}" if value else "0"


def _cells(m: Month) -> list[str | int]:
    return [
        m.workers,
        _n(m.mean),
        f"{m.over} ({_n(m.over_share, '%')})",
        f"{m.supervised} ({_n(m.supervised_share, '%')})",
        _n(m.changes_mean),
        f"{m.three_or_more} ({_n(m.three_or_more_share, '%')})",
        m.staff,
        f"{m.agency} ({_n(m.agency_share, '%')})",
        _fte(m.vacancies_fte),
    ]


def month_rows(figures: Figures) -> list[list[str | int]]:
    return [[f"{m.as_at:%b %Y}", *_cells(m)] for m in figures.months]


def team_rows(figures: Figures) -> list[list[str | int]]:
    return [[team.name, *_cells(m)] for team, m in figures.by_team]


def band_rows(figures: Figures) -> list[tuple[str, int]]:
    return list(zip(figures.band_labels, figures.latest.bands, strict=True))


def scope_name(figures: Figures) -> str:
    return figures.team.name if figures.team else figures.authority


def chart(figures: Figures) -> charts.Chart:
    """Mean caseload month by month, with the workers over the threshold in words on each column."""
    points = [
        charts.Point(
            label=f"{m.as_at:%B %Y}",
            value=m.mean,
            text=_n(m.mean),
            axis=f"{m.as_at:%b}",
        )
        for m in figures.months
    ]
    title = f"Mean caseload per worker, {scope_name(figures)}, by month"
    description = charts.describe(
        title,
        points,
        what="Mean open cases per case-holding worker",
        overall=f"{figures.latest.over} workers over {figures.threshold} now",
        percent=False,
    )
    return charts.columns(
        points,
        title=title,
        description=description,
        percent=False,
        sublabels=[
            f"{m.as_at:%Y}" if i == 0 or m.as_at.month == 1 else "" for i, m in enumerate(figures.months)
        ],
    )


def chart_svg(figures: Figures) -> SafeString:
    return mark_safe(render_to_string("performance/_chart.html", {"chart": chart(figures)}))


NOTES = (
    "Caseload: open children-in-need episodes per social worker and assistant at the month's last recorded "
    "day (earlier days rebuilt from allocation history, in today's teams). Changes of worker: different "
    "workers per child allocated in the 12 months, less one. Supervised: a session in the 28 days to the "
    "month's end. Agency: staff in post at the month's end. Vacancies: posts managers entered, open then.",
)


def paper(figures: Figures) -> Paper:
    scope = scope_name(figures)
    slug = (
        f"can-our-teams-cope-{(figures.team.name if figures.team else 'authority').lower().replace(' ', '-')}"
    )
    # Newest first: a one-page PDF keeps the rows that fit, and a committee reads the latest months.
    rows: list[Sequence[Any]] = [list(r) for r in reversed(month_rows(figures))]
    if figures.team is None:
        rows += [
            [f"{team} (latest month)", *r[1:]]
            for team, r in zip((t.name for t, _ in figures.by_team), team_rows(figures), strict=True)
        ]
    return Paper(
        slug=slug,
        title=f"Can our teams cope? {scope}",
        summary=(
            f"Caseloads against the authority's threshold of {figures.threshold}, changes of social worker, "
            "supervision, agency staff and vacancies, month by month over the last 12 months, newest first."
        ),
        authority=figures.authority,
        made_at=timezone.now(),
        headings=MONTH_HEADINGS,
        rows=rows,
        chart_svg=chart_svg(figures),
        notes=NOTES,
    )


def worker_rows(workers: Sequence[Worker]) -> list[list[str | int]]:
    return [
        [
            w.name,
            w.job_title,
            w.employment,
            f"{w.started_on:%-d %b %Y}" if w.started_on else NONE,
            NONE if w.cases is None else w.cases,
            NONE if w.protection is None else w.protection,
            f"{w.supervised_on:%-d %b %Y}" if w.supervised_on else "None recorded",
        ]
        for w in workers
    ]


def workers_paper(authority: str, team: str, day: date | None, workers: Sequence[Worker]) -> Paper:
    return Paper(
        slug=f"workers-{team.lower().replace(' ', '-')}",
        title=f"{team}: workers, caseloads and supervision",
        summary=f"Workers in post, their open cases on {day:%d %B %Y} and their latest supervision."
        if day
        else "Workers in post and their latest supervision (no caseload recorded yet).",
        authority=authority,
        made_at=timezone.now(),
        headings=WORKER_HEADINGS,
        rows=worker_rows(workers),
        notes=("For the team's manager and the authority's performance leads only.",),
    )
