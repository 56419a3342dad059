"""Supervision at a realistic cadence, as supervision.services would write it, and the management
directions given in it.

Every team member (contact officers, social workers, their managers) is supervised by a manager of
their team every 4 weeks; about a quarter of sessions are late (assumption, in line with Ofsted's
findings of irregular supervision). Each session restarts the 4-weekly `supervision` clock; social
work assistants (organisation.py makes one per assessment team) are supervised like everyone else.
Directions: about a third of
sessions that discuss cases give one or two, due in 1-3 weeks; most are done, some late, a few
still open and overdue. Its own random stream keeps every other row as it was.
"""

import random
from collections import defaultdict
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from frontdoor.clocks.models import Clock
from frontdoor.organisations.models import Role, User
from frontdoor.referrals.models import Allocation
from frontdoor.supervision.models import Supervision
from frontdoor.synthetic.generator.base import LONDON, chance, local
from frontdoor.synthetic.generator.early_help import EarlyHelpClocks
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.tasks.models import Task, TaskKind

LATE = 0.25
DIRECTIONS = (
    "See the child alone before the next visit and record their words.",
    "Complete the chronology and share it with the family's GP.",
    "Hold a multi-agency meeting with the school this week.",
    "Update the plan with the child's wishes and feelings.",
    "Check the father's details with the police and record what they say.",
)


@dataclass
class SupervisionMaker:
    writer: Writer
    clocks: EarlyHelpClocks
    rng: random.Random
    start: datetime
    end: datetime

    def make_all(self, authority_id: int) -> int:
        staff = list(
            User.objects.filter(authority_id=authority_id, team__isnull=False)
            .values_list("pk", "team_id", "role")
            .order_by("pk")
        )
        managers: dict[int, list[int]] = defaultdict(list)
        for pk, team, role in staff:
            if role == Role.TEAM_MANAGER:
                managers[team].append(pk)
        held = self._held_episodes(authority_id)
        sessions = 0
        for pk, team, _role in staff:
            supervisors = [m for m in managers[team] if m != pk] or [
                m for t in managers for m in managers[t] if m != pk
            ]
            if supervisors:
                sessions += self._sessions(pk, supervisors, held.get(pk, []))
        return sessions

    def _held_episodes(
        self, authority_id: int
    ) -> dict[int, list[tuple[int, int, datetime, datetime | None]]]:
        """Per worker: (referral, child, from, to) for each episode they held."""
        rows = Allocation.objects.filter(referral__authority_id=authority_id).values_list(
            "worker_id",
            "referral_id",
            "referral__person_id",
            "started_at",
            "ended_at",
            "referral__closure_date",
        )
        held: dict[int, list[tuple[int, int, datetime, datetime | None]]] = defaultdict(list)
        for worker, referral, person, started, ended, closed in rows.order_by("pk"):
            until = ended or (datetime.combine(closed, time.max, tzinfo=LONDON) if closed else None)
            held[worker].append((referral, person, started, until))
        return held

    def _sessions(self, worker: int, supervisors: list[int], held: list) -> int:  # type: ignore[type-arg]
        rng, writer = self.rng, self.writer
        at = self.start + timedelta(days=rng.randint(0, 27))
        pending: Clock | None = None  # the open clock, added once its completion is known
        count = 0
        while at <= self.end:
            day = local(at).date()
            session = Supervision(
                pk=writer.next_id(Supervision),
                authority_id=self.clocks.authority.pk,
                worker_id=worker,
                supervisor_id=rng.choice(supervisors),
                held_on=day,
                recorded_at=at,
                reflection="Caseload, risk and the children's progress; workload and wellbeing discussed.",
            )
            moment = datetime.combine(day, time.min, tzinfo=LONDON)
            if pending is not None:
                pending.completed_at = moment
                writer.add(pending)
            session.next_clock_id = writer.next_id(Clock)
            pending = self.clocks.clock(
                pk=session.next_clock_id, code="supervision", started_at=moment, subject=session
            )
            writer.add(session)
            self._discuss(session, at, held)
            count += 1
            at += timedelta(days=rng.randint(29, 45) if chance(rng, LATE) else rng.randint(21, 28))
        if pending is not None:
            writer.add(pending)
        return count

    def _discuss(self, session: Supervision, at: datetime, held: list) -> None:  # type: ignore[type-arg]
        open_now = [(r, p) for r, p, frm, to in held if frm <= at and (to is None or to > at)]
        if not open_now:
            return
        rng, writer = self.rng, self.writer
        discussed = rng.sample(open_now, min(len(open_now), rng.randint(1, 3)))
        for referral, _person in discussed:
            writer.add(Supervision.cases_discussed.through(supervision_id=session.pk, referral_id=referral))
        if not chance(rng, 0.35):
            return
        for _referral, person in discussed[: rng.randint(1, 2)]:
            due = at + timedelta(days=rng.randint(7, 21))
            done = due + timedelta(days=rng.randint(-6, 10)) if chance(rng, 0.8) else None
            writer.add(
                Task(
                    authority_id=session.authority_id,
                    person_id=person,
                    kind=TaskKind.SUPERVISION,
                    source_type="supervision.supervision",
                    source_id=session.pk,
                    what=rng.choice(DIRECTIONS),
                    owner_user_id=session.worker_id,
                    due_on=local(due).date(),
                    created_by_id=session.supervisor_id,
                    created_at=at,
                    done_at=done if done and done <= self.end else None,
                    done_by_id=session.worker_id if done and done <= self.end else None,
                    done_note="Done and recorded on the child's file." if done and done <= self.end else "",
                )
            )
