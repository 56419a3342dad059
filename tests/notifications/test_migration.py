"""access.0003 moves every break-glass notice into the outbox, as it stood (read or not)."""

from datetime import timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.notifications.models import Delivery, Notification
from frontdoor.organisations.models import Role
from tests import builders

BEFORE = [("access", "0002_team_involvement")]
AFTER = [("access", "0003_notices_move_to_the_notifications_outbox")]


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


@pytest.mark.django_db(transaction=True)
def test_every_notice_is_kept_with_the_break_glass_key_so_it_is_not_sent_again():
    la = builders.authority()
    manager, officer = builders.user(la, Role.TEAM_MANAGER), builders.user(la, Role.CONTACT_OFFICER)
    child = builders.child(la, "Sable", "Hidden")
    access_services.restriction_create(actor=manager, person=child, reason="high_profile")
    glass = access_services.break_glass_grant(actor=officer, person=child, reason="Police at the door")
    Notification.objects.all().delete()  # as before the outbox: the notice lived in access
    try:
        old = migrate(BEFORE).get_model("access", "Notification")
        at = timezone.now() - timedelta(days=2)
        old.objects.create(
            authority_id=la.pk, recipient_id=manager.pk, created_at=at, title="Break-glass access to "
            "restricted record P-1", body="Reason given: Police at the door", break_glass_id=glass.pk,
        )  # fmt: skip
        old.objects.create(
            authority_id=la.pk, recipient_id=manager.pk, created_at=at, title="An older notice",
            body="Read already", read_at=at + timedelta(hours=1),
        )  # fmt: skip
        migrate(AFTER)
    finally:
        migrate([("access", AFTER[0][1])])  # leave the schema as the other tests expect it
    rows = list(
        Notification.objects.order_by("event_key").values_list(
            "recipient_id", "kind", "event_key", "title", "body", "link", "created_at", "read_at"
        )
    )
    old_pk = min(r[2] for r in rows if r[2].startswith("access_notice:"))
    assert rows == [
        (manager.pk, "break_glass", old_pk, "An older notice", "Read already", "/access/restrictions/", at,
         at + timedelta(hours=1)),
        (manager.pk, "break_glass", f"break_glass:{glass.pk}", "Break-glass access to restricted record P-1",
         "Reason given: Police at the door", "/access/restrictions/", at, None),
    ]  # fmt: skip
    assert Delivery.objects.count() == 0  # emailed when they were written
