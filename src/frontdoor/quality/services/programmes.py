"""Templates, programmes and their stratified sample."""

from collections.abc import Sequence
from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.quality import rules, selectors
from frontdoor.quality.models import (
    AuditProgramme,
    AuditQuestion,
    AuditTemplate,
    CaseAudit,
)
from frontdoor.quality.services._common import DEFAULT_TEMPLATE, _record, _same_authority


@transaction.atomic
def audit_template_create(
    *, actor: User, name: str, questions: Sequence[str] = rules.DEFAULT_QUESTIONS
) -> AuditTemplate:
    """A template: the graded questions every audit in a programme answers, in order."""
    require(actor, "audit.run")
    questions = [q.strip() for q in questions if q.strip()]
    problems = {}
    if not name.strip():
        problems["name"] = "Enter a name for the template"
    elif AuditTemplate.objects.filter(authority_id=actor.authority_id, name=name.strip()).exists():
        problems["name"] = "A template with that name already exists"
    if not questions:
        problems["questions"] = "Enter at least one question"
    if problems:
        raise ValidationError(problems)
    template = AuditTemplate.objects.create(
        authority_id=actor.authority_id, name=name.strip(), created_by=actor, created_at=timezone.now()
    )
    AuditQuestion.objects.bulk_create(
        AuditQuestion(template=template, position=n, text=text) for n, text in enumerate(questions, start=1)
    )
    _record(actor, "audit.template_created", template, None, {"name": template.name, "questions": questions})
    return template


@transaction.atomic
def audit_programme_create(
    *,
    actor: User,
    name: str,
    theme: str,
    month: date,
    sample_size: int,
    template: AuditTemplate | None = None,
) -> AuditProgramme:
    """A programme: this month's themed sample. Without a template, the standard questions are used."""
    require(actor, "audit.run")
    _same_authority(actor, template)
    problems = {}
    if not name.strip():
        problems["name"] = "Enter a name for the programme"
    if not theme.strip():
        problems["theme"] = "Enter the programme's theme"
    if month > timezone.localdate():
        problems["month"] = "Choose this month or an earlier one: only cases already worked can be audited"
    if not 1 <= sample_size <= 200:
        problems["sample_size"] = "The sample must be between 1 and 200 cases"
    if problems:
        raise ValidationError(problems)
    if template is None:
        template = AuditTemplate.objects.filter(
            authority_id=actor.authority_id, name=DEFAULT_TEMPLATE
        ).first()
        template = template or audit_template_create(actor=actor, name=DEFAULT_TEMPLATE)
    programme = AuditProgramme.objects.create(
        authority_id=actor.authority_id,
        name=name.strip(),
        theme=theme.strip(),
        month=month.replace(day=1),
        template=template,
        sample_size=sample_size,
        created_by=actor,
        created_at=timezone.now(),
    )
    _record(
        actor,
        "audit.programme_created",
        programme,
        None,
        {"theme": programme.theme, "month": programme.month, "sample_size": sample_size},
    )
    return programme


@transaction.atomic
def audit_programme_sample(
    *, actor: User, programme: AuditProgramme, seed: int | str | None = None
) -> list[CaseAudit]:
    """Draw the programme's stratified sample from the month's contacts, children-in-need episodes
    and early help cases (rules.stratified_sample), once."""
    require(actor, "audit.run")
    _same_authority(actor, programme)
    programme = AuditProgramme.objects.select_for_update().get(pk=programme.pk)
    if programme.sampled_at is not None:
        raise ValidationError("This programme has already been sampled.")
    population = selectors.sample_population(authority_id=programme.authority_id, month=programme.month)
    if not population:
        raise ValidationError("There are no cases from that month to sample.")
    chosen = rules.stratified_sample(
        population, programme.sample_size, seed=seed if seed is not None else programme.pk
    )
    audits = [
        CaseAudit.objects.create(authority_id=programme.authority_id, programme=programme, **population[c])
        for c in chosen
    ]
    programme.sampled_at = timezone.now()
    programme.save(update_fields=["sampled_at"])
    for audit in audits:
        _record(actor, "audit.sampled", audit, audit, {"programme": programme.pk, "kind": audit.kind})
    return audits
