"""Attempts on the census rules kept by people and by the episode (referrals): each builds its records
with the services and makes the breaking write last (tests/returns/test_rule_map_at_entry.py)."""

from collections.abc import Callable
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone

from frontdoor.assessments import services as assessments
from frontdoor.contacts import services as contacts
from frontdoor.organisations.models import Role
from frontdoor.people import rules as people_rules
from frontdoor.people import services as people
from frontdoor.plans import services as plans
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.referrals import services as referrals
from frontdoor.referrals.models import Referral
from tests import builders
from tests.child_protection.conftest import at, discuss

from .attempts import Attempt, Tries, refused
from .entry import Episode, assess, cin_plan, close, episode, today

# -- people: rules on one record's own fields, tried on create and on update ---------------------------


def new_person(manager, **fields):
    values = {"first_name": "Ada", "last_name": "Lovelace", "date_of_birth": date(2015, 3, 4)} | fields
    return people.person_create(actor=manager, **values)


def on_create(**fields) -> Attempt:
    def attempt(la, manager):
        refused(people.person_create, actor=manager, first_name="Ada", last_name="Lovelace", **fields)

    return attempt


def on_update(**fields) -> Attempt:
    def attempt(la, manager):
        person = new_person(manager)
        refused(people.person_update, actor=manager, person=person, version=person.version, **fields)

    return attempt


def field(**fields) -> Tries:
    born = {"date_of_birth": date(2015, 3, 4)} if "date_of_birth" not in fields else {}
    return Tries(on_create(**born, **fields), on_update(**fields))


def upn_with_wrong_check_letter() -> str:
    right = people_rules.upn_check_letter("885000012345")
    return next(c for c in "ABC" if c != right) + "885000012345"


def duplicate_upn_created(la, manager):
    upn = people_rules.upn_check_letter("885000012345") + "885000012345"
    new_person(manager, upn=upn)
    refused(people.person_create, actor=manager, first_name="Bea", last_name="Other", upn=upn)


def duplicate_upn_updated(la, manager):
    upn = people_rules.upn_check_letter("885000012345") + "885000012345"
    other = new_person(manager, first_name="Bea")
    new_person(manager, upn=upn)
    refused(people.person_update, actor=manager, person=other, version=other.version, upn=upn)


def reference_is_made_not_entered(la, manager):
    person = new_person(manager)
    assert person.reference == f"FD{person.pk:08d}"
    with pytest.raises(TypeError):
        people.person_update(actor=manager, person=person, version=person.version, reference="X1")


def unborn_male_created(la, manager):
    refused(
        people.person_create,
        actor=manager,
        first_name="",
        last_name="Lovelace",
        sex="M",
        expected_date_of_birth=today() + timedelta(days=30),
    )


def unborn_made_male(la, manager):
    unborn = people.person_create(
        actor=manager,
        first_name="",
        last_name="Lovelace",
        sex="U",
        expected_date_of_birth=today() + timedelta(days=30),
    )
    refused(people.person_update, actor=manager, person=unborn, version=unborn.version, sex="M")


def unknown_source(la, manager):
    refused(
        contacts.contact_record,
        actor=builders.user(la, Role.CONTACT_OFFICER),
        children=[builders.child(la)],
        received_at=timezone.now(),
        channel="phone",
        source="99",
        concerns="Worried",
        consent="obtained",
    )


# -- the episode: closure against its work ----------------------------------------------------------------


def assessment_ep(la, manager, weeks_ago: int = 8) -> Episode:
    return episode(la, manager, weeks_ago=weeks_ago, outcome="assessment")


def close_with(**kwargs) -> Attempt:
    def attempt(la, manager):
        ep = assessment_ep(la, manager)
        referral = ep.fresh()
        values = {"closure_date": referral.referral_date, "reason": "RC7", "summary": "Done"} | kwargs
        refused(close_raw, ep=ep, **values)

    return attempt


def close_raw(*, ep: Episode, closure_date, reason, summary):
    referral = ep.fresh()
    referrals.referral_close(
        actor=ep.worker,
        referral=referral,
        version=referral.version,
        closure_date=closure_date,
        reason=reason,
        summary=summary,
    )


def closed_then(work: Callable[[Episode], object], *, reason: str = "RC7", assessed: bool = False) -> Attempt:
    """The episode closed first (after an assessment when `assessed`), then `work` recorded in it."""

    def attempt(la, manager):
        ep = episode(la, manager)
        day = ep.referral.referral_date
        if assessed:
            assess(ep, start=day, authorised=day + timedelta(days=3))
        close(ep, on=day + timedelta(days=4), reason=reason)
        with pytest.raises(ValidationError):
            work(ep)

    return attempt


def work_then_closure(work: Callable[[Episode], object], *, on_day: int, reason: str = "RC7") -> Attempt:
    """`work` recorded first, then a closure dated `on_day` days after the referral."""

    def attempt(la, manager):
        ep = episode(la, manager)
        work(ep)
        with pytest.raises(ValidationError):
            close(ep, on=ep.referral.referral_date + timedelta(days=on_day), reason=reason)

    return attempt


def start_assessment(ep: Episode, days: int = 10) -> object:
    return assessments.assessment_start(
        actor=ep.worker, referral=ep.referral, started_on=ep.referral.referral_date + timedelta(days=days)
    )


def discuss_s47(ep: Episode, days: int = 0) -> object:
    """A strategy discussion deciding on a section 47, `days` after the referral; after the first, the
    threshold decision that called it an hour before."""
    held = at(ep.referral.referral_date + timedelta(days=days), 11)
    extra = {"threshold_decided_at": held - timedelta(hours=1)} if days else {}
    return discuss(ep.worker, ep.fresh(), held, **extra)


def assessed_and_authorised(ep: Episode) -> object:
    day = ep.referral.referral_date
    return assess(ep, start=day + timedelta(days=1), authorised=day + timedelta(days=20))


def nfa_then(work: Callable[[Episode], object]) -> Attempt:
    def attempt(la, manager):
        ep = assessment_ep(la, manager)
        assert close(ep, on=ep.referral.referral_date + timedelta(days=1)).nfa is True
        with pytest.raises(ValidationError):
            work(ep)

    return attempt


def work_then_not_nfa(work: Callable[[Episode], object]) -> Attempt:
    """Work first: the closure afterwards does not code the referral as no further action."""

    def attempt(la, manager):
        ep = episode(la, manager)
        work(ep)
        referral = ep.fresh()
        for plan in ChildInNeedPlan.objects.filter(referral=referral, end_date__isnull=True):
            plans.cin_plan_end(
                actor=ep.worker, plan=plan, version=plan.version, end_date=today(), end_reason="Needs met"
            )
        assert close(ep, on=today(), reason="RC7").nfa is False

    return attempt


def plan_in(ep: Episode) -> object:
    day = ep.referral.referral_date
    assess(ep, start=day, authorised=day + timedelta(days=3))
    return cin_plan(ep, start=day + timedelta(days=4))


def refer_again(la, manager, ep: Episode, days_ago: float) -> Referral:
    """Another contact about the child, received `days_ago` and decided for assessment now."""
    contact = contacts.contact_record(
        actor=builders.user(la, Role.CONTACT_OFFICER),
        children=[ep.child],
        channel="phone",
        source="2A",
        received_at=timezone.now() - timedelta(days=days_ago),
        concerns="Hungry again",
        concern_categories=["neglect"],
        consent="obtained",
    )
    journey = contact.children.get()
    contacts.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome="assessment",
        need_level=builders.level(la, 3),
        rationale="Needs an assessment of the child's needs",
    )
    return Referral.objects.filter(person=ep.child).latest("pk")


def second_contact_joins(la, manager):
    ep = assessment_ep(la, manager)
    assert refer_again(la, manager, ep, days_ago=1).pk == ep.referral.pk
    assert Referral.objects.filter(person=ep.child).count() == 1


def episode_after_closure_starts_at_it(la, manager):
    ep = assessment_ep(la, manager)
    closed_on = today() - timedelta(days=3)
    close(ep, on=closed_on)
    later = refer_again(la, manager, ep, days_ago=5)  # received while the first was open
    assert later.pk != ep.referral.pk
    assert later.referral_date == closed_on
