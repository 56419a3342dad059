"""Early help cases, as early_help.services would write them, for every front-door decision to step
down to early help: the lead (usually a school), the assessment with the child's voice, the plan
and its 6-weekly reviews, and the end (needs met, declined, or stepped up by a later contact).

Volumes follow the decisions: volumes.md §10a puts early help assessments at about 10% of contacts
(~2,500 a year for the county); the contacts generator's early_help share of outcomes sets that.
Timings are assumptions: assessment started within 2 weeks (most within 5 working days), completed
2-5 weeks later, plan agreed within a week, reviews every 6 weeks (a fifth late), cases lasting
3-9 months. Its own random stream keeps every other row as it was.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from frontdoor.clocks.models import Clock
from frontdoor.contacts.models import ContactChild, Outcome
from frontdoor.early_help.models import (
    CaseStatus,
    ClosureReason,
    EarlyHelpAssessment,
    EarlyHelpCase,
    EarlyHelpPlan,
    EarlyHelpReview,
)
from frontdoor.organisations.models import AgencyKind, PartnerAgency
from frontdoor.synthetic.generator.base import Picker, chance, local
from frontdoor.synthetic.generator.writer import ClockMaker, Writer

# Who leads (assumption; schools lead most early help nationally): school, LA hub, health, none yet.
LEAD = Picker({"school": 62, "hub": 18, "health": 12, "none": 8})
ENDING = Picker(
    {ClosureReason.NEEDS_MET: 70, ClosureReason.DECLINED: 12, ClosureReason.MOVED: 5, "step_up": 13}
)
VOICES = (
    "Says mornings are hard because there is no breakfast and mum is tired.",
    "Would like to go to football club and to have a quieter bedroom.",
    "Draws home as a happy place but says the shouting makes them hide upstairs.",
    "Wants their dad to come to parents' evening.",
    "Says school is the best bit of the week and they want help with reading.",
)


class EarlyHelpClocks(ClockMaker):
    CODES: tuple[str, ...] = (*ClockMaker.CODES, "early_help_review", "supervision")  # type: ignore[assignment]


@dataclass
class EarlyHelpMaker:
    writer: Writer
    clocks: EarlyHelpClocks
    rng: random.Random
    end: datetime

    def make_all(self, authority_id: int, schools: list[int]) -> int:
        agencies = dict(
            PartnerAgency.objects.filter(authority_id=authority_id).values_list("pk", "kind").order_by("pk")
        )
        health = [pk for pk, kind in agencies.items() if kind == AgencyKind.HEALTH]
        hub = next((pk for pk, kind in agencies.items() if kind == AgencyKind.SOCIAL_CARE), None)
        journeys = (
            ContactChild.objects.filter(authority_id=authority_id, decision__outcome=Outcome.EARLY_HELP)
            .values_list(
                "pk",
                "person_id",
                "decision__decided_at",
                "decision__decided_by_id",
                "contact__source_agency_id",
            )
            .order_by("decision__decided_at", "pk")
        )
        later = self._later_contacts(authority_id)
        open_until: dict[int, datetime | None] = {}
        made = 0
        for pk, person, decided, decider, source_agency in journeys:
            closes = open_until.get(person, decided)
            if closes is None or closes > decided:
                continue  # one open case per child: the new contact joins it
            lead = self._lead(source_agency, agencies, schools, health, hub)
            open_until[person] = self._case(pk, person, decided, decider, lead, later.get(person, []))
            made += 1
        return made

    def _later_contacts(self, authority_id: int) -> dict[int, list[tuple[datetime, int]]]:
        rows = ContactChild.objects.filter(authority_id=authority_id).values_list(
            "person_id", "contact__received_at", "contact_id"
        )
        found: dict[int, list[tuple[datetime, int]]] = {}
        for person, received, contact in rows.order_by("contact__received_at", "pk"):
            found.setdefault(person, []).append((received, contact))
        return found

    def _lead(
        self, source: int | None, agencies: dict, schools: list[int], health: list[int], hub: int | None
    ):  # type: ignore[no-untyped-def]
        if source is not None and agencies.get(source) == AgencyKind.EDUCATION:
            return source
        pick = LEAD(self.rng)
        if pick == "school" and schools:
            return self.rng.choice(schools)
        if pick == "health" and health:
            return self.rng.choice(health)
        return hub if pick == "hub" else None

    def _case(
        self,
        journey: int,
        person: int,
        decided: datetime,
        decider: int,
        lead: int | None,
        contacts: list[tuple[datetime, int]],
    ) -> datetime | None:
        rng, writer = self.rng, self.writer
        case = EarlyHelpCase(
            pk=writer.next_id(EarlyHelpCase),
            authority_id=self.clocks.authority.pk,
            person_id=person,
            contact_child_id=journey,
            started_at=decided,
            started_by_id=decider,
            lead_agency_id=lead,
        )
        started = decided + timedelta(days=rng.choice((1, 2, 3, 4, 5, 7, 10, 14)))
        completed = started + timedelta(days=rng.randint(14, 35))
        ends = decided + timedelta(days=rng.randint(90, 270))
        ending = ENDING(rng)
        step_up = next(
            (c for c in contacts if decided + timedelta(days=21) < c[0] <= min(ends, self.end)), None
        )
        if ending == "step_up" and step_up is None:
            ending = ClosureReason.NEEDS_MET
        if ending == "step_up" and step_up is not None:
            ends = step_up[0]
        review_at = self._work(case, started, completed, ends)
        if ends <= self.end:
            case.status = CaseStatus.STEPPED_UP if ending == "step_up" else CaseStatus.CLOSED
            case.closure_reason = "" if ending == "step_up" else ending
            case.step_up_contact_id = step_up[1] if ending == "step_up" and step_up else None
            case.ended_at = ends
        if review_at is not None:
            pk = writer.next_id(Clock)
            completed_at = case.ended_at if case.ended_at else None
            clock = self.clocks.clock(
                pk=pk,
                code="early_help_review",
                started_at=review_at,
                subject=case,
                person_id=person,
                completed_at=completed_at,
            )
            writer.add(clock)
            case.review_clock_id = pk
        writer.add(case)
        return case.ended_at

    def _work(
        self, case: EarlyHelpCase, started: datetime, completed: datetime, ends: datetime
    ) -> datetime | None:
        """The assessment, plan and reviews that happened before the case ended (and before `end`);
        returns when the review clock last restarted, or None when no plan was agreed."""
        rng, writer, until = self.rng, self.writer, min(ends, self.end)
        if started > until:
            return None
        done = completed <= until
        writer.add(
            EarlyHelpAssessment(
                case_id=case.pk,
                started_on=local(started).date(),
                completed_on=local(completed).date() if done else None,
                organisation_id=case.lead_agency_id,
                needs="Routines, school attendance and support for a parent.",
                childs_voice=rng.choice(VOICES),
                recorded_by_id=case.started_by_id,
                recorded_at=started,
            )
        )
        agreed = completed + timedelta(days=rng.randint(1, 7))
        if not done or agreed > until:
            return None
        plan = writer.add(
            EarlyHelpPlan(
                pk=writer.next_id(EarlyHelpPlan),
                case_id=case.pk,
                agreed_on=local(agreed).date(),
                outcomes="Gets to school on time, fed, and has an adult to talk to.",
                actions="School: breakfast club and a mentor. Family: bedtime routine. Lead: review.",
                recorded_by_id=case.started_by_id,
                recorded_at=agreed,
            )
        )
        last = agreed
        while True:
            nxt = last + timedelta(days=42 + (rng.randint(3, 25) if chance(rng, 0.2) else -rng.randint(0, 7)))
            if nxt > until:
                return _start_of_day(last)
            writer.add(
                EarlyHelpReview(
                    plan_id=plan.pk,
                    held_on=local(nxt).date(),
                    progress="Attendance improving; routines settling.",
                    childs_voice=rng.choice(VOICES),
                    recorded_by_id=case.started_by_id,
                    recorded_at=nxt,
                )
            )
            last = nxt


def _start_of_day(moment: datetime) -> datetime:
    """As early_help.services.start_of: review clocks run from the start of the London day."""
    day = local(moment)
    return day.replace(hour=0, minute=0, second=0, microsecond=0)
