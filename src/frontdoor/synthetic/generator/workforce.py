"""The workforce over time (issue 20 §3): when each member of staff started, how they are employed,
social workers who left during the window (whose children were then reallocated, so changes of
social worker happen), and the vacancies their leaving opened.

Everything here draws from a random stream of its own (seed + ":workforce") and a Faker of its own,
and runs after every other row is written: the county's contacts, episodes and casework are exactly
as they would be without it, except that part of some allocations now belongs to a leaver.

Assumptions (labelled; /work/shared/domain/volumes.md has no agency or turnover figure):
- AGENCY_SHARE: 16% of social work staff are agency workers, of the order the DfE's children's social
  work workforce statistics report for England in recent years; not taken from a stored source.
- TURNOVER: 16% of social workers leave in a year, of the same order; also an assumption.
"""

from __future__ import annotations

import random
import string
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from decimal import Decimal

from django.db.models import Min
from django.utils.text import slugify
from faker import Faker

from frontdoor.organisations.models import Employment, Role, User
from frontdoor.referrals.models import Allocation
from frontdoor.synthetic.generator.base import at_local, chance, local
from frontdoor.synthetic.generator.organisation import JOB_TITLES, Org
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.workforce.models import Vacancy

AGENCY_SHARE = 0.16
FIXED_TERM_SHARE = 0.04
TURNOVER = 0.16
SOCIAL_WORK = (Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT, Role.TEAM_MANAGER)
# How long a vacancy stays open before it is filled (days, uniform; assumption).
VACANT_DAYS = (45, 180)
# A leaver held a case only if it had been open this long before they left: the first visit, made
# days after allocation, is then the current worker's, as written.
HELD_BEFORE_LEAVING = timedelta(days=28)
# Of the episodes open at least 8 weeks, the share passed once between workers of the team
# (caseload balancing, sickness, moves; assumption, so that changes of social worker occur).
TRANSFERRED = 0.15


@dataclass
class Summary:
    agency: int = 0
    fixed_term: int = 0
    leavers: int = 0
    reallocations: int = 0
    transfers: int = 0
    vacancies: int = 0

    def as_dict(self) -> dict[str, int]:
        return {
            "agency staff": self.agency,
            "fixed-term staff": self.fixed_term,
            "leavers": self.leavers,
            "reallocations after leaving": self.reallocations,
            "transfers within teams": self.transfers,
            "vacancies": self.vacancies,
        }


class WorkforceMaker:
    def __init__(
        self,
        writer: Writer,
        rng: random.Random,
        seed: int | str,
        org: Org,
        start: datetime,
        end: datetime,
        *,
        turnover: float = TURNOVER,
    ):
        self.writer, self.rng, self.org, self.turnover = writer, rng, org, turnover
        self.fake = Faker("en_GB")
        self.fake.seed_instance(f"{seed}:workforce")
        self.start, self.end = local(start).date(), local(end).date()
        self.summary = Summary()

    def make(self) -> dict[str, int]:
        staff = list(User.objects.filter(authority=self.org.authority).order_by("pk"))
        self._dates_and_employment(staff)
        managers = {u.team_id: u for u in staff if u.role == Role.TEAM_MANAGER}
        holders = self.org.assessment_workers + self.org.long_term_workers
        for team in sorted({team for _, team in holders}):
            workers = [w for w, t in holders if t == team]
            self._leavers(team, workers, managers[team])
            self._transfers(team, workers)
        self.writer.flush_all()
        return self.summary.as_dict()

    def _dates_and_employment(self, staff: list[User]) -> None:
        """Everyone was in post before the window opened (they hold its work from its first day):
        permanent staff for up to 12 years, agency staff for up to about a year, and in any case
        before the first episode they held (the history's go back years)."""
        first_held = dict(
            Allocation.objects.filter(worker__authority=self.org.authority)
            .values("worker_id")
            .annotate(first=Min("started_at"))
            .values_list("worker_id", "first")
        )
        for user in staff:
            if user.role in SOCIAL_WORK:
                draw = self.rng.random()
                if draw < AGENCY_SHARE:
                    user.employment = Employment.AGENCY
                    self.summary.agency += 1
                elif draw < AGENCY_SHARE + FIXED_TERM_SHARE:
                    user.employment = Employment.FIXED_TERM
                    self.summary.fixed_term += 1
            longest = 400 if user.employment == Employment.AGENCY else 12 * 365
            user.started_on = self.start - timedelta(days=self.rng.randint(14, longest))
            if user.pk in first_held:
                user.started_on = min(user.started_on, local(first_held[user.pk]).date() - timedelta(days=14))
        User.objects.bulk_update(staff, ["employment", "started_on"], batch_size=500)

    def _leavers(self, team: int, workers: list[int], manager: User) -> None:
        days = (self.end - self.start).days
        for _ in workers:
            if not chance(self.rng, self.turnover * days / 365):
                continue
            left_on = self.start + timedelta(days=self.rng.randint(60, max(61, days - 14)))
            leaver = self._leaver(team, left_on)
            self._hand_over(leaver, team, workers, left_on)
            self._vacancy(team, manager, left_on)

    def _leaver(self, team: int, left_on: date) -> User:
        first, last = self.fake.first_name(), self.fake.last_name()
        base = slugify(f"{first}.{last}").replace("-", "") or "staff"
        username, n = base, 1
        while User.objects.filter(username=username).exists():
            n += 1
            username = f"{base}{n}"
        agency = chance(self.rng, AGENCY_SHARE * 2)  # agency workers leave more often (assumption)
        started = self.start - timedelta(days=self.rng.randint(60, 400 if agency else 8 * 365))
        user = User(
            username=username,
            first_name=first,
            last_name=last,
            email=f"{username}@frontdoor.example",
            password="!" + "".join(self.rng.choices(string.ascii_letters + string.digits, k=40)),
            authority_id=self.org.authority.pk,
            team_id=team,
            role=Role.SOCIAL_WORKER,
            job_title=JOB_TITLES[Role.SOCIAL_WORKER],
            employment=Employment.AGENCY if agency else Employment.PERMANENT,
            started_on=started,
            left_on=left_on,
            date_joined=at_local(started, 9),
            is_active=False,  # a leaver cannot sign in
        )
        self.writer.add(user)
        self.writer.flush_all()
        self.summary.leavers += 1
        return user

    def _hand_over(self, leaver: User, team: int, workers: list[int], left_on: date) -> None:
        """The leaver held a share of the team's cases open on the day they left; each passed then to
        the worker who holds it now (the allocation is split at the leaving day)."""
        moment = at_local(left_on, 10)
        open_then = (
            Allocation.objects.filter(
                referral__authority=self.org.authority,
                team_id=team,
                worker_id__in=workers,
                started_at__lt=moment - HELD_BEFORE_LEAVING,
                ended_at__isnull=True,
            )
            .exclude(referral__closure_date__lte=left_on)
            .order_by("pk")
        )
        share = 1 / (len(workers) + 1)
        moved = [a for a in open_then if chance(self.rng, share)]
        reason = f"{leaver.first_name} {leaver.last_name} left the authority"
        self._split([(a, leaver.pk, moment) for a in moved], reason)
        self.summary.reallocations += len(moved)

    def _transfers(self, team: int, workers: list[int]) -> None:
        """Caseload balancing, sickness and moves: a share of the team's longer episodes were held
        first by another of the team's workers and passed to the one who holds them now."""
        rows = (
            Allocation.objects.filter(
                referral__authority=self.org.authority,
                team_id=team,
                worker_id__in=workers,
                ended_at__isnull=True,
            )
            .select_related("referral")
            .order_by("pk")
        )
        splits = []
        for allocation in rows:
            began = local(allocation.started_at).date()
            ends = allocation.referral.closure_date or self.end
            if (ends - began).days < 2 * HELD_BEFORE_LEAVING.days or not chance(self.rng, TRANSFERRED):
                continue
            others = [w for w in workers if w != allocation.worker_id]
            day = began + timedelta(days=self.rng.randint(HELD_BEFORE_LEAVING.days, (ends - began).days - 1))
            splits.append((allocation, self.rng.choice(others), at_local(day, 10)))
        self._split(splits, "Caseload balanced in the team")
        self.summary.transfers += len(splits)

    def _split(self, splits: list[tuple[Allocation, int, datetime]], reason: str) -> None:
        """Each allocation becomes two: `earlier` held it until the moment, its worker from then."""
        after = []
        for allocation, earlier, moment in splits:
            after.append(
                Allocation(
                    referral_id=allocation.referral_id,
                    team_id=allocation.team_id,
                    worker_id=allocation.worker_id,
                    started_at=moment,
                    reason=reason,
                    allocated_by_id=allocation.allocated_by_id,
                )
            )
            allocation.worker_id, allocation.ended_at = earlier, moment
        # End the old rows before the new ones go in (one current allocation per episode).
        Allocation.objects.bulk_update([a for a, _, _ in splits], ["worker", "ended_at"], batch_size=500)
        for allocation in after:
            self.writer.add(allocation)
        self.writer.flush_all()

    def _vacancy(self, team: int, manager: User, left_on: date) -> None:
        """The post falls vacant on the leaving day and is filled some months later, if by the end."""
        closes = left_on + timedelta(days=self.rng.randint(*VACANT_DAYS))
        self.writer.add(
            Vacancy(
                authority_id=self.org.authority.pk,
                team_id=team,
                role=Role.SOCIAL_WORKER,
                fte=Decimal(1),
                opened_on=left_on,
                closed_on=closes if closes <= self.end else None,
                filled=closes <= self.end,
                entered_by_id=manager.pk,
                entered_at=at_local(left_on, 12),
            )
        )
        self.summary.vacancies += 1
