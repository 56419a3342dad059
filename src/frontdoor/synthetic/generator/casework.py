"""The casework inside each synthetic children-in-need episode, as assessments.services and
plans.services would write it: the single assessment (started at allocation, authorised when the
episode's assessment clock stops, with its DfE clock and factors) and children-in-need plans with
partners, distribution, reviews every 3 months and their end.

Figures (volumes.md §4, §10a, §10b; ../data/dfe-stats/c3_*.csv): durations follow the DfE C2 2025
spread already drawn by episodes.py (85.7% within 45 working days, median 33); each factor is
identified in the share of assessed episodes the C3 2025 England row gives (2.75 factors per episode
with any); episodes closed after assessment as not in need (RC8/RC9) record "21", no factors. About
45% of children-in-need episodes have a plan (volumes.md §10a, an assumption: no national count).

Its own random stream, so the front door's rows are as they would be without it.
"""

import random
import statistics
from collections import Counter
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from frontdoor.assessments.models import Assessment, AssessmentOutcome, AssessmentTemplate
from frontdoor.clocks import rules
from frontdoor.clocks.models import Clock
from frontdoor.plans.models import ChildInNeedPlan, PlanPartner, PlanReview
from frontdoor.referrals.models import ClosureReason, Referral
from frontdoor.synthetic.generator import plan_content, practice_model
from frontdoor.synthetic.generator.base import at_local, chance, local
from frontdoor.synthetic.generator.writer import ClockMaker, Writer

# Factors identified at the end of assessment, England 2025 (C3): episodes with each factor, of
# 513,250 episodes with at least one. Privately fostered (1,950) is recorded as 8E.
ASSESSED_EPISODES = 513_250
FACTOR_EPISODES = (
    ("1A", 10_620), ("1B", 73_250), ("1C", 11_600), ("2A", 24_550), ("2B", 72_620), ("2C", 15_930),
    ("3A", 57_930), ("3B", 162_890), ("3C", 25_560), ("4A", 90_400), ("4B", 171_780), ("4C", 23_600),
    ("5A", 63_240), ("5B", 15_170), ("5C", 7_510), ("6A", 24_220), ("6B", 27_600), ("6C", 5_310),
    ("7A", 18_960), ("8E", 1_950), ("9A", 6_340), ("10A", 16_940), ("11A", 12_400), ("12A", 2_250),
    ("13A", 8_860), ("14A", 35_980), ("15A", 25_470), ("16A", 90_370), ("17A", 97_700), ("18B", 15_270),
    ("18C", 61_410), ("19B", 12_590), ("19C", 18_900), ("22A", 780), ("23A", 2_240), ("24A", 16_250),
    ("20", 83_770),
)  # fmt: skip


def _scale(shares: list[float]) -> float:
    """c such that drawing each factor with probability c * share and keeping draws with at least
    one gives each factor exactly its share: c = P(at least one) = 1 - prod(1 - c * share)."""
    c = 1.0
    for _ in range(50):
        none = 1.0
        for share in shares:
            none *= 1 - c * share
        c = 1 - none
    return c


FACTOR_PROBABILITY = tuple(
    (code, n / ASSESSED_EPISODES * _scale([m / ASSESSED_EPISODES for _, m in FACTOR_EPISODES]))
    for code, n in FACTOR_EPISODES
)
CIN_PLAN_SHARE = 0.45
AFTER_ASSESSMENT = (ClosureReason.RC8, ClosureReason.RC9)
LATE_REASONS = (
    "Waited for the paediatric assessment report.",
    "The family were away for two weeks; the child could not be seen again until they returned.",
    "Allocated worker on sick leave; reallocated and the assessment completed.",
    "Needed an interpreter for the parents; the first available was three weeks later.",
)
SIGN_OFF_COMMENTS = (
    "Agreed. The analysis is clear about the worries and what is working well; proceed as recommended.",
    "Agreed, with the child's words in the plan. Check the danger statement is shared with the family.",
    "Agreed. Ask the school to attend the first plan meeting.",
)
REVIEW_SUMMARIES = (
    "School attendance up to 94%. Parents engaging with the family support worker. Plan continues.",
    "Some progress: the housing referral is made; the child says home is calmer. Actions updated.",
    "Little change; parents missed two appointments. Plan strengthened and reviewed again in 3 months.",
)


@dataclass
class Stats:
    dfe_days: list[int] = field(default_factory=list)  # start to authorisation, working days
    factors: Counter[str] = field(default_factory=Counter)
    assessed_with_factors: int = 0
    plans: int = 0


@dataclass
class CaseworkMaker:
    writer: Writer
    clocks: ClockMaker
    rng: random.Random
    agencies: list[int]  # partner agency ids that may sit around a plan
    end: datetime
    stats: Stats = field(default_factory=Stats)
    template: AssessmentTemplate | None = None  # the default practice model, read once
    # History before the window (synthetic.generator.history): an assessment authorised before this
    # moment is written without its practice-model answers, and a plan over before it without its
    # reviews, content or partners. None: everything is written.
    light_before: datetime | None = None

    def light(self, at: datetime | None) -> bool:
        return self.light_before is not None and at is not None and at < self.light_before

    def make(
        self,
        *,
        referral: Referral,
        worker: int,
        allocated: datetime,
        assessed: datetime,
        closes: datetime | None,
        cin_plan: bool = True,
    ) -> None:
        """The episode's assessment, from the allocation to `assessed` (its authorisation), and a
        plan for some children in need (never for a child on a child protection plan)."""
        if allocated > self.end:
            return
        assessment = self._assessment(referral, worker, allocated, assessed)
        if assessment.authorised_on is None or referral.closure_reason in (
            ClosureReason.RC8,
            ClosureReason.RC9,
        ):
            return
        if chance(self.rng, CIN_PLAN_SHARE) and cin_plan:
            self._plan(referral, worker, assessed, closes)

    # -- the assessment ---------------------------------------------------------------------------

    def _assessment(
        self, referral: Referral, worker: int, allocated: datetime, assessed: datetime
    ) -> Assessment:
        rng, calendar = self.rng, self.clocks.calendar
        authorised = assessed if assessed <= self.end else None
        # Started at allocation; a same-day assessment authorised before the allocation was typed
        # in starts on its authorisation day (CIN 8608: never after its end).
        started = min(local(allocated).date(), local(assessed).date())
        assessment = Assessment(
            pk=self.writer.next_id(Assessment),
            authority_id=referral.authority_id,
            person_id=referral.person_id,
            referral_id=referral.pk,
            started_on=started,
            started_by_id=worker,
            parents_views="Mother said she is struggling and would accept help.",
            analysis="Needs arise from parental stress and low income; no evidence of significant harm.",
        )
        if self.template is None:
            self.template = practice_model.default_template()
        answers = practice_model.fill(rng, assessment, None if self.light(authorised) else self.template)
        if authorised is not None:
            day = local(authorised).date()
            completed = max(day - timedelta(days=rng.randint(0, 2)), started)
            self._authorised(assessment, referral, completed, day)
            self.stats.dfe_days.append(calendar.working_days_between(started, day))
        assessment.dfe_clock_id = self._dfe_clock(assessment, referral, allocated, authorised)
        self.writer.add(assessment)
        for answer in answers:
            self.writer.add(answer)
        return assessment

    def _authorised(self, assessment: Assessment, referral: Referral, completed: date, day: date) -> None:
        reason = referral.closure_reason
        after_assessment = reason in AFTER_ASSESSMENT
        assessment.factors = ["21"] if after_assessment else self._factors()
        outcomes: dict[str, str] = {
            ClosureReason.RC8: AssessmentOutcome.NO_FURTHER_ACTION,
            ClosureReason.RC9: AssessmentOutcome.EARLY_HELP,
        }
        assessment.outcome = outcomes.get(reason, AssessmentOutcome.CIN_PLAN)
        assessment.completed_on, assessment.completed_by_id = completed, assessment.started_by_id
        assessment.authorised_on = day
        assessment.authorisation_comment = self.rng.choice(SIGN_OFF_COMMENTS)
        if day > local(self._wt_due(referral)).date():
            assessment.late_reason = self.rng.choice(LATE_REASONS)
        if not after_assessment:
            self.stats.assessed_with_factors += 1
            self.stats.factors.update(assessment.factors)

    def _wt_due(self, referral: Referral) -> datetime:
        """The episode's `assessment` clock's due time (45 working days from referral)."""
        clocks = self.clocks
        return rules.due(clocks.standards["assessment"], referral.received_at, clocks.calendar,
                         convention=clocks.convention)  # fmt: skip

    def _factors(self) -> list[str]:
        """Each factor independently, in its C3 share of assessed episodes, at least one."""
        for _ in range(20):
            chosen = [code for code, p in FACTOR_PROBABILITY if self.rng.random() < p]
            if chosen:
                return chosen
        return ["20"]

    def _dfe_clock(
        self, assessment: Assessment, referral: Referral, allocated: datetime, authorised: datetime | None
    ) -> int:
        pk = self.writer.next_id(Clock)
        clock = self.clocks.clock(
            pk=pk,
            code="assessment_dfe",
            started_at=allocated,
            subject=assessment,
            person_id=referral.person_id,
            completed_at=authorised,
        )
        self.writer.add(clock)
        return pk

    # -- the plan -----------------------------------------------------------------------------------

    def _plan(self, referral: Referral, worker: int, assessed: datetime, closes: datetime | None) -> None:
        rng = self.rng
        started = assessed + timedelta(days=rng.randint(1, 10))
        if started > self.end or (closes is not None and started >= closes):
            return
        ended = closes  # a plan ends when the episode closes
        plan = ChildInNeedPlan(
            pk=self.writer.next_id(ChildInNeedPlan),
            authority_id=referral.authority_id,
            person_id=referral.person_id,
            referral_id=referral.pk,
            start_date=local(started).date(),
            end_date=local(ended).date() if ended else None,
            end_reason="Needs met; the family no longer needs a plan." if ended else "",
            started_by_id=worker,
        )
        if self.light(ended):
            self.writer.add(plan)  # over before the window: its dates are the history
            self.stats.plans += 1
            return
        reviews: list[PlanReview] = []
        plan.review_clock_id = self._reviews(plan, worker, started, ended, reviews)
        self.writer.add(plan)
        plan_content.write(self.writer, self.rng, plan, reviews, worker, started, local(self.end).date())
        for agency in rng.sample(self.agencies, k=min(len(self.agencies), rng.randint(1, 3))):
            sent = plan.start_date + timedelta(days=rng.randint(0, 5))
            partner = PlanPartner(
                plan_id=plan.pk,
                agency_id=agency,
                involved=True,
                invited=chance(rng, 0.8),
                received_on=sent if sent <= local(self.end).date() else None,
            )
            self.writer.add(partner)
        self.stats.plans += 1

    def _reviews(
        self, plan: ChildInNeedPlan, worker: int, started: datetime, ended: datetime | None, reviews: list
    ) -> int:
        """Review clocks from the start and from each review (each review kept in `reviews`); the last
        clock is open while the plan is."""
        stop = min(ended or self.end, self.end)
        clock_start = started
        while True:
            due_day = local(clock_start).date() + relativedelta(months=3)
            # Most reviews within 10 days either side of the due date, some weeks late (an assumption).
            late = self.rng.randint(-10, 10) if chance(self.rng, 0.85) else self.rng.randint(11, 40)
            review_at = at_local(due_day + timedelta(days=late), self.rng.uniform(10, 15))
            pk = self.writer.next_id(Clock)
            if review_at > stop:
                completed = ended if ended is not None and ended <= self.end else None
                self.writer.add(self._review_clock(pk, plan, clock_start, completed))
                return pk
            self.writer.add(self._review_clock(pk, plan, clock_start, review_at))
            review = PlanReview(
                plan_id=plan.pk,
                reviewed_on=local(review_at).date(),
                summary=self.rng.choice(REVIEW_SUMMARIES),
                recorded_by_id=worker,
            )
            reviews.append(self.writer.add(review))
            clock_start = review_at

    def _review_clock(
        self, pk: int, plan: ChildInNeedPlan, started: datetime, completed: datetime | None
    ) -> Clock:
        return self.clocks.clock(
            pk=pk,
            code="cin_plan_review",
            started_at=started,
            subject=plan,
            person_id=plan.person_id,
            completed_at=completed,
        )

    # -- figures ------------------------------------------------------------------------------------

    def summary(self) -> dict[str, object]:
        days = self.stats.dfe_days
        assessed = self.stats.assessed_with_factors
        top = self.stats.factors.most_common(5)
        return {
            "assessments_authorised": len(days),
            "assessments_within_45_wd_pct": round(100 * sum(d <= 45 for d in days) / len(days), 1)
            if days
            else None,
            "assessment_median_wd": statistics.median(days) if days else None,
            "factors_per_assessed_episode": round(self.stats.factors.total() / assessed, 2)
            if assessed
            else None,
            "top_factors_pct": {code: round(100 * n / assessed, 1) for code, n in top} if assessed else {},
            "cin_plans": self.stats.plans,
        }
