"""Every change to an authority's assessment template (its practice model's headings): add a
heading, rename it (its group, heading and prompt), move it up or down, retire it.

A version of a template an assessment has used is never changed: the first change after an
assessment used it makes the next version (a copy of its headings, keeping their keys) and retires
the one before, so each assessment keeps the headings it was written to. An authority still on the
shared default (Signs of Safety) gets a copy of its own first: the default is never changed. Each
service checks the permission, validates, writes in one transaction with its audit event.
"""

from typing import Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max
from django.http import Http404
from django.utils import timezone
from django.utils.text import slugify

from frontdoor.assessments.models import Assessment, AssessmentTemplate, TemplateSection
from frontdoor.assessments.services import template_for
from frontdoor.audit.services import audit_record
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require

MANAGE = "assessment_template.manage"
LIMITS = {"group": 120, "heading": 120, "prompt": 2000}
NOT_FOUND = "Heading not found"


def current_template(*, actor: User) -> AssessmentTemplate:
    """The template the actor's authority assesses under now: its own current version, or the default."""
    require(actor, MANAGE)
    template = template_for(authority_id=actor.authority_id)  # type: ignore[arg-type]
    if template is None:  # pragma: no cover - template_for makes the default again
        raise Http404(NOT_FOUND)
    return template


def is_used(template: AssessmentTemplate) -> bool:
    return Assessment.objects.filter(template=template).exists()


def _copy(source: AssessmentTemplate, authority_id: int, version: int) -> AssessmentTemplate:
    copy = AssessmentTemplate.objects.create(
        authority_id=authority_id, name=source.name, scaling_question=source.scaling_question, version=version
    )
    TemplateSection.objects.bulk_create(
        TemplateSection(template=copy, position=s.position, key=s.key, group=s.group, heading=s.heading,
                        prompt=s.prompt)
        for s in source.sections.all()
    )  # fmt: skip
    return copy


def _editable(actor: User) -> AssessmentTemplate:
    """The authority's template as it may be changed: its own, unused version (made if need be)."""
    current = current_template(actor=actor)
    if current.authority_id is None:
        return _copy(current, actor.authority_id, 1)  # type: ignore[arg-type]
    current = AssessmentTemplate.objects.select_for_update().get(pk=current.pk)
    if not is_used(current):
        return current
    current.retired_at = timezone.now()
    current.save(update_fields=["retired_at"])
    return _copy(current, actor.authority_id, current.version + 1)  # type: ignore[arg-type]


def section_of(template: AssessmentTemplate, key: str) -> TemplateSection:
    section = template.sections.filter(key=key).first()
    if section is None:
        raise Http404(NOT_FOUND)
    return section


def _problems(values: dict[str, str]) -> dict[str, str]:
    problems = {
        name: f"The {name} must be {limit} characters or fewer"
        for name, limit in LIMITS.items()
        if len(values.get(name, "").strip()) > limit
    }
    if not values.get("heading", "").strip():
        problems["heading"] = "Enter the heading"
    return problems


def _audit(actor: User, action: str, template: AssessmentTemplate, changes: dict[str, Any]) -> None:
    audit_record(
        actor=actor,
        action=f"assessment_template.{action}",
        subject=template,
        authority_id=actor.authority_id,
        changes={"version": template.version, **changes},
    )


@transaction.atomic
def heading_add(*, actor: User, group: str, heading: str, prompt: str) -> TemplateSection:
    """A new heading at the end of the authority's template."""
    require(actor, MANAGE)
    if problems := _problems({"group": group, "heading": heading, "prompt": prompt}):
        raise ValidationError(problems)
    template = _editable(actor)
    keys = set(template.sections.values_list("key", flat=True))
    base = slugify(heading)[:32] or "heading"
    key = next(k for k in (base, *(f"{base}-{n}" for n in range(2, 1000))) if k not in keys)
    last = template.sections.aggregate(last=Max("position"))["last"] or 0
    section = TemplateSection.objects.create(
        template=template, position=last + 1, key=key, group=group.strip(), heading=heading.strip(),
        prompt=prompt.strip(),
    )  # fmt: skip
    _audit(actor, "heading_added", template, {"key": key, "heading": section.heading})
    return section


@transaction.atomic
def heading_change(*, actor: User, key: str, group: str, heading: str, prompt: str) -> TemplateSection:
    """Rename a heading (its group, heading and prompt), in a version no assessment has used."""
    require(actor, MANAGE)
    if problems := _problems({"group": group, "heading": heading, "prompt": prompt}):
        raise ValidationError(problems)
    template = _editable(actor)
    section = section_of(template, key)
    before = {"group": section.group, "heading": section.heading, "prompt": section.prompt}
    section.group, section.heading, section.prompt = group.strip(), heading.strip(), prompt.strip()
    section.save(update_fields=["group", "heading", "prompt"])
    _audit(actor, "heading_changed", template, {"key": key, "before": before, "heading": section.heading})
    return section


@transaction.atomic
def heading_move(*, actor: User, key: str, up: bool) -> AssessmentTemplate:
    """Swap a heading with the one above (or below); at the top (or bottom) it stays where it is."""
    template = _editable(actor)
    sections = list(template.sections.order_by("position"))
    index = next((i for i, s in enumerate(sections) if s.key == key), None)
    if index is None:
        raise Http404(NOT_FOUND)
    other = index - 1 if up else index + 1
    if 0 <= other < len(sections):
        first, second = sections[index], sections[other]
        positions = first.position, second.position
        first.position = 32767  # out of the way of the one-heading-per-position constraint
        first.save(update_fields=["position"])
        second.position = positions[0]
        second.save(update_fields=["position"])
        first.position = positions[1]
        first.save(update_fields=["position"])
    _audit(actor, "heading_moved", template, {"key": key, "direction": "up" if up else "down"})
    return template


@transaction.atomic
def heading_retire(*, actor: User, key: str) -> AssessmentTemplate:
    """Take a heading out of the template: assessments already written under it keep it (their
    version is not changed); new ones no longer ask it. The last heading cannot go."""
    template = _editable(actor)
    section = section_of(template, key)
    if template.sections.count() == 1:
        raise ValidationError("A template needs at least one heading")
    heading = section.heading
    section.delete()  # from a version no assessment has used: nothing refers to it
    _audit(actor, "heading_retired", template, {"key": key, "heading": heading})
    return template
