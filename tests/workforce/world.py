"""Allocation history for the workforce tests: episodes opened through the services, then allocated
on chosen past days (the services allocate only now)."""

from datetime import date, datetime, time, timedelta

from django.utils import timezone

from frontdoor.organisations.models import Authority, Role, Team, User
from frontdoor.referrals.models import Allocation, Referral
from tests import builders


def at(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time(11)))


def staff(la: Authority, team: Team, role: str = Role.SOCIAL_WORKER, **fields) -> User:
    user = builders.user(la, role)
    user.team = team
    for name, value in fields.items():
        setattr(user, name, value)
    user.save()
    return user


def allocated(la: Authority, manager: User, worker: User, start: date, end: date | None = None) -> Referral:
    referral = builders.referral(la, manager)
    Allocation.objects.create(
        referral=referral,
        team=worker.team,
        worker=worker,
        started_at=at(start),
        ended_at=at(end) if end else None,
        allocated_by=manager,
    )
    return referral


def reallocate(referral: Referral, to: User, on: date) -> None:
    current = referral.allocations.get(ended_at__isnull=True)
    current.ended_at = at(on)
    current.save(update_fields=["ended_at"])
    Allocation.objects.create(
        referral=referral, team=to.team, worker=to, started_at=at(on), allocated_by=current.allocated_by
    )


def days_ago(n: int) -> date:
    return timezone.localdate() - timedelta(days=n)
