"""The dashboard's case notes figure (recorded late), for the total, by month, team and sex, equals
the same figure computed plainly here from the raw notes; its drill-down lists exactly the
children's notes behind each number and logs who saw them. casenotes.selectors.late_recording,
which the notes pages use, gives the same count and share."""

import pytest
from django.urls import reverse

from frontdoor.audit.models import AccessEvent
from frontdoor.casenotes.selectors import late_recording
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.selectors import Scope
from tests.performance.test_episode_figures import local_day
from tests.performance.test_figures import pct
from tests.performance.test_views import leader, page, params, table_rows

pytestmark = pytest.mark.django_db
__all__ = ["leader", "page", "params", "table_rows"]

SLUG = "case-notes-late"


def in_period(world):
    return [
        c
        for c in world.child_notes()
        if world.period.first <= local_day(c.note.recorded_at) <= world.period.last
    ]


def is_late(child_note) -> bool:
    return child_note.note.recorded_at > child_note.note.record_due_at


def expected(rows) -> dict:
    notes = {c.note_id for c in rows}
    late_notes = {c.note_id for c in rows if is_late(c)}
    return {
        "children": len(rows),
        "notes": len(notes),
        "late_notes": len(late_notes),
        "late": sum(is_late(c) for c in rows),
        "on_time": sum(not is_late(c) for c in rows),
        "share": pct(len(late_notes), len(notes)),
    }


def group_of(breakdown, child_note) -> str:
    if breakdown == "team":
        return str(child_note.note.author.team_id) if child_note.note.author.team_id else "none"
    if breakdown == "sex":
        return child_note.person.sex
    return f"{local_day(child_note.note.recorded_at):%Y-%m}"


def test_the_world_has_late_and_prompt_notes_about_one_and_two_children(world):
    rows = in_period(world)
    assert expected(rows) == {
        "children": 6,
        "notes": 4,
        "late_notes": 2,
        "late": 3,
        "on_time": 3,
        "share": 50.0,
    }


@pytest.mark.parametrize("breakdown", [None, "month", "team", "sex"])
def test_the_figure_and_each_breakdown_equal_a_plain_count_of_the_notes(world, breakdown):
    scope = Scope(world.la.pk, world.period, None, world.now)
    data = selectors.figure_data(figure=FIGURES[SLUG], scope=scope, breakdown=breakdown)
    rows = in_period(world)
    assert {k: data.total.values[k] for k in expected(rows)} == expected(rows)
    for row in data.rows:
        mine = [c for c in rows if group_of(breakdown, c) == row.key]
        assert {k: row.values[k] for k in expected(mine)} == expected(mine), row.key


def test_the_casenotes_selector_gives_the_same_count_and_share(world):
    got = late_recording(
        actor=world.manager, starts=world.period.starts_at, ends_before=world.period.ends_before
    )
    assert (got.total, got.late, got.share) == (4, 2, 50.0)
    assert [n.pk for n in got.notes] == sorted({c.note_id for c in in_period(world) if is_late(c)})
    logged = AccessEvent.objects.filter(actor=world.manager, purpose="casenotes.late_recording")
    assert logged.count() == 3  # the three children of the two late notes


def test_the_drilldown_lists_exactly_the_late_childrens_notes_and_logs_them(client, world, leader, params):
    client.force_login(leader)
    response = client.get(reverse("performance:drilldown", args=[SLUG]), {**params, "result": "late"})
    assert response.status_code == 200
    late = [c for c in in_period(world) if is_late(c)]
    for child_note in late:
        assert reverse("casenotes:note", args=[child_note.note_id]) in response.text
    assert response.text.count("(late)") == len(late) == 3
    logged = set(
        AccessEvent.objects.filter(actor=leader, purpose="performance.drilldown").values_list(
            "person_id", flat=True
        )
    )
    assert logged == {c.person_id for c in late}
