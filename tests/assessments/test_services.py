"""Assessments: start, record, complete and authorise, with their clocks; every refusal saves nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.assessments import services
from frontdoor.assessments.models import Assessment
from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import Role
from frontdoor.referrals.models import Referral
from tests import builders

pytestmark = pytest.mark.django_db


def started(la, manager, worker, *, days_ago=0.125):
    referral = builders.referral(la, manager, days_ago=days_ago)
    today = timezone.localdate()
    start = max(referral.referral_date, today - timedelta(days=2))
    return services.assessment_start(actor=worker, referral=referral, started_on=start)


def recorded(assessment, worker):
    return services.assessment_record(
        actor=worker,
        assessment=assessment,
        version=assessment.version,
        child_seen_on=timezone.localdate(),
        childs_voice="I like my teacher",
        parents_views="Mum wants help with money",
        analysis="Low income; no safeguarding concerns",
    )


def completed(assessment, worker, factors=("7A",)):
    recorded(assessment, worker)
    return services.assessment_complete(
        actor=worker,
        assessment=assessment,
        version=assessment.version,
        completed_on=timezone.localdate(),
        factors=list(factors),
        outcome="cin_plan",
    )


def test_starting_an_assessment_starts_the_dfe_clock(la, manager, worker):
    assessment = started(la, manager, worker)
    clock = assessment.dfe_clock
    assert (clock.standard, clock.subject_type, clock.subject_id) == (
        "assessment_dfe",
        "assessments.assessment",
        assessment.pk,
    )
    assert clock.person_id == assessment.person_id
    assert clock.completed_at is None
    assert AuditEvent.objects.filter(action="assessment.started", subject_id=assessment.pk).count() == 1


def test_a_second_open_assessment_in_the_episode_is_refused(la, manager, worker):
    """CIN 8896."""
    assessment = started(la, manager, worker)
    with pytest.raises(ValidationError) as error:
        services.assessment_start(actor=worker, referral=assessment.referral, started_on=timezone.localdate())
    assert error.value.message_dict == {
        "started_on": ["This episode already has an assessment that is not yet authorised"]
    }
    assert Assessment.objects.count() == 1
    assert Clock.objects.filter(standard="assessment_dfe").count() == 1


def test_no_assessment_on_an_nfa_referral_or_before_the_referral(la, manager, worker):
    """CIN 8831 and 1103."""
    referral = builders.referral(la, manager)
    Referral.objects.filter(pk=referral.pk).update(nfa=True)
    referral.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())
    assert list(error.value.message_dict) == ["started_on"]
    Referral.objects.filter(pk=referral.pk).update(nfa=False)
    referral.refresh_from_db()
    with pytest.raises(ValidationError) as error:
        services.assessment_start(
            actor=worker, referral=referral, started_on=referral.referral_date - timedelta(days=1)
        )
    assert error.value.message_dict == {
        "started_on": ["The assessment cannot start before the referral date"]
    }
    assert Assessment.objects.count() == 0


def test_officers_cannot_start_an_assessment(la, manager, officer):
    referral = builders.referral(la, manager)
    with pytest.raises(PermissionDenied):
        services.assessment_start(actor=officer, referral=referral, started_on=timezone.localdate())
    assert Assessment.objects.count() == 0


def test_another_authoritys_episode_is_refused(la, manager):
    referral = builders.referral(la, manager)
    other = builders.authority("884", "Herefordshire (test)")
    with pytest.raises(ValidationError):
        services.assessment_start(
            actor=builders.user(other, Role.SOCIAL_WORKER), referral=referral, started_on=timezone.localdate()
        )
    assert Assessment.objects.count() == 0


def test_recording_keeps_the_childs_voice_and_bumps_the_version(la, manager, worker):
    assessment = recorded(started(la, manager, worker), worker)
    assessment.refresh_from_db()
    assert (assessment.childs_voice, assessment.parents_views, assessment.version) == (
        "I like my teacher",
        "Mum wants help with money",
        2,
    )
    audit = AuditEvent.objects.get(action="assessment.recorded")
    assert audit.changes["fields"] == ["analysis", "child_seen_on", "childs_voice", "parents_views"]


def test_a_stale_record_is_refused_and_nothing_changes(la, manager, worker):
    assessment = recorded(started(la, manager, worker), worker)
    with pytest.raises(StaleEdit):
        services.assessment_record(
            actor=worker,
            assessment=assessment,
            version=1,
            child_seen_on=None,
            childs_voice="Overwritten",
            parents_views="",
            analysis="",
        )
    assessment.refresh_from_db()
    assert (assessment.childs_voice, assessment.version) == ("I like my teacher", 2)


def test_the_child_cannot_be_seen_in_the_future(la, manager, worker):
    assessment = started(la, manager, worker)
    with pytest.raises(ValidationError) as error:
        services.assessment_record(
            actor=worker,
            assessment=assessment,
            version=assessment.version,
            child_seen_on=timezone.localdate() + timedelta(days=1),
            childs_voice="",
            parents_views="",
            analysis="",
        )
    assert error.value.message_dict == {
        "child_seen_on": ["The date the child was seen must be today or in the past"]
    }
    assessment.refresh_from_db()
    assert (assessment.child_seen_on, assessment.version) == (None, 1)


def test_completion_records_factors_and_refuses_21_with_others(la, manager, worker):
    """CIN 8869."""
    assessment = started(la, manager, worker)
    recorded(assessment, worker)
    with pytest.raises(ValidationError) as error:
        services.assessment_complete(
            actor=worker,
            assessment=assessment,
            version=assessment.version,
            completed_on=timezone.localdate(),
            factors=["21", "4B"],
            outcome="nfa",
        )
    assert error.value.message_dict == {
        "factors": ['"No factors identified" cannot be chosen with other factors']
    }
    assessment.refresh_from_db()
    assert (assessment.completed_on, assessment.factors, assessment.version) == (None, [], 2)
    services.assessment_complete(
        actor=worker,
        assessment=assessment,
        version=assessment.version,
        completed_on=timezone.localdate(),
        factors=["4B", "3B"],
        outcome="cin_plan",
    )
    assessment.refresh_from_db()
    assert (assessment.factors, assessment.outcome, assessment.completed_by) == (
        ["4B", "3B"],
        "cin_plan",
        worker,
    )


def test_a_completed_assessment_cannot_be_rewritten(la, manager, worker):
    assessment = completed(started(la, manager, worker), worker)
    with pytest.raises(ValidationError):
        recorded(assessment, worker)
    assessment.refresh_from_db()
    assert assessment.version == 3


def test_authorisation_on_time_completes_both_clocks(la, manager, worker):
    assessment = completed(started(la, manager, worker), worker)
    services.assessment_authorise(
        comment="Agreed: the analysis supports the outcome",
        primary_need="N1",
        actor=manager,
        assessment=assessment,
        version=assessment.version,
        authorised_on=timezone.localdate(),
    )
    assessment.refresh_from_db()
    assert (assessment.authorised_on, assessment.authorised_by, assessment.late_reason) == (
        timezone.localdate(),
        manager,
        "",
    )
    for clock in (assessment.dfe_clock, assessment.referral.assessment_clock):
        clock.refresh_from_db()
        assert clock.completed_at is not None
        assert clock.breached is False
    assert AuditEvent.objects.filter(action="assessment.authorised").count() == 1


def test_workers_cannot_authorise(la, manager, worker):
    assessment = completed(started(la, manager, worker), worker)
    with pytest.raises(PermissionDenied):
        services.assessment_authorise(
            comment="Agreed: the analysis supports the outcome",
            primary_need="N1",
            actor=worker,
            assessment=assessment,
            version=assessment.version,
            authorised_on=timezone.localdate(),
        )
    assessment.refresh_from_db()
    assert assessment.authorised_on is None


def test_an_incomplete_assessment_cannot_be_authorised(la, manager, worker):
    assessment = recorded(started(la, manager, worker), worker)
    with pytest.raises(ValidationError) as error:
        services.assessment_authorise(
            comment="Agreed: the analysis supports the outcome",
            primary_need="N1",
            actor=manager,
            assessment=assessment,
            version=assessment.version,
            authorised_on=timezone.localdate(),
        )
    assert error.value.message_dict == {
        "authorised_on": ["The assessment must be completed before it is authorised"]
    }
    assert assessment.dfe_clock.completed_at is None


def test_a_late_assessment_needs_the_managers_reason(la, manager, worker):
    assessment = completed(started(la, manager, worker, days_ago=100), worker)
    due = timezone.localdate(assessment.referral.assessment_clock.due_at)
    with pytest.raises(ValidationError) as error:
        services.assessment_authorise(
            comment="Agreed: the analysis supports the outcome",
            primary_need="N1",
            actor=manager,
            assessment=assessment,
            version=assessment.version,
            authorised_on=timezone.localdate(),
        )
    assert error.value.message_dict == {
        "late_reason": [
            f"The assessment is later than 45 working days (due {due:%-d %B %Y}): record the reason"
        ]
    }
    assessment.refresh_from_db()
    assert (assessment.authorised_on, assessment.version) == (None, 3)
    assessment.dfe_clock.refresh_from_db()
    assert assessment.dfe_clock.completed_at is None
    services.assessment_authorise(
        comment="Agreed: the analysis supports the outcome",
        primary_need="N1",
        actor=manager,
        assessment=assessment,
        version=assessment.version,
        authorised_on=timezone.localdate(),
        late_reason="Waited for the paediatric report",
    )
    assessment.refresh_from_db()
    assert assessment.late_reason == "Waited for the paediatric report"
    clock = assessment.referral.assessment_clock
    clock.refresh_from_db()
    assert clock.breached is True


def test_after_authorisation_a_new_assessment_may_start(la, manager, worker):
    assessment = completed(started(la, manager, worker), worker)
    services.assessment_authorise(
        comment="Agreed: the analysis supports the outcome",
        primary_need="N1",
        actor=manager,
        assessment=assessment,
        version=assessment.version,
        authorised_on=timezone.localdate(),
    )
    again = services.assessment_start(
        actor=worker, referral=assessment.referral, started_on=timezone.localdate()
    )
    assert Assessment.objects.filter(referral=assessment.referral).count() == 2
    assert again.is_open is True
