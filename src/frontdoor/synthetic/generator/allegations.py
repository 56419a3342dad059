"""Allegations against people who work with children (issue 19 §1) in the synthetic county: about
2.5 a year per 1,000 children (a county of ~0.5M people and ~120,000 children gets ~300 a year: "a
few hundred LADO contacts a year", volumes assumption), each about one to three children already on
the register, with the initial consideration against the 1 working day clock, a meeting with actions
where the harm test is met, the police's and employer's processes, and an outcome when it came
before the window's end. Sector, harm and outcome mixes are assumptions in the shape of published
LADO annual reports (education the largest sector; about a third substantiated). Every adult's name
and employer are marked "(synthetic)". Draws come from their own stream, so other rows are unchanged.
"""

import random
from dataclasses import dataclass
from datetime import datetime, timedelta

from frontdoor.allegations.models import Allegation, AllegationChild, Meeting
from frontdoor.allegations.rules import resolution_band
from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import standard_for
from frontdoor.organisations.models import Role, User
from frontdoor.people.models import Person
from frontdoor.synthetic.generator.base import LONDON, Picker, chance, local
from frontdoor.synthetic.generator.organisation import Org
from frontdoor.synthetic.generator.writer import ClockMaker, Writer
from frontdoor.tasks.models import Task, TaskKind

PER_1000_CHILDREN_A_YEAR = 2.5
SECTORS = Picker({"education": 40, "social_care": 18, "early_years": 10, "health": 6, "police": 3,
                  "faith": 3, "sport": 7, "voluntary": 5, "transport": 4, "other": 4})  # fmt: skip
ROLES = {
    "education": ("Teaching assistant", "Class teacher", "Sports coach (school)", "Midday supervisor"),
    "social_care": ("Residential support worker", "Foster carer", "Family support worker"),
    "early_years": ("Nursery practitioner", "Childminder"),
    "health": ("Paediatric nurse", "Healthcare assistant"),
    "police": ("Police constable", "Police community support officer"),
    "faith": ("Youth leader", "Church volunteer"),
    "sport": ("Football coach", "Swimming instructor"),
    "voluntary": ("Scout leader", "Youth club volunteer"),
    "transport": ("School taxi driver", "Passenger assistant"),
    "other": ("Tutor", "Music teacher"),
}
HARMS = Picker({"harmed": 45, "crime": 20, "unsuitable": 20, "transferable": 15})
CONSIDERATIONS = Picker({"meeting": 35, "employer": 25, "not_met": 40})
CONSIDERED_ON_TIME = 0.85
OUTCOMES_MET = Picker(
    {"substantiated": 32, "unsubstantiated": 30, "unfounded": 18, "false": 15, "malicious": 5}
)
OUTCOMES_NOT_MET = Picker({"unfounded": 60, "false": 25, "unsubstantiated": 15})
CHILDREN = Picker({1: 75, 2: 18, 3: 7})
NAMED_LEADER = 0.5  # allegations on which the designated officer names a senior leader (assumption)
NAMED = Allegation.named_managers.through


@dataclass
class AllegationMaker:
    writer: Writer
    rng: random.Random
    org: Org
    start: datetime
    end: datetime
    per_year: float

    def make_all(self) -> int:
        """Write the window's allegations; returns how many."""
        la = self.org.authority
        self.clocks = ClockMaker(la)
        for code in ("lado_consideration", "lado_outcome"):
            self.clocks.standards[code] = standard_for(la, code)
        self.officer = self._officer()
        children = list(
            Person.objects.filter(authority=la, is_child=True).order_by("pk").values_list("pk", flat=True)
        )
        days = (self.end - self.start).days
        count = round(self.per_year * days / 365)
        if not children:
            return 0
        moments = sorted(self._moment() for _ in range(count))
        numbers: dict[int, int] = {}
        for received in moments:
            year = local(received).year
            numbers[year] = numbers.get(year, 0) + 1
            self._allegation(received, f"LADO-{year}-{numbers[year]:04d}", children)
        return count

    def _officer(self) -> int:
        return designated_officer(self.writer, self.org, self.start)

    def _moment(self) -> datetime:
        """A weekday in office hours in the window (allegations reach the LADO from employers)."""
        while True:
            at = self.start + timedelta(seconds=self.rng.uniform(0, (self.end - self.start).total_seconds()))
            if local(at).weekday() < 5 and 9 <= local(at).hour < 17:
                return at

    def _allegation(self, received: datetime, reference: str, children: list[int]) -> None:
        rng, la = self.rng, self.org.authority.pk
        sector, harm = SECTORS(rng), HARMS(rng)
        kids = rng.sample(children, CHILDREN(rng))
        employer = f"{sector.replace('_', ' ').title()} employer {rng.randint(1, 60)} (synthetic)"
        row = Allegation(
            pk=self.writer.next_id(Allegation), authority_id=la, reference=reference, received_at=received,
            referrer_name="Designated safeguarding lead (synthetic)", referrer_organisation=employer,
            adult_name=f"Adult {reference[-4:]} (synthetic)", adult_role=rng.choice(ROLES[sector]),
            employer=employer, sector=sector,
            harm=harm, allegation="Concern raised by a child about the adult's conduct (synthetic).",
            person_id=kids[0], designated_officer_id=self.officer,
        )  # fmt: skip
        considered = self._considered(received)
        consideration = CONSIDERATIONS(rng)
        if considered is not None:
            row.considered_at, row.consideration = considered, consideration
            row.consideration_notes = "Discussed with the employer and the police (synthetic)."
            police = "under_way" if harm == "crime" and consideration != "not_met" else "none"
            row.police_process = police
            row.employer_process = "under_way" if consideration != "not_met" else "none"
        row.consideration_clock_id = self._clock("lado_consideration", received, row, considered)
        outcome_at = self._outcome_at(received, consideration, considered)
        if outcome_at is not None:
            self._outcome(row, consideration, outcome_at)
        row.outcome_clock_id = self._clock("lado_outcome", received, row, outcome_at)
        self.writer.add(row)
        for position, kid in enumerate(kids):
            self.writer.add(AllegationChild(allegation_id=row.pk, person_id=kid, position=position))
        leaders = self.org.staff[Role.SENIOR_LEADER]
        if leaders and chance(rng, NAMED_LEADER):
            self.writer.add(NAMED(allegation_id=row.pk, user_id=rng.choice(leaders)))
        if considered is not None and consideration == "meeting":
            self._meeting(row, considered)

    def _clock(self, code: str, started: datetime, subject: Allegation, done: datetime | None) -> int:
        pk = self.writer.next_id(Clock)
        self.writer.add(
            self.clocks.clock(pk=pk, code=code, started_at=started, subject=subject, completed_at=done)
        )
        return pk

    def _considered(self, received: datetime) -> datetime | None:
        days = 0 if chance(self.rng, 0.5) else 1
        if not chance(self.rng, CONSIDERED_ON_TIME):
            days = self.rng.randint(2, 4)
        day = (
            self.clocks.calendar.add_working_days(local(received).date(), days)
            if days
            else local(received).date()
        )
        at = datetime(day.year, day.month, day.day, tzinfo=LONDON) + timedelta(hours=self.rng.uniform(10, 17))
        at = max(at, received + timedelta(minutes=30))
        return at if at <= self.end else None

    def _outcome_at(
        self, received: datetime, consideration: str, considered: datetime | None
    ) -> datetime | None:
        if considered is None:
            return None
        # Not met: concluded within days; met: a long tail (police and disciplinary processes).
        median = 6 if consideration == "not_met" else 38
        at = considered + timedelta(days=self.rng.lognormvariate(0, 0.9) * median)
        at = datetime.combine(local(at).date(), datetime.min.time(), tzinfo=LONDON) + timedelta(hours=12)
        at = max(at, received)
        return at if at <= self.end else None

    def _outcome(self, row: Allegation, consideration: str, at: datetime) -> None:
        rng = self.rng
        outcome = OUTCOMES_NOT_MET(rng) if consideration == "not_met" else OUTCOMES_MET(rng)
        actions = ["none"]
        if outcome == "substantiated":
            dismissed = chance(rng, 0.45)
            actions = (["dismissal", "barring"] if dismissed else []) + (
                ["regulator"] if chance(rng, 0.2) else []
            )
            actions = actions or ["none"]
        row.outcome, row.outcome_on, row.actions_taken = outcome, local(at).date(), actions
        row.decided_by = (
            "Allegation management meeting" if consideration == "meeting" else "Employer, with the LADO"
        )
        row.resolved_within = resolution_band(local(row.received_at).date(), row.outcome_on)
        if row.police_process == "under_way":
            row.police_process = "concluded"
        if row.employer_process == "under_way":
            row.employer_process = "concluded"

    def _meeting(self, row: Allegation, considered: datetime) -> None:
        calendar = self.clocks.calendar
        day = calendar.add_working_days(local(considered).date(), self.rng.randint(2, 6))
        held = datetime(day.year, day.month, day.day, tzinfo=LONDON) + timedelta(
            hours=self.rng.uniform(9.5, 15)
        )
        if held > self.end:
            return
        meeting = self.writer.add(
            Meeting(
                authority_id=row.authority_id, allegation_id=row.pk, held_at=held,
                attendees="LADO; police; employer's HR lead; headteacher or manager (synthetic)",
                discussion="Information shared; suspension considered; next steps agreed (synthetic).",
                chaired_by_id=self.officer, recorded_at=held + timedelta(hours=2),
            )
        )  # fmt: skip
        for what, days in (
            ("Employer to confirm the risk assessment", 5),
            ("Police to update on the investigation", 14),
        ):
            due = calendar.add_working_days(day, days)
            done = held + timedelta(days=self.rng.uniform(days / 2, days + 5))
            self.writer.add(
                Task(
                    authority_id=row.authority_id, person_id=None, kind=TaskKind.ALLEGATION_MEETING,
                    source_type="allegations.meeting", source_id=meeting.pk, what=what,
                    owner_user_id=self.officer, due_on=due, created_by_id=self.officer,
                    created_at=held + timedelta(hours=2), done_at=done if done <= self.end else None,
                    done_by_id=self.officer if done <= self.end else None,
                )
            )  # fmt: skip


def designated_officer(writer: Writer, org: Org, at: datetime) -> int:
    """The authority's designated officer (LADO), who holds every allegation: one per authority,
    also where no allegations are generated (the national profile), so every role is staffed."""
    la = org.authority
    user = User(
        username=f"lado.{la.la_code}", first_name="Dana", last_name="Officer (synthetic)",
        email=f"lado.{la.la_code}@frontdoor.example", password="!" + "x" * 40, authority_id=la.pk,
        team_id=None, role=Role.DESIGNATED_OFFICER, job_title="Designated officer (LADO)",
        date_joined=at, is_active=True,
    )  # fmt: skip
    return writer.add(user).pk
