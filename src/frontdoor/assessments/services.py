"""Every write to an assessment: start it, record what was learned, complete it, authorise it.

Each service checks permission, validates with assessments.rules, writes in one transaction with its
audit event, and starts or completes the assessment clocks: `assessment_dfe` (45 working days from
the start, the DfE measure) starts with the assessment; both it and the episode's `assessment`
clock (45 working days from referral, Working Together 2023 ch. 3) complete on authorisation.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils import timezone

from frontdoor.assessments import practice_model, rules
from frontdoor.assessments.models import Assessment, AssessmentTemplate, SectionAnswer, TemplateSection
from frontdoor.audit.services import audit_record
from frontdoor.clocks.models import Clock
from frontdoor.clocks.services import clock_complete, clock_start
from frontdoor.core.dates import moment_on
from frontdoor.core.records import claim_version, same_authority
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.referrals.models import Referral


def _claim_version(assessment: Assessment, version: int) -> None:
    """Optimistic concurrency: refuse a save made against an older version."""
    claim_version(assessment, version)


@transaction.atomic
def assessment_start(*, actor: User, referral: Referral, started_on: date) -> Assessment:
    """Start the single assessment of the child in this episode (AssessmentActualStartDate)."""
    require(actor, "assessment.record")
    same_authority(actor, referral)
    referral = Referral.objects.select_for_update().get(pk=referral.pk)
    problems = rules.start_problems(
        started_on=started_on,
        today=timezone.localdate(),
        referral_date=referral.referral_date,
        referral_nfa=referral.nfa,
        episode_closed_on=referral.closure_date,
        open_assessments=referral.assessments.filter(authorised_on__isnull=True).count(),
    )
    if problems:
        raise ValidationError(problems)
    assessment = Assessment.objects.create(
        authority_id=referral.authority_id,
        person_id=referral.person_id,
        referral=referral,
        template=template_for(authority_id=referral.authority_id),
        started_on=started_on,
        started_by=actor,
    )
    assessment.dfe_clock = clock_start(
        authority=referral.authority,
        standard="assessment_dfe",
        started_at=moment_on(started_on),
        subject=assessment,
        person=referral.person,
    )
    assessment.save(update_fields=["dfe_clock"])
    audit_record(
        actor=actor,
        action="assessment.started",
        subject=assessment,
        authority_id=assessment.authority_id,
        person_id=assessment.person_id,
        changes={"referral": referral.pk, "started_on": started_on},
    )
    return assessment


def template_for(*, authority_id: int) -> AssessmentTemplate | None:
    """The authority's own practice model, or the default (Signs of Safety) where it has none."""
    templates = AssessmentTemplate.objects.filter(
        Q(authority_id=authority_id) | Q(authority__isnull=True), retired_at__isnull=True
    )
    return templates.order_by(F("authority_id").asc(nulls_last=True)).first() or default_template()


def default_template() -> AssessmentTemplate:
    """The default practice model's template with its headings, made again if it is missing."""
    template, _ = AssessmentTemplate.objects.get_or_create(
        authority=None,
        defaults={"name": "Signs of Safety", "scaling_question": practice_model.SCALING_QUESTION},
    )
    for position, (key, group, heading, prompt) in enumerate(practice_model.SIGNS_OF_SAFETY, start=1):
        TemplateSection.objects.get_or_create(
            template=template,
            key=key,
            defaults={"position": position, "group": group, "heading": heading, "prompt": prompt},
        )
    return template


def _save_answers(assessment: Assessment, answers: dict[str, str]) -> list[str]:
    """Store the text under each heading of the assessment's template; a key the template does not
    have is refused. Returns the keys whose text changed."""
    sections = {s.key: s for s in assessment.template.sections.all()} if assessment.template else {}
    unknown = sorted(set(answers) - set(sections))
    if unknown:
        raise ValidationError(f"Not a heading of this assessment: {', '.join(unknown)}")
    held = {a.section_id: a for a in assessment.answers.all()}
    changed = []
    for key, text in answers.items():
        section, text = sections[key], text.strip()
        answer = held.get(section.pk)
        if answer is None and text:
            SectionAnswer.objects.create(assessment=assessment, section=section, text=text)
        elif answer is not None and answer.text != text:
            answer.text = text
            answer.save(update_fields=["text"])
        else:
            continue
        changed.append(key)
    return changed


def _refuse_unless_in_progress(assessment: Assessment) -> None:
    if assessment.completed_on is not None:
        raise ValidationError("This assessment has been completed: it can no longer be changed.")


@transaction.atomic
def assessment_record(
    *,
    actor: User,
    assessment: Assessment,
    version: int,
    child_seen_on: date | None,
    childs_voice: str,
    parents_views: str,
    analysis: str,
    voice_gathered: str = "",
    voice_reason: str = "",
    answers: dict[str, str] | None = None,
    scale_worker: int | None = None,
    scale_family: int | None = None,
    scale_child: int | None = None,
) -> Assessment:
    """Record what the assessment has learned so far: when the child was seen, their voice and how
    it was gathered, their parents' views, the text under each heading of the practice model, the
    scaling by the worker, the family and the child, and the analysis of risk and need."""
    require(actor, "assessment.record")
    same_authority(actor, assessment)
    _refuse_unless_in_progress(assessment)
    scales = {"scale_worker": scale_worker, "scale_family": scale_family, "scale_child": scale_child}
    problems = rules.child_seen_problems(
        child_seen_on=child_seen_on,
        referral_date=assessment.referral.referral_date,
        today=timezone.localdate(),
    ) | rules.scale_problems(scales)
    if problems:
        raise ValidationError(problems)
    _claim_version(assessment, version)
    new = {
        "child_seen_on": child_seen_on,
        "childs_voice": childs_voice.strip(),
        "voice_gathered": voice_gathered,
        "voice_reason": voice_reason.strip(),
        "parents_views": parents_views.strip(),
        "analysis": analysis.strip(),
        **scales,
    }
    changed = sorted(field for field, value in new.items() if getattr(assessment, field) != value)
    for field, value in new.items():
        setattr(assessment, field, value)
    assessment.save(update_fields=list(new))
    changed += [f"answer:{key}" for key in _save_answers(assessment, answers or {})]
    audit_record(
        actor=actor,
        action="assessment.recorded",
        subject=assessment,
        authority_id=assessment.authority_id,
        person_id=assessment.person_id,
        changes={"fields": changed, "child_seen_on": child_seen_on},
    )
    return assessment


@transaction.atomic
def assessment_complete(
    *,
    actor: User,
    assessment: Assessment,
    version: int,
    completed_on: date,
    factors: list[str],
    outcome: str,
    childs_voice: str | None = None,
    voice_gathered: str | None = None,
    voice_reason: str | None = None,
) -> Assessment:
    """The social worker submits the assessment with the factors identified at its end (DfE
    N00181) and the outcome they recommend; a manager then authorises it. Without the child's voice
    (recorded, or the reason it could not be) it cannot be submitted; the submission page shows it
    again, so what is given here replaces what was recorded (None keeps it)."""
    require(actor, "assessment.record")
    same_authority(actor, assessment)
    _refuse_unless_in_progress(assessment)
    voice = {
        "childs_voice": assessment.childs_voice if childs_voice is None else childs_voice.strip(),
        "voice_gathered": assessment.voice_gathered if voice_gathered is None else voice_gathered,
        "voice_reason": assessment.voice_reason if voice_reason is None else voice_reason.strip(),
    }
    problems = rules.completion_problems(
        started_on=assessment.started_on,
        completed_on=completed_on,
        today=timezone.localdate(),
        analysis=assessment.analysis,
        factors=factors,
        **voice,
    )
    if problems:
        raise ValidationError(problems)
    _claim_version(assessment, version)
    assessment.completed_on, assessment.factors, assessment.outcome = completed_on, list(factors), outcome
    assessment.completed_by = actor
    for field, value in voice.items():
        setattr(assessment, field, value)
    assessment.full_clean(exclude=["dfe_clock", "template"])
    assessment.save(update_fields=["completed_on", "factors", "outcome", "completed_by", *voice])
    audit_record(
        actor=actor,
        action="assessment.completed",
        subject=assessment,
        authority_id=assessment.authority_id,
        person_id=assessment.person_id,
        changes={
            "completed_on": completed_on,
            "factors": list(factors),
            "outcome": outcome,
            "voice_gathered": voice["voice_gathered"],
        },
    )
    return assessment


def due_on(assessment: Assessment) -> date:
    """The last day of the 45 working days from referral: the episode's `assessment` clock, or the
    assessment's own DfE clock where the episode has none."""
    clock: Clock | None = assessment.referral.assessment_clock or assessment.dfe_clock
    if clock is None:
        raise ValidationError("This assessment has no clock to measure it against.")
    return timezone.localdate(clock.due_at)


@transaction.atomic
def assessment_authorise(
    *,
    actor: User,
    assessment: Assessment,
    version: int,
    authorised_on: date,
    primary_need: str,
    comment: str,
    late_reason: str = "",
) -> Assessment:
    """A manager authorises the completed assessment (AssessmentAuthorisationDate), which ends it
    and completes its clocks, and records the child's primary need on the episode (CIN
    PrimaryNeedCode, 8610), with their comment on it (required: the sign-off says why). Later than 45
    working days from referral, the reason is required."""
    require(actor, "assessment.authorise")
    same_authority(actor, assessment)
    if assessment.authorised_on is not None:
        raise ValidationError("This assessment has already been authorised.")
    due = due_on(assessment)
    problems = rules.authorisation_problems(
        started_on=assessment.started_on,
        completed_on=assessment.completed_on,
        authorised_on=authorised_on,
        today=timezone.localdate(),
        due_on=due,
        late_reason=late_reason,
    ) | rules.primary_need_problems(code=primary_need)
    if not comment.strip():
        problems["comment"] = "Add your comment on the assessment"
    if problems:
        raise ValidationError(problems)
    _claim_version(assessment, version)
    referral = Referral.objects.select_for_update().get(pk=assessment.referral_id)
    previous_need, referral.primary_need = referral.primary_need, primary_need
    referral.save(update_fields=["primary_need"])
    late = rules.is_late(authorised_on=authorised_on, due_on=due)
    assessment.authorised_on, assessment.authorised_by = authorised_on, actor
    assessment.late_reason = late_reason.strip() if late else ""
    assessment.authorisation_comment = comment.strip()
    assessment.save(update_fields=["authorised_on", "authorised_by", "late_reason", "authorisation_comment"])
    at = moment_on(authorised_on)
    for clock in (assessment.referral.assessment_clock, assessment.dfe_clock):
        if clock is not None and clock.completed_at is None:
            # Authorised on the referral's own day, the moment is never before the clock started.
            clock_complete(clock=clock, at=max(at, clock.started_at))
    audit_record(
        actor=actor,
        action="assessment.authorised",
        subject=assessment,
        authority_id=assessment.authority_id,
        person_id=assessment.person_id,
        changes={
            "authorised_on": authorised_on,
            "late": late,
            "late_reason": assessment.late_reason,
            "comment": assessment.authorisation_comment,
            "primary_need": [previous_need, primary_need],
        },
    )
    return assessment
