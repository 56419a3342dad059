"""Every write to warnings to staff: enter one, end one with a reason. Each checks the permission
and that the actor may see the person, validates with people.warning_rules, writes in one
transaction with its audit event."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.http import Http404
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import audit_record
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people import warning_rules as rules
from frontdoor.people.models import Person, StaffWarning

NOT_FOUND = "Warning not found"


def _in_scope(actor: User, person_id: int) -> None:
    if not Person.objects.filter(visible(actor), pk=person_id, authority_id=actor.authority_id).exists():
        raise Http404(NOT_FOUND)


@transaction.atomic
def staff_warning_add(*, actor: User, person: Person, text: str, review_on: date | None) -> StaffWarning:
    """A warning to staff about `person`, shown on every page about them until it is ended."""
    require(actor, "staff_warning.record")
    _in_scope(actor, person.pk)
    problems = rules.warning_problems(text=text, review_on=review_on, today=timezone.localdate())
    if problems or review_on is None:
        raise ValidationError(problems)
    warning = StaffWarning.objects.create(
        authority_id=actor.authority_id,
        person=person,
        text=text.strip(),
        entered_by=actor,
        entered_at=timezone.now(),
        review_on=review_on,
    )
    audit_record(
        actor=actor,
        action="staff_warning.added",
        subject=warning,
        authority_id=warning.authority_id,
        person_id=person.pk,
        changes={"text": warning.text, "review_on": review_on},
    )
    return warning


@transaction.atomic
def staff_warning_end(*, actor: User, warning: StaffWarning, reason: str) -> StaffWarning:
    """End a warning that no longer applies; it stays on the record, with who ended it and why."""
    require(actor, "staff_warning.record")
    current = (
        StaffWarning.objects.select_for_update()
        .filter(pk=warning.pk, authority_id=actor.authority_id)
        .first()
    )
    if current is None:
        raise Http404(NOT_FOUND)
    _in_scope(actor, current.person_id)
    if problems := rules.end_problems(reason=reason, already_ended=current.ended_at is not None):
        raise ValidationError(problems)
    current.ended_at, current.ended_by, current.end_reason = timezone.now(), actor, reason.strip()
    current.save(update_fields=["ended_at", "ended_by", "end_reason"])
    audit_record(
        actor=actor,
        action="staff_warning.ended",
        subject=current,
        authority_id=current.authority_id,
        person_id=current.person_id,
        changes={"reason": current.end_reason},
    )
    return current
