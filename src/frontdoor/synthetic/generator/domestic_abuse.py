"""Police domestic abuse notifications in the synthetic county (issue 19 §2), made from the police
contacts the contact generator wrote about domestic abuse: each such contact is a notification
(docs/adr/0015), so their volume is the county's police domestic abuse contacts (most police
notifications to a front door are domestic abuse: texts.CONCERNS_BY_SOURCE gives police contacts a
70% weight for it).

Assumptions, chosen to look like a county front door, not published figures: DASH risk levels 60%
standard, 28% medium, 12% high; 85% of high-risk cases and 5% of medium go to MARAC, heard 7 to 21
days after the incident, with two actions each; a school is told for children aged 4 to 16, 88% by
08:30 on the next school day, the rest later, and none yet for the last few hours of the window.
Rows are written as domestic_abuse.services would write them, with due times from the clock rules.
"""

import random
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import standard_for
from frontdoor.contacts.models import Channel, Contact, ContactChild
from frontdoor.domestic_abuse.models import HowTold, Notification, NotifiedChild
from frontdoor.organisations.models import Role
from frontdoor.synthetic.generator.base import LONDON, Picker, chance, lognormal_hours
from frontdoor.synthetic.generator.organisation import Org
from frontdoor.synthetic.generator.writer import ClockMaker, Writer
from frontdoor.tasks.models import Task, TaskKind

RISK = Picker({"standard": 60, "medium": 28, "high": 12})
MARAC = {"high": 0.85, "medium": 0.05, "standard": 0.0}
TOLD_IN_TIME = 0.88
HOW = Picker({HowTold.PHONE: 70, HowTold.SECURE_EMAIL: 25, HowTold.IN_PERSON: 5})
KEY_ADULTS = (
    "Designated safeguarding lead",
    "Deputy safeguarding lead",
    "Headteacher",
    "Family support worker",
)
KEY_NAMES = (
    "A. Patel",
    "J. Morgan",
    "S. Hughes",
    "R. Begum",
    "L. Evans",
    "M. Clarke",
    "T. Okafor",
    "K. Price",
)
ACTIONS = (
    "Safety plan agreed with the non-abusing parent",
    "Refuge and IDVA support offered",
    "Police to consider a domestic violence protection notice",
    "School to share attendance and wellbeing weekly",
    "Housing to review the tenancy and security of the home",
)


@dataclass
class DomesticAbuseMaker:
    writer: Writer
    clocks: ClockMaker
    rng: random.Random
    org: Org
    end: datetime
    notifications: int = 0
    children: int = 0
    told_late: int = 0

    def make(self) -> dict[str, object]:
        self.clocks.standards.setdefault(
            "operation_encompass", standard_for(self.clocks.authority, "operation_encompass")
        )
        contacts = [
            row
            for row in Contact.objects.filter(
                authority_id=self.org.authority.pk, channel=Channel.POLICE_NOTIFICATION
            )
            .order_by("pk")
            .values("pk", "received_at", "incident_at", "concern_categories", "concerns", "recorded_by_id")
            if "domestic_abuse" in row["concern_categories"] and row["incident_at"] is not None
        ]
        children: dict[int, list[tuple[int, date | None]]] = {}
        journeys = ContactChild.objects.filter(contact_id__in=[c["pk"] for c in contacts]).order_by("pk")
        for contact_id, person_id, born in journeys.values_list(
            "contact_id", "person_id", "person__date_of_birth"
        ):
            children.setdefault(contact_id, []).append((person_id, born))
        for contact in contacts:
            self._notification(contact, children.get(contact["pk"], []))
        return {
            "domestic abuse notifications": self.notifications,
            "children in them": self.children,
            "schools told late %": round(100 * self.told_late / self.children, 1) if self.children else 0.0,
        }

    def _notification(self, contact: Mapping[str, Any], children: list[tuple[int, date | None]]) -> None:
        rng = self.rng
        risk = RISK(rng)
        incident = contact["incident_at"]
        marac = chance(rng, MARAC[risk]) if risk != "standard" else None if chance(rng, 0.5) else False
        marac_date = (
            (incident.astimezone(LONDON).date() + timedelta(days=rng.randint(7, 21))) if marac else None
        )
        notification = Notification(
            pk=self.writer.next_id(Notification),
            authority_id=self.org.authority.pk,
            contact_id=contact["pk"],
            police_reference=f"DA/{self.org.authority.la_code}/{contact['pk']:07d}",
            incident_at=incident,
            received_at=contact["received_at"],
            risk_level=risk,
            incident=contact["concerns"],
            marac=marac,
            marac_date=marac_date,
            recorded_by_id=contact["recorded_by_id"],
            recorded_at=contact["received_at"],
        )
        self.writer.add(notification)
        self.notifications += 1
        for person_id, born in children:
            self._child(notification, person_id, born)
        if marac_date is not None:
            for what in rng.sample(ACTIONS, 2):
                self._action(notification, children[0][0] if children else None, what, marac_date)

    def _child(self, notification: Notification, person_id: int, born: date | None) -> None:
        rng = self.rng
        received = notification.received_at
        age = (received.astimezone(LONDON).date() - born).days // 365 if born else None
        row = NotifiedChild(
            pk=self.writer.next_id(NotifiedChild),
            authority_id=notification.authority_id,
            notification_id=notification.pk,
            person_id=person_id,
            received_at=received,
            risk_level=notification.risk_level,
        )
        self.children += 1
        schools = [s.pk for s in self.org.schools if s.secondary == (age is not None and age >= 11)]
        if age is not None and 4 <= age <= 16 and schools:
            row.school_id = rng.choice(schools)
            clock = self.clocks.clock(
                pk=self.writer.next_id(Clock),
                code="operation_encompass",
                started_at=notification.incident_at,
                subject=row,
                person_id=person_id,
            )
            told = self._told(received, clock.due_at)
            if told is not None:
                # Again with the completion, so the working days taken are counted as the services count them.
                clock = self.clocks.clock(
                    pk=clock.pk,
                    code="operation_encompass",
                    started_at=notification.incident_at,
                    subject=row,
                    person_id=person_id,
                    completed_at=told,
                )
                row.school_told_at, row.told_by_id = told, rng.choice(self.org.staff[Role.CONTACT_OFFICER])
                row.told_whom = f"{rng.choice(KEY_NAMES)}, {rng.choice(KEY_ADULTS).lower()}"
                row.how_told = HOW(rng)
                self.told_late += told > clock.due_at
            self.writer.add(clock)
            row.encompass_clock_id = clock.pk
        self.writer.add(row)

    def _told(self, received: datetime, due: datetime) -> datetime | None:
        """In time (between receipt and the due time) or late; not yet, near the window's end."""
        rng = self.rng
        if chance(rng, TOLD_IN_TIME) and received < due:
            told = received + (due - received) * rng.uniform(0.05, 0.95)
        else:
            told = max(received, due) + lognormal_hours(self.rng, 5, 0.9)
        return told if told <= self.end else None

    def _action(self, notification: Notification, person_id: int | None, what: str, marac_date: date) -> None:
        rng = self.rng
        created = datetime.combine(marac_date, datetime.min.time(), tzinfo=LONDON).replace(hour=14)
        if created > self.end:
            return
        owner = rng.choice(self.org.staff[Role.SOCIAL_WORKER] or self.org.staff[Role.TEAM_MANAGER])
        due = marac_date + timedelta(days=rng.randint(7, 28))
        done = datetime.combine(due, datetime.min.time(), tzinfo=LONDON).replace(hour=12) - timedelta(
            days=rng.randint(0, 5)
        )
        task = Task(
            pk=self.writer.next_id(Task),
            authority_id=notification.authority_id,
            person_id=person_id,
            kind=TaskKind.MARAC,
            source_type="domestic_abuse.notification",
            source_id=notification.pk,
            what=what,
            owner_user_id=owner,
            due_on=due,
            created_by_id=owner,
            created_at=created,
        )
        if done <= self.end and done >= created and chance(rng, 0.8):
            task.done_at, task.done_by_id = done, owner
        self.writer.add(task)
