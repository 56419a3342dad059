"""A front door's worth of contacts for the dashboard tests, made through the real services at chosen
moments (timezone.now is set to the moment each step happens), so clocks, repeat flags and decisions
are exactly what the application would have recorded.

The dashboard is then compared with figures computed here, plainly, from the raw rows.

The world takes seconds to build and the tests only read it, so it is built once per module, as
tests/security does: inside a transaction rolled back at the end of the module, each test in a
savepoint inside it (pytest-django's `db`), so a test that wrote would still leave it unchanged.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone

from frontdoor.casenotes import services as note_services
from frontdoor.casenotes.models import CaseNote, NoteChild
from frontdoor.child_protection import services as cp_services
from frontdoor.child_protection.models import Section47, StrategyDiscussion
from frontdoor.child_protection.services import ChildPart
from frontdoor.clocks.services import clock_complete, clock_pause, clock_start
from frontdoor.complaints import services as complaint_services
from frontdoor.contacts import services
from frontdoor.contacts.models import Contact, ContactChild
from frontdoor.domestic_abuse.models import Notification, NotifiedChild
from frontdoor.drift.models import Panel, PanelDecision
from frontdoor.drift.rules import codes_field
from frontdoor.exploitation import services as exploitation_services
from frontdoor.missing import services as missing_services
from frontdoor.missing.models import MissingEpisode
from frontdoor.organisations.models import Role, Team, User
from frontdoor.people.models import Person
from frontdoor.performance.rules import Period
from frontdoor.plans import services as plan_services
from frontdoor.plans.models import Paper
from frontdoor.plans.papers import PaperOf, paper_sent_record
from frontdoor.quality import services as quality_services
from frontdoor.referrals import services as referral_services
from frontdoor.referrals.models import Referral
from frontdoor.tasks.models import Task
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

    def enquiries(self):
        """Every section 47 enquiry of the authority, with its strategy discussion and conference."""
        return list(
            Section47.objects.filter(authority=self.la)
            .select_related("person", "discussion", "referral")
            .prefetch_related("referral__allocations")
            .order_by("pk")
        )

    def discussions(self):
        return list(
            StrategyDiscussion.objects.filter(authority=self.la)
            .select_related("person", "referral")
            .prefetch_related("participants", "referral__allocations")
            .order_by("pk")
        )

    def missing(self):
        """Every missing episode of the authority, with its child, interview, clock and the child's
        allocations (for the team)."""
        return list(
            MissingEpisode.objects.filter(authority=self.la)
            .select_related("person", "interview_clock")
            .prefetch_related("person__referrals__allocations")
            .order_by("pk")
        )

    def child_notes(self):
        """Every child's case note of the authority, with its note, author and child."""
        return list(
            NoteChild.objects.filter(authority=self.la)
            .select_related("note__author", "person")
            .order_by("pk")
        )

    def episodes(self):
        """Every children-in-need episode of the authority, whenever received, with its clocks, the
        child and its allocations (oldest first)."""
        return list(
            Referral.objects.filter(authority=self.la)
            .select_related("person", "child_seen_clock", "assessment_clock")
            .prefetch_related("allocations", "visits")
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
            # One level for every outcome: the figures do not depend on it (kept only where it departs).
            override_reason="Test world: one level of need for every decision",
        )


def open_episode(person) -> Referral:
    return Referral.objects.get(person=person, closure_date__isnull=True, nfa=False)


def allocate(manager, person, team, worker, moment):
    with at(moment):
        referral = open_episode(person)
        referral_services.allocation_make(actor=manager, referral=referral, team=team, worker=worker)


def see(worker, person, occurred, recorded=None):
    """A visit seeing the child at `occurred`, recorded then (or later, at `recorded`)."""
    with at(recorded or occurred + timedelta(minutes=5)):
        referral_services.visit_record(
            actor=worker,
            person=person,
            occurred_at=occurred,
            seen=True,
            referral=open_episode(person),
            seen_alone=True,
            childs_words="I like my school.",
        )


def complete_assessment(person, moment):
    """The assessment is finished (there is no assessment service yet: its clock stops here)."""
    clock_complete(clock=open_episode(person).assessment_clock, at=moment.replace(microsecond=0))


def close(person, moment):
    """The episode closes after the assessment (no closure service yet: the fields are set here)."""
    Referral.objects.filter(pk=open_episode(person).pk).update(
        closure_date=moment.astimezone(LONDON).date(), closure_reason="RC8"
    )


def episode_events(world, day, owners):
    """(moment, action) for the episodes' allocations, visits, assessments and closures, run in time
    order with the contacts, so that a closed episode lets a later referral open a new one (a
    re-referral). Worked through in tests/performance/test_figures.py's guard test."""
    p, m = world.people, world.manager
    team_a, team_b = world.team_a, world.team_b
    a, b = owners["a"], owners["b"]
    return [
        # Amy's referral of 200 days ago: assessment finished inside the period (over 45 days).
        (local(day(199), 9), lambda: allocate(m, p["amy"], team_a, a, local(day(199), 9))),
        (local(day(110), 10), lambda: complete_assessment(p["amy"], local(day(110), 10))),
        (local(day(110), 11), lambda: close(p["amy"], local(day(110), 11))),
        # Amy and Ben, referred 100 days ago (Amy's is a re-referral).
        (local(day(99), 10), lambda: allocate(m, p["amy"], team_a, a, local(day(99), 10))),
        (local(day(99), 10, 5), lambda: allocate(m, p["ben"], team_b, b, local(day(99), 10, 5))),
        (local(day(99), 12), lambda: see(a, p["amy"], local(day(100), 14), local(day(99), 12))),
        (local(day(80), 12), lambda: see(b, p["ben"], local(day(80), 11))),
        (local(day(70), 10), lambda: complete_assessment(p["ben"], local(day(70), 10))),
        (local(day(70), 11), lambda: close(p["ben"], local(day(70), 11))),
        (local(day(20), 10), lambda: complete_assessment(p["amy"], local(day(20), 10))),
        # Dee (significant harm, 90 days ago): seen days later, never allocated, assessment open.
        (local(day(84), 15), lambda: see(m, p["dee"], local(day(84), 14))),
        # Fin (75 days ago): allocated, not yet seen; assessment done within two days.
        (local(day(73), 9), lambda: allocate(m, p["fin"], team_b, b, local(day(73), 9))),
        (local(day(73), 16), lambda: complete_assessment(p["fin"], local(day(73), 16))),
        # Gus and Ben again (significant harm, 66 days ago): Ben's is a new episode, a re-referral.
        (local(day(61), 23), lambda: allocate(m, p["gus"], team_a, a, local(day(61), 23))),
        (local(day(61), 23, 5), lambda: allocate(m, p["ben"], team_a, a, local(day(61), 23, 5))),
        (local(day(61), 23, 10), lambda: see(a, p["ben"], local(day(66), 19), local(day(61), 23, 10))),
        (local(day(60), 10), lambda: see(a, p["gus"], local(day(60), 9))),
        (local(day(10), 10), lambda: allocate(m, p["ben"], team_b, b, local(day(10), 10))),
        (local(day(5), 10), lambda: complete_assessment(p["gus"], local(day(5), 10))),
        # Ivy (55 days ago): seen next day; assessment done, episode closed before her next referral.
        (local(day(54), 12), lambda: allocate(m, p["ivy"], team_a, a, local(day(54), 12))),
        (local(day(54), 13), lambda: see(a, p["ivy"], local(day(54), 12, 30))),
        (local(day(15), 10), lambda: complete_assessment(p["ivy"], local(day(15), 10))),
        (local(day(15), 11), lambda: close(p["ivy"], local(day(15), 11))),
        # Ivy again (significant harm, 14 days ago: a re-referral), seen within hours, assessed in a day.
        (local(day(13), 11), lambda: see(m, p["ivy"], local(day(14), 19), local(day(13), 11))),
        (local(day(13), 12), lambda: complete_assessment(p["ivy"], local(day(13), 12))),
    ]


def weekday_on_or_after(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def strategy(worker, person, held_at, attended, *, section47=True):
    """A strategy discussion for the child's open episode; police, health, education and children's
    social care invited, `attended` present."""
    with at(held_at + timedelta(hours=1)):
        return cp_services.strategy_discussion_record(
            actor=worker,
            referral=open_episode(person),
            held_at=held_at,
            information_shared="Police and school shared what they know.",
            section47=section47,
            decision_reason="Reasonable cause to suspect significant harm.",
            invited=["police", "health", "education", "social_care"],
            attended=[*attended, "social_care"],
            late_rationale="The police lead was not available sooner.",
            interim_safety_plan="The child stays with grandparents meanwhile.",
        )


def enquiry_needs_conference(worker, discussion, ended: date):
    enquiry = Section47.objects.get(discussion=discussion)
    with at(local(ended, 17)):
        return cp_services.section47_outcome_record(
            harm_likely=True,
            next_step="Initial conference",
            actor=worker,
            enquiry=enquiry,
            version=enquiry.version,
            child_seen_on=enquiry.start_date,
            outcome="icpc",
            end_date=ended,
        )


def conference(worker, enquiry, held_on: date, **part):
    enquiry.refresh_from_db()
    part = {"child_attended": False, "views_how": "Through their social worker."} | part
    with at(local(held_on, 18)):
        cp_services.conference_initial_record(
            actor=worker,
            held_on=held_on,
            chair="Independent chair",
            invited=["police", "health", "education"],
            attended=["police", "health"],
            children=[ChildPart(**part, enquiry=enquiry)],
        )


def papers_sent(world):
    """Two children-in-need plans of open episodes in the period, each sent to the police on time
    (within 5 working days of the plan) and to health late (issue 16 §3.4)."""
    la, m = world.manager.authority, world.manager
    police, health = builders.agency(la), builders.agency(la, "Mercia Health", "health")
    open_episodes = Referral.objects.filter(
        authority=la, closure_date__isnull=True, nfa=False, referral_date__gte=world.period.first
    ).order_by("referral_date", "pk")
    for referral in list(open_episodes)[:2]:
        plan = plan_services.cin_plan_start(actor=m, referral=referral, start_date=referral.referral_date)
        paper = PaperOf(Paper.PLAN, plan, plan.person_id, plan.start_date, "Child in need plan")
        for agency, days in ((police, 1), (health, 10)):
            sent_on = min(plan.start_date + timedelta(days=days), timezone.localdate())
            paper_sent_record(
                actor=m, referral=referral, paper=paper, sent_on=sent_on, method="secure_email", agency=agency
            )


def child_protection(world, day):
    """Strategy discussions for the episodes where significant harm was suspected; the enquiries they
    start, and initial conferences within 15 working days, later, and not yet held."""
    p, m = world.people, world.manager
    dee = strategy(m, p["dee"], local(day(88), 10), ["police", "health", "education"])
    # Dee (16) is heard through her social worker and an advocate she was offered and used.
    conference(
        m, enquiry_needs_conference(m, dee, day(80)), weekday_on_or_after(day(76)),
        advocacy_offered=True, advocacy_accepted=True, advocacy_used=True,
    )  # fmt: skip
    gus = strategy(m, p["gus"], local(day(61), 10), ["police", "health"])
    conference(m, enquiry_needs_conference(m, gus, day(55)), weekday_on_or_after(day(31)))
    ben = strategy(m, p["ben"], local(day(61), 11), ["police"])
    enquiry_needs_conference(m, ben, day(50))  # and no conference: overdue
    ivy = strategy(m, p["ivy"], local(day(12), 10), ["police", "health", "education"])
    enquiry_needs_conference(m, ivy, day(5))  # not yet due
    strategy(m, p["jon"], local(day(12), 11), [], section47=False)


def went_missing(manager, person, went, *, back_hours=None, offer=None, reference=""):
    """A missing episode through the missing services; `offer` is (hours after the return,
    independent, accepted, completed) or None for no interview offered."""
    episode = missing_services.episode_record(
        actor=manager,
        data=missing_services.EpisodeData(
            person=person,
            looked_after=False,
            went_missing_at=went,
            reported_at=went + timedelta(hours=1),
            notified_at=went + timedelta(hours=2),
            returned_at=went + timedelta(hours=back_hours) if back_hours is not None else None,
            where_found="Friend's house" if back_hours is not None else "",
            police_reference=reference,
        ),
    )
    if offer is None:
        return episode
    hours, independent, accepted, completed = offer
    interview = missing_services.interview_offer(
        actor=manager,
        episode=episode,
        offered_at=episode.returned_at + timedelta(hours=hours),
        offered_by="Get Safe worker" if independent else "Allocated social worker",
        offered_by_independent=independent,
        not_independent_reason="" if independent else "No independent worker free",
        accepted=accepted,
        declined_reason="Did not want to talk" if accepted is False else "",
        asked_preference=independent,
    )
    if completed:
        missing_services.interview_complete(
            actor=manager,
            interview=interview,
            version=interview.version,
            completed_at=interview.offered_at + timedelta(hours=2),
            completed_by="Get Safe worker",
            childs_account="I stayed with friends.",
            held_by_independent=independent,
        )
    return episode


def missing_children(world, day, month_start):
    """Missing episodes: interviews offered in time, at exactly 72 hours, late, not at all, by an
    independent person or not, accepted, declined, completed; Amy missing twice in one month, Jon
    on the last day of one month and just after midnight on the first of the next (UK time); Eve
    still missing; one episode before the period and one in another authority."""
    p, m = world.people, world.manager
    went_missing(
        m, p["amy"], local(month_start + timedelta(days=2), 21), back_hours=10, offer=(20, True, True, True)
    )
    went_missing(
        m, p["amy"], local(month_start + timedelta(days=9), 23), back_hours=30, offer=(80, True, None, False)
    )
    went_missing(
        m, p["ben"], local(month_start + timedelta(days=5), 18), back_hours=4, offer=(72, True, True, False)
    )
    went_missing(m, p["jon"], local(month_start - timedelta(days=1), 22), back_hours=5)
    went_missing(m, p["jon"], local(month_start, 0, 30), back_hours=3, offer=(5, False, False, False))
    went_missing(m, p["hal"], local(day(40), 14), back_hours=26)
    went_missing(m, p["ivy"], local(day(20), 20), back_hours=12, offer=(30, False, True, True))
    went_missing(m, p["gus"], local(day(8), 16), back_hours=6, offer=(2, True, True, False))
    went_missing(m, p["eve"], local(day(2), 19))  # still missing
    went_missing(m, p["cal"], local(day(130), 19), back_hours=40)  # before the period


def overdue_timescales(world, day) -> None:
    """Statutory timescales after the conference for the overdue figures: overdue now (one by more
    than 4 weeks), not yet due, paused, done, due before the period, and another authority's."""
    p, la = world.people, world.la

    def start(person, standard, days_ago, authority=la):
        return clock_start(
            authority=authority,
            standard=standard,
            started_at=local(day(days_ago), 10),
            subject=person,
            person=person,
        )

    for name, standard, days_ago in (
        ("dee", "cp_visit", 30),
        ("gus", "cp_visit", 25),
        ("gus", "first_core_group", 60),  # due about 46 days ago: overdue by more than 4 weeks
        ("ivy", "core_group", 40),
        ("dee", "review_conference", 200),
        ("jon", "first_review_conference", 100),
        ("fin", "cin_plan_review", 110),
        ("ben", "cp_visit", 2),  # not yet due
        ("amy", "cin_plan_review", 250),  # fell due before the period
    ):
        start(p[name], standard, days_ago)
    clock_pause(clock=start(p["ivy"], "core_group", 50), at=local(day(25), 9))
    clock_complete(clock=start(p["jon"], "cp_visit", 40), at=local(day(20), 9))
    start(builders.child(world.other_la, "Sol", "Elsewhere"), "cp_visit", 30, world.other_la)
    overdue_tasks(world, day)


def overdue_tasks(world, day) -> None:
    """Tasks for the overdue tasks figure: overdue (one by more than 4 weeks, one a partner's, one a
    MARAC action),
    done, cancelled, due today, about no child, and before the period."""
    p, la = world.people, world.la
    owners = {"a": {"owner_user": world.manager}, "b": {"owner_user": User.objects.get(team=world.team_b)}}
    owners["partner"] = {"owner_name": "Dr Patel (GP)"}

    def make(name, owner, due_days_ago, kind="core_group", **fields):
        return Task.objects.create(
            authority=la, person=p[name] if name else None, kind=kind,
            source_type="referrals.referral", source_id=0, what="Share the health assessment",
            due_on=day(due_days_ago), created_by=world.manager,
            created_at=local(day(due_days_ago + 10), 10), **owners[owner], **fields,
        )  # fmt: skip

    make("amy", "a", 3)
    make("amy", "a", 40)  # overdue by more than 4 weeks
    make("dee", "b", 15, kind="marac")  # a MARAC action (domestic abuse), also counted on its own
    make("gus", "partner", 8)
    make("ivy", "a", 5, done_at=world.now)
    make("jon", "b", 5, cancelled_at=world.now, cancel_reason="No longer needed")
    make("ben", "a", 0)  # due today: not overdue yet
    make(None, "a", 6)  # about no child
    make("cal", "a", 150)  # due before the period


def case_note(author, children, occurred: datetime, recorded: datetime) -> CaseNote:
    """A note written through the service, then moved to when it was written (the service writes
    the time of the call, which a test cannot choose)."""
    note = note_services.case_note_record(
        actor=author, children=children, kind="home_visit", occurred_at=occurred, text="Visited the family"
    )
    CaseNote.objects.filter(pk=note.pk).update(recorded_at=recorded, recording_delay=recorded - occurred)
    return CaseNote.objects.get(pk=note.pk)


def case_notes(world, day, owners):
    """Notes on time and late, by authors in each team, one before the period, one elsewhere."""
    p = world.people
    case_note(owners["a"], [p["amy"], p["ben"]], local(day(30), 10), local(day(30), 15))  # on time
    case_note(owners["b"], [p["fin"]], local(day(50), 10), local(day(40), 9))  # late
    case_note(world.manager, [p["dee"]], local(day(21), 9), local(day(20), 9))  # on time
    case_note(owners["a"], [p["eve"], p["cal"]], local(day(12), 11), local(day(3), 12))  # late
    case_note(owners["a"], [p["gus"]], local(day(150), 11), local(day(140), 12))  # before the period


def domestic_abuse_notifications(world) -> None:
    """Each police contact of the plan as a domestic abuse notification (issue 19 §2), risk levels
    in turn standard, medium, high; written as rows (no new contact, no clock), so the other
    figures count what they counted before. A child's second police contact is a repeat within 12
    months; the children decided and not decided are the journeys' own."""
    levels = ("standard", "medium", "high")
    contacts = Contact.objects.filter(authority=world.la, channel="police_notification").order_by(
        "received_at"
    )
    for n, contact in enumerate(contacts):
        notification = Notification.objects.create(
            authority=world.la, contact=contact, incident_at=contact.incident_at,
            received_at=contact.received_at, risk_level=levels[n % 3], incident=contact.concerns,
            recorded_by=world.officer, recorded_at=contact.recorded_at,
        )  # fmt: skip
        for journey in contact.children.order_by("pk"):
            NotifiedChild.objects.create(
                authority=world.la, notification=notification, person_id=journey.person_id,
                received_at=contact.received_at, risk_level=notification.risk_level,
            )  # fmt: skip


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
    # Referrals from before the period: Eve's more than 12 months ago, Amy's within them.
    for name, days_ago, closes in (("eve", 400, 380), ("amy", 200, None)):
        earlier = record(la, officer, [p[name]], local(day(days_ago), 10))
        decide(manager, earlier.children.get(), "assessment", local(day(days_ago), 11))
        if closes:
            complete_assessment(p[name], local(day(closes), 10))
            close(p[name], local(day(closes), 10))
    events = sorted(episode_events(world, day, owners), key=lambda event: event[0])
    referrers = iter(["Aunt Rose", "Uncle Sam", "Gran Pat"])
    for received, names, source, incident, owner, outcome, after in sorted(plan, key=lambda row: row[0]):
        while events and events[0][0] < received:
            events.pop(0)[1]()
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
    for _, action in events:
        action()
    child_protection(world, day)
    papers_sent(world)
    missing_children(world, day, month_start)
    overdue_timescales(world, day)
    case_notes(world, day, owners)
    complaints_and_notes(world, day, p, worker_a)
    domestic_abuse_notifications(world)
    drift_and_disruption(world, day, p, worker_a)
    # Waiting now: one received an hour ago (not yet due), one two days ago (past due).
    record(la, officer, [p["jon"]], now - timedelta(hours=1))
    record(la, officer, [p["eve"]], now - timedelta(hours=50), source="6", incident_hours=3)
    # Outside the period (Amy's referral of 200 days ago, above), and another authority's front
    # door: never counted.
    other_officer = builders.user(other_la, Role.CONTACT_OFFICER)
    stranger = builders.child(other_la, "Sid", "Elsewhere")
    record(other_la, other_officer, [stranger], local(day(50), 10), source="6", incident_hours=2)
    went_missing(builders.user(other_la, Role.TEAM_MANAGER), stranger, local(day(30), 20), back_hours=2)
    case_note(builders.user(other_la, Role.TEAM_MANAGER), [stranger], local(day(30), 9), local(day(25), 9))
    return world


def drift_and_disruption(world: World, day, people, worker) -> None:
    """Issue 19 §4, §5: a drift panel in the period deciding on Amy (open over 6 months, not
    visited) and Ben (assessment late), each with an action done (Amy's on time, Ben's late, so
    neither is overdue work); and a child abduction warning notice protecting Cal."""
    senior = builders.user(world.la, Role.SENIOR_LEADER)
    panel = Panel.objects.create(
        authority=world.la, held_on=day(30), attendees="Chair", chair=senior, recorded_at=local(day(30), 15)
    )
    for name, codes, due, done in (
        ("amy", ["cin_open", "not_visited"], 20, 21),
        ("ben", ["assessment_late"], 15, 10),
    ):
        referral = Referral.objects.filter(person=people[name]).order_by("pk").first()
        decision = PanelDecision.objects.create(
            authority=world.la, panel=panel, person=people[name], referral=referral,
            reasons=[{"code": c, "words": c} for c in codes], reason_codes=codes_field(codes),
            decision="Review", next_review_on=day(2), held_on=panel.held_on, recorded_by=senior,
            recorded_at=local(day(30), 15),
        )  # fmt: skip
        Task.objects.create(
            authority=world.la, person=people[name], kind="drift_panel", source_type="drift.paneldecision",
            source_id=decision.pk, what="Visit", owner_user=worker, due_on=day(due), created_by=senior,
            created_at=local(day(30), 15), done_at=local(day(done), 12), done_by=worker,
        )  # fmt: skip
    place = exploitation_services.place_link(
        actor=worker, person=people["cal"], name="The arches", kind="other"
    ).place
    exploitation_services.disruption_record(
        actor=worker, person=people["cal"], kind="cawn", taken_on=day(25), agency="West Mercia Police",
        target=place, outcome="Served",
    )  # fmt: skip


def complaints_and_notes(world: World, day, people, worker) -> None:
    """Issue 19: complaints at stage 1 (on time, late, unanswered), one on to stage 2, and practice
    notes open, acknowledged and closed, all in the period."""
    qa = builders.user(world.la, Role.QUALITY_ASSURANCE)
    made = []
    for name, days_ago, theme in (
        ("amy", 90, "communication"),
        ("ben", 70, "decision"),
        ("cal", 50, "service"),
    ):
        made.append(complaint_services.complaint_record(
            actor=qa, person=people[name], complainant="parent", complainant_name="A parent", theme=theme,
            summary="Not kept informed", received_at=local(day(days_ago), 10),
        ))  # fmt: skip
    for complaint, answered in zip(made[:2], (day(85), day(45)), strict=True):
        complaint_services.complaint_stage_respond(
            actor=qa, complaint=complaint, version=complaint.version, responded_on=answered, outcome="partly",
            response="",
        )  # fmt: skip
        complaint.refresh_from_db()
    complaint_services.complaint_escalate(
        actor=qa, complaint=made[0], version=made[0].version, stage=2, requested_on=day(80)
    )
    made[0].refresh_from_db()
    complaint_services.complaint_stage_respond(
        actor=qa,
        complaint=made[0],
        version=made[0].version,
        responded_on=day(60),
        outcome="upheld",
        response="",
    )
    notes = [
        quality_services.practice_note_raise(
            actor=qa, person=people[name], worker=worker, kind="concern", theme=theme, text="Seen alone?"
        )
        for name, theme in (("amy", "visits"), ("ben", "visits"), ("cal", "recording"))
    ]
    quality_services.practice_note_acknowledge(actor=worker, note=notes[0])
    quality_services.practice_note_close(actor=worker, note=notes[1], response="Done")


@pytest.fixture(scope="module")
def _world_once(django_db_setup, django_db_blocker) -> Iterator[World]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield build_world()
        transaction.set_rollback(True)


@pytest.fixture
def world(_world_once: World, db) -> World:
    return _world_once
