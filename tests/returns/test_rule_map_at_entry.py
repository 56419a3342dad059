"""Every DfE CIN ERROR rule mapped as prevented at entry is tried through the services, in both orders
of events where the two records can be made in either order (issue 18): the breaking write is refused
(or, for a rule kept by how the record is made, the rule holds afterwards). A rule newly mapped as
prevented with no attempt here fails `test_every_rule_kept_at_entry_has_an_attempt`.

Each attempt builds its own records with the services, then makes the write that would break the rule
last. A rule about one record, or about two records of which one always comes first (the referral
before anything in its episode), has one attempt and the reason there is no other order."""

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.exceptions import ValidationError
from django.utils import timezone
from lxml import etree

from frontdoor.assessments import services as assessments
from frontdoor.child_protection import services as cp
from frontdoor.child_protection.models import ProtectionPlan, Section47
from frontdoor.contacts import services as contacts
from frontdoor.organisations.models import Role
from frontdoor.people import rules as people_rules
from frontdoor.people import services as people
from frontdoor.plans import services as plans
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.referrals.models import Referral
from frontdoor.returns import services as returns
from tests import builders
from tests.child_protection.conftest import AGENCIES, at, discuss, icpc

from .entry import Episode, assess, cin_plan, close, enquire, episode, protect, today
from .test_rule_map import prevented_by_apps

pytestmark = pytest.mark.django_db

Attempt = Callable[..., None]


@dataclass(frozen=True)
class Tries:
    first: Attempt
    other: Attempt | None = None  # the other order of events
    one_order: str = ""  # why there is no other order, when `other` is None


def refused(call: Callable[..., object], /, **kwargs: object) -> None:
    with pytest.raises(ValidationError):
        call(**kwargs)


# -- people: rules on one record's own fields, tried on create and on update ---------------------------


def _person(manager, **fields):
    values = {"first_name": "Ada", "last_name": "Lovelace", "date_of_birth": date(2015, 3, 4)} | fields
    return people.person_create(actor=manager, **values)


def _on_create(**fields) -> Attempt:
    def attempt(la, manager):
        refused(people.person_create, actor=manager, first_name="Ada", last_name="Lovelace", **fields)

    return attempt


def _on_update(**fields) -> Attempt:
    def attempt(la, manager):
        person = _person(manager)
        refused(people.person_update, actor=manager, person=person, version=person.version, **fields)

    return attempt


def _field(**fields) -> Tries:
    born = {"date_of_birth": date(2015, 3, 4)} if "date_of_birth" not in fields else {}
    return Tries(_on_create(**born, **fields), _on_update(**fields))


def _upn_with_wrong_check_letter() -> str:
    right = people_rules.upn_check_letter("885000012345")
    return next(c for c in "ABC" if c != right) + "885000012345"


def _duplicate_upn_created(la, manager):
    upn = people_rules.upn_check_letter("885000012345") + "885000012345"
    _person(manager, upn=upn)
    refused(people.person_create, actor=manager, first_name="Bea", last_name="Other", upn=upn)


def _duplicate_upn_updated(la, manager):
    upn = people_rules.upn_check_letter("885000012345") + "885000012345"
    other = _person(manager, first_name="Bea")
    _person(manager, upn=upn)
    refused(people.person_update, actor=manager, person=other, version=other.version, upn=upn)


def _reference_is_made_not_entered(la, manager):
    person = _person(manager)
    assert person.reference == f"FD{person.pk:08d}"
    with pytest.raises(TypeError):
        people.person_update(actor=manager, person=person, version=person.version, reference="X1")


def _unborn_male_created(la, manager):
    refused(
        people.person_create,
        actor=manager,
        first_name="",
        last_name="Lovelace",
        sex="M",
        expected_date_of_birth=today() + timedelta(days=30),
    )


def _unborn_made_male(la, manager):
    unborn = people.person_create(
        actor=manager,
        first_name="",
        last_name="Lovelace",
        sex="U",
        expected_date_of_birth=today() + timedelta(days=30),
    )
    refused(people.person_update, actor=manager, person=unborn, version=unborn.version, sex="M")


def _unknown_source(la, manager):
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


def _assessment_ep(la, manager, weeks_ago: int = 8) -> Episode:
    return episode(la, manager, weeks_ago=weeks_ago, outcome="assessment")


def _close_with(**kwargs) -> Attempt:
    def attempt(la, manager):
        ep = _assessment_ep(la, manager)
        referral = ep.fresh()
        values = {"closure_date": referral.referral_date, "reason": "RC7", "summary": "Done"} | kwargs
        refused(close_raw, ep=ep, **values)

    return attempt


def close_raw(*, ep: Episode, closure_date, reason, summary):
    from frontdoor.referrals import services as referrals

    referral = ep.fresh()
    referrals.referral_close(
        actor=ep.worker,
        referral=referral,
        version=referral.version,
        closure_date=closure_date,
        reason=reason,
        summary=summary,
    )


def _closed_then(
    work: Callable[[Episode], object], *, reason: str = "RC7", assessed: bool = False
) -> Attempt:
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


def _work_then_closure(work: Callable[[Episode], object], *, on_day: int, reason: str = "RC7") -> Attempt:
    """`work` recorded first, then a closure dated `on_day` days after the referral."""

    def attempt(la, manager):
        ep = episode(la, manager)
        work(ep)
        with pytest.raises(ValidationError):
            close(ep, on=ep.referral.referral_date + timedelta(days=on_day), reason=reason)

    return attempt


def _start_assessment(ep: Episode, days: int = 10) -> object:
    return assessments.assessment_start(
        actor=ep.worker, referral=ep.referral, started_on=ep.referral.referral_date + timedelta(days=days)
    )


def _strategy(ep: Episode, days: int = 0) -> object:
    """A strategy discussion deciding on a section 47, `days` after the referral; after the first, the
    threshold decision that called it an hour before."""
    held = at(ep.referral.referral_date + timedelta(days=days), 11)
    extra = {"threshold_decided_at": held - timedelta(hours=1)} if days else {}
    return discuss(ep.worker, ep.fresh(), held, **extra)


def _assessed_and_authorised(ep: Episode) -> object:
    day = ep.referral.referral_date
    return assess(ep, start=day + timedelta(days=1), authorised=day + timedelta(days=20))


def _nfa_then(work: Callable[[Episode], object]) -> Attempt:
    def attempt(la, manager):
        ep = _assessment_ep(la, manager)
        assert close(ep, on=ep.referral.referral_date + timedelta(days=1)).nfa is True
        with pytest.raises(ValidationError):
            work(ep)

    return attempt


def _work_then_not_nfa(work: Callable[[Episode], object]) -> Attempt:
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


def _plan_in(ep: Episode) -> object:
    day = ep.referral.referral_date
    assess(ep, start=day, authorised=day + timedelta(days=3))
    return cin_plan(ep, start=day + timedelta(days=4))


def _refer_again(la, manager, ep: Episode, days_ago: float) -> Referral:
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
        rationale="Needs an assessment",
    )
    return Referral.objects.filter(person=ep.child).latest("pk")


def _second_contact_joins(la, manager):
    ep = _assessment_ep(la, manager)
    assert _refer_again(la, manager, ep, days_ago=1).pk == ep.referral.pk
    assert Referral.objects.filter(person=ep.child).count() == 1


def _episode_after_closure_starts_at_it(la, manager):
    ep = _assessment_ep(la, manager)
    closed_on = today() - timedelta(days=3)
    close(ep, on=closed_on)
    later = _refer_again(la, manager, ep, days_ago=5)  # received while the first was open
    assert later.pk != ep.referral.pk
    assert later.referral_date == closed_on


# -- assessments -------------------------------------------------------------------------------------------


def _assessment_before_referral(la, manager):
    ep = _assessment_ep(la, manager)
    refused(
        assessments.assessment_start,
        actor=ep.worker,
        referral=ep.referral,
        started_on=ep.referral.referral_date - timedelta(days=1),
    )


def _completed(la, manager, **overrides) -> tuple[Episode, object]:
    ep = _assessment_ep(la, manager)
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


def _completion(**fields) -> Attempt:
    def attempt(la, manager):
        ep, a = _completed(la, manager)
        values = {"completed_on": a.started_on + timedelta(days=2), "factors": ["4B"], "outcome": "cin_plan"}
        refused(
            assessments.assessment_complete,
            actor=ep.worker,
            assessment=a,
            version=a.version,
            **(values | fields),
        )

    return attempt


def _authorisation(**fields) -> Attempt:
    def attempt(la, manager):
        ep, a = _completed(la, manager)
        a = assessments.assessment_complete(
            actor=ep.worker,
            assessment=a,
            version=a.version,
            completed_on=a.started_on + timedelta(days=2),
            factors=["4B"],
            outcome="cin_plan",
        )
        values = {"authorised_on": a.completed_on, "primary_need": "N1", "late_reason": "Late"}
        refused(
            assessments.assessment_authorise,
            actor=ep.worker,
            assessment=a,
            version=a.version,
            **(values | fields),
        )

    return attempt


def _factors_only_when_completing(la, manager):
    ep, a = _completed(la, manager)
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


def _second_open_assessment(la, manager):
    ep = _assessment_ep(la, manager)
    _start_assessment(ep, days=1)
    refused(
        assessments.assessment_start,
        actor=ep.worker,
        referral=ep.referral,
        started_on=ep.referral.referral_date + timedelta(days=2),
    )


# -- CIN plans -------------------------------------------------------------------------------------------


def _cin_start_refused(setup: Callable[[Episode], date]) -> Attempt:
    """`setup` records what comes first and returns the start date to try."""

    def attempt(la, manager):
        ep = episode(la, manager)
        start = setup(ep)
        refused(plans.cin_plan_start, actor=ep.worker, referral=ep.fresh(), start_date=start)

    return attempt


def _assessed(ep: Episode) -> date:
    day = ep.referral.referral_date
    assess(ep, start=day, authorised=day + timedelta(days=3))
    return day


def _open_cin_plan(ep: Episode) -> date:
    day = _assessed(ep)
    cin_plan(ep, start=day + timedelta(days=4))
    return day + timedelta(days=5)


def _ended_cin_plan(ep: Episode) -> date:
    day = _assessed(ep)
    cin_plan(ep, start=day + timedelta(days=4), end=day + timedelta(days=20))
    return day + timedelta(days=10)


def _open_cp_plan(ep: Episode) -> date:
    plan = protect(ep)
    return plan.start_date + timedelta(days=1)


def _ended_cp_plan(ep: Episode) -> date:
    plan = protect(ep)
    cp.plan_end(
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date + timedelta(days=14),
        end_reason="no_longer_needed",
    )
    return plan.start_date + timedelta(days=7)


def _before_referral(ep: Episode) -> date:
    _assessed(ep)
    return ep.referral.referral_date - timedelta(days=1)


def _died(days_after_referral: int) -> Callable[[Episode], date]:
    def setup(ep: Episode) -> date:
        day = _assessed(ep)
        child = ep.child
        people.person_update(
            actor=ep.worker,
            person=child,
            version=child.version,
            date_of_death=day + timedelta(days=days_after_referral),
        )
        return day + timedelta(days=days_after_referral + 1)

    return setup


def _death_refused(setup: Callable[[Episode], date]) -> Attempt:
    """`setup` records the plan and returns a date of death that would contradict it."""

    def attempt(la, manager):
        ep = episode(la, manager)
        died = setup(ep)
        child = ep.child
        refused(
            people.person_update, actor=ep.worker, person=child, version=child.version, date_of_death=died
        )

    return attempt


def _cin_plan_end_before_start(la, manager):
    ep = episode(la, manager)
    plan = cin_plan(ep, start=_assessed(ep) + timedelta(days=4))
    refused(
        plans.cin_plan_end,
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date - timedelta(days=1),
        end_reason="Needs met",
    )


def _cin_plan_ended_at_cp_start(la, manager):
    ep = episode(la, manager)
    plan = cin_plan(ep, start=_assessed(ep) + timedelta(days=4))
    cp_plan = protect(ep, weeks_after=3)
    plan.refresh_from_db()
    assert plan.end_date == cp_plan.start_date


def _cp_plan_during_ended_cin_plan(la, manager):
    ep = episode(la, manager)
    day = _assessed(ep)
    cin_plan(ep, start=day + timedelta(days=4), end=day + timedelta(days=25))
    enquiry = enquire(ep, outcome="icpc")
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, day + timedelta(weeks=2))


# -- child protection --------------------------------------------------------------------------------------


def _icpc_on(days_after_referral: int, **extra) -> Attempt:
    def attempt(la, manager):
        ep = episode(la, manager)
        enquiry = enquire(ep, outcome="icpc")
        with pytest.raises(ValidationError):
            icpc(ep.worker, enquiry, ep.referral.referral_date + timedelta(days=days_after_referral), **extra)

    return attempt


def _icpc_after_other_outcome(la, manager):
    ep = episode(la, manager)
    enquiry = enquire(ep, outcome="not_substantiated")
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, ep.referral.referral_date + timedelta(weeks=2))


def _plans_only_from_initial_conferences(la, manager):
    ep = episode(la, manager)
    enquiry = enquire(ep, outcome="icpc")
    icpc(ep.worker, enquiry, ep.referral.referral_date + timedelta(weeks=2), plan=False)
    assert ProtectionPlan.objects.filter(person=ep.child).count() == 0


def _plan_starts_at_its_conference(la, manager):
    ep = episode(la, manager)
    plan = protect(ep)
    assert plan.start_date == ep.referral.referral_date + timedelta(weeks=2)


def _strategy_before_referral(la, manager):
    ep = episode(la, manager)
    with pytest.raises(ValidationError):
        discuss(ep.worker, ep.referral, at(ep.referral.referral_date - timedelta(days=1), 11))


def _first_plan_returns_no_previous(la, manager):
    ep = episode(la, manager)
    protect(ep)
    lead = builders.user(la, Role.SENIOR_LEADER)
    year = today().year + (today().month > 3)
    root = etree.fromstring(bytes(returns.cin_census_generate(actor=lead, year=year).content))
    assert root.xpath("//ChildProtectionPlans/NumberOfPreviousCPP/text()") == ["0"]


def _second_section47(la, manager):
    ep = episode(la, manager)
    _strategy(ep, days=0)
    with pytest.raises(ValidationError):
        _strategy(ep, days=1)


def _plan_end(days_after_start: int) -> Attempt:
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


def _review_on_plan_start(la, manager):
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


def _second_open_plan(la, manager):
    ep = episode(la, manager)
    protect(ep)
    enquiry = _strategy(ep, days=20).section47_enquiry  # type: ignore[attr-defined]
    enquiry = cp.section47_outcome_record(
        actor=ep.worker,
        enquiry=enquiry,
        version=enquiry.version,
        child_seen_on=enquiry.start_date,
        outcome="icpc",
        end_date=enquiry.start_date + timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, enquiry.start_date + timedelta(days=7))


def _plan_overlapping_an_ended_one(la, manager):
    ep = episode(la, manager, weeks_ago=12)
    plan = protect(ep)
    cp.plan_end(
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date + timedelta(weeks=6),
        end_reason="no_longer_needed",
    )
    enquiry = _strategy(ep, days=20).section47_enquiry  # type: ignore[attr-defined]
    enquiry = cp.section47_outcome_record(
        actor=ep.worker,
        enquiry=enquiry,
        version=enquiry.version,
        child_seen_on=enquiry.start_date,
        outcome="icpc",
        end_date=enquiry.start_date + timedelta(days=1),
    )
    with pytest.raises(ValidationError):
        icpc(ep.worker, enquiry, enquiry.start_date + timedelta(days=7))


def _death_then_plan_end_after(la, manager):
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


def _death_then_icpc_after(la, manager):
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


def _cp_plan_before(ep: Episode) -> date:
    return protect(ep).start_date - timedelta(days=1)


def _cp_plan_ended_then_death(ep: Episode) -> date:
    plan = protect(ep)
    cp.plan_end(
        actor=ep.worker,
        plan=plan,
        version=plan.version,
        end_date=plan.start_date + timedelta(days=14),
        end_reason="no_longer_needed",
    )
    return plan.start_date + timedelta(days=7)


def _cin_plan_then_death(ep: Episode) -> date:
    return _open_cin_plan(ep) - timedelta(days=3)


REFERRAL_FIRST = "The referral is always recorded first and its date never changes afterwards."
ONE_RECORD = "The rule is about one record's own values: there is no second record to order."
SECOND_IS_SECOND = "Both records are of one kind: whichever is made second is the one refused."
MADE_BY_SERVICE = "The value is made by the service, never entered, so no order of events can break it."

TRIES: dict[str, Tries] = {
    "1510": _field(upn=_upn_with_wrong_check_letter()),
    "1530": _field(upn="A999000012345"),
    "1540": _field(upn="A885ABC012345"),
    "1550": _field(upn="A88500001234I"),
    "1520": Tries(_duplicate_upn_created, _duplicate_upn_updated),
    "1570": Tries(_reference_is_made_not_entered, one_order=MADE_BY_SERVICE),
    "1580": Tries(_reference_is_made_not_entered, one_order=MADE_BY_SERVICE),
    "8500": Tries(_reference_is_made_not_entered, one_order=MADE_BY_SERVICE),
    "8510": Tries(_reference_is_made_not_entered, one_order=MADE_BY_SERVICE),
    "4180": _field(sex="X"),
    "4220": _field(ethnicity="ZZZZ"),
    "8520": _field(date_of_birth=today() + timedelta(days=2)),
    "8750": Tries(_unborn_male_created, _unborn_made_male),
    "8790": _field(disabilities=["NONE", "AUT"]),
    "8794": _field(disabilities=["AUT", "AUT"]),
    "8866": Tries(_unknown_source, one_order=ONE_RECORD),
    "8640": Tries(_close_with(reason="RC99"), one_order=ONE_RECORD),
    "8650": Tries(_authorisation(primary_need="N99"), one_order=ONE_RECORD),
    "8630": Tries(_close_with(closure_date=date(2000, 1, 1)), one_order=REFERRAL_FIRST),
    "8805": Tries(_close_with(reason=""), one_order=ONE_RECORD),
    "8810": Tries(_close_with(closure_date=None), one_order=ONE_RECORD),
    "8815": Tries(_second_contact_joins, one_order=SECOND_IS_SECOND),
    "8816": Tries(_second_contact_joins, one_order=SECOND_IS_SECOND),
    "8820": Tries(_episode_after_closure_starts_at_it, one_order=SECOND_IS_SECOND),
    "8867": Tries(_work_then_closure(_start_assessment, on_day=20), _closed_then(_start_assessment)),
    "8868": Tries(_work_then_closure(_strategy, on_day=20), _closed_then(_strategy)),
    "8565": Tries(_work_then_closure(_assessed_and_authorised, on_day=10), _closed_then(_start_assessment)),
    "2990": Tries(
        _work_then_closure(lambda ep: (enquire(ep), _assessed_and_authorised(ep)), on_day=25, reason="RC8"),
        _closed_then(_strategy, reason="RC8", assessed=True),
    ),
    "4000": Tries(
        _nfa_then(lambda ep: cin_plan(ep, start=ep.referral.referral_date + timedelta(days=2))),
        _work_then_not_nfa(_plan_in),
    ),
    "8831": Tries(_nfa_then(_start_assessment), _work_then_not_nfa(_assessed_and_authorised)),
    "8832": Tries(_nfa_then(_strategy), _work_then_not_nfa(enquire)),
    "1103": Tries(_assessment_before_referral, one_order=REFERRAL_FIRST),
    "8608": Tries(_completion(completed_on=date(2000, 1, 1)), one_order=ONE_RECORD),
    "8610": Tries(_authorisation(primary_need="N0"), one_order=ONE_RECORD),
    "8614": Tries(_factors_only_when_completing, one_order=MADE_BY_SERVICE),
    "8869": Tries(_completion(factors=["21", "4B"]), one_order=ONE_RECORD),
    "8898": Tries(_completion(factors=["4B", "4B"]), one_order=ONE_RECORD),
    "8896": Tries(_second_open_assessment, one_order=SECOND_IS_SECOND),
    "4001": Tries(_cin_plan_ended_at_cp_start, _cin_start_refused(_open_cp_plan)),
    "4016": Tries(_cp_plan_during_ended_cin_plan, _cin_start_refused(_ended_cp_plan)),
    "4017": Tries(_cp_plan_during_ended_cin_plan, _cin_start_refused(_open_cp_plan)),
    "4003": Tries(_cin_plan_ended_at_cp_start, _cin_start_refused(_open_cp_plan)),
    "4004": Tries(_cin_start_refused(_open_cin_plan), one_order=SECOND_IS_SECOND),
    "4014": Tries(_cin_start_refused(_ended_cin_plan), one_order=SECOND_IS_SECOND),
    "4008": Tries(_cin_start_refused(_died(5)), _death_refused(_cin_plan_then_death)),
    "4011": Tries(_cin_plan_end_before_start, one_order=ONE_RECORD),
    "4015": Tries(_cin_start_refused(_before_referral), one_order=REFERRAL_FIRST),
    "1104": Tries(_icpc_on(-3), one_order=REFERRAL_FIRST),
    "1105": Tries(_icpc_on(-3), one_order=REFERRAL_FIRST),
    "2883": Tries(_plans_only_from_initial_conferences, one_order=MADE_BY_SERVICE),
    "2884": Tries(_icpc_after_other_outcome, one_order=MADE_BY_SERVICE),
    "2885": Tries(_plan_starts_at_its_conference, one_order=MADE_BY_SERVICE),
    "2889": Tries(_strategy_before_referral, one_order=REFERRAL_FIRST),
    "8615": Tries(_icpc_on(-1), one_order="The section 47 always comes before its conference."),
    "8730": Tries(_first_plan_returns_no_previous, one_order=MADE_BY_SERVICE),
    "8839": Tries(_second_section47, one_order=SECOND_IS_SECOND),
    "8890": Tries(_second_section47, one_order=SECOND_IS_SECOND),
    "8840": Tries(_plan_end(0), one_order=ONE_RECORD),
    "8925": Tries(_plan_end(-1), one_order=ONE_RECORD),
    "8841": Tries(_review_on_plan_start, one_order="The plan always comes before its reviews."),
    "8875": Tries(_icpc_on(12), one_order=ONE_RECORD),  # the Saturday after the Monday referral's week
    "8905": Tries(_icpc_on(14, category="XXX"), one_order=ONE_RECORD),
    "8910": Tries(_icpc_on(14, category="XXX"), one_order=ONE_RECORD),
    "8915": Tries(_death_then_icpc_after, _death_refused(_cp_plan_before)),
    "8920": Tries(_death_then_plan_end_after, _death_refused(_cp_plan_ended_then_death)),
    "8935": Tries(_second_open_plan, one_order=SECOND_IS_SECOND),
    "8940": Tries(_plan_overlapping_an_ended_one, one_order=SECOND_IS_SECOND),
}
CASES = [
    (code, order) for code in sorted(TRIES) for order in ("first", "other") if getattr(TRIES[code], order)
]


def test_every_rule_kept_at_entry_has_an_attempt():
    assert sorted(set(prevented_by_apps()) - set(TRIES)) == []
    assert all((tries.other is None) == bool(tries.one_order) for tries in TRIES.values())


@pytest.mark.parametrize(("code", "order"), CASES)
def test_the_rule_cannot_be_broken_through_the_services(code, order, la, manager):
    attempt = getattr(TRIES[code], order)
    attempt(la, manager)
