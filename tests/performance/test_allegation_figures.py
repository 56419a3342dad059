"""The dashboard's allegation figures (issue 19 §1): initial consideration within 1 working day,
time from referral to outcome, outcomes and sectors, counted only over the allegations the viewer may
see, with drill-downs whose count equals the headline; a manager not named sees zeros and no rows."""

from datetime import date, timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.allegations import services
from frontdoor.audit.models import AccessEvent
from frontdoor.clocks.models import Clock
from frontdoor.organisations.models import Role
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.rules import Period
from frontdoor.performance.selectors import Scope
from tests import builders
from tests.allegations.helpers import MONDAY_10AM, refer

pytestmark = pytest.mark.django_db
PERIOD = Period(date(2026, 11, 1), date(2026, 11, 30))


@pytest.fixture
def world(la):
    """Three allegations received Monday 2 November 2026: one considered within the working day and
    concluded unfounded on the Thursday, one considered late (Thursday) and still open, naming a
    manager, and one about an adult in health never considered (past due now)."""
    lado = builders.user(la, Role.DESIGNATED_OFFICER)
    child = builders.child(la, "Ivy", "Pemberton")
    on_time, late, never = (refer(lado, [child]), refer(lado, [child]), refer(lado, [child], sector="health"))
    _consider(lado, on_time, MONDAY_10AM + timedelta(hours=3))
    _consider(lado, late, MONDAY_10AM + timedelta(days=3))
    on_time.refresh_from_db()
    services.outcome_record(
        actor=lado, allegation=on_time, version=on_time.version, outcome="unfounded",
        outcome_on=date(2026, 11, 5), decided_by="LADO", actions_taken=["none"],
    )  # fmt: skip
    named = builders.user(la, Role.TEAM_MANAGER)
    services.managers_name(actor=lado, allegation=late, managers=[named])
    return lado, named, (on_time, late, never)


def _consider(lado, allegation, at):
    services.allegation_consider(
        actor=lado, allegation=allegation, version=allegation.version, consideration="meeting",
        notes="Harm test met", police_process="none", employer_process="under_way",
    )  # fmt: skip
    # Recorded as of `at` (the service stamps now): the clock's completion is what the figure counts.
    Clock.objects.filter(pk=allegation.consideration_clock_id).update(completed_at=at)


def _total(actor, slug, keys):
    scope = Scope(actor.authority_id, PERIOD, None, timezone.now(), actor=actor)
    data = selectors.figure_data(figure=FIGURES[slug], scope=scope, breakdown="month")
    return {k: data.total.values[k] for k in keys}, scope


def test_consideration_within_1_working_day_for_the_designated_officer(world):
    lado, _named, (_on_time, _late, never) = world
    totals, scope = _total(
        lado, "lado-consideration", ("children", "considered", "met", "missed", "overdue", "share")
    )
    assert totals == {"children": 3, "considered": 2, "met": 1, "missed": 1, "overdue": 1, "share": 50.0}
    figure = FIGURES["lado-consideration"]
    for result, expected in (("all", 3), ("met", 1), ("missed", 1), ("overdue", 1)):
        listed = selectors.drilldown(actor=lado, figure=figure, scope=scope, buckets={}, result=result)
        assert listed.page.paginator.count == expected
    listed = selectors.drilldown(actor=lado, figure=figure, scope=scope, buckets={}, result="overdue")
    assert [a.pk for a in listed.page.object_list] == [never.pk]


def test_referral_to_outcome_outcomes_and_sectors(world):
    lado, _named, (on_time, _late, _never) = world
    totals, scope = _total(lado, "lado-resolution", ("children", "1m", "3m", "12m", "longer", "share"))
    assert totals == {"children": 1, "1m": 1, "3m": 0, "12m": 0, "longer": 0, "share": 100.0}
    outcomes, _ = _total(lado, "lado-outcomes", ("children", "unfounded", "substantiated"))
    assert outcomes == {"children": 1, "unfounded": 1, "substantiated": 0}
    sectors, _ = _total(lado, "lado-sectors", ("children", "education", "health"))
    assert sectors == {"children": 3, "education": 2, "health": 1}
    listed = selectors.drilldown(
        actor=lado, figure=FIGURES["lado-resolution"], scope=scope, buckets={}, result="1m"
    )
    assert [a.pk for a in listed.page.object_list] == [on_time.pk]


@pytest.mark.parametrize("who", ["named", "outsider"])
def test_a_manager_counts_only_the_allegations_naming_them(la, world, who):
    _lado, named, (_on_time, late, _never) = world
    viewer = named if who == "named" else builders.user(la, Role.TEAM_MANAGER)
    totals, scope = _total(viewer, "lado-consideration", ("children", "missed"))
    expected = 1 if who == "named" else 0
    assert totals == {"children": expected, "missed": expected}
    listed = selectors.drilldown(
        actor=viewer, figure=FIGURES["lado-consideration"], scope=scope, buckets={}, result="all"
    )
    assert [a.pk for a in listed.page.object_list] == ([late.pk] if who == "named" else [])


def test_the_drilldown_page_lists_and_logs_only_what_the_viewer_may_see(client, la, world):
    lado, _named, (_on_time, _late, _never) = world
    outsider = builders.user(la, Role.TEAM_MANAGER)
    url = reverse("performance:drilldown", args=["lado-consideration"])
    query = {"from": "2026-11-01", "to": "2026-11-30", "result": "all"}
    client.force_login(lado)
    body = client.get(url, query).content.decode()
    assert body.count("LADO-2026-000") == 3
    client.force_login(outsider)
    mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    body = client.get(url, query).content.decode()
    assert "LADO-2026-000" not in body
    assert "Ivy Pemberton" not in body
    assert not AccessEvent.objects.filter(pk__gt=mark).exists()
