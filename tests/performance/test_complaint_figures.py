"""Complaints answered within 10 (stage 1) and 25 (stage 2) working days, complaints by theme, and
practice notes by state and theme (issue 19 §3, §4): the dashboard's numbers and their drill-downs
equal what is counted here from the rows made through the services."""

from datetime import date, datetime, timedelta
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from frontdoor.complaints import services
from frontdoor.organisations.models import Role
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.rules import Period
from frontdoor.performance.selectors import Scope
from frontdoor.quality import services as quality_services
from tests import builders

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
MARCH = Period(date(2026, 3, 1), date(2026, 4, 30))


@pytest.fixture
def qa(la):
    return builders.user(la, Role.QUALITY_ASSURANCE)


def _complaint(qa, la, day, theme="communication"):
    return services.complaint_record(
        actor=qa, person=builders.child(la), complainant="child", complainant_name="The child", theme=theme,
        summary="Not listened to", received_at=datetime(2026, 3, day, 10, tzinfo=LONDON),
    )  # fmt: skip


def _answer(qa, complaint, day):
    services.complaint_stage_respond(
        actor=qa,
        complaint=complaint,
        version=complaint.version,
        responded_on=day,
        outcome="upheld",
        response="",
    )
    complaint.refresh_from_db()


def _scope(la):
    return Scope(la.pk, MARCH, None, timezone.now())


def test_stage_1_within_10_working_days_later_and_waiting_with_drill_downs(la, qa, manager):
    on_time, late, extended_late = (_complaint(qa, la, 2), _complaint(qa, la, 2), _complaint(qa, la, 2))
    waiting = _complaint(qa, la, 3, theme="decision")  # due 17 March, never answered
    _answer(qa, on_time, date(2026, 3, 16))  # the 10th working day
    _answer(qa, late, date(2026, 3, 17))
    services.complaint_stage_extend(actor=qa, complaint=extended_late, version=1, reason="Advocate")
    extended_late.refresh_from_db()
    _answer(qa, extended_late, date(2026, 3, 20))  # within the extension, not within 10 days
    figure = FIGURES["complaints-stage1"]
    data = selectors.figure_data(figure=figure, scope=_scope(la), breakdown="month")
    assert {k: data.total.values[k] for k in ("children", "within", "later", "waiting", "share")} == {
        "children": 4, "within": 1, "later": 2, "waiting": 1, "share": Decimal("33.3"),
    }  # fmt: skip
    later = selectors.drilldown(actor=qa, figure=figure, scope=_scope(la), buckets={}, result="later")
    assert sorted(s.complaint_id for s in later.page.object_list) == sorted([late.pk, extended_late.pk])
    open_ = selectors.drilldown(actor=qa, figure=figure, scope=_scope(la), buckets={}, result="waiting")
    assert [s.complaint_id for s in open_.page.object_list] == [waiting.pk]
    themes = selectors.figure_data(figure=FIGURES["complaints-themes"], scope=_scope(la), breakdown="month")
    assert (themes.total.values["communication"], themes.total.values["decision"]) == (3, 1)
    listed = selectors.drilldown(
        actor=qa, figure=FIGURES["complaints-themes"], scope=_scope(la), buckets={}, result="decision"
    )
    assert [c.pk for c in listed.page.object_list] == [waiting.pk]


def test_stage_2_counts_its_own_stage_only(la, qa):
    complaint = _complaint(qa, la, 2)
    _answer(qa, complaint, date(2026, 3, 6))
    services.complaint_escalate(
        actor=qa, complaint=complaint, version=2, stage=2, requested_on=date(2026, 3, 9)
    )
    complaint.refresh_from_db()
    _answer(qa, complaint, date(2026, 4, 13))  # 24 working days (Good Friday and Easter Monday out)
    data = selectors.figure_data(figure=FIGURES["complaints-stage2"], scope=_scope(la), breakdown="month")
    assert {k: data.total.values[k] for k in ("children", "within", "later", "waiting")} == {
        "children": 1, "within": 1, "later": 0, "waiting": 0,
    }  # fmt: skip


def test_practice_notes_by_state_and_theme_and_by_team(la, manager, worker):
    raised = [
        quality_services.practice_note_raise(
            actor=builders.user(la, Role.QUALITY_ASSURANCE),
            person=builders.child(la),
            worker=worker,
            kind="concern",
            theme=theme,
            text="Seen alone?",
        )
        for theme in ("visits", "visits", "recording")
    ]
    quality_services.practice_note_acknowledge(actor=worker, note=raised[0])
    quality_services.practice_note_close(actor=manager, note=raised[1], response="Done")
    today = timezone.localdate()
    scope = Scope(la.pk, Period(today - timedelta(days=7), today), None, timezone.now())
    data = selectors.figure_data(figure=FIGURES["practice-notes"], scope=scope, breakdown="team")
    assert {k: data.total.values[k] for k in ("children", "open", "acknowledged", "closed", "share")} == {
        "children": 3, "open": 1, "acknowledged": 1, "closed": 1, "share": Decimal("66.7"),
    }  # fmt: skip
    assert [(r.label, r.values["children"]) for r in data.rows if r.values["children"]] == [
        (worker.team.name, 3)
    ]
    themes = selectors.figure_data(figure=FIGURES["practice-notes-themes"], scope=scope, breakdown="team")
    assert (themes.total.values["visits"], themes.total.values["recording"]) == (2, 1)
    listed = selectors.drilldown(
        actor=manager, figure=FIGURES["practice-notes"], scope=scope, buckets={}, result="open"
    )
    assert [n.pk for n in listed.page.object_list] == [raised[2].pk]
