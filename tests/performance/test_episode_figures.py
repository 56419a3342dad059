"""The figures about children-in-need episodes (children seen, assessment duration, re-referrals),
for every breakdown, equal the same figures computed here plainly from the raw rows: referrals,
their visits, allocations and the assessment clock's completion time, people. Working days are
counted here with the `holidays` package, not the clock engine."""

import statistics
from collections import defaultdict
from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.rules import Period
from frontdoor.performance.selectors import Scope
from tests.performance.conftest import LONDON
from tests.performance.test_figures import age_band_on, ethnic_group, next_working_day, one_dp, pct

pytestmark = pytest.mark.django_db

EPISODE_FIGURES = {slug: f for slug, f in FIGURES.items() if f.population.key in ("episodes", "assessments")}
SEEN = {"seen-1wd": (True, 1), "seen-5wd": (False, 5)}
LIMIT = 45


# Plain working days -----------------------------------------------------------------------------------


def local_day(moment):
    return moment.astimezone(LONDON).date()


def add_working_days(day, n):
    for _ in range(n):
        day = next_working_day(day)
    return day


def working_days_between(first, last):
    """Working days in (first, last]: the day of the referral is day 0."""
    count, day = 0, first
    while day < last:
        day = next_working_day(day)
        if day <= last:
            count += 1
    return count


def seen_at(r):
    seen = [v.occurred_at for v in r.visits.all() if v.seen]
    return min(seen) if seen else None


def taken(r):
    completed = r.assessment_clock.completed_at
    return working_days_between(local_day(r.received_at), local_day(completed)) if completed else None


def assessment_due_day(r):
    return add_working_days(local_day(r.received_at), LIMIT)


def band(days):
    if days <= 5:
        return "band_0_5"
    if days > 90:
        return "band_over_90"
    low = ((days - 1) // 5) * 5 + 1
    return f"band_{low}_{low + 4}"


BANDS = ["band_0_5", *(f"band_{low}_{low + 4}" for low in range(6, 90, 5)), "band_over_90"]


def is_re_referral(r, everyone):
    since = r.referral_date - relativedelta(months=12)
    return any(
        o.person_id == r.person_id and o.received_at < r.received_at and o.referral_date >= since
        for o in everyone
    )


# Which episodes, counted when -------------------------------------------------------------------------


def counted_day(slug, r):
    if slug == "assessment-duration" and r.assessment_clock.completed_at is None:
        return assessment_due_day(r)
    if slug == "assessment-duration":
        return local_day(r.assessment_clock.completed_at)
    return local_day(r.received_at)


def population(slug, episodes, period, now):
    inside = [r for r in episodes if period.first <= counted_day(slug, r) <= period.last]
    if slug in SEEN:
        return [r for r in inside if r.significant_harm is SEEN[slug][0]]
    if slug == "assessment-duration":
        return [
            r
            for r in inside
            if r.assessment_clock.completed_at is not None or local_day(now) > assessment_due_day(r)
        ]
    return inside


def team_at_end(r, period):
    made = [a for a in r.allocations.all() if a.started_at < period.ends_before]
    last = max(made, key=lambda a: (a.started_at, a.pk), default=None)
    return str(last.team_id) if last else "none"


def group(breakdown, slug, r, period):
    day, person = counted_day(slug, r), r.person
    return {
        "week": lambda: (day - timedelta(days=day.weekday())).isoformat(),
        "month": lambda: day.strftime("%Y-%m"),
        "team": lambda: team_at_end(r, period),
        "ethnicity": lambda: ethnic_group(person.ethnicity),
        "sex": lambda: person.sex,
        "disability": lambda: "yes" if [c for c in person.disabilities if c != "NONE"] else "no",
        "age": lambda: age_band_on(person, local_day(r.received_at)),
    }[breakdown]()


def expected_values(slug, rows, everyone, now):
    n = len(rows)
    if slug in SEEN:
        days = SEEN[slug][1]
        seen = [r for r in rows if seen_at(r)]
        due = {r.pk: add_working_days(local_day(r.received_at), days) for r in rows}
        within = sum(1 for r in seen if local_day(seen_at(r)) <= due[r.pk])
        overdue = sum(1 for r in rows if not seen_at(r) and local_day(now) > due[r.pk])
        return {
            "children": n,
            "seen": len(seen),
            "within": within,
            "later": len(seen) - within,
            "overdue": overdue,
            "share": pct(within, len(seen)),
        }
    if slug == "assessment-duration":
        days = [taken(r) for r in rows if taken(r) is not None]
        within = sum(1 for d in days if d <= LIMIT)
        return {
            "children": n,
            "completed": len(days),
            "within": within,
            "over": len(days) - within,
            "share": pct(within, len(days)),
            "median": one_dp(statistics.median(days)) if days else None,
            "open_over": n - len(days),
            **{key: sum(1 for d in days if band(d) == key) for key in BANDS},
        }
    again = sum(1 for r in rows if is_re_referral(r, everyone))
    return {"children": n, "rereferrals": again, "share": pct(again, n)}


CASES = [(slug, breakdown) for slug, figure in EPISODE_FIGURES.items() for breakdown in figure.breakdowns]


@pytest.mark.parametrize(("slug", "breakdown"), CASES)
def test_every_episode_figure_and_breakdown_equals_a_plain_count_of_the_raw_rows(world, slug, breakdown):
    now = timezone.now()
    scope = Scope(world.la.pk, world.period, None, now)
    everyone = world.episodes()
    rows = population(slug, everyone, world.period, now)
    empty = expected_values(slug, [], everyone, now)

    data = selectors.figure_data(figure=FIGURES[slug], scope=scope, breakdown=breakdown)

    groups = defaultdict(list)
    for r in rows:
        groups[group(breakdown, slug, r, world.period)].append(r)
    expected = {key: expected_values(slug, members, everyone, now) for key, members in groups.items()}
    got = {row.key: row.values for row in data.rows}
    assert {k: v for k, v in got.items() if v["children"]} == expected
    assert all(values == empty for key, values in got.items() if key not in expected)
    assert data.total.values == expected_values(slug, rows, everyone, now)


def test_the_world_has_the_episodes_the_figures_must_tell_apart(world):
    """Guard against episodes too tame to catch mistakes: each kind of case is present."""
    now = timezone.now()
    everyone = world.episodes()
    period = world.period
    for slug, (urgent, _days) in SEEN.items():
        rows = population(slug, everyone, period, now)
        values = expected_values(slug, rows, everyone, now)
        assert min(values["within"], values["later"], values["overdue"]) >= 1, slug
        assert {r.significant_harm for r in rows} == {urgent}
    assessments = population("assessment-duration", everyone, period, now)
    values = expected_values("assessment-duration", assessments, everyone, now)
    assert min(values["within"], values["over"], values["open_over"]) >= 1
    assert values["band_0_5"] >= 2
    # An assessment completed in the period for a referral from before it.
    assert any(r.received_at < period.starts_at for r in assessments)
    referrals = population("re-referrals", everyone, period, now)
    assert len(referrals) == 10
    assert sum(1 for r in referrals if is_re_referral(r, everyone)) == 3
    # Eve's earlier referral is more than 12 months before her referral in the period.
    eve = [r for r in everyone if r.person == world.people["eve"]]
    assert len(eve) == 2
    assert not is_re_referral(eve[1], everyone)
    assert {team_at_end(r, period) for r in referrals} == {str(world.team_a.pk), str(world.team_b.pk), "none"}
    reallocated = [r for r in referrals if len(r.allocations.all()) == 2]
    assert len(reallocated) == 1


def test_the_team_is_the_one_holding_the_episode_when_the_period_ended(world):
    """Ben's second episode moved from team A to team B ten days ago: a period ending before the
    move counts it in team A, one ending after it in team B."""
    now = timezone.now()
    ben = [r for r in world.episodes() if r.person == world.people["ben"]][-1]
    moved = max(a.started_at for a in ben.allocations.all())
    before = Period(world.period.first, local_day(moved) - timedelta(days=1))
    for period, team in ((before, world.team_a), (world.period, world.team_b)):
        data = selectors.figure_data(
            figure=FIGURES["re-referrals"], scope=Scope(world.la.pk, period, team.pk, now), breakdown="team"
        )
        rows = population("re-referrals", world.episodes(), period, now)
        expected = [r for r in rows if team_at_end(r, period) == str(team.pk)]
        assert ben.pk in {r.pk for r in expected}
        assert data.total.values["children"] == len(expected)
        assert [row.key for row in data.rows] == [str(team.pk)]


def test_a_team_filter_counts_only_that_teams_episodes(world):
    now = timezone.now()
    everyone = world.episodes()
    for team in (world.team_a.pk, world.team_b.pk, "none"):
        scope = Scope(world.la.pk, world.period, team, now)
        for slug, figure in EPISODE_FIGURES.items():
            rows = population(slug, everyone, world.period, now)
            mine = [r for r in rows if team_at_end(r, world.period) == str(team)]
            data = selectors.figure_data(figure=figure, scope=scope, breakdown="month")
            assert data.total.values == expected_values(slug, mine, everyone, now), (team, slug)
