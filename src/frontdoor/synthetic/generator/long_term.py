"""Long-term teams: an assessment team holds a child's episode until a plan starts, or its assessment
ends with the child in need and the episode open, then hands it to a long-term team, as a county's
front door and assessment service do. A child protection plan goes to a safeguarding team, anything
else to a family support team (a profile with only one kind of team sends both to it). An episode
open with no plan yet is measured from its assessment: the generator writes CIN plans for only some
episodes kept open, and leaving the rest with the assessment teams gave them 75 cases a worker.
The handover is written as a reallocation: the assessment worker's allocation ends a few working
days after and the long-term worker's begins.

Runs after the window's and the history's episodes and plans are written, before the drift panels,
supervision, case notes and the workforce (they read who holds each episode), on a random stream
and a Faker of its own (seed + ":long_term"), so every other row of a seed is drawn as before.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime

from django.db.models import Min
from faker import Faker

from frontdoor.access.models import TeamInvolvement
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.organisations.models import Role, Team, User
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.referrals.models import Allocation, Referral
from frontdoor.synthetic.generator.base import at_local, local
from frontdoor.synthetic.generator.organisation import Org, user_make
from frontdoor.synthetic.generator.writer import ClockMaker, Writer
from frontdoor.synthetic.profiles import Profile

REASON = "Transferred to the long-term team after assessment"
# Working days from the plan's start to the handover (uniform; assumption: the transfer meeting).
HANDOVER_DAYS = (0, 5)


@dataclass
class LongTermMaker:
    writer: Writer
    clocks: ClockMaker
    org: Org
    profile: Profile
    seed: int | str
    start: datetime  # the window's start: staff joined by then
    end: datetime
    # kind ("cin" or "cp") -> [(worker, team)], and each team's manager
    workers: dict[str, list[tuple[int, int]]] = field(default_factory=dict)
    managers: dict[int, int] = field(default_factory=dict)

    def make(self) -> dict[str, int]:
        self.rng = random.Random(f"{self.seed}:long_term")
        self.fake = Faker("en_GB")
        self.fake.seed_instance(f"{self.seed}:long_term")
        self._teams()
        if not self.org.long_term_workers:
            return {}
        transfers = self._transfers()
        return {
            "long-term teams": len(self.managers),
            "long-term social workers": len(self.org.long_term_workers),
            "transfers to long-term teams": transfers,
        }

    def _teams(self) -> None:
        profile, la = self.profile, self.org.authority.pk
        usernames = set(User.objects.values_list("username", flat=True))
        kinds = [("cin", name) for name in profile.family_support_teams]
        kinds += [("cp", name) for name in profile.safeguarding_teams]
        for kind, name in kinds:
            team = self.writer.add(Team(authority_id=la, name=name))
            make = (self.writer, self.rng, self.fake, usernames, la, team.pk)
            self.managers[team.pk] = user_make(*make, Role.TEAM_MANAGER, self.start)
            for _ in range(profile.long_term_team_social_workers):
                worker = user_make(*make, Role.SOCIAL_WORKER, self.start)
                self.workers.setdefault(kind, []).append((worker, team.pk))
                self.org.long_term_workers.append((worker, team.pk))
            user_make(*make, Role.SOCIAL_WORK_ASSISTANT, self.start)
        self.writer.flush_all()

    def _plan_starts(self) -> dict[int, tuple[date, str]]:
        """Each episode's first plan, or its assessment if no plan: referral -> (date, "cin" or "cp"),
        three queries."""
        la = self.org.authority.pk
        first: dict[int, tuple[date, str]] = {}
        assessed = Referral.objects.filter(authority_id=la, assessment_clock__completed_at__isnull=False)
        for referral, at in assessed.values_list("pk", "assessment_clock__completed_at").order_by("pk"):
            if at is not None:
                first[referral] = (local(at).date(), "assessed")
        for model, kind in ((ChildInNeedPlan, "cin"), (ProtectionPlan, "cp")):
            rows = (
                model.objects.filter(authority_id=la).values("referral_id").annotate(first=Min("start_date"))
            )
            for row in rows.order_by("referral_id"):
                known = first.get(row["referral_id"])
                if known is None or known[1] == "assessed" or row["first"] < known[0]:
                    first[row["referral_id"]] = (row["first"], kind)
        return first

    def _transfers(self) -> int:
        """Split each planned episode's allocation at the handover (bulk: three queries and writes)."""
        rng, calendar = self.rng, self.clocks.calendar
        starts = self._plan_starts()
        current = (
            Allocation.objects.filter(referral__authority=self.org.authority, ended_at__isnull=True)
            .select_related("referral")
            .order_by("referral_id")
        )
        involved = set(
            TeamInvolvement.objects.filter(authority=self.org.authority).values_list("person_id", "team_id")
        )
        ended, after = [], []
        for allocation in current:
            planned = starts.get(allocation.referral_id)
            if planned is None:
                continue
            day = calendar.add_working_days(planned[0], rng.randint(*HANDOVER_DAYS))
            moment = at_local(day, rng.uniform(9.5, 16.5))
            closed = allocation.referral.closure_date
            if moment <= allocation.started_at or moment >= self.end or (closed and day >= closed):
                continue
            kind = "cp" if planned[1] == "cp" else "cin"
            worker, team = rng.choice(self.workers.get(kind) or self.org.long_term_workers)
            allocation.ended_at = moment
            ended.append(allocation)
            after.append(
                Allocation(referral_id=allocation.referral_id, team_id=team, worker_id=worker,
                           started_at=moment, reason=REASON, allocated_by_id=self.managers[team])
            )  # fmt: skip
            person = allocation.referral.person_id
            if (person, team) not in involved:  # as referrals.services.allocation_make does
                involved.add((person, team))
                self.writer.add(TeamInvolvement(authority_id=self.org.authority.pk, person_id=person,
                                                team_id=team, since=moment))  # fmt: skip
        # End the old rows before the new ones go in (one current allocation per episode).
        Allocation.objects.bulk_update(ended, ["ended_at"], batch_size=500)
        for allocation in after:
            self.writer.add(allocation)
        self.writer.flush_all()
        return len(after)
