"""Reading warnings to staff, scoped to the actor's authority and to people the actor may see."""

from django.http import Http404

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person, StaffWarning
from frontdoor.people.warning_services import NOT_FOUND


def current_warnings(*, actor: User, person: Person) -> list[StaffWarning]:
    """The warnings in force, newest first, for the header of a page that has read the child's record
    through its own selector (which logged the access): one query."""
    return list(
        StaffWarning.objects.filter(
            visible(actor, "person_id"),
            authority_id=actor.authority_id,
            person_id=person.pk,
            ended_at__isnull=True,
        ).select_related("entered_by")
    )


def warnings_of(*, actor: User, person: Person) -> list[StaffWarning]:
    """Every warning about the child, current and ended, for the child's warnings page (which read the
    child through people.selectors.person_get_for, logged)."""
    require(actor, "child.view")
    rows = StaffWarning.objects.filter(
        visible(actor, "person_id"), authority_id=actor.authority_id, person_id=person.pk
    ).select_related("entered_by", "ended_by")
    return sorted(rows, key=lambda w: (w.ended_at is not None, -w.entered_at.timestamp()))


def warning_get_for(*, actor: User, warning_id: int, purpose: str) -> StaffWarning:
    """One warning, to end it: the same 404 for a missing one and one outside scope; logged."""
    require(actor, "child.view")
    warning = (
        StaffWarning.objects.filter(
            visible(actor, "person_id"), authority_id=actor.authority_id, pk=warning_id
        )
        .select_related("person")
        .first()
    )
    if warning is None:
        raise Http404(NOT_FOUND)
    access_log(actor=actor, person_ids=[warning.person_id], purpose=purpose)
    return warning
