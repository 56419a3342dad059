"""Episodes carried through the services, for the tests that try to break the census rules at entry
(issue 18): each helper records one more step the way a worker would."""

from dataclasses import dataclass
from datetime import date, timedelta

from django.utils import timezone

from frontdoor.assessments import services as assessments
from frontdoor.assessments.models import Assessment
from frontdoor.child_protection.models import ProtectionPlan, Section47
from frontdoor.organisations.models import Role, User
from frontdoor.people.models import Person
from frontdoor.plans import services as plans
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.referrals import services as referrals
from frontdoor.referrals.models import Referral
from tests import builders
from tests.child_protection.conftest import at as london
from tests.child_protection.conftest import conclude, discuss, icpc, monday_weeks_ago, refer


@dataclass
class Episode:
    worker: User
    referral: Referral

    @property
    def child(self) -> Person:
        return Person.objects.get(pk=self.referral.person_id)

    def fresh(self) -> Referral:
        return Referral.objects.get(pk=self.referral.pk)


def episode(la, manager, *, weeks_ago: int = 8, outcome: str = "strategy") -> Episode:
    """A child referred on a Monday `weeks_ago` weeks back (for a strategy discussion by default)."""
    worker = builders.user(la, Role.TEAM_MANAGER)
    return Episode(worker, refer(la, manager, day=monday_weeks_ago(weeks_ago), outcome=outcome))


def assess(ep: Episode, *, start: date, authorised: date | None) -> Assessment:
    """An assessment started on `start`; completed and authorised on `authorised` when given."""
    a = assessments.assessment_start(actor=ep.worker, referral=ep.referral, started_on=start)
    if authorised is None:
        return a
    a = assessments.assessment_record(
        actor=ep.worker, assessment=a, version=a.version, child_seen_on=start, childs_voice="Likes school",
        parents_views="Want help", analysis="Needs support",
    )  # fmt: skip
    a = assessments.assessment_complete(
        actor=ep.worker, assessment=a, version=a.version, completed_on=authorised, factors=["4B"],
        outcome="cin_plan",
    )  # fmt: skip
    return assessments.assessment_authorise(
        actor=ep.worker, assessment=a, version=a.version, authorised_on=authorised, primary_need="N1",
        late_reason="Complex family", comment="Agreed: the family needs a plan",
    )  # fmt: skip


def enquire(ep: Episode, *, outcome: str = "not_substantiated", days: int = 7) -> Section47:
    """A strategy discussion an hour after the referral decided on a section 47, which ended `days`
    later with `outcome`."""
    day = ep.referral.referral_date
    enquiry = discuss(ep.worker, ep.referral, london(day, 11)).section47_enquiry
    return conclude(ep.worker, enquiry, outcome=outcome, end=day + timedelta(days=days))


def protect(ep: Episode, *, weeks_after: int = 2) -> ProtectionPlan:
    """A section 47 leading to an initial conference on the Monday `weeks_after` weeks after the
    referral, which starts a child protection plan for neglect."""
    enquiry = enquire(ep, outcome="icpc")
    icpc(ep.worker, enquiry, ep.referral.referral_date + timedelta(weeks=weeks_after))
    return ProtectionPlan.objects.get(referral=ep.referral)


def cin_plan(ep: Episode, *, start: date, end: date | None = None) -> ChildInNeedPlan:
    plan = plans.cin_plan_start(actor=ep.worker, referral=ep.referral, start_date=start)
    if end is not None:
        plan = plans.cin_plan_end(actor=ep.worker, plan=plan, version=plan.version, end_date=end,
                                  end_reason="Needs met")  # fmt: skip
    return plan


def close(ep: Episode, *, on: date, reason: str = "RC7") -> Referral:
    referral = ep.fresh()
    return referrals.referral_close(
        actor=ep.worker, referral=referral, version=referral.version, closure_date=on, reason=reason,
        summary="Work finished",
    )  # fmt: skip


def today() -> date:
    return timezone.localdate()
