"""Children-in-need visits and drift panels (issue 19 §4), as referrals.services and drift.services
would write them, from their own random stream (every other row is unchanged).

Visits: the front door's episodes record the visit at which the child was first seen (and its
clock), and a child
on a protection plan its plan visits (child_protection.plan_work); a child in need is visited too,
at least every 20 working days by a common local standard (standards.md T16). So each episode
still open at the window's end, whose child has been seen and is not on a protection plan, is
visited from its last visit onwards: nine in ten visits 2 to 4 weeks apart, one in ten after a
longer gap (5 to 8 weeks), the drift the panel looks for. An assumption, stated: no published
figure gives the share.

Panels: one a month for the last six months of the window (the first Wednesday), each deciding on
about a dozen children on the drift list that day (drift.rules, from the rows written): first those
whose review is due, then others. Each decision sets the next review 4 to 12 weeks on and one or two
actions as tasks for the allocated worker, most done by their due date; a child listed for want of
a visit is mostly seen within a week of the panel.
"""

import random
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from frontdoor.assessments.models import Assessment
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.drift import rules
from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.organisations.models import Role, User
from frontdoor.referrals.models import Allocation, Referral, Visit
from frontdoor.synthetic.generator.base import at_local, chance, local
from frontdoor.synthetic.generator.writer import Writer
from frontdoor.tasks.models import Task, TaskKind

PANELS = 6
PER_PANEL = (10, 14)
DECISIONS = (
    "Step down to early help with a lead professional; close when the plan is in place.",
    "Escalate to the head of service: consider a legal planning meeting.",
    "Complete the assessment within two weeks; manager to review weekly.",
    "Visit this week and every 20 working days; record the child's words.",
    "Hold a child in need review with partners and agree what would let the case close.",
    "Case to be reallocated to a worker with capacity; manager to introduce.",
)
ACTIONS = (
    "Visit and see the child alone",
    "Complete and authorise the assessment",
    "Convene a review with partners",
    "Agree the step-down plan with early help",
    "Record a management oversight note with the plan to close",
)


@dataclass
class Episode:
    pk: int
    person: int
    referral_date: date
    closure_date: date | None
    worker: int | None


@dataclass
class DriftMaker:
    writer: Writer
    rng: random.Random
    authority_id: int
    start: datetime
    end: datetime
    seen: dict[int, list[datetime]] = field(default_factory=lambda: defaultdict(list))
    counts: dict[str, int] = field(default_factory=lambda: defaultdict(int))
    reviews: dict[int, date] = field(default_factory=dict)  # each child's next review, as decided
    # Episodes whose child has been seen: only those are visited again (the first visit on an
    # episode completes its child-seen clock, which the episodes' own maker wrote).
    seen_on: set[int | None] = field(default_factory=set)

    def make_all(self) -> dict[str, int]:
        staff = User.objects.filter(authority_id=self.authority_id, is_active=True)
        chairs = list(staff.filter(role=Role.SENIOR_LEADER).values_list("pk", flat=True).order_by("pk"))
        if not chairs:
            return {"drift panels": 0}
        self._load()
        self._cin_visits()
        for month in range(PANELS, 0, -1):
            held_on = _first_wednesday(local(self.end).date(), month - 1)
            if local(self.start).date() <= held_on < local(self.end).date():
                self._panel(held_on, self.rng.choice(chairs))
        return {"drift panels": self.counts["panels"], "drift decisions": self.counts["decisions"],
                "child in need visits": self.counts["visits"]}  # fmt: skip

    def _load(self) -> None:
        authority = self.authority_id
        workers = {}
        for referral, worker in (
            Allocation.objects.filter(referral__authority_id=authority)
            .order_by("started_at", "pk")
            .values_list("referral_id", "worker_id")
        ):
            workers[referral] = worker
        self.episodes = [
            Episode(pk, person, referred, closed, workers.get(pk))
            for pk, person, referred, closed in Referral.objects.filter(authority_id=authority, nfa=False)
            .order_by("referral_date", "pk")
            .values_list("pk", "person_id", "referral_date", "closure_date")
        ]
        self.plans: dict[int, list[tuple[date, date | None]]] = defaultdict(list)
        for person, started, ended in ProtectionPlan.objects.filter(authority_id=authority).values_list(
            "person_id", "start_date", "end_date"
        ):
            self.plans[person].append((started, ended))
        self.assessments: dict[int, list[tuple[date, date | None, datetime | None]]] = defaultdict(list)
        for referral, started, completed, due in (
            Assessment.objects.filter(referral__authority_id=authority)
            .order_by("started_on", "pk")
            .values_list("referral_id", "started_on", "completed_on", "dfe_clock__due_at")
        ):
            self.assessments[referral].append((started, completed, due))
        for person, referral, moment in Visit.objects.filter(authority_id=authority, seen=True).values_list(
            "person_id", "referral_id", "occurred_at"
        ):
            self.seen[person].append(moment)
            self.seen_on.add(referral)

    def _cin_visits(self) -> None:
        """Visits to each child in need still open at the end, not on a protection plan then."""
        first, end = local(self.start).date(), local(self.end).date()
        for episode in self.episodes:
            if episode.closure_date is not None or episode.worker is None or episode.pk not in self.seen_on:
                continue
            if any(ended is None for _, ended in self.plans[episode.person]):
                continue
            last = max(self.seen[episode.person], default=None)
            day = local(last).date() if last else episode.referral_date
            while True:
                gap = self.rng.randint(14, 28) if chance(self.rng, 0.9) else self.rng.randint(35, 56)
                day += timedelta(days=gap)
                if day >= end:
                    break
                # A case carried in from the history is visited from the window on: work before it
                # is written light (synthetic.generator.history), with no visits but the first.
                if day > first:
                    self._visit(episode, day)

    def _visit(self, episode: Episode, day: date) -> None:
        moment = at_local(day, self.rng.uniform(9.5, 16.5))
        if moment >= self.end or episode.worker is None or episode.pk not in self.seen_on:
            return
        alone = chance(self.rng, 0.7)
        self.writer.add(Visit(
            authority_id=self.authority_id, person_id=episode.person, referral_id=episode.pk,
            occurred_at=moment, visitor_id=episode.worker, seen=True, seen_alone=alone,
            not_alone_reason="" if alone else "Seen with a parent present.",
            location="Home", recorded_at=moment + timedelta(hours=4),
            childs_words="Said school is going better and they see their friends more.",
        ))  # fmt: skip
        self.seen[episode.person].append(moment)
        self.counts["visits"] += 1

    def _facts(self, episode: Episode, today: date) -> rules.EpisodeFacts:
        plans = [(s, e) for s, e in self.plans[episode.person] if s <= today]
        open_plan = next((s for s, e in plans if e is None or e > today), None)
        running = [
            (s, due)
            for s, done, due in self.assessments[episode.pk]
            if s <= today and (done is None or done > today)
        ]
        seen = [m for m in self.seen[episode.person] if local(m).date() <= today]
        return rules.EpisodeFacts(
            today=today, referral_date=episode.referral_date, open_plan_start=open_plan, plans=len(plans),
            assessment_started=running[0][0] if running else None,
            assessment_due=local(running[0][1]).date() if running and running[0][1] else None,
            last_seen=local(max(seen)).date() if seen else None,
        )  # fmt: skip

    def _panel(self, held_on: date, chair: int) -> None:
        listed = []
        for episode in self.episodes:
            opened = episode.referral_date <= held_on
            if opened and (episode.closure_date is None or episode.closure_date > held_on):
                reasons = rules.drift_reasons(self._facts(episode, held_on))
                if reasons and episode.worker is not None:
                    listed.append((episode, reasons))
        if not listed:
            return
        due = [row for row in listed if self.reviews.get(row[0].person, held_on + timedelta(1)) <= held_on]
        others = [row for row in listed if row not in due]
        count = self.rng.randint(*PER_PANEL)
        chosen = due[:count] + self.rng.sample(others, max(0, min(len(others), count - len(due[:count]))))
        at = at_local(held_on, 15)
        panel = Panel(pk=self.writer.next_id(Panel), authority_id=self.authority_id, held_on=held_on,
                      attendees="Head of service (chair), team managers, principal social worker",
                      chair_id=chair, recorded_at=at)  # fmt: skip
        self.writer.add(panel)
        self.counts["panels"] += 1
        for episode, reasons in chosen:
            self._decide(panel, episode, reasons, chair, at)

    def _decide(self, panel: Panel, episode: Episode, reasons: tuple, chair: int, at: datetime) -> None:  # type: ignore[type-arg]
        rng, held_on = self.rng, panel.held_on
        review = held_on + timedelta(weeks=rng.choice((4, 6, 8, 12)))
        decision = PanelDecision(
            pk=self.writer.next_id(PanelDecision), authority_id=self.authority_id, panel_id=panel.pk,
            person_id=episode.person, referral_id=episode.pk,
            reasons=[{"code": r.code, "words": r.words} for r in reasons],
            reason_codes=rules.codes_field([r.code for r in reasons]), decision=rng.choice(DECISIONS),
            next_review_on=review, held_on=held_on, recorded_by_id=chair, recorded_at=at,
        )  # fmt: skip
        self.writer.add(decision)
        self.reviews[episode.person] = review
        self.counts["decisions"] += 1
        for what in rng.sample(ACTIONS, rng.randint(1, 2)):
            self._action(decision, episode, what, chair, at)
        if "not_visited" in {r.code for r in reasons} and chance(rng, 0.8):
            self._visit(episode, held_on + timedelta(days=rng.randint(1, 7)))

    def _action(self, decision: PanelDecision, episode: Episode, what: str, chair: int, at: datetime) -> None:
        rng = self.rng
        due = decision.held_on + timedelta(days=rng.randint(10, 35))
        roll = rng.random()
        done_on = (
            due - timedelta(days=rng.randint(0, 7))
            if roll < 0.7
            else due + timedelta(days=rng.randint(1, 21))
        )
        done = at_local(done_on, 14) if roll < 0.85 else None
        self.writer.add(Task(
            authority_id=self.authority_id, person_id=episode.person, kind=TaskKind.DRIFT_PANEL,
            source_type="drift.paneldecision", source_id=decision.pk, what=what,
            owner_user_id=episode.worker, due_on=due, created_by_id=chair, created_at=at,
            done_at=done if done is not None and done < self.end else None,
            done_by_id=episode.worker if done is not None and done < self.end else None,
        ))  # fmt: skip


def _first_wednesday(today: date, months_back: int) -> date:
    """The first Wednesday of the month `months_back` months before `today`'s."""
    first = rules.months_on(today.replace(day=1), -months_back) if months_back else today.replace(day=1)
    return first + timedelta(days=(2 - first.weekday()) % 7)
