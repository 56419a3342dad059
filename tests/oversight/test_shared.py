"""The board's shared renders: one render at a time per board, and an open board's access log once a
minute per child (oversight.shared, issue 18: 50 boards at 2 writes a second)."""

import threading

import pytest
from django.urls import reverse

from frontdoor.audit.models import AccessEvent
from frontdoor.organisations.models import Role
from frontdoor.oversight.shared import Render, SharedRenders, ShownRecently, order
from tests import builders
from tests.oversight.test_board import contact


def _render(version: str, people=(1, 2)) -> Render:
    return Render(content=f"board {version}".encode(), person_ids=tuple(people), version=version)


def test_a_poll_finding_a_render_of_its_board_under_way_waits_for_it_instead_of_rendering_again():
    renders = SharedRenders()
    started, release = threading.Event(), threading.Event()
    made: list[str] = []

    def slow() -> Render:
        made.append("7-1")
        started.set()
        release.wait(timeout=5)
        return _render("7-1")

    first: list[tuple] = []
    thread = threading.Thread(target=lambda: first.append(renders.get_or_render("board", "7-1", slow)))
    thread.start()
    started.wait(timeout=5)
    later: list[tuple] = []

    def newer() -> None:  # version 8 arrives while 7 is still rendering
        later.append(renders.get_or_render("board", "8-1", lambda: made.append("8-1") or _render("8-1")))

    waiting = threading.Thread(target=newer)
    waiting.start()
    release.set()
    thread.join(timeout=5)
    waiting.join(timeout=5)
    assert made == ["7-1"]
    assert first == [(_render("7-1"), False)]
    assert later == [(_render("7-1"), True)]  # version 7's board, which says it is version 7
    # Nothing under way now: version 8 is rendered by the next poll.
    assert renders.get_or_render("board", "8-1", lambda: _render("8-1")) == (_render("8-1"), False)
    assert renders.get_or_render("board", "8-1", lambda: _render("x")) == (_render("8-1"), True)


def test_a_poll_already_showing_newer_than_the_render_under_way_is_told_nothing_is_newer():
    renders = SharedRenders()
    started, release = threading.Event(), threading.Event()

    def slow() -> Render:
        started.set()
        release.wait(timeout=5)
        return _render("7-1")

    thread = threading.Thread(target=lambda: renders.get_or_render("board", "7-1", slow))
    thread.start()
    started.wait(timeout=5)
    # This viewer's other server process already showed version 9.
    assert renders.get_or_render("board", "10-1", lambda: _render("10-1"), shown="9-1") == (None, True)
    release.set()
    thread.join(timeout=5)


def test_versions_order_by_audit_event_then_minute_and_anything_else_comes_first():
    assert order("12-5") < order("13-1") < order("13-2")
    assert order("old") == () < order("1-1")


def test_an_open_board_logs_each_child_once_a_minute_and_a_newly_shown_child_at_once():
    shown = ShownRecently(every=60)
    assert shown.due(5, [3, 1, 2, 1], now=100.0) == [1, 2, 3]
    assert shown.due(5, [1, 2, 3, 4], now=130.0) == [4]  # only the child new on the board
    assert shown.due(6, [1, 2], now=130.0) == [1, 2]  # another viewer is logged for themselves
    assert shown.due(5, [1, 2, 3, 4], now=159.9) == []
    assert shown.due(5, [1, 2, 3, 4], now=160.0) == [1, 2, 3]
    assert shown.due(5, [1, 2, 3, 4], now=190.0) == [4]


@pytest.mark.django_db
def test_a_viewer_whose_board_stays_open_is_logged_for_a_child_once_a_minute_and_for_new_ones_at_once(
    client, la, officer, manager
):
    first = contact(officer, la, 2, "Tom")
    renderer = builders.user(la, Role.TEAM_MANAGER, "m2")
    url = reverse("oversight:board_live")

    def poll(user, shown="old"):
        client.force_login(user)
        return client.get(url, {"v": shown})

    def logged(user):
        events = AccessEvent.objects.filter(actor=user, purpose="oversight.board")
        return sorted(events.values_list("person_id", flat=True))

    tom = first.children.get().person_id
    assert poll(renderer).status_code == 200  # renders, and logs its own viewer
    assert b"Tom Example" in poll(manager).content  # shared: logged for this viewer
    assert logged(manager) == [tom]
    second = contact(officer, la, 1, "Ann")
    ann = second.children.get().person_id
    poll(renderer)
    assert b"Ann Example" in poll(manager).content
    assert logged(manager) == sorted([tom, ann])  # Ann at once; Tom not again within the minute
    assert logged(renderer) == sorted([tom, tom, ann])  # the renderer's selectors log every render
