"""Child protection in the synthetic county, as child_protection.services would write it: strategy
discussions with their agencies and actions, section 47 enquiries, initial and review conferences
with what was sent to whom, one plan per child with its visits, core groups and clocks, and, for a
share of the children, an earlier plan in an earlier episode (so NumberOfPreviousCPP is sometimes 1).

Volumes and spreads come from profiles.CHILD_PROTECTION (volumes.md §1, §5). Its own random stream
(seeded from the run's seed) keeps every other row identical to a run without it.
"""

import random
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, timedelta

from frontdoor.child_protection.models import (
    Conference,
    ConferenceAgency,
    ConferenceChild,
    Distribution,
    Participant,
    PlanEndReason,
    ProtectionPlan,
    Section47,
    StrategyDiscussion,
)
from frontdoor.clocks.models import Clock
from frontdoor.referrals.models import ClosureReason, Referral
from frontdoor.synthetic.generator import plan_content
from frontdoor.synthetic.generator.base import at_local, chance, local
from frontdoor.synthetic.generator.child_protection import emergency, history, plan_work
from frontdoor.synthetic.generator.child_protection.common import AGENCIES, ITEMS, banded, noon
from frontdoor.synthetic.generator.writer import ClockMaker, Writer
from frontdoor.synthetic.profiles import CHILD_PROTECTION, ChildProtectionMix
from frontdoor.tasks.models import Task, TaskKind

# What a discussion returns when its enquiry or plan is still open at the end of the window.
STILL_OPEN = datetime.max.replace(tzinfo=UTC)


@dataclass
class Counts:
    referrals: int = 0
    discussions: int = 0
    late_discussions: int = 0
    enquiries: int = 0
    icpcs: int = 0
    icpc_within_15: int = 0
    plans: int = 0
    second_plans: int = 0
    categories: dict[str, int] = field(default_factory=dict)

    def summary(self) -> dict[str, object]:
        share = lambda part, whole: round(100 * part / whole, 1) if whole else None  # noqa: E731
        return {
            "s47 per referral %": share(self.enquiries, self.referrals),
            "strategy discussions held late %": share(self.late_discussions, self.discussions),
            "ICPCs within 15 working days %": share(self.icpc_within_15, self.icpcs),
            "plans per ICPC %": share(self.plans, self.icpcs),
            "second or later plans %": share(self.second_plans, self.plans),
            "plan categories %": {k: share(v, self.plans) for k, v in sorted(self.categories.items())},
        }


@dataclass
class ProtectionMaker:
    writer: Writer
    clocks: ClockMaker
    rng: random.Random
    end: datetime
    window_start: datetime
    mix: ChildProtectionMix = CHILD_PROTECTION
    counts: Counts = field(default_factory=Counts)
    plans_by_person: dict[int, int] = field(default_factory=dict)
    born: dict[int, date] = field(default_factory=dict)
    first_seen: datetime | None = None
    # Police protection and orders draw from their own stream, so every other row stays as it was.
    emergency_rng: random.Random | None = None
    # History before the window (synthetic.generator.history): work before this moment is written
    # light, without tasks, attendance or papers, and a plan over before it without its visits,
    # core groups and reviews. None: everything is written.
    light_before: datetime | None = None

    def light(self, at: datetime) -> bool:
        return self.light_before is not None and at < self.light_before

    def follow(
        self,
        *,
        referral: Referral,
        decided: datetime,
        worker: int | None,
        closes: datetime | None,
        born: date | None,
        seen: datetime | None = None,
    ) -> datetime | None:
        """Carry the episode through child protection where it leads there. Returns the episode's
        closure, moved after the plan's end when the plan outlasts the closure drawn for it."""
        self.counts.referrals += 1
        # Statutory visits under a plan come after the visit that first saw the child (that visit
        # completes the child-seen clock; referrals.services).
        self.first_seen = seen
        if born is not None:
            self.born[referral.person_id] = born
        # Closed after assessment (RC8/RC9): no census activity at all (CIN 2990), so a strategy
        # discussion there decides against a section 47.
        after_assessment = referral.closure_reason in (ClosureReason.RC8, ClosureReason.RC9)
        urgent, rng = referral.significant_harm, self.rng
        if worker is None:  # decided just before the end: only the strategy clock has started
            if urgent:
                self._clock("strategy_discussion", decided, referral, referral.person_id, None)
            return closes
        if urgent:
            threshold = decided
            if self.emergency_rng is not None:
                emergency.emergency_protection(
                    self.writer, self.emergency_rng, self.mix,
                    referral=referral, decided=decided, worker=worker, end=self.end,
                )  # fmt: skip
        elif not after_assessment and chance(rng, self.mix.s47_during_assessment):
            day = self.clocks.calendar.add_working_days(referral.referral_date, rng.randint(2, 20))
            threshold = at_local(day, rng.uniform(9.5, 15))
        else:
            return closes
        if threshold > self.end or (closes is not None and threshold >= closes):
            if urgent:  # referrals.services started it at the decision; nothing completed it
                self._clock("strategy_discussion", decided, referral, referral.person_id, None)
            return closes
        last = self._discussion(referral, threshold, worker, urgent, s47_allowed=not after_assessment)
        if last is STILL_OPEN:
            # An enquiry without its outcome, or a plan still running, keeps the episode open: it
            # cannot close around them (CIN 8868; referrals.rules.closure_problems).
            referral.closure_date, referral.closure_reason, referral.closure_summary = None, "", ""
            return None
        if last is None or closes is None or last <= closes:
            return closes
        if after_assessment:
            referral.closure_date = local(last).date()
            return last
        closes = last + timedelta(days=rng.randint(7, 60))
        if closes > self.end:
            closes = None
        referral.closure_date = local(closes).date() if closes else None
        referral.closure_reason = ClosureReason.RC7 if closes else ""
        referral.closure_summary = "Plan ended; needs met." if closes else ""
        return closes

    # -- the strategy discussion and the enquiry ------------------------------------------------------

    def _clock(
        self, code: str, started: datetime, subject: object, person: int, done: datetime | None
    ) -> int:
        pk = self.writer.next_id(Clock)
        completed = done if done is not None and done <= self.end else None
        self.writer.add(
            self.clocks.clock(
                pk=pk,
                code=code,
                started_at=started,
                subject=subject,  # type: ignore[arg-type]
                person_id=person,
                completed_at=completed,
            )
        )
        return pk

    def _discussion(
        self, referral: Referral, threshold: datetime, worker: int, urgent: bool, s47_allowed: bool
    ) -> datetime | None:
        rng, calendar = self.rng, self.clocks.calendar
        due = self.clocks.clock(
            pk=0, code="strategy_discussion", started_at=threshold, subject=referral
        ).due_at
        if chance(rng, self.mix.strategy_on_time):
            held = min(threshold + timedelta(hours=rng.uniform(1, 20)), due)
        else:
            held = at_local(
                calendar.add_working_days(local(due).date(), rng.randint(1, 3)), rng.uniform(9.5, 16)
            )
        if held > self.end:
            self._clock("strategy_discussion", threshold, referral, referral.person_id, None)
            return None
        late = held > due
        s47 = s47_allowed and chance(rng, self.mix.s47_after_strategy_decision if urgent else 0.95)
        discussion = StrategyDiscussion(
            pk=self.writer.next_id(StrategyDiscussion),
            authority_id=referral.authority_id,
            referral_id=referral.pk,
            person_id=referral.person_id,
            held_at=held,
            section47=s47,
            information_shared="Police and health records shared; school attendance discussed.",
            decision_reason="Reasonable cause to suspect significant harm."
            if s47
            else "Single-agency response.",
            late_rationale="Key agencies were not available sooner." if late else "",
            interim_safety_plan="Child to stay with a grandparent until the enquiry concludes."
            if late
            else "",
            clock_id=self._clock("strategy_discussion", threshold, referral, referral.person_id, held),
            recorded_by_id=worker,
            recorded_at=held + timedelta(hours=2),
        )
        self.writer.add(discussion)
        self.counts.discussions += 1
        self.counts.late_discussions += late
        self._participants(discussion)
        self._actions(discussion.pk, None, referral, local(held).date(), worker, held)
        if not s47:
            return held
        ended = self._enquiry(referral, discussion, worker)
        # None: the enquiry, or the plan after it, is still open when the window ends.
        return STILL_OPEN if ended is None else ended

    def _participants(self, discussion: StrategyDiscussion) -> None:
        if self.light(discussion.held_at):
            return
        for agency in AGENCIES:
            invited = agency in ("police", "social_care") or chance(self.rng, 0.85)
            if invited:
                attended = agency in ("police", "social_care") or chance(self.rng, 0.8)
                self.writer.add(
                    Participant(discussion_id=discussion.pk, agency=agency, invited=True, attended=attended)
                )

    def _actions(
        self,
        discussion: int | None,
        group: int | None,
        referral: Referral,
        day: date,
        worker: int,
        at: datetime,
    ) -> None:
        if self.light(at):
            return
        for description, owner in (
            ("Share the school's records", "Designated safeguarding lead"),
            ("Medical examination", "Paediatrician"),
        )[: self.rng.randint(1, 2)]:
            due = day + timedelta(days=self.rng.randint(1, 10))
            done = at_local(due, 15) if at_local(due, 15) <= self.end and chance(self.rng, 0.85) else None
            self.writer.add(
                Task(
                    authority_id=referral.authority_id,
                    person_id=referral.person_id,
                    kind=TaskKind.STRATEGY_DISCUSSION if discussion else TaskKind.CORE_GROUP,
                    source_type=f"child_protection.{'strategydiscussion' if discussion else 'coregroup'}",
                    source_id=discussion or group or 0,  # exactly one is given
                    what=description,
                    owner_name=owner,  # a partner's role, as the seeds' meetings record it
                    due_on=due,
                    done_at=done,
                    done_by_id=worker if done else None,
                    created_by_id=worker,
                    created_at=at + timedelta(hours=2),
                )
            )

    def _enquiry(self, referral: Referral, discussion: StrategyDiscussion, worker: int) -> datetime | None:
        rng, calendar = self.rng, self.clocks.calendar
        start = local(discussion.held_at).date()
        enquiry = Section47(
            pk=self.writer.next_id(Section47),
            authority_id=referral.authority_id,
            referral_id=referral.pk,
            person_id=referral.person_id,
            discussion_id=discussion.pk,
            start_date=start,
        )
        self.counts.enquiries += 1
        icpc = chance(rng, self.mix.icpc_per_s47)
        held_on = calendar.add_working_days(start, max(banded(rng, self.mix.icpc_working_days), 1))
        seen = min(start + timedelta(days=rng.randint(0, 2)), held_on)
        if noon(seen) <= self.end:
            enquiry.child_seen_on = seen
        ends = (
            held_on - timedelta(days=rng.randint(1, 3))
            if icpc
            else calendar.add_working_days(start, rng.randint(5, 30))
        )
        ends = min(max(ends, seen), held_on) if icpc else max(ends, seen)
        if noon(ends) <= self.end:
            enquiry.outcome = "icpc" if icpc else rng.choice(["substantiated_no_icpc", "not_substantiated"])
            enquiry.end_date = ends
        if enquiry.outcome == "icpc":
            enquiry.icpc_clock_id = self._clock(
                "icpc", discussion.held_at, enquiry, referral.person_id, noon(held_on)
            )
        self.writer.add(enquiry)
        if enquiry.outcome != "icpc" or noon(held_on) > self.end:
            return noon(ends) if enquiry.end_date else None
        self.counts.icpcs += 1
        self.counts.icpc_within_15 += calendar.working_days_between(start, held_on) <= 15
        return self._conference(referral, enquiry, held_on, worker)

    # -- conferences and the plan ----------------------------------------------------------------------

    def _meeting(self, referral: Referral, kind: str, held_on: date, worker: int) -> Conference:
        conference = Conference(
            pk=self.writer.next_id(Conference),
            authority_id=referral.authority_id,
            kind=kind,
            held_on=held_on,
            chair="Independent reviewing officer (synthetic)",
            family_attendance="Mother and maternal grandmother",
            recorded_by_id=worker,
            recorded_at=noon(held_on) + timedelta(hours=4),
        )
        self.writer.add(conference)
        if self.light(noon(held_on)):
            return conference
        involved = [a for a in AGENCIES if a in ("police", "social_care", "health") or chance(self.rng, 0.7)]
        for agency in involved:
            self.writer.add(
                ConferenceAgency(
                    conference_id=conference.pk,
                    agency=agency,
                    invited=True,
                    attended=agency == "social_care" or chance(self.rng, 0.8),
                )
            )
            for item in ITEMS:
                sent = held_on + timedelta(days=self.rng.randint(1, 10))
                if noon(sent) <= self.end and chance(self.rng, self.mix.papers_sent):
                    self.writer.add(
                        Distribution(
                            conference_id=conference.pk,
                            item=item,
                            agency=agency,
                            sent_on=sent,
                            recorded_by_id=worker,
                        )
                    )
        return conference

    def _child(self, conference: Conference, referral: Referral, **kwargs: object) -> None:
        # attended, offered, accepted: drawn from the county's stream; how views came, from _views.
        attended = chance(self.rng, 0.3)
        offered = chance(self.rng, 0.7)
        accepted = offered and chance(self.rng, 0.6)
        self.writer.add(
            ConferenceChild(
                conference_id=conference.pk,
                person_id=referral.person_id,
                referral_id=referral.pk,
                child_attended=attended,
                views_how="" if attended else _views(conference.pk, referral.person_id),
                advocacy_offered=offered,
                advocacy_accepted=accepted,
                advocacy_used=accepted and chance(self.rng, 0.9),
                **kwargs,
            )
        )

    def _conference(self, referral: Referral, enquiry: Section47, held_on: date, worker: int) -> datetime:
        rng = self.rng
        conference = self._meeting(referral, "initial", held_on, worker)
        if not chance(rng, self.mix.plan_per_icpc) or referral.person_id in self._open_plans():
            self._child(conference, referral, section47_id=enquiry.pk, plan_needed=False, category="")
            return noon(held_on)
        codes, weights = zip(*self.mix.categories, strict=True)
        category = rng.choices(codes, weights=weights)[0]
        self._child(conference, referral, section47_id=enquiry.pk, plan_needed=True, category=category)
        return self._plan(referral, held_on, category, worker)

    def _open_plans(self) -> set[int]:
        return {person for person, until in self.plans_by_person.items() if until == -1}

    def _plan(self, referral: Referral, start: date, category: str, worker: int) -> datetime:
        rng, person = self.rng, referral.person_id
        days = max(banded(rng, self.mix.plan_days), 14)
        ends = start + timedelta(days=days)
        plan = ProtectionPlan(
            pk=self.writer.next_id(ProtectionPlan),
            authority_id=referral.authority_id,
            person_id=person,
            referral_id=referral.pk,
            start_date=start,
            initial_category=category,
            latest_category=category,
        )
        finished = noon(ends) if noon(ends) <= self.end else None
        if finished:
            plan.end_date, plan.end_reason = ends, PlanEndReason.NO_LONGER_AT_RISK
        previous = person in self.plans_by_person
        if not previous and chance(rng, self.mix.second_plan):
            previous = history.earlier_plan(self, referral, worker)
        self.plans_by_person[person] = -1 if finished is None else 0
        self.counts.plans += 1
        self.counts.second_plans += previous
        self.counts.categories[category] = self.counts.categories.get(category, 0) + 1
        if finished is not None and self.light(finished):
            self.writer.add(plan)  # over before the window: its dates are the history
            return finished
        plan.visit_clock_id = plan_work.visits(self, referral, plan, worker, finished)
        met: list[plan_content.Meeting] = []
        plan.core_group_clock_id = plan_work.core_groups(self, referral, plan, worker, finished, met)
        plan.review_clock_id = plan_work.reviews(self, referral, plan, worker, finished, met)
        self.writer.add(plan)
        plan_content.write_protection(self.writer, plan, met, worker, noon(start), local(self.end).date())
        return finished or self.end


# How an absent child's views reached the conference, when they did (assumption: a little over half
# of children not there; the inspectors found children rarely at their conferences). Its own stream
# per child and conference, so the rest of the county is drawn as before.
VIEWS_GATHERED = 0.55
VIEWS_HOW = (
    "Views shared through the social worker's direct work.",
    "A letter from the child, read out by the chair.",
    "Drawings and a 'three houses' sheet done with the social worker.",
    "A short recording the child made with their advocate.",
)


def _views(conference_id: int, person_id: int) -> str:
    rng = random.Random(f"conference-views-{conference_id}-{person_id}")
    return rng.choice(VIEWS_HOW) if chance(rng, VIEWS_GATHERED) else ""
