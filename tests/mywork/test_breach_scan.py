"""The breach scan on the notifications tick: the owner and their manager are told once per clock
and event, and once per overdue task; a rescan writes nothing; the notification names no child."""

from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.clocks.models import Clock
from frontdoor.mywork import breaches
from frontdoor.notifications import periodic
from frontdoor.notifications.models import Notification
from tests.mywork.conftest import allocated_child, task

pytestmark = pytest.mark.django_db


def test_the_scan_is_registered_on_the_tick():
    assert periodic.JOBS[breaches.JOB_NAME] is breaches.scan


def test_a_breached_clock_and_an_overdue_task_are_notified_once_to_the_owner_and_manager(world):
    now = timezone.now()
    held = allocated_child(world, world.worker_a, world.manager_a, "Alfie")
    Clock.objects.all().update(completed_at=now - timedelta(days=30))
    visit = Clock.objects.create(
        authority=world.la, standard="cp_visit", person=held.person, subject_type="referrals.referral",
        subject_id=held.pk, started_at=now - timedelta(days=14), due_at=now - timedelta(minutes=1),
    )  # fmt: skip
    late = task(world, world.worker_a, due_in_days=-1, person=held.person)
    task(world, world.worker_a, due_in_days=-30, person=held.person)  # before the look-back

    assert breaches.scan(now) == 4
    rows = Notification.objects.order_by("recipient__username", "kind")
    assert [(n.recipient.username, n.kind, n.event_key) for n in rows] == [
        ("amy.worker", "clock_breached", f"clock:{visit.pk}:breached"),
        ("amy.worker", "task_overdue", f"task:{late.pk}:overdue"),
        ("ann.manager", "clock_breached", f"clock:{visit.pk}:breached"),
        ("ann.manager", "task_overdue", f"task:{late.pk}:overdue"),
    ]
    breached = rows.filter(kind="clock_breached").first()
    assert breached.title == f"Timescale missed: Child protection visit (timescale {visit.pk})"
    assert breached.link == f"/people/{held.person_id}/"
    for row in rows:
        assert "Alfie" not in row.title + row.body  # emailed: no child's name

    assert breaches.scan(now) == 0
    assert breaches.scan(now + timedelta(minutes=5)) == 0
    assert Notification.objects.count() == 4


def test_a_clock_due_soon_then_breached_is_two_events(world):
    now = timezone.now()
    held = allocated_child(world, world.worker_a, world.manager_a, "Alfie")
    Clock.objects.all().update(completed_at=now - timedelta(days=30))
    Clock.objects.create(
        authority=world.la, standard="rhi_offered", person=held.person, subject_type="referrals.referral",
        subject_id=held.pk, started_at=now - timedelta(hours=70), due_at=now + timedelta(hours=1),
    )  # fmt: skip
    assert breaches.scan(now) == 2
    assert breaches.scan(now + timedelta(hours=2)) == 2
    kinds = Notification.objects.filter(recipient=world.worker_a).values_list("kind", flat=True)
    assert sorted(kinds) == ["clock_breached", "clock_due_soon"]


def test_a_rescan_skips_what_was_told_without_calling_notify(world, monkeypatch):
    now = timezone.now()
    held = allocated_child(world, world.worker_a, world.manager_a, "Alfie")
    Clock.objects.all().update(completed_at=now - timedelta(days=30))
    task(world, world.worker_a, due_in_days=-1, person=held.person)
    assert breaches.scan(now) == 2
    calls = []
    monkeypatch.setattr(breaches, "notify", lambda **kw: calls.append(kw) or 0)
    assert breaches.scan(now + timedelta(minutes=5)) == 0
    assert calls == []
