"""Papers sent within 5 working days (issue 16 §3.4): the dashboard's figure and its drill-down
equal what is counted here from the rows, and the standard's days follow the authority's setting."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.clocks.models import StandardSetting
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.rules import Period
from frontdoor.performance.selectors import Scope
from frontdoor.plans import services
from frontdoor.plans.models import Paper, PaperSent, SendMethod
from frontdoor.plans.papers import PaperOf, paper_sent_record
from tests import builders

pytestmark = pytest.mark.django_db
MONDAY = date(2026, 3, 2)  # no bank holiday in the fortnight after


def _send(actor, plan, agency, sent_on):
    paper = PaperOf(Paper.PLAN, plan, plan.person_id, plan.start_date, "Child in need plan")
    return paper_sent_record(
        actor=actor, referral=plan.referral, paper=paper, sent_on=sent_on,
        method=SendMethod.SECURE_EMAIL, agency=agency,
    )  # fmt: skip


@pytest.fixture
def plan(la, manager, worker):
    referral = builders.referral(la, manager, days_ago=(timezone.localdate() - MONDAY).days + 3)
    return services.cin_plan_start(actor=worker, referral=referral, start_date=MONDAY)


def test_papers_on_time_and_late_are_counted_and_listed(la, worker, plan, manager):
    police, health = builders.agency(la), builders.agency(la, "Mercia Health", "health")
    on_time = _send(worker, plan, police, MONDAY + timedelta(days=7))  # 5 working days: Monday week
    late = _send(worker, plan, health, MONDAY + timedelta(days=8))
    assert (on_time.due_on, late.due_on) == (MONDAY + timedelta(days=7), MONDAY + timedelta(days=7))
    figure = FIGURES["papers-sent"]
    scope = Scope(la.pk, Period(MONDAY, MONDAY + timedelta(days=30)), None, timezone.now())
    data = selectors.figure_data(figure=figure, scope=scope, breakdown="month")
    assert {k: data.total.values[k] for k in ("children", "within", "later", "share")} == {
        "children": 2, "within": 1, "later": 1, "share": 50.0,
    }  # fmt: skip
    assert [(r.key, r.values["children"]) for r in data.rows] == [("2026-03", 2), ("2026-04", 0)]
    listed = selectors.drilldown(actor=manager, figure=figure, scope=scope, buckets={}, result="later")
    assert [p.pk for p in listed.page.object_list] == [late.pk]
    assert listed.not_listed == 0


def test_the_days_follow_the_authoritys_standard_and_bad_dates_are_refused(la, worker, plan):
    StandardSetting.objects.create(authority=la, code="papers_sent", unit="working_days", length=2)
    sent = _send(worker, plan, builders.agency(la), MONDAY + timedelta(days=3))
    assert sent.due_on == MONDAY + timedelta(days=2)
    with pytest.raises(ValidationError) as refused:
        _send(worker, plan, builders.agency(la, "Mercia Health", "health"), MONDAY - timedelta(days=1))
    assert list(refused.value.message_dict) == ["sent_on"]
    assert PaperSent.objects.count() == 1
