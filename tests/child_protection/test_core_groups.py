"""Core groups: the first within 10 working days of the initial conference (T10); each later one due
within the local `core_group` standard from the last (standards.md §1.1 T11: every 28 days by
default, configurable per authority), shown on the plan page."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.child_protection import services
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.clocks.models import Clock, StandardSetting
from frontdoor.core.templatetags.govuk import govuk_date

from .conftest import at, conclude, discuss, icpc

pytestmark = pytest.mark.django_db


def _plan(worker, referral) -> ProtectionPlan:
    enquiry = conclude(worker, discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry)
    icpc(worker, enquiry, referral.referral_date + timedelta(days=14))
    return ProtectionPlan.objects.get()


def _group(worker, plan, held_on):
    services.core_group_record(actor=worker, plan=plan, held_on=held_on, attended=["police"])
    return ProtectionPlan.objects.select_related("core_group_clock").get(pk=plan.pk)


def test_each_core_group_starts_the_next_ones_clock(referral, worker):
    plan = _plan(worker, referral)
    first_clock = plan.core_group_clock
    first = plan.start_date + timedelta(days=7)
    plan = _group(worker, plan, first)
    first_clock.refresh_from_db()
    assert timezone.localdate(first_clock.completed_at) == first
    clock = plan.core_group_clock
    assert (clock.standard, timezone.localdate(clock.started_at), clock.completed_at) == (
        "core_group",
        first,
        None,
    )
    assert timezone.localdate(clock.due_at) == first + timedelta(days=28)
    second = first + timedelta(days=21)
    plan = _group(worker, plan, second)
    clock.refresh_from_db()
    assert timezone.localdate(clock.completed_at) == second
    assert timezone.localdate(plan.core_group_clock.due_at) == second + timedelta(days=28)
    assert Clock.objects.filter(standard__in=["first_core_group", "core_group"]).count() == 3


def test_a_core_group_recorded_late_out_of_order_leaves_the_running_clock(referral, worker):
    plan = _plan(worker, referral)
    plan = _group(worker, plan, plan.start_date + timedelta(days=9))
    running = plan.core_group_clock
    plan = _group(worker, plan, plan.start_date + timedelta(days=2))
    assert (plan.core_group_clock, Clock.objects.filter(standard="core_group").count()) == (running, 1)


def test_the_authority_sets_its_own_core_group_standard(referral, worker, la):
    StandardSetting.objects.create(authority=la, code="core_group", unit="calendar_days", length=42)
    plan = _plan(worker, referral)
    held_on = plan.start_date + timedelta(days=7)
    plan = _group(worker, plan, held_on)
    assert timezone.localdate(plan.core_group_clock.due_at) == held_on + timedelta(days=42)


def test_the_plan_page_shows_the_next_core_group_due(client, referral, worker):
    plan = _plan(worker, referral)
    client.force_login(worker)
    url = reverse("child_protection:plan", kwargs={"pk": plan.pk})
    assert "First core group" in client.get(url).content.decode()
    held_on = plan.start_date + timedelta(days=7)
    _group(worker, plan, held_on)
    page = client.get(url).content.decode()
    assert "Next core group" in page
    assert "28 calendar days after the last core group" in page
    assert f"due {govuk_date(held_on + timedelta(days=28))}" in page
