"""A child protection plan and a children-in-need plan never run at once (CIN 4001, 4003, 4016,
4017): the initial conference ends the child's CIN plan on the CP plan's start date, in its own
transaction and with its audit event, and refuses a CP plan another CIN plan would overlap."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection import rules
from frontdoor.child_protection.models import Conference, ProtectionPlan
from frontdoor.plans import services as plan_services
from frontdoor.plans.models import ChildInNeedPlan
from tests.child_protection.conftest import at, conclude, discuss, icpc

db = pytest.mark.django_db

days = st.dates(min_value=date(2024, 1, 1), max_value=date(2026, 12, 31))


def _enquiry(worker, referral):
    return conclude(worker, discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry)


def _cin_plan(worker, referral, start):
    return plan_services.cin_plan_start(actor=worker, referral=referral, start_date=start)


@db
def test_an_icpc_ends_the_running_cin_plan_on_the_plan_start_date(referral, worker):
    enquiry = _enquiry(worker, referral)
    cin = _cin_plan(worker, referral, referral.referral_date + timedelta(days=1))
    held_on = referral.referral_date + timedelta(days=14)
    icpc(worker, enquiry, held_on)
    cin.refresh_from_db()
    plan = ProtectionPlan.objects.get()
    assert (cin.end_date, cin.end_reason, cin.version) == (held_on, "A child protection plan started", 2)
    assert plan.start_date == cin.end_date
    assert cin.review_clock.completed_at is not None
    ended = AuditEvent.objects.get(action="cin_plan.ended")
    assert (ended.person_id, ended.changes["by"]) == (referral.person_id, "child_protection_plan")
    recorded = AuditEvent.objects.get(action="conference.initial_recorded")
    assert recorded.changes["cin_plan_ended"] == cin.pk


@db
def test_an_icpc_with_no_plan_leaves_the_cin_plan_running(referral, worker):
    enquiry = _enquiry(worker, referral)
    cin = _cin_plan(worker, referral, referral.referral_date + timedelta(days=1))
    icpc(worker, enquiry, referral.referral_date + timedelta(days=14), plan=False)
    cin.refresh_from_db()
    assert (cin.end_date, AuditEvent.objects.filter(action="cin_plan.ended").count()) == (None, 0)


@db
def test_a_cp_plan_before_the_cin_plan_started_saves_nothing(referral, worker):
    enquiry = _enquiry(worker, referral)
    cin_start = referral.referral_date + timedelta(days=15)
    cin = _cin_plan(worker, referral, cin_start)
    with pytest.raises(ValidationError) as error:
        icpc(worker, enquiry, referral.referral_date + timedelta(days=14))
    assert error.value.message_dict == {
        "plan_needed": [
            f"This child's child in need plan started on {cin_start:%-d %B %Y}, after this date: "
            "a child protection plan cannot start before it"
        ]
    }
    cin.refresh_from_db()
    assert (Conference.objects.count(), ProtectionPlan.objects.count(), cin.end_date) == (0, 0, None)


@db
def test_a_cp_plan_inside_an_ended_cin_plan_is_refused(referral, worker):
    enquiry = _enquiry(worker, referral)
    cin = _cin_plan(worker, referral, referral.referral_date + timedelta(days=1))
    end = referral.referral_date + timedelta(days=20)
    plan_services.cin_plan_end(actor=worker, plan=cin, version=cin.version, end_date=end)
    with pytest.raises(ValidationError) as error:
        icpc(worker, enquiry, referral.referral_date + timedelta(days=14))
    assert error.value.message_dict["plan_needed"] == [
        f"This child had a child in need plan until {end:%-d %B %Y}: a child protection plan cannot "
        "start while it ran"
    ]
    assert ProtectionPlan.objects.count() == 0


@db
def test_no_cin_plan_starts_while_the_cp_plan_is_open(referral, worker):
    icpc(worker, _enquiry(worker, referral), referral.referral_date + timedelta(days=14))
    with pytest.raises(ValidationError) as error:
        _cin_plan(worker, referral, referral.referral_date + timedelta(days=15))
    assert error.value.message_dict == {
        "start_date": ["This child has a child protection plan: a child in need plan cannot run with it"]
    }
    assert ChildInNeedPlan.objects.count() == 0


@given(days, st.lists(st.tuples(days, st.none() | days), max_size=3))
def test_a_cp_plan_allowed_never_overlaps_a_cin_plan_once_the_open_one_ends(start, spans):
    """4016 / 4017 as the validator reads them: after ending the open CIN plan on the CP start
    (cin_plan_end_for), no CIN plan starts within the CP plan and the CP plan starts within no CIN
    plan (a start on a CIN plan's end day is allowed)."""
    spans = [(s, e if e is None or e >= s else s) for s, e in spans]
    if rules.no_cin_plan_during(start=start, cin_plans=spans) is not None:
        return
    ended = [(s, rules.cin_plan_end_for(plan_start=start) if e is None else e) for s, e in spans]
    for cin_start, cin_end in ended:
        assert cin_end >= cin_start  # 4011
        assert not cin_start <= start < cin_end  # 4017
        assert not start <= cin_start < cin_end  # 4016: the CP plan is open


@given(days, st.lists(st.tuples(days, st.none() | days), max_size=3))
def test_a_review_is_refused_exactly_while_a_cin_plan_runs(held_on, spans):
    running = any(s <= held_on and (e is None or held_on < e) for s, e in spans)
    assert (rules.review_not_during_cin_plan(held_on=held_on, cin_plans=spans) is not None) == running
