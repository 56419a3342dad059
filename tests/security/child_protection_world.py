"""Child protection records for a security test side: the child's episode carried through a strategy
discussion, a section 47, an initial conference and a plan (with a core group and an action), then a
second, late strategy discussion whose enquiry awaits its conference, and police protection with no
end recorded. Made with the services, so each endpoint has a record it may act on, and each valid
POST has something to change."""

from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from django.utils import timezone

from frontdoor.child_protection import services
from frontdoor.child_protection.models import (
    Conference,
    CoreGroup,
    EmergencyProtection,
    ProtectionPlan,
    Section47,
    StrategyDiscussion,
)
from frontdoor.organisations.models import PartnerAgency, User
from frontdoor.referrals.models import Referral
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner

LONDON = ZoneInfo("Europe/London")
AGENCIES = ["police", "health", "social_care"]


@dataclass
class ChildProtection:
    discussion: StrategyDiscussion  # on time, with an open action
    late_discussion: StrategyDiscussion  # late, rationale not signed off
    action: Task
    enquiry: Section47  # outcome "conference needed", no conference yet
    conference: Conference  # the initial conference, nothing sent yet
    plan: ProtectionPlan
    core_group: CoreGroup
    emergency_protection: EmergencyProtection  # police protection, its end not yet recorded


def weekday_from(day: date) -> date:
    while day.weekday() >= 5:
        day += timedelta(days=1)
    return day


def _at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), tzinfo=LONDON)


def _discuss(worker: User, referral: Referral, held_at: datetime, decided_at: datetime, **extra: object):
    return services.strategy_discussion_record(
        actor=worker,
        referral=referral,
        held_at=held_at,
        threshold_decided_at=decided_at,
        information_shared="Police call-outs to the home",
        section47=True,
        decision_reason="Reasonable cause to suspect significant harm",
        invited=AGENCIES,
        attended=AGENCIES,
        **extra,
    )


def _conclude(worker: User, enquiry: Section47) -> Section47:
    return services.section47_outcome_record(
        actor=worker, enquiry=enquiry, version=enquiry.version, child_seen_on=enquiry.start_date,
        outcome="icpc", end_date=enquiry.start_date,
    )  # fmt: skip


def build(worker: User, referral: Referral, police: PartnerAgency) -> ChildProtection:
    """`police` is named at the first discussion, the conference and the core group, so the police's
    portal user sees them (issue 10)."""
    named = {"police": police}
    first = _discuss(
        worker, referral, referral.received_at + timedelta(hours=1), referral.received_at, partners=named
    )
    icpc_day = weekday_from(first.section47_enquiry.start_date)
    part = services.ChildPart(
        child_attended=True,
        plan_needed=True,
        category="NEG",
        enquiry=_conclude(worker, first.section47_enquiry),
    )
    conference = services.conference_initial_record(
        actor=worker,
        held_on=icpc_day,
        chair="Independent Chair",
        invited=AGENCIES,
        attended=AGENCIES,
        children=[part],
        partners=named,
    )
    plan = ProtectionPlan.objects.get(person_id=referral.person_id, end_date__isnull=True)
    group = services.core_group_record(
        actor=worker, plan=plan, held_on=icpc_day + timedelta(days=2), attended=AGENCIES, partners=named
    )
    action = services.action_add(
        actor=worker,
        discussion=first,
        what="Police check",
        owner=Owner(user=worker),
        due_on=max(icpc_day, timezone.localdate()) + timedelta(days=1),
    )
    late = _discuss(
        worker, referral, _at(icpc_day + timedelta(days=5), 10), _at(icpc_day + timedelta(days=1), 9),
        late_rationale="Police unavailable", interim_safety_plan="Child stays with grandparents",
    )  # fmt: skip
    enquiry = _conclude(worker, late.section47_enquiry)
    protection = services.emergency_protection_record(
        actor=worker, referral=referral, kind="police_protection",
        started_at=referral.received_at + timedelta(minutes=30), circumstances="Police powers used",
    )  # fmt: skip
    return ChildProtection(first, late, action, enquiry, conference, plan, group, protection)
