"""audit.services.access_log writes one row per person seen, in batches, with the actor, authority,
purpose and time, and nothing for an empty list."""

from datetime import timedelta

import pytest
from django.db.models import Max
from django.utils import timezone

from frontdoor.audit import services
from frontdoor.audit.models import AccessEvent
from tests import builders

pytestmark = pytest.mark.django_db


def test_one_row_per_person_across_batches(la, manager, monkeypatch):
    monkeypatch.setattr(services, "ACCESS_BATCH", 2)
    children = [builders.child(la, name, "Example") for name in ("Ada", "Bea", "Cal", "Dev", "Eli")]
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0  # audit rows cannot be deleted
    before = timezone.now()

    written = services.access_log(
        actor=manager, person_ids=[c.pk for c in children + children[:2]], purpose="oversight.board"
    )

    rows = AccessEvent.objects.filter(pk__gt=mark).order_by("person_id")
    assert written == 5
    assert [(r.person_id, r.actor_id, r.authority_id, r.purpose) for r in rows] == [
        (c.pk, manager.pk, la.pk, "oversight.board") for c in sorted(children, key=lambda c: c.pk)
    ]
    assert all(before - timedelta(seconds=1) <= r.at <= timezone.now() for r in rows)


def test_nothing_seen_writes_nothing(manager):
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0
    assert services.access_log(actor=manager, person_ids=[], purpose="oversight.board") == 0
    assert not AccessEvent.objects.filter(pk__gt=mark).exists()
