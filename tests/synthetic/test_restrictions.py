"""The synthetic authority has restricted records, made through the access services: each with
its owner and the child's allocated worker on the list, a running review clock and an audit event."""

import pytest

from frontdoor.access.models import Restriction
from frontdoor.audit.models import AuditEvent
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person
from frontdoor.referrals.models import Allocation
from frontdoor.synthetic.restrictions import PER_REFERRED_CHILDREN

pytestmark = pytest.mark.django_db


def test_about_one_referred_child_in_five_hundred_is_restricted_to_a_named_list(small):
    held = Allocation.objects.filter(ended_at__isnull=True).values("referral__person")
    referred = Person.objects.filter(pk__in=held).count()
    restrictions = Restriction.objects.select_related("owner", "review_clock")
    assert restrictions.count() == max(1, referred // PER_REFERRED_CHILDREN)
    assert small.counts["access.Restriction"] == restrictions.count()
    for restriction in restrictions:
        assert restriction.owner.role == Role.TEAM_MANAGER
        holders = set(
            Allocation.objects.filter(referral__person=restriction.person, ended_at__isnull=True).values_list(
                "worker_id", flat=True
            )
        )
        assert set(restriction.allowed_users.values_list("pk", flat=True)) == holders | {restriction.owner_id}
        assert restriction.review_clock.standard == "restriction_review"
        assert restriction.review_clock.completed_at is None
        assert restriction.note.endswith("(synthetic).")
    assert AuditEvent.objects.filter(action="restriction.created").count() == restrictions.count()
