"""Every oversight figure against the same figure computed here from the raw rows, in plain Python
with no code from missing.figures, and every drill-down against the episodes behind it."""

from collections import Counter, defaultdict
from datetime import date, timedelta

import pytest
from django.urls import reverse

from frontdoor.audit.models import AccessEvent
from frontdoor.missing import figures, selectors, services
from frontdoor.missing.models import MissingEpisode, PatternFlag, ReturnInterview
from frontdoor.organisations.models import Role
from tests import builders

from .helpers import LONDON, ago, record

pytestmark = pytest.mark.django_db


def offer(actor, episode, *, hours, independent=True, accepted=True, complete=False):
    interview = services.interview_offer(
        actor=actor,
        episode=episode,
        offered_at=episode.returned_at + timedelta(hours=hours),
        offered_by="Sam Lee, Get Safe" if independent else "Foster carer",
        offered_by_independent=independent,
        not_independent_reason="" if independent else "No worker free",
        accepted=accepted,
        declined_reason="" if accepted is not False else "Did not want to",
        asked_preference=independent,
        preferred_person="Youth worker" if independent else "",
    )
    if complete:
        services.interview_complete(
            actor=actor,
            interview=interview,
            version=1,
            completed_at=interview.offered_at + timedelta(hours=1),
            completed_by="Sam Lee",
            childs_account="I was at a friend's house",
            held_by_independent=independent,
        )


@pytest.fixture
def county(la, officer, worker):
    """Eleven episodes for six children over two months: offered on time, late, not at all; by an
    independent person or not; accepted, declined, completed; two children missing twice."""
    kids = [builders.child(la, name, "Example") for name in ("Amy", "Ben", "Cal", "Dee", "Eve", "Fay")]
    rows = [
        # (child, days ago returned, offer: None or (hours, independent, accepted, complete))
        (0, 40, (5, True, True, True)),
        (0, 38, (80, True, True, False)),
        (1, 39, None),
        (2, 37, (10, False, False, False)),
        (3, 3, (20, True, True, True)),
        (3, 2, (71, True, None, False)),
        (4, 2, (73, False, True, True)),
        (5, 1, None),
        (1, 0.5, (1, True, True, False)),
        (2, 0.3, None),
        (4, 4, (30, True, True, True)),
    ]
    for n, (kid, days, plan) in enumerate(rows):
        returned = ago(days=days)
        episode = record(
            officer, kids[kid], went=returned - timedelta(hours=6), returned=returned, reference=f"R{n}"
        )
        if plan and returned + timedelta(hours=plan[0]) <= ago(seconds=1):
            hours, independent, accepted, complete = plan
            offer(worker, episode, hours=hours, independent=independent, accepted=accepted, complete=complete)
    record(officer, kids[5], went=ago(hours=3))  # still missing: counts in no return figure
    return kids


def expected_from_raw_rows() -> dict[tuple[date, str], set[int]]:
    """Figure -> episode ids, by local month of return, straight from the rows."""
    interviews = {i.episode_id: i for i in ReturnInterview.objects.all()}
    table: dict[tuple[date, str], set[int]] = defaultdict(set)
    for e in MissingEpisode.objects.all():
        if e.returned_at is not None:
            local = e.returned_at.astimezone(LONDON)
            month = date(local.year, local.month, 1)
            i = interviews.get(e.pk)
            table[(month, "returned")].add(e.pk)
            if i is None:
                table[(month, "not_offered")].add(e.pk)
                continue
            table[(month, "offered")].add(e.pk)
            if i.offered_at <= e.returned_at + timedelta(hours=72):
                table[(month, "offered_72h")].add(e.pk)
            if i.offered_by_independent:
                table[(month, "independent")].add(e.pk)
            if i.accepted is True:
                table[(month, "accepted")].add(e.pk)
            if i.asked_preference:
                table[(month, "asked_preference")].add(e.pk)
            if i.completed_at is not None:
                table[(month, "completed")].add(e.pk)
                if i.completed_at <= e.returned_at + timedelta(hours=72):
                    table[(month, "held_72h")].add(e.pk)
                if i.held_by_independent:
                    table[(month, "held_independent")].add(e.pk)
    started = Counter()
    ids = defaultdict(list)
    for e in MissingEpisode.objects.all():
        local = e.went_missing_at.astimezone(LONDON)
        key = (date(local.year, local.month, 1), e.person_id)
        started[key] += 1
        ids[key].append(e.pk)
    for (month, _person), n in started.items():
        if n > 1:
            table[(month, "repeat_children")].add(_person)
            table[(month, "repeat")].update(ids[(month, _person)])
    return table


def test_every_figure_matches_the_raw_rows_month_by_month(county, manager):
    months = figures.monthly(actor=manager, months=3)
    want = expected_from_raw_rows()
    assert len(months) == 3
    checked = 0
    for m in months:
        for figure, _label in figures.FIGURES:
            assert m.counts.get(figure, 0) == len(want[(m.month, figure)]), (m.month, figure)
            assert set(m.episodes.get(figure, [])) == want[(m.month, figure)]
            checked += 1
        assert m.counts.get("repeat", 0) == len(want[(m.month, "repeat_children")])
        returned = len(want[(m.month, "returned")])
        for figure in figures.SHARES:
            share = round(100 * len(want[(m.month, figure)]) / returned, 1) if returned else None
            assert m.share(figure) == share
    assert checked == 30  # 3 months x 10 return figures
    assert sum(m.counts.get("returned", 0) for m in months) == 11


def test_drill_down_lists_the_children_behind_each_figure_and_logs_them(county, manager):
    want = expected_from_raw_rows()
    for m in figures.monthly(actor=manager, months=3):
        for figure in [*dict(figures.FIGURES), "repeat"]:
            mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
            episodes = figures.figure_children(actor=manager, figure=figure, month=m.month)
            assert {e.pk for e in episodes} == want[(m.month, figure)], (m.month, figure)
            logged = set(AccessEvent.objects.filter(pk__gt=mark).values_list("person_id", flat=True))
            assert logged == {e.person_id for e in episodes}


def test_board_counts_match_the_raw_rows(county, manager):
    now = ago(seconds=0)
    interviews = set(ReturnInterview.objects.values_list("episode_id", flat=True))
    overdue = [
        e for e in MissingEpisode.objects.exclude(returned_at=None)
        if e.pk not in interviews and e.returned_at + timedelta(hours=72) < now
    ]  # fmt: skip
    counts = selectors.board_counts(actor=manager, now=now)
    flags = [f for f in PatternFlag.objects.all() if f.acknowledged_at is None]
    assert counts == {
        "missing_now": 1,  # the one notification with no return recorded
        "awaiting_oversight": 12,  # eleven returned and one still missing; no oversight recorded
        "interviews_overdue": len(overdue),
        "flags_unacknowledged": len(flags),
    }
    assert [e.police_reference for e in overdue] == ["R2"]  # Ben, back 39 days, never offered


def test_the_overview_page_shows_the_figures_and_refuses_other_roles(client, county, manager):
    client.force_login(manager)
    page = client.get(reverse("missing:overview")).content.decode()
    month = figures.monthly(actor=manager, months=1)[0]
    assert f'data-testid="month-{month.month:%Y-%m}"' in page
    client.force_login(builders.user(manager.authority, Role.ADMINISTRATOR))
    assert client.get(reverse("missing:overview")).status_code == 403
