"""notify() and the other writes: once per event, only to staff of the authority, email as each
person chose (at once, in the day's digest or not at all), marking read, and choices refused
beside the field with nothing saved."""

from datetime import timedelta

import pytest
from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.notifications import periodic, services
from frontdoor.notifications.models import Channel, Delivery, Kind, Notification, Preference
from frontdoor.notifications.tasks import tick
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db


def staff(la, role=Role.SOCIAL_WORKER, email=True):
    person = builders.user(la, role)
    if email:
        person.email = f"{person.username}@frontdoor.example"
        person.save(update_fields=["email"])
    return person


def tell(people, kind=Kind.CLOCK_BREACHED, key="clock:1:breached", now=None):
    with transaction.atomic():
        return services.notify(
            authority_id=people[0].authority_id, recipients=people, kind=kind, event_key=key,
            title="A clock has breached", body="A statutory clock you own has breached.", link="/board/",
            now=now,
        )  # fmt: skip


def test_one_row_per_recipient_and_the_same_event_again_adds_nothing(la):
    people = [staff(la), staff(la)]
    assert tell(people) == 2
    assert tell(people) == 0
    assert tell(people, key="clock:2:breached") == 2
    assert Notification.objects.count() == 4
    assert Delivery.objects.count() == 4


def test_inactive_staff_and_another_authoritys_are_left_out(la):
    other = builders.authority("301", "Elsewhere")
    gone, elsewhere, here = staff(la), staff(other), staff(la)
    gone.is_active = False
    gone.save(update_fields=["is_active"])
    assert tell([here, gone, elsewhere]) == 1
    assert list(Notification.objects.values_list("recipient", flat=True)) == [here.pk]


def test_an_unknown_kind_is_a_programming_error_and_writes_nothing(la):
    with pytest.raises(ValueError, match="Unknown notification kind"):
        tell([staff(la)], kind="clock_exploded")
    assert Notification.objects.count() == 0


def test_email_goes_as_each_person_chose_or_by_their_roles_default(la):
    worker, manager, quiet, no_address = (
        staff(la),
        staff(la, Role.TEAM_MANAGER),
        staff(la),
        staff(la, email=False),
    )
    services.preference_set(actor=quiet, kind=Kind.CLOCK_BREACHED, email="off")
    tell([worker, manager, quiet, no_address])
    channels = dict(Delivery.objects.values_list("notification__recipient_id", "channel"))
    assert channels == {worker.pk: Channel.EMAIL, manager.pk: Channel.DIGEST}
    # Urgent kinds reach a manager at once unless they choose otherwise.
    tell([manager], kind=Kind.CHILD_MISSING, key="missing_episode:1")
    urgent = Delivery.objects.get(notification__kind=Kind.CHILD_MISSING)
    assert urgent.channel == Channel.EMAIL
    assert Notification.objects.count() == 5  # everyone sees it in Frontdoor


def test_a_managers_held_notifications_go_in_one_digest_the_next_morning(la, settings):
    settings.FRONTDOOR_NOTIFY_DIGEST_HOUR = 8
    manager = staff(la, Role.TEAM_MANAGER)
    evening = timezone.make_aware(timezone.datetime(2026, 11, 3, 18, 0))
    for n in range(3):
        tell([manager], key=f"clock:{n}:breached", now=evening + timedelta(minutes=n))
    tell([manager], kind=Kind.TASK_OVERDUE, key="task:1", now=evening)
    held = Delivery.objects.filter(channel=Channel.DIGEST)
    morning = timezone.make_aware(timezone.datetime(2026, 11, 4, 8, 0))
    assert set(held.values_list("next_try_at", flat=True)) == {morning}
    assert services.digests_send(morning - timedelta(seconds=1)) == 0
    assert services.digests_send(morning) == 1
    assert services.digests_send(morning) == 0  # idempotent
    digest = Notification.objects.get(kind=Kind.DIGEST)
    assert digest.title == "Frontdoor: 4 notifications since your last digest"
    assert digest.body == "3: A statutory clock has breached\n1: A task is overdue"
    assert digest.read_at == morning  # the digest does not add to the unread count
    assert set(held.values_list("state", flat=True)) == {"sent"}
    email = Delivery.objects.get(notification=digest)
    assert (email.channel, email.address) == (Channel.EMAIL, manager.email)


def test_the_digest_is_a_periodic_job_the_tick_runs(la, monkeypatch):
    ran = []
    monkeypatch.setitem(periodic.JOBS, "test.job", lambda now: ran.append(now) or 7)
    monkeypatch.setitem(periodic.JOBS, "test.broken", lambda now: 1 / 0)
    result = tick.enqueue().return_value
    assert "notifications.digest" in result["jobs"]
    assert result["jobs"]["test.job"]["done"] == 7
    assert result["jobs"]["test.broken"]["done"] == -1  # logged; the others still ran
    assert len(ran) == 1


def test_marking_read_is_the_recipients_own_and_audited(la):
    mine, theirs = staff(la), staff(la)
    tell([mine, theirs])
    notice = Notification.objects.get(recipient=mine)
    services.notification_read(actor=mine, notification_id=notice.pk)
    services.notification_read(actor=mine, notification_id=notice.pk)  # again: no second audit row
    notice.refresh_from_db()
    assert notice.read_at is not None
    assert AuditEvent.objects.filter(action="notification.read").count() == 1
    other = Notification.objects.get(recipient=theirs)
    with pytest.raises(Http404):
        services.notification_read(actor=mine, notification_id=other.pk)
    other.refresh_from_db()
    assert other.read_at is None


def test_mark_all_read_marks_only_the_actors_unread(la):
    mine, theirs = staff(la), staff(la)
    for n in range(3):
        tell([mine, theirs], key=f"clock:{n}:breached")
    assert services.notifications_read_all(actor=mine) == 3
    assert services.notifications_read_all(actor=mine) == 0
    assert Notification.objects.filter(recipient=theirs, read_at__isnull=True).count() == 3
    assert AuditEvent.objects.get(action="notification.read_all").changes == {"count": 3}


@pytest.mark.parametrize(
    ("kind", "email", "field"),
    [("clock_exploded", "now", "kind"), ("digest", "now", "kind"), ("clock_breached", "sometimes", "email")],
)
def test_a_choice_that_does_not_exist_is_refused_beside_its_field_and_nothing_is_saved(
    la, kind, email, field
):
    person = staff(la)
    audit = AuditEvent.objects.count()
    with pytest.raises(ValidationError) as refused:
        services.preference_set(actor=person, kind=kind, email=email)
    assert list(refused.value.message_dict) == [field]
    assert (Preference.objects.count(), AuditEvent.objects.count()) == (0, audit)


def test_a_choice_is_saved_changed_and_audited(la):
    manager = staff(la, Role.TEAM_MANAGER)
    services.preference_set(actor=manager, kind="clock_breached", email="now")
    services.preference_set(actor=manager, kind="clock_breached", email="off")
    assert list(Preference.objects.values_list("kind", "email")) == [("clock_breached", "off")]
    changes = [e.changes["email"] for e in AuditEvent.objects.filter(action="notification.preference_set")]
    assert changes == [["digest", "now"], ["now", "off"]]
