"""Children at their conferences (issue 19 §5): the figure counts children aged 10 or over on the
conference day, how each took part, and advocacy; its drill-down lists exactly those children and
logs the access. The world (tests/performance/conftest.py) holds two initial conferences: Dee (16),
heard through her social worker and an advocate she was offered and used, and Gus (a baby, not
counted)."""

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.audit.models import AccessEvent
from frontdoor.child_protection.models import ConferenceChild
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.selectors import Scope
from tests.performance.test_views import leader, page, params

pytestmark = pytest.mark.django_db
__all__ = ["leader", "params"]

SLUG = "conference-participation"


def test_only_children_of_sufficient_age_are_counted_with_each_way_they_took_part(world):
    assert ConferenceChild.objects.filter(conference__authority=world.la).count() == 2
    data = selectors.figure_data(
        figure=FIGURES[SLUG], scope=Scope(world.la.pk, world.period, None, timezone.now()), breakdown="month"
    )
    assert dict(data.total.values) == {
        "children": 1,
        "attended": 0,
        "views": 1,
        "advocate": 1,
        "took_part": 1,
        "not_heard": 0,
        "advocacy_offered": 1,
        "advocacy_used": 1,
        "share": 100,
        "attended_share": 0,
        "advocacy_share": 100,
    }
    by_age = selectors.figure_data(
        figure=FIGURES[SLUG], scope=Scope(world.la.pk, world.period, None, timezone.now()), breakdown="age"
    )
    assert [(row.key, row.values["children"]) for row in by_age.rows if row.values["children"]] == [
        ("16_plus", 1)
    ]


@pytest.mark.parametrize(
    ("result", "names"), [("advocate", ["Dee Example"]), ("attended", []), ("all", ["Dee Example"])]
)
def test_the_drilldown_lists_the_children_behind_each_result_and_logs_them(
    client, world, leader, params, result, names
):
    mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = page(client, leader, "drilldown", SLUG, **params, result=result)
    assert response.status_code == 200
    doc = html.fromstring(response.content)
    rows = doc.xpath("//*[@data-testid='child-row']")
    assert sorted(r.xpath("./th")[0].text_content().strip() for r in rows) == names
    hrefs = {r.xpath("./td//a")[0].get("href") for r in rows}
    dee = ConferenceChild.objects.filter(person=world.people["dee"]).get()
    assert hrefs == ({reverse("child_protection:conference", args=[dee.conference_id])} if names else set())
    logged = AccessEvent.objects.filter(pk__gt=mark, actor=leader)
    assert set(logged.values_list("person_id", flat=True)) == ({dee.person_id} if names else set())
