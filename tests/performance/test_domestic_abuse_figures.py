"""Domestic abuse figures (issue 19 §2): by risk level, decided within 24 hours, high risk with a
strategy discussion or assessment, and repeats within 12 months; each drill-down lists exactly the
rows its number counts, and a restricted child is left out of the list."""

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from frontdoor.domestic_abuse import services
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.rules import Period
from frontdoor.performance.selectors import Scope
from tests import builders

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MARCH = datetime(2026, 3, 3, 21, 0, tzinfo=LONDON)


def _notify(officer, people, risk, at):
    return services.notification_record(
        actor=officer,
        data=services.NotificationData(
            incident_at=at,
            received_at=at + timedelta(hours=1),
            risk_level=risk,
            incident="Police attended a domestic incident.",
        ),
        children=[services.ChildInHousehold(person=p) for p in people],
    )


@pytest.fixture
def world(la, officer):
    amy, ben, cal = (builders.child(la, name, "Ash") for name in ("Amy", "Ben", "Cal"))
    _notify(officer, [amy, ben], "high", MARCH - timedelta(days=200))  # before the period
    _notify(officer, [amy, ben], "high", MARCH)  # repeats for both
    _notify(officer, [cal], "standard", MARCH + timedelta(days=2))
    _notify(officer, [cal], "medium", MARCH + timedelta(days=3))  # a repeat for Cal
    return Scope(la.pk, Period(date(2026, 3, 1), date(2026, 3, 31)), None, timezone.now())


def _total(slug, scope):
    return selectors.figure_data(figure=FIGURES[slug], scope=scope, breakdown="month").total.values


def _listed(manager, slug, scope, result):
    return selectors.drilldown(actor=manager, figure=FIGURES[slug], scope=scope, buckets={}, result=result)


def test_children_by_risk_level_and_their_drilldowns(world, manager):
    values = _total("da-risk", world)
    assert {k: values[k] for k in ("children", "standard", "medium", "high")} == {
        "children": 4,
        "standard": 1,
        "medium": 1,
        "high": 2,
    }
    for result in ("standard", "medium", "high"):
        assert _listed(manager, "da-risk", world, result).page.paginator.count == values[result]


def test_repeats_within_12_months_count_each_childs_notification(world, manager):
    values = _total("da-repeat", world)
    assert (values["children"], values["repeat"], values["repeat_children"]) == (4, 3, 3)
    listed = _listed(manager, "da-repeat", world, "repeat")
    assert listed.page.paginator.count == values["repeat"] == 3


def test_high_risk_without_strategy_discussion_or_assessment_and_undecided(world, manager):
    high = _total("da-high-risk-action", world)
    assert (high["children"], high["acted"], high["not_acted"]) == (2, 0, 2)
    assert _listed(manager, "da-high-risk-action", world, "not_acted").page.paginator.count == 2
    decided = _total("da-decision", world)
    assert (decided["children"], decided["within"], decided["undecided"]) == (4, 0, 4)
    assert _listed(manager, "da-decision", world, "undecided").page.paginator.count == 4
