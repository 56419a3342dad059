"""Closing a children-in-need episode (DfE reasons RC1-RC9, case summary, step down to early help), and
social work assistants holding a case only with a plan and a named qualified overseer."""

import importlib
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.assessments import rules as assessment_rules
from frontdoor.assessments import services as assessment_services
from frontdoor.audit.models import AuditEvent
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import Role
from frontdoor.plans import rules as plan_rules
from frontdoor.plans import services as plan_services
from frontdoor.referrals import rules, services
from frontdoor.referrals.models import Allocation, ClosureReason, Referral
from tests import builders

REASONS = [code for code, _ in ClosureReason.choices]


def _closure(**overrides):
    values = {
        "closure_date": date(2026, 3, 2),
        "today": date(2026, 3, 2),
        "referral_date": date(2026, 1, 5),
        "reason": "RC7",
        "summary": "Needs met",
        "open_assessments": 0,
        "open_plans": 0,
        "authorised_assessments": 0,
        "step_down": False,
    }
    return rules.closure_problems(**(values | overrides))


@given(st.sampled_from(["", *REASONS]), st.sampled_from(["", "Summary"]))
def test_a_closure_needs_a_reason_and_a_summary(reason, summary):
    """CIN 8805/8810: a closure date and a reason go together; the case summary is required."""
    problems = _closure(reason=reason, summary=summary, authorised_assessments=1)
    assert ("reason" in problems) == (reason == "")
    assert ("summary" in problems) == (summary == "")


@given(st.dates(min_value=date(2025, 1, 1), max_value=date(2027, 1, 1)))
def test_a_case_closes_on_or_after_its_referral_and_not_in_the_future(closure_date):
    """CIN 8630."""
    problems = _closure(closure_date=closure_date)
    assert ("closure_date" in problems) == (not date(2026, 1, 5) <= closure_date <= date(2026, 3, 2))


def test_worked_examples_of_closure_refusals():
    assert _closure(open_assessments=1) == {
        "closure_date": "Authorise the open assessment before closing the case"
    }
    assert _closure(open_plans=1) == {"closure_date": "End the child in need plan before closing the case"}
    # CIN 8868: no episode closes around an unfinished section 47, nor a running protection plan.
    assert _closure(open_enquiries=1) == {
        "closure_date": "Record the section 47 enquiry's outcome before closing the case"
    }
    assert _closure(open_protection_plans=1) == {
        "closure_date": "End the child protection plan before closing the case"
    }
    assert _closure(reason="RC8") == {
        "reason": "Closed after assessment needs an authorised assessment in this episode"
    }
    assert _closure(reason="RC8", authorised_assessments=1, step_down=True) == {
        "step_down": "RC8 is no further action: choose RC9 for a step down to early help"
    }
    assert _closure(reason="RC9", authorised_assessments=1, step_down=True) == {}


@given(
    st.sampled_from(list(Role)),
    st.booleans(),
    st.none() | st.sampled_from(list(Role)),
)
def test_only_qualified_staff_or_an_overseen_assistant_with_a_plan_hold_a_case(role, has_plan, overseer):
    problems = rules.allocation_problems(
        worker_role=role, same_authority=True, has_cin_plan=has_plan, overseer_role=overseer
    )
    qualified = {Role.SOCIAL_WORKER, Role.TEAM_MANAGER}
    if role == Role.SOCIAL_WORK_ASSISTANT:
        assert (problems == {}) == (has_plan and overseer in qualified)
    else:
        assert (problems == {}) == (role in qualified and overseer is None)


@pytest.fixture
def referral(la, manager):
    return builders.referral(la, manager, days_ago=2)


def close(manager, referral, **kwargs):
    values = {
        "version": referral.version,
        "closure_date": timezone.localdate(),
        "reason": "RC7",
        "summary": "Family now supported by school",
    }
    return services.referral_close(actor=manager, referral=referral, **(values | kwargs))


def authorised_assessment(referral, manager):
    today = timezone.localdate()
    a = assessment_services.assessment_start(actor=manager, referral=referral, started_on=today)
    a = assessment_services.assessment_record(
        actor=manager,
        assessment=a,
        version=a.version,
        child_seen_on=today,
        childs_voice="Fine",
        parents_views="",
        analysis="No needs beyond universal services",
    )
    a = assessment_services.assessment_complete(
        actor=manager, assessment=a, version=a.version, completed_on=today, factors=["21"], outcome="nfa"
    )
    return assessment_services.assessment_authorise(
        primary_need="N1", actor=manager, assessment=a, version=a.version, authorised_on=today
    )


@pytest.mark.django_db
def test_closing_records_the_reason_summary_and_ends_the_allocation(la, manager, worker, referral):
    services.allocation_make(actor=manager, referral=referral, team=builders.team(la), worker=worker)
    close(manager, referral)
    referral.refresh_from_db()
    assert (referral.closure_date, referral.closure_reason, referral.closure_summary) == (
        timezone.localdate(),
        "RC7",
        "Family now supported by school",
    )
    assert (referral.closed_by, referral.stepped_down_to_early_help, referral.version) == (manager, False, 2)
    assert Allocation.objects.filter(referral=referral, ended_at__isnull=True).count() == 0
    assert AuditEvent.objects.filter(action="referral.closed", subject_id=referral.pk).count() == 1


@pytest.mark.django_db
def test_rc9_is_a_step_down_to_early_help(manager, referral):
    authorised_assessment(referral, manager)
    close(manager, referral, reason="RC9")
    referral.refresh_from_db()
    assert (referral.closure_reason, referral.stepped_down_to_early_help) == ("RC9", True)


@pytest.mark.django_db
def test_closure_refusals_save_nothing(manager, worker, referral):
    with pytest.raises(ValidationError) as error:
        close(manager, referral, reason="", summary="")
    assert sorted(error.value.message_dict) == ["reason", "summary"]
    with pytest.raises(ValidationError) as error:
        close(manager, referral, closure_date=referral.referral_date - timedelta(days=1))
    assert error.value.message_dict == {"closure_date": ["The case cannot close before the referral date"]}
    with pytest.raises(StaleEdit):
        services.referral_close(
            actor=manager,
            referral=referral,
            version=9,
            closure_date=timezone.localdate(),
            reason="RC7",
            summary="x",
        )
    assessment_services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        close(manager, referral)
    assert error.value.message_dict == {
        "closure_date": ["Authorise the open assessment before closing the case"]
    }
    with pytest.raises(PermissionDenied):
        close(worker, referral)
    referral.refresh_from_db()
    assert (referral.closure_date, referral.closure_reason, referral.version) == (None, "", 1)
    assert AuditEvent.objects.filter(action="referral.closed").count() == 0


@pytest.mark.django_db
def test_a_closed_case_takes_no_more_work(manager, worker, referral):
    """CIN 2990/8565: nothing is recorded on an episode after it closes."""
    close(manager, referral)
    referral.refresh_from_db()
    with pytest.raises(ValidationError):
        assessment_services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())
    with pytest.raises(ValidationError):
        plan_services.cin_plan_start(actor=worker, referral=referral, start_date=timezone.localdate())
    with pytest.raises(ValidationError):
        close(manager, referral)
    assert (referral.assessments.count(), referral.cin_plans.count()) == (0, 0)


@pytest.mark.django_db
def test_a_social_work_assistant_holds_a_case_only_with_a_plan_and_an_overseer(la, manager, worker, referral):
    assistant = builders.user(la, Role.SOCIAL_WORK_ASSISTANT)
    team = builders.team(la)
    with pytest.raises(ValidationError) as error:
        services.allocation_make(
            actor=manager, referral=referral, team=team, worker=assistant, overseen_by=worker
        )
    assert error.value.message_dict == {
        "worker": ["A social work assistant can hold a case only once a child in need plan exists"]
    }
    plan_services.cin_plan_start(actor=worker, referral=referral, start_date=timezone.localdate())
    with pytest.raises(ValidationError) as error:
        services.allocation_make(actor=manager, referral=referral, team=team, worker=assistant)
    assert error.value.message_dict == {
        "overseen_by": ["Name the qualified social worker who oversees the social work assistant"]
    }
    assert Allocation.objects.count() == 0
    allocation = services.allocation_make(
        actor=manager, referral=referral, team=team, worker=assistant, overseen_by=worker
    )
    assert (allocation.worker, allocation.overseen_by) == (assistant, worker)


@pytest.mark.django_db
def test_the_closure_page_answers_bad_input_and_closes(client, manager, referral):
    client.force_login(manager)
    url = reverse("referrals:close", args=[referral.pk])
    response = client.post(url, {"version": 1, "summary": "", "step_down": "no"})
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    referral.refresh_from_db()
    assert referral.closure_date is None
    today = timezone.localdate()
    response = client.post(
        url,
        {
            "version": 1,
            "closure_date_day": today.day,
            "closure_date_month": today.month,
            "closure_date_year": today.year,
            "reason": "RC7",
            "summary": "Needs met",
            "step_down": "yes",
        },
    )
    assert response.status_code == 302
    referral.refresh_from_db()
    assert (referral.closure_reason, referral.stepped_down_to_early_help) == ("RC7", True)
    page = client.get(reverse("records:episode", args=[referral.pk])).content.decode()
    assert "stepped down to early help" in page
    assert Referral.objects.filter(closure_date__isnull=True).count() == 0


def test_every_prevented_census_rule_points_at_code_that_exists():
    """Each app's RULES_PREVENTED names the function (or the database constraint) that keeps a DfE CIN
    census ERROR rule from being broken at entry."""
    tables = (rules.RULES_PREVENTED, assessment_rules.RULES_PREVENTED, plan_rules.RULES_PREVENTED)
    for table in tables:
        for code, where in table.items():
            assert code.isdigit(), code
            assert len(code) == 4, code
            path, _, constraint = where.partition(" (")
            module, _, name = path.rpartition(".")
            target = getattr(importlib.import_module(f"frontdoor.{module}"), name)
            if constraint:
                names = {c.name for c in target._meta.constraints}
                assert constraint.rstrip(")") in names, code
            else:
                assert callable(target), code
    assert sorted(rules.RULES_PREVENTED) == [
        "2990",
        "8565",
        "8630",
        "8640",
        "8805",
        "8810",
        "8815",
        "8867",
        "8868",
    ]
