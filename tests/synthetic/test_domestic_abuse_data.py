"""The synthetic county's domestic abuse notifications: one for each police contact about domestic
abuse, each child of the contact named, Operation Encompass clocks due at 08:30 on a working day and
completed when the school was told, MARAC only with a date after the incident, actions as tasks."""

from zoneinfo import ZoneInfo

from frontdoor.clocks.services import calendar_for
from frontdoor.contacts.models import Channel, Contact, ContactChild
from frontdoor.domestic_abuse.models import Notification, NotifiedChild
from frontdoor.tasks.models import Task

LONDON = ZoneInfo("Europe/London")


def test_every_police_domestic_abuse_contact_is_a_notification_with_its_children(small):
    la = small.authority
    police = [
        c
        for c in Contact.objects.filter(authority=la, channel=Channel.POLICE_NOTIFICATION)
        if "domestic_abuse" in c.concern_categories
    ]
    notifications = Notification.objects.filter(authority=la)
    assert police
    assert notifications.count() == len(police)
    assert (
        NotifiedChild.objects.filter(authority=la).count()
        == ContactChild.objects.filter(contact__in=[c.pk for c in police]).count()
    )
    assert small.metrics["domestic abuse"]["domestic abuse notifications"] == len(police)


def test_encompass_clocks_fall_due_at_0830_on_a_working_day_after_the_incident(small):
    calendar = calendar_for(small.authority)
    rows = NotifiedChild.objects.filter(encompass_clock__isnull=False).select_related(
        "encompass_clock", "notification"
    )
    assert rows
    for row in rows:
        due = row.encompass_clock.due_at.astimezone(LONDON)
        assert (due.hour, due.minute) == (8, 30)
        assert calendar.is_working_day(due.date())
        assert due > row.notification.incident_at
        assert row.encompass_clock.completed_at == row.school_told_at
    late = [r for r in rows if r.school_told_at and r.school_told_at > r.encompass_clock.due_at]
    assert 0 < len(late) < len(rows)


def test_marac_dates_follow_the_incident_and_have_actions(small):
    listed = Notification.objects.filter(authority=small.authority, marac_date__isnull=False)
    assert listed
    for notification in listed:
        assert notification.marac is True
        assert notification.marac_date >= notification.incident_at.astimezone(LONDON).date()
    actions = Task.objects.filter(source_type="domestic_abuse.notification")
    assert actions.count() <= 2 * listed.count()
