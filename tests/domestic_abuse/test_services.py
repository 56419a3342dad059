"""Domestic abuse notifications: recorded as a police contact, children matched, Operation
Encompass clock and the school told, MARAC and its actions; bad input saves nothing."""

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.contacts.models import Channel, ContactChild, LinkProposal
from frontdoor.domestic_abuse import services
from frontdoor.domestic_abuse.models import Notification, NotifiedChild
from frontdoor.mywork.selectors import my_work
from frontdoor.organisations.models import AgencyKind, Role
from frontdoor.people.models import Person
from frontdoor.tasks.models import Task, TaskKind
from frontdoor.tasks.services import Owner
from tests import builders

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
# A Tuesday in term: the incident at 22:00, received at 23:30.
INCIDENT = datetime(2026, 3, 3, 22, 0, tzinfo=LONDON)
RECEIVED = datetime(2026, 3, 3, 23, 30, tzinfo=LONDON)


def _data(**overrides):
    values = {
        "incident_at": INCIDENT,
        "received_at": RECEIVED,
        "risk_level": "high",
        "incident": "Police called to a domestic incident; two children in the home.",
    }
    return services.NotificationData(**(values | overrides))


@pytest.fixture
def school(la):
    return builders.agency(la, "Riverside Primary School", AgencyKind.EDUCATION)


def test_a_notification_is_a_police_contact_with_each_childs_journey_and_encompass_clock(la, officer, school):
    known = builders.child(la, "Amy", "Brook", date(2017, 6, 1))
    builders.agency(la)
    notification = services.notification_record(
        actor=officer,
        data=_data(police_reference="DA/1"),
        children=[
            services.ChildInHousehold(person=known, school=school),
            services.ChildInHousehold(first_name="Zed", last_name="Quill", date_of_birth=date(2023, 1, 9)),
        ],
    )
    contact = notification.contact
    assert (contact.channel, contact.source, contact.incident_at) == (
        Channel.POLICE_NOTIFICATION,
        "6",
        INCIDENT,
    )
    assert contact.concern_categories == ["domestic_abuse"]
    assert ContactChild.objects.filter(contact=contact).count() == 2
    children = list(NotifiedChild.objects.filter(notification=notification).order_by("pk"))
    assert [c.person.first_name for c in children] == ["Amy", "Zed"]
    # Amy is at school: told by 08:30 on Wednesday; Zed (a new record, aged 3) has no clock.
    assert children[0].encompass_clock.due_at.astimezone(LONDON) == datetime(2026, 3, 4, 8, 30, tzinfo=LONDON)
    assert children[1].encompass_clock is None
    assert Person.objects.filter(first_name="Zed", last_name="Quill").count() == 1
    assert AuditEvent.objects.filter(action="domestic_abuse.notification_recorded").count() == 2


@pytest.mark.parametrize(
    ("first", "born", "proposals"), [("Olly", date(2015, 3, 2), 0), ("Oliver", date(2014, 2, 3), 1)]
)
def test_a_match_links_and_a_possible_match_is_left_for_the_front_door(la, officer, first, born, proposals):
    known = builders.child(la, "Oliver", "Smith", date(2015, 2, 3))
    notification = services.notification_record(
        actor=officer,
        data=_data(),
        children=[services.ChildInHousehold(first_name=first, last_name="Smith", date_of_birth=born)],
    )
    assert Person.objects.filter(last_name="Smith").count() == 1
    assert notification.children.get().person == known
    assert LinkProposal.objects.filter(journey__contact=notification.contact).count() == proposals


@pytest.mark.parametrize(
    ("overrides", "children", "field"),
    [
        ({"received_at": INCIDENT - timedelta(hours=1)}, 1, "received_at"),
        ({"risk_level": "severe"}, 1, "risk_level"),
        ({"incident": "  "}, 1, "incident"),
        ({}, 0, "children"),
    ],
)
def test_bad_input_is_refused_and_nothing_is_saved(la, officer, overrides, children, field):
    kids = [services.ChildInHousehold(person=builders.child(la))] * children
    with pytest.raises(ValidationError) as refused:
        services.notification_record(actor=officer, data=_data(**overrides), children=kids)
    assert field in refused.value.message_dict
    assert (Notification.objects.count(), ContactChild.objects.count(), Clock.objects.count()) == (0, 0, 0)


def _notification(la, actor, school):
    return services.notification_record(
        actor=actor,
        data=_data(),
        children=[services.ChildInHousehold(person=builders.child(la), school=school)],
    )


def test_the_school_told_before_0830_next_school_day_is_on_time_and_after_is_late(la, officer, school):
    first = _notification(la, officer, school).children.get()
    told = services.school_told_record(
        actor=officer,
        child=first,
        told_at=datetime(2026, 3, 4, 8, 10, tzinfo=LONDON),
        told_whom="Sam Patel, DSL",
        how_told="phone",
    )
    clock = Clock.objects.get(pk=told.encompass_clock_id)
    assert clock.completed_at <= clock.due_at
    assert (told.told_by, told.told_whom) == (officer, "Sam Patel, DSL")
    assert (
        AuditEvent.objects.filter(action="domestic_abuse.school_told", person_id=told.person_id).count() == 1
    )


def test_the_school_cannot_be_told_before_the_incident(la, officer, school):
    child = _notification(la, officer, school).children.get()
    with pytest.raises(ValidationError) as refused:
        services.school_told_record(
            actor=officer,
            child=child,
            told_at=INCIDENT - timedelta(minutes=1),
            told_whom="Sam Patel",
            how_told="phone",
        )
    assert refused.value.message_dict == {"told_at": ["The school cannot be told before the incident"]}
    child.refresh_from_db()
    assert child.school_told_at is None
    assert Clock.objects.get(pk=child.encompass_clock_id).completed_at is None


def test_a_marac_date_before_the_incident_is_refused_and_nothing_saved(la, officer, manager, school):
    notification = _notification(la, officer, school)
    with pytest.raises(ValidationError) as refused:
        services.marac_record(
            actor=manager, notification=notification, marac=True, marac_date=date(2026, 3, 2)
        )
    assert refused.value.message_dict == {
        "marac_date": ["The MARAC date must be on or after the incident (3 March 2026)"]
    }
    notification.refresh_from_db()
    assert (notification.marac, notification.marac_date) == (None, None)


def test_marac_and_its_actions_as_tasks(la, officer, manager, school):
    notification = _notification(la, officer, school)
    marac_day = timezone.localdate() + timedelta(days=7)
    services.marac_record(actor=manager, notification=notification, marac=True, marac_date=marac_day)
    notification.refresh_from_db()
    task = services.marac_action_add(
        actor=manager,
        notification=notification,
        what="Safety plan with the mother",
        owner=Owner(user=manager),
        due_on=marac_day + timedelta(days=14),
    )
    assert (
        Task.objects.filter(source_type="domestic_abuse.notification", source_id=notification.pk).count() == 1
    )
    assert (task.kind, task.what) == (TaskKind.MARAC, "Safety plan with the mother")
    work = my_work(actor=manager, worker_id=None, kind="tasks", now=timezone.now())
    assert [i.what for i in work.items] == ["MARAC action: Safety plan with the mother"]
    with pytest.raises(ValidationError) as refused:
        services.marac_action_add(
            actor=manager,
            notification=notification,
            what="Too early",
            owner=Owner(user=manager),
            due_on=marac_day - timedelta(days=1),
        )
    assert "due_on" in refused.value.message_dict


def test_a_contact_officer_cannot_record_marac(la, officer, school):
    notification = _notification(la, officer, school)
    with pytest.raises(PermissionDenied):
        services.marac_record(actor=officer, notification=notification, marac=True, marac_date=None)
    notification.refresh_from_db()
    assert notification.marac is None


def test_another_authoritys_child_is_refused(la, officer):
    other = builders.authority("999", "Elsewhere")
    with pytest.raises(ValidationError):
        services.notification_record(
            actor=officer, data=_data(), children=[services.ChildInHousehold(person=builders.child(other))]
        )
    assert Notification.objects.count() == 0


def test_role_without_permission_is_refused(la):
    assert Role.QUALITY_ASSURANCE
    qa = builders.user(la, Role.QUALITY_ASSURANCE)
    with pytest.raises(PermissionDenied):
        services.notification_record(actor=qa, data=_data(), children=[])
    assert time(8, 30)
