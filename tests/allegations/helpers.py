"""Building allegations for the tests: a fixed Monday morning in November 2026 (no bank holiday
near it), so the clocks' due days are known."""

from datetime import datetime
from zoneinfo import ZoneInfo

from frontdoor.allegations import services
from frontdoor.allegations.models import Allegation

LONDON = ZoneInfo("Europe/London")
MONDAY_10AM = datetime(2026, 11, 2, 10, 0, tzinfo=LONDON)
SECRET = "Alleged to have grabbed the child by the arm in the corridor"


def referral(people, **changes) -> services.Referral:
    fields = {
        "received_at": MONDAY_10AM, "referrer_name": "Ruth Ellery",
        "referrer_organisation": "St Mary's Primary", "adult_name": "Quentin Harrowgate",
        "adult_role": "Teaching assistant", "employer": "St Mary's Primary",
        "sector": "education", "harm": "harmed", "allegation": SECRET,
        "children": ", ".join(c.reference for c in people),
    } | changes  # fmt: skip
    return services.Referral(**fields)


def refer(officer, people, **changes) -> Allegation:
    return services.allegation_refer(actor=officer, data=referral(people, **changes))
