"""A child referred for a strategy discussion some weeks ago, and helpers that carry them on through
child protection with the services themselves."""

from datetime import date, datetime, time, timedelta
from unittest import mock
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone

from frontdoor.child_protection import services
from frontdoor.child_protection.models import Agency, Section47, StrategyDiscussion
from frontdoor.contacts import services as contact_services
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person
from frontdoor.referrals.models import Referral
from tests import builders

LONDON = ZoneInfo("Europe/London")
AGENCIES = [Agency.POLICE, Agency.HEALTH, Agency.SOCIAL_CARE]


def monday_weeks_ago(weeks: int) -> date:
    today = timezone.localdate()
    return today - timedelta(days=today.weekday()) - timedelta(weeks=weeks)


def at(day: date, hour: int = 10) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def refer(la, manager, child: Person | None = None, *, day: date, outcome: str = "strategy") -> Referral:
    """A contact received at 09:00 on `day` and decided at 09:30 (timezone.now mocked), opening the
    child's episode; a strategy decision starts the strategy discussion clock."""
    officer = builders.user(la, Role.CONTACT_OFFICER)
    child = child or builders.child(la)
    with mock.patch("django.utils.timezone.now", return_value=at(day, 9) + timedelta(minutes=30)):
        contact = contact_services.contact_record(
            actor=officer,
            children=[child],
            channel="phone",
            source="6",
            received_at=at(day, 9),
            concerns="Bruises seen by police",
            concern_categories=["physical"],
            consent="overridden",
            consent_rationale="Alleged abuser is the parent",
        )
        journey = contact.children.get()
        contact_services.contact_child_decide(
            actor=manager,
            journey=journey,
            version=journey.version,
            outcome=outcome,
            need_level=builders.level(la, 4),
            rationale="Injury to a young child",
        )
    return Referral.objects.get(contact_child=journey)


def discuss(
    actor, referral: Referral, held_at: datetime, *, section47: bool = True, **extra
) -> StrategyDiscussion:
    fields = {
        "information_shared": "Police hold two call-outs to the home this year",
        "decision_reason": "Reasonable cause to suspect significant harm",
        "invited": AGENCIES,
        "attended": AGENCIES,
        "names": {Agency.POLICE: "DC Example, CAIT"},
    } | extra
    return services.strategy_discussion_record(
        actor=actor, referral=referral, held_at=held_at, section47=section47, **fields
    )


def conclude(
    actor, enquiry: Section47, *, outcome: str = "icpc", seen: date | None = None, end: date | None = None
):
    return services.section47_outcome_record(
        harm_likely=True,
        next_step="Initial conference",
        actor=actor,
        enquiry=enquiry,
        version=enquiry.version,
        child_seen_on=seen or enquiry.start_date,
        outcome=outcome,
        end_date=end or enquiry.start_date + timedelta(days=7),
    )


def icpc(actor, enquiry: Section47, held_on: date, *, plan: bool = True, category: str = "NEG", **extra):
    part = services.ChildPart(
        child_attended=False,
        views_how="Drawings shared by the social worker",
        advocacy_offered=True,
        advocacy_accepted=True,
        advocacy_used=True,
        plan_needed=plan,
        category=category if plan else "",
        enquiry=enquiry,
    )
    fields = {"chair": "Independent Chair", "invited": AGENCIES, "attended": AGENCIES[:2]} | extra
    return services.conference_initial_record(actor=actor, held_on=held_on, children=[part], **fields)


@pytest.fixture
def referral(la, manager):
    return refer(la, manager, day=monday_weeks_ago(8))
