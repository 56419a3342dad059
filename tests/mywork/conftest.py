"""Two locality teams of one authority, each with a manager and a social worker holding children,
and a front-door manager; built through the real services (the referral opens the child-seen and
assessment clocks; allocation_make records the allocation and the team's involvement)."""

from dataclasses import dataclass, field
from datetime import timedelta

import pytest
from django.utils import timezone

from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import clock_start
from frontdoor.organisations.models import Role, Team, User
from frontdoor.referrals import services as referral_services
from frontdoor.referrals.models import Referral
from frontdoor.tasks.models import Task
from tests import builders


@dataclass
class World:
    la: object
    front_door_manager: User
    team_a: Team
    team_b: Team
    manager_a: User
    worker_a: User
    manager_b: User
    worker_b: User
    referrals: dict[str, list[Referral]] = field(default_factory=dict)


def staff(la, team, role, username):
    user = builders.user(la, role, username)
    user.team = team
    user.save(update_fields=["team"])
    return user


def allocated_child(world, worker, manager, name):
    """A referral for a new child, allocated to `worker` by the front-door manager."""
    referral = builders.referral(
        world.la, world.front_door_manager, person=builders.child(world.la, name, "Example")
    )
    referral_services.allocation_make(
        actor=world.front_door_manager, referral=referral, team=worker.team, worker=worker
    )
    return referral


def cp_visit(referral, *, days_ago):
    """A child protection visit clock started `days_ago` (10 working days long)."""
    return clock_start(
        authority=referral.authority,
        standard="cp_visit",
        started_at=timezone.now() - timedelta(days=days_ago),
        subject=referral,
        person=referral.person,
    )


def open_clocks(referral):
    return Clock.objects.filter(person_id=referral.person_id, completed_at__isnull=True)


@pytest.fixture
def world(la):
    team_a = Team.objects.create(authority=la, name="Locality A")
    team_b = Team.objects.create(authority=la, name="Locality B")
    w = World(
        la=la,
        front_door_manager=builders.user(la, Role.TEAM_MANAGER, "fd.manager"),
        team_a=team_a,
        team_b=team_b,
        manager_a=staff(la, team_a, Role.TEAM_MANAGER, "ann.manager"),
        worker_a=staff(la, team_a, Role.SOCIAL_WORKER, "amy.worker"),
        manager_b=staff(la, team_b, Role.TEAM_MANAGER, "bob.manager"),
        worker_b=staff(la, team_b, Role.SOCIAL_WORKER, "ben.worker"),
    )
    return w


def build(world, n, *, tasks=False):
    """n children for each worker; each of worker A's children also has an overdue CP visit (and,
    with `tasks`, an overdue task about them and one due next week)."""
    for i in range(n):
        a = allocated_child(world, world.worker_a, world.manager_a, f"Alfie{i}")
        cp_visit(a, days_ago=30)
        b = allocated_child(world, world.worker_b, world.manager_b, f"Bella{i}")
        if tasks:
            task(world, world.worker_a, due_in_days=-2, person=a.person)
            task(world, world.worker_a, due_in_days=7, person=a.person, kind="plan", what="Review")
            task(world, world.worker_b, due_in_days=-2, person=b.person)


def task(world, owner, *, due_in_days, person=None, kind="core_group", what="Send the plan to the GP"):
    """A task owned by `owner`, due `due_in_days` from today (negative: past due). Made directly:
    task_create refuses a date in the past, and these stand for tasks that have become overdue."""
    return Task.objects.create(
        authority=world.la,
        person=person,
        kind=kind,
        source_type="referrals.referral",
        source_id=0,
        what=what,
        owner_user=owner,
        due_on=timezone.localdate() + timedelta(days=due_in_days),
        created_by=world.manager_a,
        created_at=timezone.now(),
    )
