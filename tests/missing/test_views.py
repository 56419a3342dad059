"""The missing-children pages: refusals beside the field with nothing saved, stale saves refused,
another authority's episode the same 404 as a missing one, and the live board's panel."""

from datetime import timedelta

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.urls import reverse
from django.utils import timezone

from frontdoor.missing import selectors
from frontdoor.missing.models import MissingEpisode, Oversight
from frontdoor.organisations.models import Role
from tests import builders

from .helpers import ago, record

pytestmark = pytest.mark.django_db


def parts(name, moment):
    local = timezone.localtime(moment)
    return {f"{name}_day": local.day, f"{name}_month": local.month, f"{name}_year": local.year,
            f"{name}_time": local.strftime("%H:%M")}  # fmt: skip


@pytest.fixture
def child(la):
    return builders.child(la, "Mia", "Quillfeather")


def test_a_refused_notification_shows_the_message_beside_the_field_and_saves_nothing(client, officer, child):
    client.force_login(officer)
    data = {
        "looked_after": "no", **parts("went_missing_at", ago(hours=5)), **parts("reported_at", ago(hours=6)),
        **parts("notified_at", ago(hours=3)), "safe_and_well_done": "unknown",
    }  # fmt: skip
    response = client.post(reverse("missing:new", args=[child.pk]), data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "The report to police cannot be before the child went missing" in page
    assert 'id="id_reported_at_error"' in page
    assert MissingEpisode.objects.count() == 0


def test_the_episode_page_shows_the_clocks_and_another_authority_gets_the_missing_page(
    client, officer, child
):
    episode = record(officer, child, went=ago(hours=30), returned=ago(hours=20))
    client.force_login(builders.user(child.authority, Role.TEAM_MANAGER))
    page = client.get(reverse("missing:detail", args=[episode.pk])).content.decode()
    assert "Mia Quillfeather" in page
    assert "within 72 hours of the return" in page
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"), Role.TEAM_MANAGER)
    client.force_login(stranger)
    theirs = client.get(reverse("missing:detail", args=[episode.pk]))
    missing = client.get(reverse("missing:detail", args=[999_999]))
    assert theirs.status_code == missing.status_code == 404
    assert "Mia" not in theirs.content.decode()


def test_a_stale_return_is_refused_and_nothing_changes(client, officer, child):
    episode = record(officer, child, went=ago(hours=30))
    client.force_login(officer)
    data = {"version": 1, **parts("returned_at", ago(hours=2)), "safe_and_well_done": "yes"}
    MissingEpisode.objects.filter(pk=episode.pk).update(version=2)  # someone else saved first
    response = client.post(reverse("missing:return", args=[episode.pk]), data)
    assert "Someone else changed this record" in response.content.decode()
    episode.refresh_from_db()
    assert (episode.returned_at, episode.interview_clock) == (None, None)


def test_oversight_by_a_manager_and_refused_to_a_social_worker(client, officer, manager, worker, child):
    episode = record(officer, child, went=ago(hours=30))
    client.force_login(worker)
    assert client.post(reverse("missing:oversee", args=[episode.pk]), {"decision": "nfa"}).status_code == 403
    assert Oversight.objects.count() == 0
    client.force_login(manager)
    response = client.post(
        reverse("missing:oversee", args=[episode.pk]), {"decision": "nfa", "rationale": "Safe"}
    )
    assert response["Location"] == reverse("missing:detail", args=[episode.pk])
    assert Oversight.objects.get().by == manager


def test_the_interview_cannot_be_recorded_before_its_offer(client, officer, worker, child):
    episode = record(officer, child, went=ago(hours=30), returned=ago(hours=20))
    client.force_login(worker)
    data = {
        "version": 1,
        **parts("completed_at", ago(hours=1)),
        "completed_by": "Sam",
        "childs_account": "x",
        "held_by_independent": "yes",
    }
    response = client.post(reverse("missing:complete", args=[episode.pk]), data)
    assert "Record the offer of the interview first" in response.content.decode()


@pytest.mark.parametrize(
    "query", [{"figure": "nonsense", "month": "2026-11-01"}, {"figure": "offered", "month": "x"}]
)
def test_an_unknown_figure_or_month_is_not_found(client, manager, query):
    client.force_login(manager)
    assert client.get(reverse("missing:figure_children"), query).status_code == 404


def test_the_board_panel_shows_the_four_counts(la, officer, manager, child):
    record(officer, child, went=ago(hours=100), returned=ago(hours=80))
    record(officer, builders.child(la, "Noah", "Example"), went=ago(hours=3))
    request = RequestFactory().get("/board/")
    request.user = manager
    html = render_to_string("missing/_board_panel.html", request=request)
    counts = selectors.board_counts(actor=manager)
    assert counts["missing_now"] == 1
    assert counts["awaiting_oversight"] == 2
    assert counts["interviews_overdue"] == 1
    for key, testid in (("missing_now", "missing-now"),
                        ("awaiting_oversight", "missing-awaiting-oversight"),
                        ("interviews_overdue", "missing-interviews-overdue"),
                        ("flags_unacknowledged", "missing-flags-unacknowledged")):  # fmt: skip
        assert f'data-testid="{testid}">{counts[key]}<' in html
    request.user = builders.user(la, Role.ADMINISTRATOR)
    assert "missing-board-panel" not in render_to_string("missing/_board_panel.html", request=request)


def test_the_oversight_clock_shows_overdue_after_one_working_day(client, officer, manager, child):
    episode = record(officer, child, went=ago(days=6), hours_to_notify=3)
    assert episode.oversight_clock.due_at < timezone.now() - timedelta(days=2)
    client.force_login(manager)
    page = client.get(reverse("missing:overview")).content.decode()
    assert "Overdue by" in page


def test_each_oversight_list_shows_the_fifty_most_pressing_with_the_total(client, la, officer, manager):
    for n in range(52):
        record(officer, builders.child(la, f"Child{n:02d}", "Example"), went=ago(hours=100 + n))
    client.force_login(manager)
    page = client.get(reverse("missing:overview")).content.decode()
    assert "Notifications awaiting oversight (52)" in page
    assert page.count("Showing the 50 most pressing of 52.") == 1
    awaiting = page.split("Notifications awaiting oversight (52)")[1].split("Return interviews overdue")[0]
    assert "Child51 Example" in awaiting  # the oldest, most overdue, is shown
    assert "Child00 Example" not in awaiting
    # All 52 are still missing: that list is newest first, 50 shown, with the total.
    assert "Missing now (52)" in page
    assert page.count("Showing the 50 most recently missing of 52.") == 1


def test_a_child_reported_missing_today_is_first_on_the_missing_page(client, la, officer, manager, child):
    """Issue 18: a child reported missing today was on neither the missing page nor the board,
    below a year of older notifications awaiting oversight."""
    record(officer, child, went=ago(days=300), returned=ago(days=299))
    record(officer, builders.child(la, "Ava", "Older"), went=ago(days=20))
    today = record(officer, builders.child(la, "Noah", "Today"), went=ago(hours=2))
    client.force_login(manager)

    page = client.get(reverse("missing:overview")).content.decode()

    section = page[page.index('data-testid="missing-now"') : page.index("Notifications awaiting oversight")]
    assert section.index("Noah Today") < section.index("Ava Older")
    assert child.full_name not in section  # returned: no longer missing
    assert "Missing now (2)" in page
    assert selectors.queues_for(actor=manager)["missing_now"][0] == today
