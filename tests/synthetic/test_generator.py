"""The synthetic front door holds the same invariants as data recorded through contacts.services."""

from collections import Counter, defaultdict
from datetime import timedelta
from itertools import pairwise

import pytest
from django.conf import settings

from frontdoor.access.models import Restriction
from frontdoor.allegations.models import Allegation
from frontdoor.assessments.models import Assessment
from frontdoor.audit.models import AuditEvent
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.clocks import rules as clock_rules
from frontdoor.clocks.calendar import WorkingCalendar
from frontdoor.clocks.models import Clock
from frontdoor.complaints.models import ComplaintStage
from frontdoor.contacts import rules as contact_rules
from frontdoor.contacts.models import (
    OPEN_STAGES,
    Contact,
    ContactChild,
    DailyReview,
    Decision,
    PartnerCheck,
    Stage,
    StageEvent,
)
from frontdoor.contacts.selectors import earlier_contacts_for
from frontdoor.domestic_abuse.models import NotifiedChild
from frontdoor.early_help.models import EarlyHelpCase
from frontdoor.exploitation.models import Screening
from frontdoor.missing.models import MissingEpisode
from frontdoor.organisations.models import Role, User
from frontdoor.people import rules as people_rules
from frontdoor.people.models import Person
from frontdoor.plans.models import ChildInNeedPlan, PlanReview
from frontdoor.referrals.models import Referral, Visit
from frontdoor.supervision.models import Supervision
from frontdoor.synthetic import profiles
from frontdoor.synthetic.generator import AuthorityNotEmpty, generate
from frontdoor.synthetic.profiles import PROFILES
from tests.synthetic.conftest import END, SEED, SMALL_CONTACTS

pytestmark = pytest.mark.django_db
CHILD_PROTECTION_STANDARDS = {
    "strategy_discussion",
    "icpc",
    "first_core_group",
    "core_group",
    "first_review_conference",
    "review_conference",
    "cp_visit",
}
ORDER = {Stage.AWAITING_SCREENING: 0, Stage.PARTNER_CHECKS: 1, Stage.AWAITING_DECISION: 1, Stage.DECIDED: 2}


def test_every_journey_has_an_event_for_each_stage_it_passed_and_is_at_its_last(small):
    events = defaultdict(list)
    for event in StageEvent.objects.order_by("at", "pk"):
        events[event.contact_child_id].append(event)
    journeys = ContactChild.objects.select_related("contact")
    assert journeys.count() == small.counts["contacts.ContactChild"]
    for journey in journeys:
        history = events[journey.pk]
        assert history[0].stage == Stage.AWAITING_SCREENING
        assert history[0].at == journey.contact.received_at
        assert (history[-1].stage, history[-1].at) == (journey.stage, journey.stage_entered_at)
        assert all(a.stage != b.stage and a.at <= b.at for a, b in pairwise(history))
        assert all(ORDER[a.stage] <= ORDER[b.stage] for a, b in pairwise(history))
        assert [e.stage for e in history].count(Stage.DECIDED) == (journey.stage == Stage.DECIDED)
        screened = journey.screened_at is not None
        assert journey.version == 1 + screened + (journey.stage == Stage.DECIDED)
        assert screened == (journey.stage != Stage.AWAITING_SCREENING)
        assert bool(journey.rag) == screened


def test_stages_follow_the_rule_from_screening_and_partner_checks(small):
    checks = defaultdict(list)
    for check in PartnerCheck.objects.all():
        checks[check.contact_id].append(check)
    for journey in ContactChild.objects.filter(stage__in=OPEN_STAGES):
        outstanding = sum(1 for c in checks[journey.contact_id] if c.responded_at is None)
        expected = contact_rules.stage_for(
            screened=journey.screened_at is not None, outstanding_checks=outstanding, decided=False
        )
        assert journey.stage == expected


def test_open_journeys_have_open_clocks_and_decided_ones_clocks_completed_at_the_decision(small):
    for journey in ContactChild.objects.select_related("decision_clock", "statutory_clock", "decision"):
        clocks = (journey.decision_clock, journey.statutory_clock)
        assert [c.standard for c in clocks] == ["contact_decision", "contact_decision_statutory"]
        assert all(c.subject_type == "contacts.contactchild" and c.subject_id == journey.pk for c in clocks)
        assert all(c.person_id == journey.person_id for c in clocks)
        if journey.stage == Stage.DECIDED:
            assert all(c.completed_at == journey.decision.decided_at for c in clocks)
            assert journey.statutory_clock.working_days_taken is not None
        else:
            assert all(c.completed_at is None for c in clocks)
            assert not Decision.objects.filter(contact_child=journey).exists()


def test_every_clock_is_due_when_the_pure_rule_says(small):
    calendar = WorkingCalendar()
    clocks = list(Clock.objects.all())
    # Child protection clocks are checked in test_child_protection; front-door referrals have two.
    front_door = [c for c in clocks if c.standard not in CHILD_PROTECTION_STANDARDS]
    assert len(front_door) == (
        2 * small.counts["contacts.ContactChild"]
        + small.counts["contacts.PartnerCheck"]
        + 2 * Referral.objects.filter(contact_child__isnull=False).count()
        + Assessment.objects.count()  # each assessment's DfE clock
        + PlanReview.objects.count()  # a review clock completed by each review,
        + ChildInNeedPlan.objects.count()  # and the last one of each plan
        # Issue 9: each early help plan's review clock and each supervision's next-due clock.
        + EarlyHelpCase.objects.exclude(review_clock=None).count()
        + Supervision.objects.count()
        + MissingEpisode.objects.count()
        + MissingEpisode.objects.exclude(interview_clock=None).count()
        + MissingEpisode.objects.exclude(held_clock=None).count()  # issue 19 §5: the interview held
        # Issue 19: allegations' consideration and outcome clocks; complaint stages' and extensions'.
        + Allegation.objects.exclude(consideration_clock=None).count()
        + Allegation.objects.exclude(outcome_clock=None).count()
        + ComplaintStage.objects.count()
        + ComplaintStage.objects.exclude(extended_clock=None).count()
        + Screening.objects.exclude(review_clock=None).count()
        + Restriction.objects.count()  # each restricted record's review clock
        + NotifiedChild.objects.exclude(encompass_clock=None).count()  # Operation Encompass
    )
    for clock in clocks:
        standard = clock_rules.DEFAULT_STANDARDS[clock.standard]
        assert clock.due_at == clock_rules.due(standard, clock.started_at, calendar)
        if clock.completed_at and standard.unit is clock_rules.Unit.WORKING_DAYS:
            taken = clock_rules.elapsed(standard, clock.started_at, clock.completed_at, calendar)
            assert clock.working_days_taken == taken


def test_partner_check_clocks_run_from_the_request_to_the_answer(small):
    for check in PartnerCheck.objects.select_related("clock", "contact"):
        assert check.clock.standard == "partner_check_response"
        assert (check.clock.subject_type, check.clock.subject_id) == ("contacts.partnercheck", check.pk)
        assert check.clock.started_at == check.requested_at
        assert check.clock.completed_at == check.responded_at
        assert check.requested_at >= check.contact.recorded_at
        assert bool(check.response) == (check.responded_at is not None) == (check.recorded_by_id is not None)


def test_decisions_exist_exactly_for_decided_journeys_and_feedback_follows_them(small):
    decided = set(ContactChild.objects.filter(stage=Stage.DECIDED).values_list("pk", flat=True))
    decisions = list(Decision.objects.select_related("contact_child__contact"))
    assert {d.contact_child_id for d in decisions} == decided
    for decision in decisions:
        decision.full_clean()
        assert decision.decided_at > decision.contact_child.contact.received_at
        assert decision.feedback_at is None or END >= decision.feedback_at >= decision.decided_at
    with_feedback = sum(1 for d in decisions if d.feedback_at)
    assert with_feedback > 0.75 * len(decisions)


def test_daily_reviews_only_while_undecided_after_24_hours(small):
    reviews = list(DailyReview.objects.select_related("contact_child__contact", "contact_child__decision"))
    assert reviews
    for review in reviews:
        journey = review.contact_child
        assert review.reviewed_at >= journey.contact.received_at + timedelta(hours=24)
        assert review.reviewed_at <= END
        if journey.stage == Stage.DECIDED:
            assert review.reviewed_at < journey.decision.decided_at
    late = ContactChild.objects.filter(
        stage__in=OPEN_STAGES, contact__received_at__lt=END - timedelta(hours=48)
    )
    assert all(j.daily_reviews.exists() for j in late)


def test_contacts_are_valid_as_the_services_require(small):
    for contact in Contact.objects.all():
        contact.full_clean()
        assert contact.reference == f"CT{contact.pk:07d}"
        assert contact.received_at <= contact.recorded_at <= END
        assert contact.incident_at is None or contact.incident_at <= contact.received_at
        assert (contact.channel == "police_notification") == (contact.incident_at is not None)
        assert contact.consent == "obtained" or contact.consent_rationale.strip()
        assert contact.concern_categories == sorted(set(contact.concern_categories))
        problems = contact_rules.contact_problems(
            received_at=contact.received_at,
            now=contact.recorded_at,
            earliest=settings.FRONTDOOR_EARLIEST_DATE,
            consent=contact.consent,
            consent_rationale=contact.consent_rationale,
            incident_at=contact.incident_at,
            children_count=contact.children.count(),
            source=contact.source,
            referrer_named=bool(contact.referrer_name or contact.referrer_person_id),
        )
        assert problems == {}


def test_source_mix_is_within_a_point_of_the_profile(small):
    counts = Counter(Contact.objects.values_list("source", flat=True))
    total = sum(counts.values())
    weights = sum(profiles.SOURCE_MIX.values())
    for code, share in profiles.SOURCE_MIX.items():
        assert abs(100 * counts[code] / total - 100 * share / weights) < 1.0, code


def test_siblings_repeats_and_police_notifications_occur(small):
    children_per_contact = Counter(ContactChild.objects.values_list("contact_id", flat=True))
    multi = sum(1 for n in children_per_contact.values() if n > 1) / len(children_per_contact)
    assert 0.15 < multi < 0.35
    assert ContactChild.objects.exclude(repeat_reasons=[]).exists()
    assert Contact.objects.filter(channel="police_notification").count() > 40


def test_repeat_flags_are_what_the_service_would_have_computed(small):
    for journey in ContactChild.objects.select_related("contact", "person"):
        contact = journey.contact
        key = (
            f"person:{contact.referrer_person_id}"
            if contact.referrer_person_id
            else " ".join(contact.referrer_name.lower().split())
        )
        expected = contact_rules.repeat_reasons(
            received_at=contact.received_at,
            source=contact.source,
            referrer_key=key,
            earlier=earlier_contacts_for(person=journey.person, before=contact),
        )
        assert journey.repeat_reasons == expected


def test_people_have_valid_identifiers_and_search_keys(small):
    people = list(Person.objects.all())
    children = [p for p in people if p.is_child]
    for person in people:
        person.full_clean()
        assert person.reference == people_rules.person_reference(person.pk)
        assert person.last_name_key == people_rules.name_key(person.last_name)
        assert person.first_name_key == people_rules.name_key(person.first_name)
        assert not person.nhs_number or people_rules.nhs_number_problem(person.nhs_number) is None
        assert not person.nhs_number or person.nhs_number.startswith("999")
        assert not person.upn or people_rules.upn_problem(person.upn) is None
        assert not (person.upn and person.upn_unknown)
    unborn = [p for p in children if p.is_unborn]
    assert unborn
    assert all(p.sex == "U" and not p.first_name for p in unborn)
    assert sum(1 for p in children if p.nhs_number) > 0.85 * len(children)
    assert any(p.upn for p in children)
    assert len({p.nhs_number for p in people if p.nhs_number}) == sum(1 for p in people if p.nhs_number)


def test_every_front_door_stage_has_open_work_at_the_end_and_some_is_breaching(small):
    open_now = ContactChild.objects.filter(stage__in=OPEN_STAGES)
    assert set(open_now.values_list("stage", flat=True)) == set(OPEN_STAGES)
    assert open_now.filter(contact__received_at__lt=END - timedelta(hours=24)).exists()
    assert PartnerCheck.objects.filter(responded_at__isnull=True).exists()


def test_staff_cover_every_role_and_cannot_sign_in(small):
    staff = User.objects.filter(authority=small.authority)
    # Partner agency users are not council staff: the demo makes a school's (synthetic.demo).
    assert {u.role for u in staff} == set(Role.values) - {Role.PARTNER_USER}
    assert not any(u.has_usable_password() for u in staff)
    assert staff.filter(team__is_front_door=True, role=Role.CONTACT_OFFICER).count() == 8


def test_one_audit_event_summarises_the_load(small):
    event = AuditEvent.objects.get(action="synthetic.loaded")
    assert event.actor is None
    assert event.changes["counts"]["contacts.Contact"] == SMALL_CONTACTS
    assert event.changes["seed"] == SEED


def test_an_authority_that_already_has_contacts_is_refused(small):
    before = Contact.objects.count()
    with pytest.raises(AuthorityNotEmpty, match="already has contacts"):
        generate(profile=PROFILES["small"], seed=SEED, end=END, la_code="885")
    assert Contact.objects.count() == before


def test_referral_decisions_open_episodes_as_the_services_would(small):
    # Earlier episodes written before the window (child_protection's earlier plans) came from no contact.
    referrals = list(
        Referral.objects.filter(contact_child__isnull=False).select_related(
            "contact_child__decision", "child_seen_clock", "assessment_clock"
        )
    )
    for referral in referrals:
        outcome = referral.contact_child.decision.outcome
        assert outcome in ("assessment", "strategy")
        assert referral.significant_harm is (outcome == "strategy")
        urgent = referral.significant_harm
        assert referral.child_seen_clock.standard == ("child_seen_urgent" if urgent else "child_seen")
        assert referral.child_seen_clock.started_at == referral.received_at
        seen = Visit.objects.filter(referral=referral, seen=True).order_by("occurred_at").first()
        assert referral.child_seen_clock.completed_at == (seen.occurred_at if seen else None)
        assert (referral.closure_date is None) == (referral.closure_reason == "")
    open_per_child = Counter(r.person_id for r in referrals if r.closure_date is None)
    assert max(open_per_child.values(), default=1) == 1
    # Every referral decision opened an episode, or joined the child's episode already open then.
    decided = Decision.objects.filter(outcome__in=["assessment", "strategy"]).select_related("contact_child")
    opened = {r.contact_child_id for r in referrals}
    for decision in decided:
        journey = decision.contact_child
        if journey.pk in opened:
            continue
        day = decision.decided_at.date()
        assert any(
            r.person_id == journey.person_id
            and r.referral_date <= day
            and (r.closure_date is None or r.closure_date >= day)
            for r in referrals
        )
    assert len(opened) == len(referrals)


def test_missing_episodes_follow_the_volumes_and_the_services_rules(small):
    from frontdoor.missing.models import PatternFlag, ReturnInterview

    episodes = MissingEpisode.objects.select_related("interview_clock", "oversight_clock")
    # volumes.md §10a: ~550 looked-after and ~1,000 from-home episodes a year, here for 61 days.
    assert episodes.filter(looked_after=True).count() == round(550 * 61 / 365)
    assert episodes.filter(looked_after=False).count() == round(1000 * 61 / 365)
    for e in episodes:
        assert e.went_missing_at <= e.reported_at <= e.notified_at
        assert e.oversight_clock.started_at == e.notified_at
        if e.returned_at is None:
            assert e.interview_clock is None
        else:
            assert e.interview_clock.due_at == e.returned_at + timedelta(hours=72)
    for interview in ReturnInterview.objects.select_related("episode__interview_clock"):
        assert interview.offered_at >= interview.episode.returned_at
        assert interview.episode.interview_clock.completed_at == interview.offered_at
    open_flags = Counter(PatternFlag.objects.filter(acknowledged_at=None).values_list("person_id", flat=True))
    assert all(n == 1 for n in open_flags.values())
    offered = small.metrics["rhi_offered_pct"]
    assert 70 <= offered <= 95


def test_no_cin_plan_runs_beside_a_protection_plan_as_the_services_require(small):
    """CIN 4001/4016/4017 as the services keep them: no CIN plan starts within a CP plan, and no CP
    plan starts within a CIN plan unless on the day it ended (the ICPC ends a running CIN plan)."""
    cin = defaultdict(list)
    for person, start, end in ChildInNeedPlan.objects.values_list("person_id", "start_date", "end_date"):
        cin[person].append((start, end))
    cp = list(ProtectionPlan.objects.values_list("person_id", "start_date", "end_date"))
    assert (len(cin) > 0, len(cp) > 0) == (True, True)
    clashes = [
        (person, cp_start, cin_start)
        for person, cp_start, cp_end in cp
        for cin_start, cin_end in cin[person]
        if (cin_start <= cp_start and (cin_end is None or cp_start < cin_end))
        or (cp_start <= cin_start and (cp_end is None or cin_start < cp_end))
    ]
    assert clashes == []


def test_every_authorised_assessment_leaves_a_primary_need_on_its_episode(small):
    """As assessments.services.assessment_authorise records it (CIN 8610 / 8650): N1 to N9."""
    needs = Counter(
        Referral.objects.filter(assessments__authorised_on__isnull=False).values_list(
            "primary_need", flat=True
        )
    )
    assert sum(needs.values()) > 0
    assert sorted(set(needs) - {f"N{n}" for n in range(1, 10)}) == []
