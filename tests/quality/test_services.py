"""Case file audit services: a programme's sample, grading, moderation, actions, re-audit and
feedback; every refusal saves nothing."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.organisations.models import Role
from frontdoor.quality import services
from frontdoor.quality.models import AuditAnswer, AuditFeedback, AuditProgramme, CaseAudit
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders
from tests.quality.cases import cin_episode, decided

pytestmark = pytest.mark.django_db


@pytest.fixture
def qa(la):
    return builders.user(la, Role.QUALITY_ASSURANCE)


@pytest.fixture
def second(la):
    return builders.user(la, Role.QUALITY_ASSURANCE)


def programme(qa, size=10):
    return services.audit_programme_create(
        actor=qa, name="November audits", theme="Neglect", month=timezone.localdate(), sample_size=size
    )


def counts():
    return [m.objects.count() for m in (AuditProgramme, CaseAudit, AuditAnswer, Task, AuditFeedback)]


def sampled(la, manager, qa, size=10):
    cin_episode(la, manager)
    decided(la, manager, "nfa")
    decided(la, manager, "early_help")
    prog = programme(qa, size)
    return prog, services.audit_programme_sample(actor=qa, programme=prog, seed=1)


def graded(audit, qa, grade="requires_improvement"):
    questions = audit.programme.template.questions.all()
    return services.case_audit_grade(
        actor=qa,
        audit=audit,
        version=audit.version,
        grade=grade,
        answers={q.pk: (grade, f"Finding {q.position}") for q in questions},
        lived_experience="Tired, hungry, often late to school",
        childs_voice="Not recorded: no visit spoke to the child alone",
    )


def test_a_programme_samples_every_kind_of_case_children_in_need_included(la, manager, qa):
    prog, audits = sampled(la, manager, qa)
    # Three children: each sampled once, through their episode, their early help or their contact.
    assert sorted(a.kind for a in audits) == ["cin", "contact", "early_help"]
    assert prog.template.questions.count() == 6
    assert AuditEvent.objects.filter(action="audit.sampled").count() == 3


def test_a_programme_is_sampled_only_once(la, manager, qa):
    prog, _ = sampled(la, manager, qa)
    before = counts()
    with pytest.raises(ValidationError, match="already been sampled"):
        services.audit_programme_sample(actor=qa, programme=prog)
    assert counts() == before


def test_a_social_worker_cannot_run_an_audit_programme(la, worker):
    with pytest.raises(PermissionDenied):
        programme(worker)
    assert AuditProgramme.objects.count() == 0


def test_grading_needs_every_question_and_the_childs_lived_experience_and_voice(la, manager, qa):
    _, audits = sampled(la, manager, qa)
    audit = audits[0]
    first = audit.programme.template.questions.first()
    with pytest.raises(ValidationError) as refused:
        services.case_audit_grade(
            actor=qa,
            audit=audit,
            version=audit.version,
            grade="good",
            answers={first.pk: ("good", "")},
            lived_experience=" ",
            childs_voice="",
        )
    assert set(refused.value.message_dict) == {
        f"q{q.pk}" for q in audit.programme.template.questions.all()
    } - {f"q{first.pk}"} | {"lived_experience", "childs_voice"}
    audit.refresh_from_db()
    assert (audit.status, audit.grade, AuditAnswer.objects.count()) == ("sampled", "", 0)


def test_moderation_keeps_the_grade_before_and_after(la, manager, qa, second):
    _, audits = sampled(la, manager, qa)
    audit = graded(audits[0], qa)
    services.case_audit_moderate(
        actor=second,
        audit=audit,
        version=audit.version,
        agreed=False,
        grade="inadequate",
        reason="No child seen alone in 3 months",
    )
    audit.refresh_from_db()
    assert (audit.grade, audit.moderated_grade, audit.final_grade) == (
        "requires_improvement",
        "inadequate",
        "inadequate",
    )
    assert (audit.auditor, audit.moderator, audit.status) == (qa, second, "moderated")
    event = AuditEvent.objects.get(action="audit.moderated")
    assert event.changes["grade"] == ["requires_improvement", "inadequate"]


def test_the_auditor_cannot_moderate_their_own_audit(la, manager, qa):
    _, audits = sampled(la, manager, qa)
    audit = graded(audits[0], qa)
    with pytest.raises(ValidationError, match="second auditor"):
        services.case_audit_moderate(
            actor=qa, audit=audit, version=audit.version, agreed=True, grade=audit.grade
        )
    audit.refresh_from_db()
    assert (audit.status, audit.moderator, audit.moderated_grade) == ("graded", None, "")


def test_a_changed_grade_needs_a_reason_and_nothing_is_saved_without_one(la, manager, qa, second):
    _, audits = sampled(la, manager, qa)
    audit = graded(audits[0], qa)
    with pytest.raises(ValidationError) as refused:
        services.case_audit_moderate(
            actor=second, audit=audit, version=audit.version, agreed=False, grade="good"
        )
    assert refused.value.message_dict == {"reason": ["Explain why you changed the grade"]}
    audit.refresh_from_db()
    assert (audit.status, audit.moderated_grade, audit.version) == ("graded", "", 2)


def test_actions_have_an_owner_and_a_due_date_and_are_tracked_to_completion(la, manager, qa, worker):
    _, audits = sampled(la, manager, qa)
    audit = graded(audits[0], qa)
    due = timezone.localdate() + timedelta(days=14)
    action = services.audit_action_set(
        actor=qa, audit=audit, what="See the child alone", owner=Owner(user=worker), due_on=due
    )
    assert (action.kind, action.source_type) == ("case_audit", "quality.caseaudit")
    assert action.source_id == audit.pk
    assert (action.person_id, action.owner_user, action.created_by) == (audit.person_id, worker, qa)
    other = builders.user(la, Role.SOCIAL_WORKER)
    other.team = builders.team(la, "Assessment Team North")
    other.save(update_fields=["team"])
    with pytest.raises(ValidationError, match="owner"):
        services.audit_action_complete(actor=other, action=action, note="Done")
    services.audit_action_complete(actor=worker, action=action, note="Seen alone at school on Monday")
    action.refresh_from_db()
    assert (action.done_note, action.done_by) == ("Seen alone at school on Monday", worker)
    assert action.done_at is not None
    with pytest.raises(ValidationError, match="already done"):
        services.audit_action_complete(actor=worker, action=action, note="Again")


def test_an_action_due_in_the_past_is_refused(la, manager, qa, worker):
    _, audits = sampled(la, manager, qa)
    audit = graded(audits[0], qa)
    with pytest.raises(ValidationError) as refused:
        services.audit_action_set(
            actor=qa,
            audit=audit,
            what="x",
            owner=Owner(user=worker),
            due_on=timezone.localdate() - timedelta(days=1),
        )
    assert refused.value.message_dict == {"due_on": ["The due date must be today or in the future"]}
    assert Task.objects.count() == 0


def test_a_re_audit_is_scheduled_for_the_same_case(la, manager, qa):
    _, audits = sampled(la, manager, qa)
    audit = graded(audits[0], qa)
    when = timezone.localdate() + timedelta(days=90)
    again = services.re_audit_schedule(actor=qa, audit=audit, scheduled_for=when)
    assert (again.re_audit_of, again.person, again.kind, again.scheduled_for, again.status) == (
        audit,
        audit.person,
        audit.kind,
        when,
        "sampled",
    )
    with pytest.raises(ValidationError, match="already scheduled"):
        services.re_audit_schedule(actor=qa, audit=audit, scheduled_for=when)
    assert CaseAudit.objects.filter(re_audit_of=audit).count() == 1


def test_child_and_family_feedback_is_attached_to_the_audit(la, manager, qa):
    _, audits = sampled(la, manager, qa)
    services.audit_feedback_record(
        actor=qa, audit=audits[0], given_by="child", how="Phone call", feedback="My worker listens now"
    )
    with pytest.raises(ValidationError):
        services.audit_feedback_record(actor=qa, audit=audits[0], given_by="parent", feedback=" ")
    assert list(audits[0].feedback.values_list("given_by", "feedback")) == [
        ("child", "My worker listens now")
    ]


def test_another_authoritys_audit_is_refused(la, manager, qa):
    _, audits = sampled(la, manager, qa)
    other = builders.user(builders.authority("884", "Herefordshire (test)"), Role.QUALITY_ASSURANCE)
    with pytest.raises(ValidationError, match="another authority"):
        graded(audits[0], other)
    assert AuditAnswer.objects.count() == 0


def test_an_outstanding_overall_grade_over_inadequate_questions_needs_a_reason(la, manager, qa):
    """Issue 18: it was accepted with no reason; the audit stays sampled and nothing is recorded."""
    _, audits = sampled(la, manager, qa)
    audit = audits[0]
    questions = audit.programme.template.questions.all()
    fields = {
        "actor": qa,
        "audit": audit,
        "version": audit.version,
        "grade": "outstanding",
        "answers": {q.pk: ("inadequate", "") for q in questions},
        "lived_experience": "Tired, hungry, often late to school",
        "childs_voice": "Not recorded: no visit spoke to the child alone",
    }
    before = AuditEvent.objects.filter(action="audit.graded").count()

    with pytest.raises(ValidationError) as error:
        services.case_audit_grade(**fields)

    assert list(error.value.message_dict) == ["grade_reason"]
    audit.refresh_from_db()
    assert (audit.status, audit.grade, audit.answers.count()) == ("sampled", "", 0)
    assert AuditEvent.objects.filter(action="audit.graded").count() == before
    done = services.case_audit_grade(**fields, grade_reason="Exceptional direct work the questions miss")
    assert (done.grade, done.grade_reason) == ("outstanding", "Exceptional direct work the questions miss")
    event = AuditEvent.objects.get(action="audit.graded")
    assert event.changes["grade_reason"] == "Exceptional direct work the questions miss"
