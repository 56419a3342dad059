"""The missing children figures on the dashboard (return home interviews; children missing more
than once in a month), for every breakdown and team, equal the same figures computed here plainly
from the raw rows: missing episodes, their interviews, the children and their allocations. No code
from missing.figures or performance is used to compute what is expected."""

from collections import defaultdict
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.audit.models import AccessEvent
from frontdoor.missing.models import ReturnInterview
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.selectors import Scope
from tests.performance.test_episode_figures import local_day
from tests.performance.test_figures import age_band_on, ethnic_group, pct
from tests.performance.test_views import leader, page, params, table_rows

pytestmark = pytest.mark.django_db
__all__ = ["leader", "params"]  # fixtures shared with test_views

SLUGS = ("return-interviews", "return-interviews-held", "missing-repeat")
RETURNS = ("return-interviews", "return-interviews-held")
RETURN_KEYS = (
    "offered",
    "offered_72h",
    "independent",
    "asked_preference",
    "accepted",
    "completed",
    "not_offered",
)
HELD_KEYS = ("completed", "held_72h", "held_independent", "not_held")


def interview_of(episode):
    return ReturnInterview.objects.filter(episode=episode).first()


def team_at_end(episode, period):
    made = [
        a
        for referral in episode.person.referrals.all()
        for a in referral.allocations.all()
        if a.started_at < period.ends_before
    ]
    last = max(made, key=lambda a: (a.started_at, a.pk), default=None)
    return str(last.team_id) if last else "none"


def counted_at(slug, episode):
    return episode.returned_at if slug in RETURNS else episode.went_missing_at


def rows_of(slug, world, period):
    rows = [e for e in world.missing() if counted_at(slug, e) is not None]
    return [e for e in rows if period.first <= local_day(counted_at(slug, e)) <= period.last]


def month_started(episode):
    local = episode.went_missing_at.astimezone(timezone.get_default_timezone())
    return (local.year, local.month)


def repeated(episode, everyone):
    return any(
        o.pk != episode.pk and o.person_id == episode.person_id and month_started(o) == month_started(episode)
        for o in everyone
    )


def return_flags(episode):
    i = interview_of(episode)
    if i is None:
        return {"not_offered", "not_held"}
    flags = {"offered"} | ({"asked_preference"} if i.asked_preference else set())
    if i.completed_at is None:
        flags.add("not_held")
    else:
        flags |= {"held_72h"} if i.completed_at <= episode.returned_at + timedelta(hours=72) else set()
        flags |= {"held_independent"} if i.held_by_independent else set()
    if i.offered_at <= episode.returned_at + timedelta(hours=72):
        flags.add("offered_72h")
    if i.offered_by_independent:
        flags.add("independent")
    if i.accepted is True:
        flags.add("accepted")
    if i.completed_at is not None:
        flags.add("completed")
    return flags


def expected_values(slug, rows, everyone):
    n = len(rows)
    if slug == "return-interviews-held":
        flags = [return_flags(e) for e in rows]
        counts = {key: sum(1 for f in flags if key in f) for key in HELD_KEYS}
        return {
            "children": n,
            **counts,
            "share": pct(counts["held_72h"], n),
            "completed_share": pct(counts["completed"], n),
            "held_independent_share": pct(counts["held_independent"], n),
        }
    if slug == "return-interviews":
        flags = [return_flags(e) for e in rows]
        counts = {key: sum(1 for f in flags if key in f) for key in RETURN_KEYS}
        return {
            "children": n,
            **counts,
            "share": pct(counts["offered_72h"], n),
            **{
                f"{key}_share": pct(counts[key], n)
                for key in ("offered", "independent", "asked_preference", "accepted", "completed")
            },
        }
    again = [e for e in rows if repeated(e, everyone)]
    children = {e.person_id for e in rows}
    repeat_children = {e.person_id for e in again}
    return {
        "children": n,
        "missing_children": len(children),
        "repeat_children": len(repeat_children),
        "repeat": len(again),
        "share": pct(len(repeat_children), len(children)),
    }


def group(breakdown, slug, episode, period):
    day, person = local_day(counted_at(slug, episode)), episode.person
    return {
        "week": lambda: (day - timedelta(days=day.weekday())).isoformat(),
        "month": lambda: day.strftime("%Y-%m"),
        "team": lambda: team_at_end(episode, period),
        "ethnicity": lambda: ethnic_group(person.ethnicity),
        "sex": lambda: person.sex,
        "disability": lambda: "yes" if [c for c in person.disabilities if c != "NONE"] else "no",
        "age": lambda: age_band_on(person, day),
    }[breakdown]()


CASES = [(slug, breakdown) for slug in SLUGS for breakdown in FIGURES[slug].breakdowns]


@pytest.mark.parametrize(("slug", "breakdown"), CASES)
def test_every_missing_figure_and_breakdown_equals_a_plain_count(world, slug, breakdown):
    now = timezone.now()
    everyone = world.missing()
    rows = rows_of(slug, world, world.period)
    empty = expected_values(slug, [], everyone)

    data = selectors.figure_data(
        figure=FIGURES[slug], scope=Scope(world.la.pk, world.period, None, now), breakdown=breakdown
    )

    groups = defaultdict(list)
    for episode in rows:
        groups[group(breakdown, slug, episode, world.period)].append(episode)
    expected = {key: expected_values(slug, members, everyone) for key, members in groups.items()}
    got = {row.key: row.values for row in data.rows}
    assert {k: v for k, v in got.items() if v["children"]} == expected
    assert all(values == empty for key, values in got.items() if key not in expected)
    assert data.total.values == expected_values(slug, rows, everyone)


def test_the_world_has_the_episodes_the_missing_figures_must_tell_apart(world):
    everyone = world.missing()
    returns = expected_values(
        "return-interviews", rows_of("return-interviews", world, world.period), everyone
    )
    assert returns == {
        "children": 8,  # Cal's return is before the period; Eve is still missing
        "offered": 6,
        "offered_72h": 5,  # Ben's offer at exactly 72 hours counts; Amy's second, at 80, does not
        "independent": 4,
        "asked_preference": 4,  # asked whenever the offer was an independent person's, here
        "accepted": 4,
        "completed": 2,
        "not_offered": 2,
        "share": pct(5, 8),
        "offered_share": pct(6, 8),
        "independent_share": pct(4, 8),
        "asked_preference_share": pct(4, 8),
        "accepted_share": pct(4, 8),
        "completed_share": pct(2, 8),
    }
    held = expected_values(
        "return-interviews-held", rows_of("return-interviews-held", world, world.period), everyone
    )
    # Amy held 22 hours after her return (by an independent person), Ivy 32 hours (not independent).
    assert held == {
        "children": 8,
        "completed": 2,
        "held_72h": 2,
        "held_independent": 1,
        "not_held": 6,
        "share": pct(2, 8),
        "completed_share": pct(2, 8),
        "held_independent_share": pct(1, 8),
    }
    starts = expected_values("missing-repeat", rows_of("missing-repeat", world, world.period), everyone)
    # Amy twice in one month; Jon on the last day of a month and just after midnight on the next.
    assert starts == {
        "children": 9,
        "missing_children": 7,
        "repeat_children": 1,
        "repeat": 2,
        "share": pct(1, 7),
    }
    teams = {team_at_end(e, world.period) for e in rows_of("return-interviews", world, world.period)}
    assert teams == {str(world.team_a.pk), str(world.team_b.pk), "none"}


def test_a_team_filter_counts_only_that_teams_children(world):
    now = timezone.now()
    everyone = world.missing()
    for team in (world.team_a.pk, world.team_b.pk, "none"):
        scope = Scope(world.la.pk, world.period, team, now)
        for slug in SLUGS:
            rows = rows_of(slug, world, world.period)
            mine = [e for e in rows if team_at_end(e, world.period) == str(team)]
            data = selectors.figure_data(figure=FIGURES[slug], scope=scope, breakdown="month")
            assert data.total.values == expected_values(slug, mine, everyone), (team, slug)


def listed(response):
    doc = html.fromstring(response.content)
    return [
        (row.xpath("./th")[0].text_content().strip(), row.xpath("./td//a")[0].get("href"))
        for row in doc.xpath("//*[@data-testid='child-row']")
    ]


BEHIND = {
    ("return-interviews", "offered_72h"): lambda e, everyone: "offered_72h" in return_flags(e),
    ("return-interviews", "not_offered"): lambda e, everyone: "not_offered" in return_flags(e),
    ("return-interviews", "independent"): lambda e, everyone: "independent" in return_flags(e),
    ("return-interviews", "asked_preference"): lambda e, everyone: "asked_preference" in return_flags(e),
    ("return-interviews-held", "held_72h"): lambda e, everyone: "held_72h" in return_flags(e),
    ("return-interviews-held", "held_independent"): lambda e, everyone: "held_independent" in return_flags(e),
    ("return-interviews-held", "not_held"): lambda e, everyone: "not_held" in return_flags(e),
    ("missing-repeat", "repeat"): repeated,
}


@pytest.mark.parametrize(("slug", "result"), list(BEHIND))
def test_each_missing_drilldown_lists_exactly_the_children_behind_it_and_logs_them(
    client, world, leader, params, slug, result
):
    everyone = world.missing()
    want = [e for e in rows_of(slug, world, world.period) if BEHIND[(slug, result)](e, everyone)]
    mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0

    response = page(client, leader, "drilldown", slug, **params, result=result)

    got = listed(response)
    assert sorted(href for _name, href in got) == sorted(reverse("missing:detail", args=[e.pk]) for e in want)
    assert sorted(name for name, _href in got) == sorted(e.person.full_name for e in want)
    logged = AccessEvent.objects.filter(pk__gt=mark, actor=leader)
    assert set(logged.values_list("person_id", flat=True)) == {e.person_id for e in want}
    assert set(logged.values_list("purpose", flat=True)) == {"performance.drilldown"}


def test_the_detail_page_shows_the_return_interview_table_and_its_definition(client, world, leader, params):
    everyone = world.missing()
    expected = expected_values(
        "return-interviews", rows_of("return-interviews", world, world.period), everyone
    )
    response = page(client, leader, "detail", "return-interviews", **params, by="team")
    table = table_rows(response)
    assert table[-1][0] == "Total"
    assert int(table[-1][table[0].index("Offered within 72 hours")]) == expected["offered_72h"] == 5
    assert table[-1][table[0].index("Share offered within 72 hours")] == str(expected["share"])
    definition = html.fromstring(response.content).xpath("//*[@data-testid='definition']")[0].text_content()
    assert "72 clock hours of the return" in " ".join(definition.split())
    assert "counted by the date and time the child was found or came back" in " ".join(definition.split())
