"""Synthetic police protection and emergency protection orders: only for children referred because
significant harm was suspected, each within the time the law allows (emergency_rules), none after the
end of the window, and the row counts fixed by the seed."""

import pytest

from frontdoor.child_protection.emergency_rules import EPO, POLICE_PROTECTION, emergency_protection_ends_by
from frontdoor.child_protection.models import EmergencyProtection
from tests.synthetic.conftest import END

pytestmark = pytest.mark.django_db


def test_each_is_for_a_child_at_risk_of_significant_harm_and_within_the_law(small):
    found = list(EmergencyProtection.objects.select_related("referral"))
    kinds = [p.kind for p in found]
    assert (kinds.count(POLICE_PROTECTION), kinds.count(EPO)) == (POLICE, ORDERS)
    for protection in found:
        assert protection.referral.significant_harm
        assert protection.person_id == protection.referral.person_id
        assert protection.started_at <= protection.recorded_at <= END
        ends_by = emergency_protection_ends_by(
            kind=protection.kind, started_at=protection.started_at, extended_until=protection.extended_until
        )
        if protection.ended_at is None:
            assert ends_by > END  # still running at the end of the window
        else:
            assert protection.started_at < protection.ended_at <= min(ends_by, END)
        assert (protection.kind == EPO) == bool(protection.court)


POLICE, ORDERS = 3, 0  # the small profile has few children at risk of significant harm
