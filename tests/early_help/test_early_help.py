"""Early help: step-down opens the case in the decision's transaction; assessment with the child's
voice, lead professional, plan and reviews on the review clock; step-up makes a contact; the
partnership's share is counted right. Refusals save nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.contacts.models import Contact, ContactChild, Stage
from frontdoor.early_help import rules, selectors, services
from frontdoor.early_help.models import EarlyHelpAssessment, EarlyHelpCase, EarlyHelpPlan
from frontdoor.early_help.step_up import early_help_step_up
from frontdoor.organisations.models import AgencyKind, Role
from tests import builders
from tests.quality.cases import decided, school

pytestmark = pytest.mark.django_db


def stepped_down(la, manager, **kwargs):
    journey = decided(la, manager, "early_help", **kwargs)
    return EarlyHelpCase.objects.get(contact_child=journey)


def test_a_step_down_decision_opens_the_case_led_by_the_referring_school(la, manager):
    northwick = school(la)
    case = stepped_down(la, manager, school=northwick)
    assert (case.person, case.lead_agency, case.status, case.started_by) == (
        case.contact_child.person,
        northwick,
        "open",
        manager,
    )
    assert case.started_at == case.contact_child.decision.decided_at
    assert AuditEvent.objects.filter(action="early_help.opened", person_id=case.person_id).count() == 1


@pytest.mark.parametrize("outcome", ["nfa", "advice", "assessment"])
def test_other_decisions_open_no_early_help(la, manager, outcome):
    decided(la, manager, outcome)
    assert EarlyHelpCase.objects.count() == 0


def test_a_second_step_down_joins_the_open_case(la, manager):
    child = builders.child(la)
    first = stepped_down(la, manager, child=child, hours_ago=50)
    decided(la, manager, "early_help", child=child)
    assert list(EarlyHelpCase.objects.values_list("pk", flat=True)) == [first.pk]


def test_the_assessment_needs_the_childs_voice_and_a_refusal_saves_nothing(la, manager):
    case = stepped_down(la, manager)
    with pytest.raises(ValidationError) as refused:
        services.early_help_assessment_record(
            actor=manager, case=case, started_on=timezone.localdate(), needs="Routines", childs_voice="  "
        )
    assert refused.value.message_dict == {
        "childs_voice": ["Enter what the child said about their life and the help they want"]
    }
    assert EarlyHelpAssessment.objects.count() == 0
    services.early_help_assessment_record(
        actor=manager,
        case=case,
        started_on=timezone.localdate(),
        needs="Routines",
        childs_voice="I want breakfast",
    )
    assert EarlyHelpAssessment.objects.get().childs_voice == "I want breakfast"


def test_a_contact_officer_cannot_record_early_help(la, manager, officer):
    case = stepped_down(la, manager)
    with pytest.raises(PermissionDenied):
        services.early_help_assessment_record(
            actor=officer, case=case, started_on=timezone.localdate(), needs="x", childs_voice="y"
        )
    assert EarlyHelpAssessment.objects.count() == 0


def test_the_plan_starts_a_6_weekly_review_clock_and_each_review_restarts_it(la, manager):
    case = stepped_down(la, manager)
    today = timezone.localdate()
    services.early_help_plan_agree(actor=manager, case=case, agreed_on=today, outcomes="Fed", actions="Club")
    case.refresh_from_db()
    first = case.review_clock
    assert timezone.localdate(first.due_at) == today + timedelta(days=42)
    services.early_help_review_record(actor=manager, case=case, held_on=today, progress="Going well")
    case.refresh_from_db()
    first.refresh_from_db()
    assert first.completed_at is not None
    assert case.review_clock_id != first.pk
    assert Clock.objects.filter(standard="early_help_review", completed_at__isnull=True).count() == 1


def test_a_review_before_a_plan_is_refused(la, manager):
    case = stepped_down(la, manager)
    with pytest.raises(ValidationError, match="Agree the plan"):
        services.early_help_review_record(
            actor=manager, case=case, held_on=timezone.localdate(), progress="x"
        )
    assert EarlyHelpPlan.objects.count() == 0


def test_the_lead_professional_must_work_for_the_lead_organisation(la, manager):
    case = stepped_down(la, manager)
    northwick, police = school(la), builders.agency(la)
    officer = police.professionals.create(authority=la, name="PC Example")
    with pytest.raises(ValidationError, match="works for that organisation"):
        services.early_help_lead_set(
            actor=manager, case=case, version=case.version, agency=northwick, professional=officer
        )
    case.refresh_from_db()
    assert (case.lead_agency, case.version) == (None, 1)


def test_step_up_makes_a_contact_through_the_front_door_and_ends_the_case(la, manager, worker):
    case = stepped_down(la, manager, school=school(la))
    services.early_help_plan_agree(
        actor=worker, case=case, agreed_on=timezone.localdate(), outcomes="Fed", actions="Club"
    )
    case.refresh_from_db()
    contact = early_help_step_up(
        actor=worker,
        case=case,
        version=case.version,
        concerns="A bruise on the arm",
        concern_categories=["physical"],
        consent="obtained",
    )
    case.refresh_from_db()
    journey = ContactChild.objects.get(contact=contact)
    assert (contact.source, contact.source_agency, journey.person, journey.stage) == (
        "5D",
        case.lead_agency,
        case.person,
        Stage.AWAITING_SCREENING,
    )
    assert (case.status, case.step_up_contact) == ("stepped_up", contact)
    assert case.review_clock.completed_at is not None


def test_a_refused_step_up_leaves_the_case_open_and_makes_no_contact(la, manager, worker):
    case = stepped_down(la, manager)
    contacts = Contact.objects.count()
    with pytest.raises(ValidationError):
        early_help_step_up(
            actor=worker,
            case=case,
            version=case.version,
            concerns=" ",
            concern_categories=["physical"],
            consent="obtained",
        )
    case.refresh_from_db()
    assert (case.status, Contact.objects.count()) == ("open", contacts)


def test_the_partnerships_share_matches_a_count_of_the_open_cases(la, manager, worker):
    northwick, hillside = school(la), school(la, "Hillside High School")
    for agency in (northwick, northwick, hillside, None):
        stepped_down(la, manager, school=agency)
    closed = stepped_down(la, manager, school=hillside)
    services.early_help_close(actor=worker, case=closed, version=closed.version, reason="needs_met")
    shares = {s.name: (s.cases, round(s.percent, 1)) for s in selectors.partnership_share(actor=manager)}
    open_cases = list(EarlyHelpCase.objects.filter(status="open").values_list("lead_agency__name", flat=True))
    expected = {
        (name or "No lead professional yet"): (n, round(100 * n / len(open_cases), 1))
        for name, n in ((v, open_cases.count(v)) for v in set(open_cases))
    }
    assert (
        shares
        == expected
        == {
            "Northwick Primary School": (2, 50.0),
            "Hillside High School": (1, 25.0),
            "No lead professional yet": (1, 25.0),
        }
    )
    assert {s.kind for s in selectors.partnership_share(actor=manager) if s.agency_id} == {"Education"}


def test_partnership_share_is_zero_without_cases():
    assert rules.partnership_share({"a": 0}) == {"a": 0.0}


def test_another_authoritys_case_is_not_found(la, manager):
    case = stepped_down(la, manager)
    other = builders.user(builders.authority("884", "Herefordshire (test)"), Role.TEAM_MANAGER)
    with pytest.raises(Http404):
        selectors.case_get_for(actor=other, case_id=case.pk, purpose="test")
    assert AgencyKind.EDUCATION == rules.SCHOOL_KIND
