"""A front door's worth of contacts for the dashboard tests, made through the real services at chosen
moments (timezone.now is set to the moment each step happens), so clocks, repeat flags and decisions
are exactly what the application would have recorded.

The dashboard is then compared with figures computed here, plainly, from the raw rows.
"""

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from frontdoor.contacts import services
from frontdoor.contacts.models import ContactChild
from frontdoor.organisations.models import Role, Team
from frontdoor.people.models import Person
from frontdoor.performance.rules import Period
from tests import builders

LONDON = ZoneInfo("Europe/London")


def at(moment: datetime):
    """Run the services as if it were `moment` (whole seconds: contact_record's temporary reference,
    "pending-<timestamp>", overflows its 20 characters on PostgreSQL when now has microseconds)."""
    return mock.patch("django.utils.timezone.now", return_value=moment.replace(microsecond=0))


def local(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime.combine(day, time(hour, minute), tzinfo=LONDON)


@dataclass
class World:
    la: object
    other_la: object
    officer: object
    manager: object
    team_a: Team
    team_b: Team
    period: Period
    now: datetime
    people: dict[str, Person] = field(default_factory=dict)

    def journeys(self):
        """Every child's contact of the authority in the period, with everything the tests read."""
        return list(
            ContactChild.objects.filter(
                authority=self.la,
                contact__received_at__gte=self.period.starts_at,
                contact__received_at__lt=self.period.ends_before,
            )
            .select_related("contact", "person", "owner", "decision", "decision_clock", "statutory_clock")
            .order_by("pk")
        )


def _person(la, name: str, **fields) -> Person:
    person = builders.child(la, name, "Example")
    for key, value in fields.items():
        setattr(person, key, value)
    person.save()
    return person


def record(world_la, officer, children, received: datetime, *, source="2A", incident_hours=None, referrer=""):
    with at(received + timedelta(minutes=5)):
        return services.contact_record(
            actor=officer,
            children=children,
            received_at=received,
            channel="police_notification" if incident_hours is not None else "phone",
            source=source,
            concerns="Worried about the children at home.",
            concern_categories=["neglect"],
            consent="not_sought",
            consent_rationale="Seeking consent could place the child at risk.",
            incident_at=received - timedelta(hours=incident_hours) if incident_hours is not None else None,
            referrer_name=referrer,
        )


def screen(manager, journey, owner, moment):
    journey.refresh_from_db()
    with at(moment):
        services.contact_child_screen(
            actor=manager,
            journey=journey,
            version=journey.version,
            rag="amber",
            rag_reason="Needs a decision today",
            guidance="",
            owner=owner,
        )


def decide(manager, journey, outcome, moment):
    journey.refresh_from_db()
    with at(moment):
        services.contact_child_decide(
            actor=manager,
            journey=journey,
            version=journey.version,
            outcome=outcome,
            need_level=builders.level(journey.authority, 3),
            rationale="Threshold discussed with the team manager.",
        )


def build_world() -> World:
    """About thirty children's contacts over the last four months, plus some that must not count."""
    now = timezone.now().replace(microsecond=0)
    today = timezone.localdate()
    la, other_la = builders.authority(), builders.authority("330", "Birmingham (test)")
    officer = builders.user(la, Role.CONTACT_OFFICER)
    manager = builders.user(la, Role.TEAM_MANAGER)
    team_a = builders.team(la)
    team_b = Team.objects.create(authority=la, name="Assessment Team North")
    worker_a = builders.user(la, Role.SOCIAL_WORKER)
    worker_b = builders.user(la, Role.SOCIAL_WORKER)
    worker_b.team = team_b
    worker_b.save(update_fields=["team"])
    loner = builders.user(la, Role.SOCIAL_WORKER)
    loner.team = None
    loner.save(update_fields=["team"])
    owners = {"a": worker_a, "b": worker_b, "loner": loner, None: None}
    world = World(
        la, other_la, officer, manager, team_a, team_b, Period(today - timedelta(days=120), today), now
    )

    def day(days_ago: int) -> date:
        return today - timedelta(days=days_ago)

    # Children: every ethnicity group, sex, disability state and age band, with birthdays on the
    # day of the contact at the band edges (5th and 16th birthdays), an unborn baby and one born since.
    first_day = day(100)
    people = {
        "amy": _person(
            la, "Amy", sex="F", ethnicity="WBRI", date_of_birth=first_day - relativedelta(years=5)
        ),
        "ben": _person(
            la,
            "Ben",
            sex="M",
            ethnicity="MWBA",
            date_of_birth=first_day - relativedelta(years=5) + timedelta(days=1),
        ),
        "cal": _person(la, "Cal", sex="M", ethnicity="APKN", disabilities=["AUT"], date_of_birth=day(3000)),
        "dee": _person(
            la,
            "Dee",
            sex="F",
            ethnicity="BAFR",
            disabilities=["NONE"],
            date_of_birth=day(90) - relativedelta(years=16),
        ),
        "eve": _person(
            la, "Eve", sex="F", ethnicity="CHNE", disabilities=["MOB", "VIS"], date_of_birth=day(5000)
        ),
        "fin": _person(
            la, "Fin", sex="U", ethnicity="NOBT", date_of_birth=None, expected_date_of_birth=day(-30)
        ),
        "gus": _person(
            la, "Gus", sex="M", ethnicity="REFU", date_of_birth=day(40)
        ),  # unborn at his first contact
        "hal": _person(la, "Hal", sex="M", ethnicity="WIRT", date_of_birth=None),
        "ivy": _person(la, "Ivy", sex="F", ethnicity="OOTH", date_of_birth=day(200)),
        "jon": _person(la, "Jon", sex="M", ethnicity="BCRB", date_of_birth=day(6000)),
    }
    world.people = people
    builders.living_together(la, people["amy"], people["ben"])
    p = people

    # Just after midnight on the first of a month and on a Monday: in summer time these are the
    # previous day in UTC, so counting weeks and months in UTC would put them in the wrong bucket.
    month_start = today.replace(day=1) - relativedelta(months=2)
    monday = month_start + timedelta(days=(7 - month_start.weekday()) % 7 or 7)
    # (received, children, source, incident hours before receipt, owner, outcome, decided after hours)
    plan = [
        (local(month_start, 0, 30), ["hal"], "4", None, "a", "nfa", 9),
        (local(monday, 0, 30), ["ivy"], "6", 2, None, "nfa", 24),  # decided exactly 24 hours later
    ]
    plan += [
        (local(day(n), hour), *rest)
        for n, hour, *rest in [
            (100, 9, ["amy", "ben"], "2A", None, "a", "assessment", 3),
            (95, 10, ["cal"], "6", 1.5, "b", "nfa", 30),
            (90, 16, ["dee"], "6", 10, None, "strategy", 20),
            (88, 8, ["eve"], "3A", None, "loner", "advice", 50),
            (80, 11, ["amy"], "1A", None, "a", "early_help", 23),
            (75, 14, ["fin"], "3B", None, "b", "assessment", 26),
            (70, 9, ["amy"], "2A", None, None, "nfa", 2),
            (66, 17, ["gus", "ben"], "6", 30, "a", "strategy", 100),
            (60, 12, ["hal"], "8", None, "b", None, None),
            (55, 13, ["ivy"], "6", 72, None, "assessment", 4),
            (50, 15, ["jon"], "1A", None, "a", "nfa", 70),
            (45, 9, ["cal"], "5D", None, None, None, None),
            (40, 10, ["dee"], "6", 5, "b", "advice", 6),
            (33, 8, ["eve"], "2B", None, "a", "assessment", 25),
            (26, 12, ["gus"], "6", 24, None, "nfa", 47),
            (20, 9, ["hal"], "10", None, "loner", "early_help", 1),
            (14, 16, ["ivy", "jon"], "9", None, "b", "strategy", 18),
            (9, 11, ["amy"], "6", 0.25, "a", None, None),
            (6, 10, ["ben"], "3E", None, None, "assessment", 48),
            (3, 18, ["cal"], "7", None, "b", "nfa", 15),
        ]
    ]
    referrers = iter(["Aunt Rose", "Uncle Sam", "Gran Pat"])
    for received, names, source, incident, owner, outcome, after in sorted(plan, key=lambda row: row[0]):
        contact = record(
            la,
            officer,
            [p[n] for n in names],
            received,
            source=source,
            incident_hours=incident,
            referrer=next(referrers) if source == "1A" else "",
        )
        for journey in contact.children.order_by("pk"):
            if owner is not None:
                screen(manager, journey, owners[owner], received + timedelta(minutes=30))
            if outcome is not None:
                decide(manager, journey, outcome, received + timedelta(hours=after))
    # Waiting now: one received an hour ago (not yet due), one two days ago (past due).
    record(la, officer, [p["jon"]], now - timedelta(hours=1))
    record(la, officer, [p["eve"]], now - timedelta(hours=50), source="6", incident_hours=3)
    # Outside the period, and another authority's front door: never counted.
    record(la, officer, [p["amy"]], local(day(200), 10))
    other_officer = builders.user(other_la, Role.CONTACT_OFFICER)
    stranger = builders.child(other_la, "Sid", "Elsewhere")
    record(other_la, other_officer, [stranger], local(day(50), 10), source="6", incident_hours=2)
    return world


@pytest.fixture
def world(db) -> World:
    return build_world()
