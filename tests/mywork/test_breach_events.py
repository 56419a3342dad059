"""Which clocks the breach scan announces, and to whom: due soon within the authority's lead time
(1 working day, or 2 hours for hour timescales, by default; the authority can change both),
breached lately; the owner (the worker holding the child's episode) and their team's managers; a
front-door clock, or one nobody holds, to the front-door team's managers."""

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from frontdoor.clocks.models import Clock
from frontdoor.mywork import breaches, rules
from frontdoor.mywork.models import BreachWarningSetting
from tests.mywork.conftest import allocated_child

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# A Tuesday morning: the next working day ends at midnight on Wednesday.
NOW = datetime(2026, 12, 8, 9, 0, tzinfo=LONDON)


def clock(world, referral, standard, due_at):
    return Clock.objects.create(
        authority=world.la,
        standard=standard,
        person=referral.person if referral else None,
        subject_type="referrals.referral",
        subject_id=referral.pk if referral else 0,
        started_at=NOW - timedelta(days=20),
        due_at=due_at,
    )


def events(world):
    found = breaches.clock_events(authority=world.la, now=NOW)
    return {(e.clock_id, e.event, e.recipient_ids) for e in found}


def test_due_soon_and_breached_clocks_go_to_the_owner_and_their_teams_manager(world):
    held = allocated_child(world, world.worker_a, world.manager_a, "Alfie")
    Clock.objects.filter(person=held.person).update(completed_at=NOW - timedelta(days=30))
    soon = clock(world, held, "cp_visit", datetime(2026, 12, 9, 23, 59, tzinfo=LONDON))
    later = clock(world, held, "cp_visit", datetime(2026, 12, 10, 12, 0, tzinfo=LONDON))
    breached = clock(world, held, "core_group", NOW - timedelta(hours=3))
    ancient = clock(world, held, "core_group", NOW - timedelta(days=8))
    paused = clock(world, held, "cp_visit", NOW - timedelta(hours=3))
    paused.paused_at = NOW - timedelta(hours=4)
    paused.save()
    owner = (world.worker_a.pk, world.manager_a.pk)
    assert events(world) == {(soon.pk, rules.DUE_SOON, owner), (breached.pk, rules.BREACHED, owner)}
    # Not `later` (beyond the lead time), `ancient` (breached before the look-back) or `paused`.
    assert {later.pk, ancient.pk, paused.pk}.isdisjoint(e[0] for e in events(world))


def test_hour_timescales_warn_two_hours_ahead_and_the_authority_can_change_both(world):
    held = allocated_child(world, world.worker_a, world.manager_a, "Alfie")
    Clock.objects.filter(person=held.person).update(completed_at=NOW - timedelta(days=30))
    rhi_soon = clock(world, held, "rhi_offered", NOW + timedelta(minutes=110))
    rhi_later = clock(world, held, "rhi_offered", NOW + timedelta(hours=3))
    visit = clock(world, held, "cp_visit", datetime(2026, 12, 10, 12, 0, tzinfo=LONDON))
    assert {e[0] for e in events(world)} == {rhi_soon.pk}
    BreachWarningSetting.objects.create(authority=world.la, working_days=2, hours=4)
    assert {e[0] for e in events(world)} == {rhi_soon.pk, rhi_later.pk, visit.pk}


def test_a_front_door_clock_or_one_nobody_holds_goes_to_the_front_door_managers(world):
    held = allocated_child(world, world.worker_a, world.manager_a, "Alfie")
    Clock.objects.all().update(completed_at=NOW - timedelta(days=30))
    decision = clock(world, held, "contact_decision", NOW - timedelta(minutes=5))
    unheld = clock(world, None, "strategy_discussion", NOW - timedelta(minutes=5))
    front_door = (world.front_door_manager.pk,)
    assert events(world) == {
        (decision.pk, rules.BREACHED, front_door),
        (unheld.pk, rules.BREACHED, front_door),
    }


def test_finding_the_events_takes_the_same_queries_for_1_or_5_clocks(world, django_assert_max_num_queries):
    held = allocated_child(world, world.worker_a, world.manager_a, "Alfie")
    Clock.objects.all().update(completed_at=NOW - timedelta(days=30))
    clock(world, held, "cp_visit", NOW - timedelta(hours=1))
    with django_assert_max_num_queries(6) as one:
        assert len(breaches.clock_events(authority=world.la, now=NOW)) == 1
    for _ in range(4):
        clock(world, held, "cp_visit", NOW - timedelta(hours=1))
    with django_assert_max_num_queries(len(one.captured_queries)):
        assert len(breaches.clock_events(authority=world.la, now=NOW)) == 5
