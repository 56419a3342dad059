"""The children-in-need episodes that referral decisions open, as referrals.services would write
them: the Referral with its child-seen and assessment clocks, an allocation, the visit that first
sees the child, and closure after assessment or later.

Timings follow volumes.md: children seen within 1 working day (significant harm) or 5 for most;
assessment durations from the DfE C2 2025 spread (§10b); about a third of referrals closed after
assessment as not in need (§1: 30.8% England, 32.9% Worcestershire), the rest open as children in
need for a duration drawn from §6 (episodes ending by duration).

A separate random stream (seeded from the run's seed) keeps every other row identical to a run
without episodes.
"""

import random
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta

from frontdoor.access.models import TeamInvolvement
from frontdoor.clocks.models import Clock
from frontdoor.contacts.models import Contact, ContactChild, Outcome
from frontdoor.referrals.models import Allocation, ClosureReason, PrimaryNeed, Referral, Visit
from frontdoor.synthetic.generator.base import at_local, chance, local
from frontdoor.synthetic.generator.casework import CaseworkMaker
from frontdoor.synthetic.generator.child_protection import ProtectionMaker
from frontdoor.synthetic.generator.writer import ClockMaker, Writer

# DfE C2 2025, completed assessments by working days (volumes.md §4): band upper bounds and shares.
ASSESSMENT_DAYS = ((0, 1.8), (10, 11.7), (20, 17.3), (30, 15.8), (40, 20.2), (45, 18.9), (50, 5.8),
                   (60, 4.3), (120, 4.2))  # fmt: skip
# CIN episodes ending by duration, England 2025 (volumes.md §6), in days.
EPISODE_DAYS = ((90, 47.0), (182, 14.8), (365, 16.0), (730, 12.1), (1460, 10.1))
NOT_IN_NEED = 0.33
EARLY_HELP_AFTER_ASSESSMENT = 0.25  # of those closed after assessment: RC9 rather than RC8
# Referrals ending with no further action, before any assessment (ReferralNFA): 3.6% of Worcestershire's
# referrals in 2024-25 (volumes.md). Only referrals for assessment end so (a strategy referral goes on
# to its discussion), and they are about 64% of referrals (profiles: 0.104 of 0.163 contacts referred).
NFA_OF_ASSESSMENT_REFERRALS = 0.056
# Primary need at assessment (volumes.md §10b).
PRIMARY_NEED = (("N1", 55), ("N6", 15), ("N2", 9), ("N4", 8), ("N8", 3), ("N3", 3), ("N5", 2), ("N7", 0.5),
                ("N9", 4.5))  # fmt: skip


def _banded(rng: random.Random, bands: tuple[tuple[int, float], ...]) -> int:
    total = sum(share for _, share in bands)
    pick, low = rng.uniform(0, total), 0
    for high, share in bands:
        if pick <= share:
            return rng.randint(low, high)
        pick -= share
        low = high + 1
    return bands[-1][0]


@dataclass
class EpisodeMaker:
    writer: Writer
    clocks: ClockMaker
    rng: random.Random
    workers: list[tuple[int, int]]  # (social worker id, team id) in the assessment teams
    end: datetime
    open_until: dict[int, datetime | None] = field(default_factory=dict)  # person -> closure (None: open)
    casework: CaseworkMaker | None = None  # assessments and plans inside each episode
    protection: ProtectionMaker | None = None  # strategy discussions, s47s, conferences and plans
    involved: set[tuple[int, int]] = field(default_factory=set)  # (person, team) in access's record
    # Its own stream, so a run's other episodes keep their draws; None: no referral ends NFA.
    nfa_rng: random.Random | None = None
    # How long episodes stay open after assessment (days upper bound, %): England's by default.
    episode_days: tuple[tuple[int, float], ...] = EPISODE_DAYS

    def open(
        self,
        *,
        journey: ContactChild,
        contact: Contact,
        outcome: str,
        decided: datetime,
        decider: int,
        born: date | None = None,
    ) -> None:
        person = journey.person_id
        if person in self.open_until:
            closes = self.open_until[person]
            if closes is None or closes > decided:
                return  # one open episode per child (CIN 8815): the contact joins the open one
        rng, urgent = self.rng, outcome == Outcome.STRATEGY
        # A contact received before the child's last episode closed, and referred after: the new
        # episode starts when the last one ended, never inside it (CIN 8820).
        last_closed = self.open_until.get(person)
        referral_date = local(contact.received_at).date()
        if last_closed is not None:
            referral_date = max(referral_date, local(last_closed).date())
        referral = Referral(
            pk=self.writer.next_id(Referral),
            authority_id=contact.authority_id,
            person_id=person,
            contact_child_id=journey.pk,
            received_at=contact.received_at,
            referral_date=referral_date,
            source=contact.source,
            significant_harm=urgent,
            opened_by_id=decider,
        )
        calendar = self.clocks.calendar
        seen_code = "child_seen_urgent" if urgent else "child_seen"
        on_time = 0.92 if urgent else 0.88
        limit = 1 if urgent else 5
        days = rng.randint(0, limit) if chance(rng, on_time) else limit + rng.randint(1, 6)
        seen_day = calendar.add_working_days(local(contact.received_at).date(), days)
        seen = max(at_local(seen_day, rng.uniform(9.5, 16.5)), decided + timedelta(hours=1))
        allocated = decided + timedelta(hours=rng.uniform(0.5, 20))
        allocated = min(allocated, seen - timedelta(minutes=30))
        assessed_day = calendar.add_working_days(
            referral.referral_date, max(_banded(rng, ASSESSMENT_DAYS), days)
        )
        assessed = at_local(assessed_day, rng.uniform(10, 17))
        closes = self._closure(referral, assessed)
        seen_at = seen if seen <= self.end else None
        assessed_at = assessed if assessed <= self.end else None
        if not urgent and self.nfa_rng is not None and chance(self.nfa_rng, NFA_OF_ASSESSMENT_REFERRALS):
            closes, assessed_at = self._no_further_action(referral, seen_at), None
        referral.child_seen_clock_id = self._clock(seen_code, referral, seen_at)
        referral.assessment_clock_id = self._clock("assessment", referral, assessed_at)
        if assessed_at is not None:
            referral.primary_need = self._primary_need(referral.closure_reason)
        worker = None
        if allocated <= self.end:
            worker, team = rng.choice(self.workers)
            self.writer.add(Allocation(referral_id=referral.pk, team_id=team, worker_id=worker,
                                       started_at=allocated, allocated_by_id=decider))  # fmt: skip
            if (person, team) not in self.involved:  # as referrals.services.allocation_make does
                self.involved.add((person, team))
                self.writer.add(TeamInvolvement(authority_id=referral.authority_id, person_id=person,
                                                team_id=team, since=allocated))  # fmt: skip
            if seen_at is not None:
                self._visit(referral, worker, seen_at)
        planned = 0
        if referral.nfa:  # nothing follows a referral that ended with no further action (8831)
            if self.protection is not None:
                self.protection.counts.referrals += 1  # every referral counts, as follow() counts them
            self.writer.add(referral)
            self.open_until[person] = closes
            return
        if self.protection is not None:
            # May move the closure after a plan that outlasts it; writes the strategy clock as
            # referrals.services does for a strategy decision.
            planned = self.protection.counts.plans
            closes = self.protection.follow(
                referral=referral, decided=decided, worker=worker, closes=closes, born=born, seen=seen_at
            )
            planned = self.protection.counts.plans - planned
        if self.casework is not None and worker is not None:
            # A child protection plan is never accompanied by a children-in-need plan (CIN 4001).
            self.casework.make(
                referral=referral,
                worker=worker,
                allocated=allocated,
                assessed=assessed,
                closes=closes,
                cin_plan=not planned,
            )
        self.writer.add(referral)
        self.open_until[person] = closes

    def _clock(self, code: str, referral: Referral, completed: datetime | None) -> int:
        pk = self.writer.next_id(Clock)
        self.writer.add(self.clocks.clock(pk=pk, code=code, started_at=referral.received_at, subject=referral,
                                          person_id=referral.person_id, completed_at=completed))  # fmt: skip
        return pk

    def _closure(self, referral: Referral, assessed: datetime) -> datetime | None:
        rng = self.rng
        if chance(rng, NOT_IN_NEED):
            closes = assessed
            reason = ClosureReason.RC9 if chance(rng, EARLY_HELP_AFTER_ASSESSMENT) else ClosureReason.RC8
        else:
            closes = assessed + timedelta(days=_banded(rng, self.episode_days))
            reason = ClosureReason.RC7
        if closes > self.end:
            return None
        referral.closure_date = local(closes).date()
        referral.closure_reason = reason
        referral.closure_summary = "Closed after assessment." if reason != ClosureReason.RC7 else "Needs met."
        return closes

    def _no_further_action(self, referral: Referral, seen: datetime | None) -> datetime | None:
        """Closed on the day the child was seen, with no assessment: a referral with no further
        action (ReferralNFA), its reason RC7 (RC8 and RC9 are for after an assessment: 8825Q)."""
        referral.closure_date, referral.closure_reason, referral.closure_summary = None, "", ""
        if seen is None:
            return None
        referral.closure_date = max(local(seen).date(), referral.referral_date)
        referral.closure_reason = ClosureReason.RC7
        referral.closure_summary = "No further action after initial consideration."
        referral.nfa = True
        return seen

    def _primary_need(self, reason: str) -> str:
        if reason in (ClosureReason.RC8, ClosureReason.RC9):
            return PrimaryNeed.N9
        codes, weights = zip(*PRIMARY_NEED, strict=True)
        return self.rng.choices(codes, weights=weights)[0]

    def _visit(self, referral: Referral, worker: int, seen: datetime) -> None:
        alone = chance(self.rng, 0.8)
        self.writer.add(Visit(
            authority_id=referral.authority_id, person_id=referral.person_id, referral_id=referral.pk,
            occurred_at=seen, visitor_id=worker, seen=True, seen_alone=alone,
            not_alone_reason="" if alone else "Too young to be seen alone; seen with the parent present.",
            location="Home", recorded_at=seen + timedelta(hours=2),
            childs_words="Said things at home are 'sometimes shouty' and that they like school.",
        ))  # fmt: skip
