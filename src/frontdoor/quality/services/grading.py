"""The auditor's grades and findings, and the second auditor's moderation."""

from collections.abc import Mapping

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.quality import rules
from frontdoor.quality.models import (
    AuditAnswer,
    AuditQuestion,
    AuditStatus,
    CaseAudit,
)
from frontdoor.quality.services._common import _claim_version, _record, _same_authority


@transaction.atomic
def case_audit_grade(
    *,
    actor: User,
    audit: CaseAudit,
    version: int,
    grade: str,
    answers: Mapping[int, tuple[str, str]],
    lived_experience: str,
    childs_voice: str,
    strengths: str = "",
    improvements: str = "",
    grade_reason: str = "",
) -> CaseAudit:
    """The auditor's grades: one per question (`answers`: question id -> (grade, finding)), an
    overall grade, and findings on the child's lived experience and voice, which are required. An
    overall grade more than one grade from the questions' median needs `grade_reason`."""
    require(actor, "audit.run")
    _same_authority(actor, audit)
    if audit.status == AuditStatus.MODERATED:
        raise ValidationError("This audit has been moderated: its grades can no longer change.")
    questions = list(AuditQuestion.objects.filter(template_id=audit.programme.template_id))
    problems = _grading_problems(questions, answers, grade, lived_experience, childs_voice)
    if not problems and (
        message := rules.overall_grade_problem(
            overall=grade, question_grades=[answers[q.pk][0] for q in questions], reason=grade_reason
        )
    ):
        problems["grade_reason"] = message
    if problems:
        raise ValidationError(problems)
    _claim_version(audit, version)
    AuditAnswer.objects.filter(audit=audit).delete()
    AuditAnswer.objects.bulk_create(
        AuditAnswer(audit=audit, question=q, grade=answers[q.pk][0], finding=answers[q.pk][1].strip())
        for q in questions
    )
    old = audit.grade
    audit.grade, audit.auditor, audit.graded_at, audit.status = (
        grade,
        actor,
        timezone.now(),
        AuditStatus.GRADED,
    )
    audit.lived_experience, audit.childs_voice = lived_experience.strip(), childs_voice.strip()
    audit.strengths, audit.improvements = strengths.strip(), improvements.strip()
    audit.grade_reason = grade_reason.strip()
    audit.save(
        update_fields=[
            "grade",
            "grade_reason",
            "auditor",
            "graded_at",
            "status",
            "lived_experience",
            "childs_voice",
            "strengths",
            "improvements",
        ]
    )
    _record(
        actor,
        "audit.graded",
        audit,
        audit,
        {
            "grade": [old, grade],
            "grade_reason": audit.grade_reason,
            "answers": {q.pk: answers[q.pk][0] for q in questions},
        },
    )
    return audit


def _grading_problems(
    questions: list[AuditQuestion], answers: Mapping[int, tuple[str, str]], grade: str, lived: str, voice: str
) -> dict[str, str]:
    problems = {
        f"q{q.pk}": "Choose a grade for this question"
        for q in questions
        if answers.get(q.pk, ("", ""))[0] not in rules.GRADES
    }
    if grade not in rules.GRADES:
        problems["grade"] = "Choose an overall grade"
    if not lived.strip():
        problems["lived_experience"] = "Describe the child's lived experience as the record shows it"
    if not voice.strip():
        problems["childs_voice"] = "Describe how the child's voice is heard in the record, or that it is not"
    return problems


@transaction.atomic
def case_audit_moderate(
    *, actor: User, audit: CaseAudit, version: int, agreed: bool, grade: str, reason: str = ""
) -> CaseAudit:
    """A second auditor agrees with the grade or changes it with a reason; the auditor's grade is
    kept as it was (the grade before), the moderator's beside it (the grade after)."""
    require(actor, "audit.run")
    _same_authority(actor, audit)
    if audit.status != AuditStatus.GRADED:
        raise ValidationError("Only a graded audit that is not yet moderated can be moderated.")
    problems = rules.moderation_problems(
        auditor_id=audit.auditor_id,
        moderator_id=actor.pk,
        agreed=agreed,
        grade=grade,
        original=audit.grade,
        reason=reason,
    )
    if problems:
        raise ValidationError(problems)
    _claim_version(audit, version)
    audit.moderator, audit.moderated_at, audit.status = actor, timezone.now(), AuditStatus.MODERATED
    audit.moderation_agreed, audit.moderated_grade, audit.moderation_reason = agreed, grade, reason.strip()
    audit.save(
        update_fields=[
            "moderator",
            "moderated_at",
            "status",
            "moderation_agreed",
            "moderated_grade",
            "moderation_reason",
        ]
    )
    _record(
        actor,
        "audit.moderated",
        audit,
        audit,
        {"grade": [audit.grade, grade], "agreed": agreed, "reason": audit.moderation_reason},
    )
    return audit
