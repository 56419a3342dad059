"""Editing audit templates. A template already used by a completed (graded or moderated) audit is
never changed: its questions are what those grades answered, so the change is refused and a new
version is made instead (quality.views.template_new?from=<pk> starts one from its questions)."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction

from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.quality.models import AuditQuestion, AuditStatus, AuditTemplate, CaseAudit
from frontdoor.quality.services._common import _record, _same_authority

USED = (
    "This template has been used in completed audits, so it cannot be changed: their grades answer "
    "its questions. Create a new version of it instead."
)


def template_in_use(template: AuditTemplate) -> bool:
    """Whether a graded or moderated audit answered this template's questions."""
    return CaseAudit.objects.filter(
        programme__template=template, status__in=[AuditStatus.GRADED, AuditStatus.MODERATED]
    ).exists()


@transaction.atomic
def audit_template_update(
    *, actor: User, template: AuditTemplate, name: str, questions: Sequence[str]
) -> AuditTemplate:
    """Rename a template and replace its questions, in order. Refused (nothing changed) when the
    template is used by a completed audit, or the name is taken or empty, or no question is left."""
    require(actor, "audit.run")
    _same_authority(actor, template)
    current = AuditTemplate.objects.select_for_update().get(pk=template.pk)
    if template_in_use(current):
        raise ValidationError(USED)
    questions = [q.strip() for q in questions if q.strip()]
    problems = {}
    others = AuditTemplate.objects.filter(authority_id=actor.authority_id, name=name.strip())
    if not name.strip():
        problems["name"] = "Enter a name for the template"
    elif others.exclude(pk=current.pk).exists():
        problems["name"] = "A template with that name already exists"
    if not questions:
        problems["questions"] = "Enter at least one question"
    if problems:
        raise ValidationError(problems)
    before = {"name": current.name, "questions": list(current.questions.values_list("text", flat=True))}
    current.name = name.strip()
    current.save(update_fields=["name"])
    # No answer can name these questions: only a completed audit has answers, refused above.
    AuditQuestion.objects.filter(template=current).delete()
    AuditQuestion.objects.bulk_create(
        AuditQuestion(template=current, position=n, text=text) for n, text in enumerate(questions, start=1)
    )
    _record(actor, "audit.template_updated", current, None,
            {"before": before, "after": {"name": current.name, "questions": questions}})  # fmt: skip
    return current
