"""Reads of practice notes (issue 19 §4), scoped to the actor's authority and the children they may
see; every page naming a child logs the access. The worker and manager a note is addressed to, and
the person who raised it, see it; quality assurance and senior leaders see the authority's; the worker's
team sees their team's."""

from django.db.models import Q, QuerySet
from django.http import Http404

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.organisations.models import Role, User
from frontdoor.organisations.permissions import require
from frontdoor.quality.models import PracticeNote

LIST_LIMIT = 200
WHOLE_AUTHORITY = frozenset({Role.QUALITY_ASSURANCE, Role.SENIOR_LEADER})


def _notes(actor: User) -> QuerySet[PracticeNote]:
    rows = PracticeNote.objects.filter(authority_id=actor.authority_id).filter(visible(actor, "person_id"))
    if actor.role not in WHOLE_AUTHORITY:
        mine = Q(worker=actor) | Q(manager=actor) | Q(raised_by=actor)
        # The worker's team sees the team's notes: a colleague may answer one while covering
        # (quality.services.may_answer), and good practice is shared with the team.
        if actor.team_id is not None:
            mine |= Q(team__in=[actor.team_id])
        rows = rows.filter(mine)
    return rows.select_related("person", "worker", "manager", "raised_by", "team")


def notes_for(*, actor: User) -> tuple[list[PracticeNote], list[PracticeNote]]:
    """(notes still open or acknowledged, the latest closed), each newest first."""
    require(actor, "practice_note.view")
    waiting = list(_notes(actor).filter(closed_at__isnull=True)[:LIST_LIMIT])
    closed = list(_notes(actor).filter(closed_at__isnull=False)[:LIST_LIMIT])
    access_log(actor=actor, person_ids=[n.person_id for n in waiting + closed], purpose="quality.notes")
    return waiting, closed


def note_get_for(*, actor: User, note_id: int) -> PracticeNote:
    require(actor, "practice_note.view")
    note = _notes(actor).filter(pk=note_id).first()
    if note is None:
        raise Http404("No practice note was found.")
    access_log(actor=actor, person_ids=[note.person_id], purpose="quality.note")
    return note
