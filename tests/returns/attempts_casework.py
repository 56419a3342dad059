"""Attempts on the census rules kept by assessments, plans and child_protection: each builds its records
with the services and makes the breaking write last (tests/returns/test_rule_map_at_entry.py)."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from lxml import etree

from frontdoor.assessments import services as assessments
from frontdoor.child_protection import services as cp
from frontdoor.child_protection.models import ProtectionPlan, Section47
from frontdoor.organisations.models import Role
from frontdoor.people import services as people
from frontdoor.plans import services as plans
from frontdoor.returns import services as returns
from tests import builders
from tests.child_protection.conftest import AGENCIES, at, discuss, icpc

from .attempts import Attempt, refused
from .attempts_episode import assessment_ep, discuss_s47, start_assessment
from .entry import Episode, assess, cin_plan, enquire, episode, protect, today

# -- assessments -------------------------------------------------------------------------------------------


def assessment_before_referral(la, manager):
    ep = assessment_ep(la, manager)
    refused(
        assessments.assessment_start,
        actor=ep.worker,
        referral=ep.referral,
        started_on=ep.referral.referral_date - timedelta(days=1),
    )


def completed(la, manager, **overrides) -> tuple[Episode, object]:
    ep = assessment_ep(la, manager)
    a = assessments.assessment_start(
        actor=ep.worker, referral=ep.referral, started_on=ep.referral.referral_date
    )
    a = assessments.assessment_record(
        actor=ep.worker,
        assessment=a,
        version=a.version,
        child_seen_on=a.started_on,
        childs_voice="Fine",
        parents_views="Fine",
        analysis="Needs help",
    )
    return ep, a


def completion(**fields) -> Attempt:
    def attempt(la, manager):
        ep, a = completed(la, manager)
        values = {"completed_on": a.started_on + timedelta(days=2), "factors": ["4B"], "outcome": "cin_plan"}
        refused(
            assessments.assessment_complete,
            actor=ep.worker,
            assessment=a,
            version=a.version,
            **(values | fields),
        )

    return attempt


def authorisation(**fields) -> Attempt:
    def attempt(la, manager):
        ep, a = completed(la, manager)
        a = assessments.assessment_complete(
            actor=ep.worker,
            assessment=a,
            version=a.version,
            completed_on=a.started_on + timedelta(days=2),
            factors=["4B"],
            outcome="cin_plan",
        )
        values = {
            "authorised_on": a.completed_on,
            "primary_need": "N1",
            "late_reason": "Late",
            "comment": "Agreed: the analysis holds",
        }
        refused(
            assessments.assessment_authorise,
            actor=ep.worker,
            assessment=a,
            version=a.version,
            **(values | fields),
        )

    return attempt


def factors_only_when_completing(la, manager):
    ep, a = completed(la, manager)
    with pytest.raises(TypeError):
        assessments.assessment_record(
            actor=ep.worker,
            assessment=a,
            version=a.version,
            child_seen_on=None,
            childs_voice="x",
            parents_views="x",
            analysis="x",
            factors=["4B"],
        )


def second_open_assessment(la, manager):
    ep = assessment_ep(la, manager)
    start_assessment(ep, days=1)
    refused(
        assessments.assessment_start,
        actor=ep.worker,
        referral=ep.referral,
        started_on=ep.referral.referral_date + timedelta(days=2),
    )


# -- CIN plans -------------------------------------------------------------------------------------------


def cin_start_refused(setup: Callable[[Episode], date]) -> Attempt:
    """`setup` records what comes first and returns the start date to try."""

    def attempt(la, manager):
        ep = episode(la, manager)
        start = setup(ep)
        refused(plans.cin_plan_start, actor=ep.worker, referral=ep.fresh(), start_date=start)

    return attempt


def assessed_first(ep: Episode) -> date:
    day = ep.referral.referral_date
    assess(ep, start=day, authorised=day + timedelta(days=3))
    return day


def open_cin_plan(ep: Episode) -> date:
    day = assessed_first(ep)
    cin_plan(ep, start=day + timedelta(days=4))
    return day + timedelta(days=5)


def ended_cin_plan(ep: Episode) -> date:
    day = assessed_first(ep)
    cin_plan(ep, start=day + timedelta(days=4), end=day + timedelta(days=20))
    return day + timedelta(days=10)


def open_cp_plan(ep: Episode) -> date:
    plan = protect(ep)
    return plan.start_date + timedelta(days=1)


def ended_cp_plan(ep: Episode) -> date:
    plan = protect(ep)
    cp.plan_end(
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date + timedelta(days=14),
        end_reason="no_longer_needed",
    )
    return plan.start_date + timedelta(days=7)


def before_referral(ep: Episode) -> date:
    assessed_first(ep)
    return ep.referral.referral_date - timedelta(days=1)


def died_after(days_after_referral: int) -> Callable[[Episode], date]:
    def setup(ep: Episode) -> date:
        day = assessed_first(ep)
        child = ep.child
        people.person_update(
            actor=ep.worker,
            person=child,
            version=child.version,
            date_of_death=day + timedelta(days=days_after_referral),
        )
        return day + timedelta(days=days_after_referral + 1)

    return setup


def death_refused(setup: Callable[[Episode], date]) -> Attempt:
    """`setup` records the plan and returns a date of death that would contradict it."""

    def attempt(la, manager):
        ep = episode(la, manager)
        died = setup(ep)
        child = ep.child
        refused(
            people.person_update, actor=ep.worker, person=child, version=child.version, date_of_death=died
        )

    return attempt


def cin_plan_end_before_start(la, manager):
    ep = episode(la, manager)
    plan = cin_plan(ep, start=assessed_first(ep) + timedelta(days=4))
    refused(
        plans.cin_plan_end,
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date - timedelta(days=1),
        end_reason="Needs met",
    )


def cin_plan_ended_at_cp_start(la, manager):
    ep = episode(la, manager)
    plan = cin_plan(ep, start=assessed_first(ep) + timedelta(days=4))
    cp_plan = protect(ep, weeks_after=3)
    plan.refresh_from_db()
    assert plan.end_date == cp_plan.start_date


def cp_plan_during_ended_cin_plan(la, manager):
    ep = episode(la, manager)
    day = assessed_first(ep)
    cin_plan(ep, start=day + timedelta(days=4), end=day + timedelta(days=25))
    enquiry = enquire(ep, outcome="icpc")
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, day + timedelta(weeks=2))


# -- child protection --------------------------------------------------------------------------------------


def icpc_on(days_after_referral: int, **extra) -> Attempt:
    def attempt(la, manager):
        ep = episode(la, manager)
        enquiry = enquire(ep, outcome="icpc")
        with pytest.raises(ValidationError):
            icpc(ep.worker, enquiry, ep.referral.referral_date + timedelta(days=days_after_referral), **extra)

    return attempt


def icpc_after_other_outcome(la, manager):
    ep = episode(la, manager)
    enquiry = enquire(ep, outcome="not_substantiated")
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, ep.referral.referral_date + timedelta(weeks=2))


def plans_only_from_initial_conferences(la, manager):
    ep = episode(la, manager)
    enquiry = enquire(ep, outcome="icpc")
    icpc(ep.worker, enquiry, ep.referral.referral_date + timedelta(weeks=2), plan=False)
    assert ProtectionPlan.objects.filter(person=ep.child).count() == 0


def plan_starts_at_its_conference(la, manager):
    ep = episode(la, manager)
    plan = protect(ep)
    assert plan.start_date == ep.referral.referral_date + timedelta(weeks=2)


def strategy_before_referral(la, manager):
    ep = episode(la, manager)
    with pytest.raises(ValidationError):
        discuss(ep.worker, ep.referral, at(ep.referral.referral_date - timedelta(days=1), 11))


def first_plan_returns_no_previous(la, manager):
    ep = episode(la, manager)
    protect(ep)
    lead = builders.user(la, Role.SENIOR_LEADER)
    year = today().year + (today().month > 3)
    root = etree.fromstring(bytes(returns.cin_census_generate(actor=lead, year=year).content))
    assert root.xpath("//ChildProtectionPlans/NumberOfPreviousCPP/text()") == ["0"]


def second_section47(la, manager):
    ep = episode(la, manager)
    discuss_s47(ep, days=0)
    with pytest.raises(ValidationError):
        discuss_s47(ep, days=1)


def plan_end(days_after_start: int) -> Attempt:
    def attempt(la, manager):
        ep = episode(la, manager)
        plan = protect(ep)
        refused(
            cp.plan_end,
            actor=ep.worker,
            plan=plan,
            version=plan.version,
            end_date=plan.start_date + timedelta(days=days_after_start),
            end_reason="no_longer_needed",
        )

    return attempt


def review_on_plan_start(la, manager):
    ep = episode(la, manager)
    plan = protect(ep)
    part = cp.ChildPart(child_attended=False, plan_needed=True, category="NEG", plan=plan)
    refused(
        cp.conference_review_record,
        actor=ep.worker,
        held_on=plan.start_date,
        chair="Chair",
        invited=AGENCIES,
        attended=AGENCIES,
        children=[part],
    )


def second_open_plan(la, manager):
    ep = episode(la, manager)
    protect(ep)
    enquiry = discuss_s47(ep, days=20).section47_enquiry  # type: ignore[attr-defined]
    enquiry = cp.section47_outcome_record(
        actor=ep.worker,
        enquiry=enquiry,
        version=enquiry.version,
        child_seen_on=enquiry.start_date,
        outcome="icpc",
        end_date=enquiry.start_date + timedelta(days=1),
        harm_likely=True,
        next_step="Initial conference",
    )
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, enquiry.start_date + timedelta(days=7))


def plan_overlapping_an_ended_one(la, manager):
    ep = episode(la, manager, weeks_ago=12)
    plan = protect(ep)
    cp.plan_end(
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date + timedelta(weeks=6),
        end_reason="no_longer_needed",
    )
    enquiry = discuss_s47(ep, days=20).section47_enquiry  # type: ignore[attr-defined]
    enquiry = cp.section47_outcome_record(
        actor=ep.worker,
        enquiry=enquiry,
        version=enquiry.version,
        child_seen_on=enquiry.start_date,
        outcome="icpc",
        end_date=enquiry.start_date + timedelta(days=1),
        harm_likely=True,
        next_step="Initial conference",
    )
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, enquiry.start_date + timedelta(days=7))


def death_then_plan_end_after(la, manager):
    ep = episode(la, manager)
    plan = protect(ep)
    child = ep.child
    people.person_update(
        actor=ep.worker,
        person=child,
        version=child.version,
        date_of_death=plan.start_date + timedelta(days=3),
    )
    refused(
        cp.plan_end,
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date + timedelta(days=5),
        end_reason="no_longer_needed",
    )


def death_then_icpc_after(la, manager):
    ep = episode(la, manager)
    enquiry = enquire(ep, outcome="icpc")
    child = ep.child
    people.person_update(
        actor=ep.worker,
        person=child,
        version=child.version,
        date_of_death=ep.referral.referral_date + timedelta(days=9),
    )
    enquiry = Section47.objects.get(pk=enquiry.pk)  # read again, as the conference page would
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, ep.referral.referral_date + timedelta(weeks=2))


def cp_plan_before(ep: Episode) -> date:
    return protect(ep).start_date - timedelta(days=1)


def cp_plan_ended_then_death(ep: Episode) -> date:
    plan = protect(ep)
    cp.plan_end(
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date + timedelta(days=14),
        end_reason="no_longer_needed",
    )
    return plan.start_date + timedelta(days=7)


def cin_plan_then_death(ep: Episode) -> date:
    return open_cin_plan(ep) - timedelta(days=3)
