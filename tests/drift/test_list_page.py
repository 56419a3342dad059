"""The drift list page: 50 children a page with "Showing 1 to 50 of N", next and previous keeping
the filters, filters by reason and by team, the same queries for 1 or 5 children, only the children
shown logged, and "no visit" read against the authority's two visiting standards."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.audit.models import AccessEvent
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.drift import selectors
from frontdoor.organisations.models import Role
from frontdoor.referrals.models import Allocation, Visit
from tests import builders

pytestmark = pytest.mark.django_db


def seen(referral, worker, days_ago):
    Visit.objects.create(
        authority_id=referral.authority_id, person_id=referral.person_id, referral=referral,
        occurred_at=timezone.now() - timedelta(days=days_ago), visitor=worker, seen=True,
        recorded_at=timezone.now(),
    )  # fmt: skip


def allocate(referral, team, worker):
    Allocation.objects.create(
        referral=referral, team=team, worker=worker, started_at=timezone.now(), allocated_by=worker
    )


@pytest.fixture
def senior(la):
    return builders.user(la, Role.SENIOR_LEADER)


def text(response, testid):
    found = html.fromstring(response.content).xpath(f'//*[@data-testid="{testid}"]')
    return " ".join(found[0].text_content().split()) if found else ""


def names(response):
    return [" ".join(a.text_content().split()) for a in html.fromstring(response.content).xpath(
        '//*[@data-testid="drift-list"]//tbody//a')]  # fmt: skip


@pytest.fixture
def five(la, manager, worker):
    """Five children open 200 days (each listed for that alone), the longest open first."""
    referrals = [builders.referral(la, manager, days_ago=200 + 5 - i) for i in range(5)]
    for referral in referrals:
        seen(referral, worker, 1)
    return referrals


def test_pages_of_a_few_children_say_which_they_show_and_keep_the_filters(client, senior, five, monkeypatch):
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    client.force_login(senior)
    first = client.get(reverse("drift:list"), {"reason": "cin_open"})
    assert text(first, "showing") == "Showing 1 to 2 of 5 children (of 5 on the list)"
    assert names(first) == [r.person.full_name for r in five[:2]]
    links = html.fromstring(first.content).xpath('//a[@rel="next"]/@href')
    assert links == ["?reason=cin_open&page=2"]
    last = client.get(reverse("drift:list"), {"reason": "cin_open", "page": 3})
    assert text(last, "showing") == "Showing 5 to 5 of 5 children (of 5 on the list)"
    assert html.fromstring(last.content).xpath('//a[@rel="prev"]/@href') == ["?reason=cin_open&page=2"]


def test_the_filters_keep_one_reason_or_one_team(client, la, manager, senior, worker, five):
    unseen = builders.referral(la, manager, days_ago=40)  # never seen: no visit in 40 days
    other = builders.team(la, "Children in need east")
    allocate(five[0], other, worker)
    client.force_login(senior)
    everyone = client.get(reverse("drift:list"))
    assert text(everyone, "showing") == "Showing 1 to 6 of 6 children"
    visits = client.get(reverse("drift:list"), {"reason": "not_visited"})
    assert (text(visits, "showing"), names(visits)) == (
        "Showing 1 to 1 of 1 child (of 6 on the list)",
        [unseen.person.full_name],
    )
    east = client.get(reverse("drift:list"), {"team": other.pk})
    assert names(east) == [five[0].person.full_name]
    none = client.get(reverse("drift:list"), {"team": "none"})
    assert len(names(none)) == 5
    nonsense = client.get(reverse("drift:list"), {"reason": "<script>", "team": "x", "days": "0"})
    assert text(nonsense, "showing") == "Showing 1 to 6 of 6 children"


@pytest.mark.parametrize("who", ["senior"])
def test_the_page_reads_the_same_queries_for_1_or_5_children_and_logs_only_those_shown(
    client, la, manager, worker, senior, who, monkeypatch
):
    client.force_login(senior)

    def queries():
        with CaptureQueriesContext(connection) as captured:
            assert client.get(reverse("drift:list")).status_code == 200
        return len(captured)

    seen(builders.referral(la, manager, days_ago=200), worker, 1)
    few = queries()
    for _ in range(4):
        seen(builders.referral(la, manager, days_ago=200), worker, 1)
    assert queries() == few
    monkeypatch.setattr(selectors, "PER_PAGE", 2)
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"]
    assert queries() == few
    assert AccessEvent.objects.filter(pk__gt=mark, purpose="drift.list").count() == 2


def test_no_visit_is_read_against_the_authoritys_two_standards(la, manager, senior, worker):
    in_need = builders.referral(la, manager, days_ago=60)
    seen(in_need, worker, 20)
    on_plan = builders.referral(la, manager, days_ago=60)
    seen(on_plan, worker, 20)
    ProtectionPlan.objects.create(
        authority=la,
        person=on_plan.person,
        referral=on_plan,
        start_date=timezone.localdate() - timedelta(30),
        initial_category="NEG",
        latest_category="NEG",
    )
    listed = {r.person.pk for r in selectors.drift_list(actor=senior)}
    assert listed == {on_plan.person_id}  # 20 days: past 14 on a plan, within 28 otherwise
    la.drift_cin_visit_days, la.drift_cp_visit_days = 20, 21
    la.save()
    senior.refresh_from_db()
    listed = {r.person.pk for r in selectors.drift_list(actor=senior)}
    assert listed == {in_need.person_id}
    assert {r.person.pk for r in selectors.drift_list(actor=senior, visit_days=10)} == {
        in_need.person_id,
        on_plan.person_id,
    }
