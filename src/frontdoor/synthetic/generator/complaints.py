"""Children's complaints and practice notes (issue 19 §3, §4), as complaints.services and
quality.services would write them, from their own random streams (every other row is unchanged).

Volumes (assumptions, stated): a county receives about 150 statutory children's social care
complaints a year (issue 19: 100-200), so 150 per 24,000 contacts, the county profile's year.
About three in four stage 1 responses are within 10 working days, one in seven is extended (and
mostly answered within 20), the rest late; about one in eight goes to stage 2 and one in five of
those to a review panel (LGSCO and council annual complaints reports give shares of this order).
Outcomes: a quarter upheld, a third partly. Learning follows most upheld and partly upheld
complaints, as a task for the team's manager. Practice notes: about one per 60 contacts (some 400 a
year in a county), seven in ten concerns; most acknowledged within days and closed within weeks.
"""

import random
from bisect import bisect_right
from dataclasses import dataclass
from datetime import datetime, time, timedelta

from frontdoor.clocks.models import Clock
from frontdoor.complaints.models import Complaint, ComplaintStage
from frontdoor.organisations.models import Role, User
from frontdoor.quality.models import PracticeNote
from frontdoor.referrals.models import Allocation
from frontdoor.synthetic.generator.base import LONDON, Picker, chance, local
from frontdoor.synthetic.generator.writer import ClockMaker, Writer
from frontdoor.tasks.models import Task, TaskKind

PER_CONTACT = 150 / 24_000
NOTES_PER_CONTACT = 1 / 60
COMPLAINANT = Picker({"parent": 60, "child": 20, "on_behalf": 20})
THEME = Picker({
    "communication": 30, "decision": 18, "service": 14, "staff_conduct": 12, "change_of_worker": 9,
    "contact": 8, "assessment": 6, "placement": 3,
})  # fmt: skip
OUTCOME = Picker({"upheld": 25, "partly": 33, "not_upheld": 42})
NOTE_THEME = Picker({
    "childs_voice": 20, "visits": 18, "risk": 16, "planning": 16, "recording": 14, "oversight": 8,
    "partnership": 8,
})  # fmt: skip
PARENTS = ("Jordan", "Kelly", "Lee", "Sam", "Alex", "Chris", "Jo", "Danny", "Nicola", "Mark")
ON_BEHALF = ("Independent advocate", "Grandparent", "Aunt", "Family solicitor", "Foster carer")
LEARNING = (
    "Return calls from families within one working day; team briefing.",
    "Explain decisions to the child in writing, in words they understand.",
    "Tell families when their social worker changes, and why, before it happens.",
    "Share assessments with parents before the meeting that discusses them.",
)
NOTE_TEXT = {
    "concern": "The child's record does not show the child was seen alone at the last two visits.",
    "good_practice": "The child's words are recorded in every visit note and shaped the plan.",
}


class ComplaintClocks(ClockMaker):
    CODES: tuple[str, ...] = (  # type: ignore[assignment]
        "complaint_stage1", "complaint_stage1_extended", "complaint_stage2", "complaint_stage2_extended",
        "complaint_stage3",
    )  # fmt: skip


def working_days_later(moment: datetime, days: int) -> datetime:
    """Roughly `days` working days on (weekends skipped), at midday: the clock counts exactly."""
    day = local(moment).date()
    while days > 0:
        day += timedelta(days=1)
        days -= day.weekday() < 5
    return datetime.combine(day, time(12), tzinfo=LONDON)


@dataclass
class ComplaintsMaker:
    writer: Writer
    clocks: ComplaintClocks
    rng: random.Random
    start: datetime
    end: datetime

    def make_all(self, contacts: int) -> dict[str, int]:
        authority = self.clocks.authority.pk
        cases = list(
            Allocation.objects.filter(referral__authority_id=authority, started_at__gte=self.start)
            .values_list("referral__person_id", "team_id", "worker_id", "started_at")
            .order_by("pk")
        )
        staff = User.objects.filter(authority_id=authority, is_active=True)
        self.qa = list(staff.filter(role=Role.QUALITY_ASSURANCE).values_list("pk", flat=True).order_by("pk"))
        self.managers = dict(
            staff.filter(role=Role.TEAM_MANAGER).values_list("team_id", "pk").order_by("-pk")
        )
        if not cases or not self.qa:
            return {"complaints": 0, "practice notes": 0}
        cases.sort(key=lambda case: case[3])
        self.allocated = [case[3] for case in cases]
        complaints = sum(self._complaint(*pick) for pick in self._picks(cases, round(contacts * PER_CONTACT)))
        notes = sum(self._note(*pick) for pick in self._picks(cases, round(contacts * NOTES_PER_CONTACT)))
        return {"complaints": complaints, "practice notes": notes}

    def _picks(self, cases: list, count: int) -> list:  # type: ignore[type-arg]
        """`count` (case, moment) pairs, the moments spread evenly over the window, each case one
        allocated before its moment (so complaints and notes do not bunch at the window's end)."""
        picks = []
        for _ in range(count):
            moment = self.start + (self.end - self.start) * self.rng.random()
            before = bisect_right(self.allocated, moment)
            if before:
                picks.append((*cases[self.rng.randrange(before)], moment))
        return picks

    def _complaint(self, person: int, team: int, worker: int, allocated: datetime, received: datetime) -> int:
        rng = self.rng
        kind = COMPLAINANT(rng)
        name = {"child": "The child", "parent": f"{rng.choice(PARENTS)} (parent)"}.get(
            kind, rng.choice(ON_BEHALF)
        )
        complaint = Complaint(
            pk=self.writer.next_id(Complaint), authority_id=self.clocks.authority.pk, person_id=person,
            complainant=kind, complainant_name=name, theme=THEME(rng), team_id=team, received_at=received,
            summary="The family say they were not kept informed or listened to.",
            recorded_by_id=rng.choice(self.qa), advocacy_offered=kind == "child" or chance(rng, 0.3),
            version=1,
        )  # fmt: skip
        self.writer.add(complaint)
        stage, at = 1, received
        while at is not None and stage <= 3:
            answered = self._stage(complaint, stage, at)
            if answered is None or stage == 3 or not chance(rng, 0.12 if stage == 1 else 0.2):
                break
            at = answered + timedelta(days=rng.randint(3, 25))
            stage += 1
            if at > self.end:
                break
        return 1

    def _days_taken(self, stage: int) -> tuple[int, bool]:
        """(working days to the answer, extended?) for a stage."""
        rng = self.rng
        limit, longest = {1: (10, 20), 2: (25, 65), 3: (30, 30)}[stage]
        if chance(rng, 0.74):
            return rng.randint(max(2, limit // 3), limit), False
        if stage < 3 and chance(rng, 0.6):
            return rng.randint(limit - 2, longest), True
        return rng.randint(limit + 1, limit + 12), False

    def _stage(self, complaint: Complaint, stage: int, at: datetime) -> datetime | None:
        rng, writer = self.rng, self.writer
        row = ComplaintStage(
            pk=writer.next_id(ComplaintStage), authority_id=complaint.authority_id, complaint_id=complaint.pk,
            person_id=complaint.person_id, stage=stage, requested_at=at,
        )  # fmt: skip
        taken, extended = self._days_taken(stage)
        answered: datetime | None = max(working_days_later(at, taken), at)
        if answered is not None and answered > self.end:
            answered = None
        codes = {1: "complaint_stage1", 2: "complaint_stage2", 3: "complaint_stage3"}
        row.clock_id = writer.next_id(Clock)
        writer.add(self._clock(row.clock_id, codes[stage], at, complaint, answered))
        if extended:
            row.extended_clock_id = writer.next_id(Clock)
            writer.add(
                self._clock(row.extended_clock_id, f"{codes[stage]}_extended", at, complaint, answered)
            )
            row.extension_reason = rng.choice(
                ("An advocate is being arranged", "Complex: several teams involved")
            )
        if answered is not None:
            row.responded_on, row.outcome = local(answered).date(), OUTCOME(rng)
            row.response, row.responded_by_id = "Response sent with an explanation.", rng.choice(self.qa)
            if row.outcome != "not_upheld" and chance(rng, 0.7):
                self._learning(complaint, answered)
        writer.add(row)
        return answered

    def _clock(self, pk: int, code: str, at: datetime, complaint: Complaint, done: datetime | None) -> Clock:
        return self.clocks.clock(
            pk=pk,
            code=code,
            started_at=at,
            subject=complaint,
            person_id=complaint.person_id,
            completed_at=done,
        )

    def _learning(self, complaint: Complaint, answered: datetime) -> None:
        rng = self.rng
        owner = self.managers.get(complaint.team_id or 0) or rng.choice(self.qa)
        due = answered + timedelta(days=rng.randint(14, 42))
        done = due - timedelta(days=rng.randint(-10, 12)) if chance(rng, 0.75) else None
        done = done if done is not None and done <= self.end else None
        self.writer.add(
            Task(
                authority_id=complaint.authority_id,
                person_id=complaint.person_id,
                kind=TaskKind.COMPLAINT,
                source_type="complaints.complaint",
                source_id=complaint.pk,
                what=rng.choice(LEARNING),
                owner_user_id=owner,
                due_on=local(due).date(),
                created_by_id=rng.choice(self.qa),
                created_at=answered,
                done_at=done,
                done_by_id=owner if done else None,
                done_note="Done: briefed the team and checked in supervision." if done else "",
            )
        )

    def _note(self, person: int, team: int, worker: int, allocated: datetime, raised: datetime) -> int:
        rng = self.rng
        manager = self.managers.get(team)
        if manager is None or manager == worker:
            return 0
        kind = "concern" if chance(rng, 0.7) else "good_practice"
        note = PracticeNote(
            pk=self.writer.next_id(PracticeNote), authority_id=self.clocks.authority.pk, person_id=person,
            kind=kind, theme=NOTE_THEME(rng), text=NOTE_TEXT[kind], raised_by_id=rng.choice(self.qa),
            raised_at=raised, worker_id=worker, manager_id=manager, team_id=team,
        )  # fmt: skip
        acknowledged = raised + timedelta(days=rng.randint(0, 6), hours=rng.randint(1, 6))
        if chance(rng, 0.85) and acknowledged <= self.end:
            note.acknowledged_at, note.acknowledged_by_id = acknowledged, worker
            closed = acknowledged + timedelta(days=rng.randint(1, 25))
            if chance(rng, 0.8) and closed <= self.end:
                note.closed_at, note.closed_by_id = closed, rng.choice((worker, manager))
                note.response = "Discussed in supervision; the record now shows it."
        self.writer.add(note)
        return 1
