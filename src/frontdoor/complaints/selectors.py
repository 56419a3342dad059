"""Reads about children's complaints, scoped to the actor's authority and to the children they may
see (access.scope.visible); every list or page naming a child logs the access."""

from dataclasses import dataclass
from datetime import datetime

from django.db.models import Prefetch, QuerySet
from django.http import Http404

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.complaints.models import Complaint, ComplaintStage
from frontdoor.organisations.models import Role, User
from frontdoor.organisations.permissions import require
from frontdoor.tasks import selectors as tasks
from frontdoor.tasks.models import Task, TaskKind

LIST_LIMIT = 200


def _complaints(actor: User) -> QuerySet[Complaint]:
    """The authority's complaints about children the actor may see; a team manager sees their
    team's (the team whose work the complaint is about)."""
    rows = Complaint.objects.filter(authority_id=actor.authority_id).filter(visible(actor, "person_id"))
    if actor.role == Role.TEAM_MANAGER:
        rows = rows.filter(team__in=[actor.team_id]) if actor.team_id else rows.none()
    stages = ComplaintStage.objects.select_related("clock", "extended_clock").order_by("stage")
    return rows.select_related("person", "team").prefetch_related(Prefetch("stages", queryset=stages))


@dataclass(frozen=True)
class Row:
    complaint: Complaint
    stage: ComplaintStage  # the latest
    due_at: datetime  # the latest stage's response due (extended, once extended)


@dataclass(frozen=True)
class Listing:
    open: list[Row]
    closed: list[Row]


def complaint_list(*, actor: User) -> Listing:
    """Complaints whose latest stage is not yet answered (soonest due first), then the latest answered."""
    require(actor, "complaint.view")
    rows = list(_complaints(actor).order_by("-received_at", "-pk")[:LIST_LIMIT])
    access_log(actor=actor, person_ids=[c.person_id for c in rows], purpose="complaints.list")
    listed = [Row(c, stage, due_at(stage)) for c in rows for stage in [current_stage(c)]]
    waiting = sorted((r for r in listed if not r.stage.responded), key=lambda r: r.due_at)
    return Listing(open=waiting, closed=[r for r in listed if r.stage.responded])


def due_at(stage: ComplaintStage) -> datetime:
    """When the stage's response is due: the extended time once extended."""
    return (stage.extended_clock or stage.clock).due_at


def current_stage(complaint: Complaint) -> ComplaintStage:
    """The latest stage (from the prefetched stages)."""
    return list(complaint.stages.all())[-1]


def complaint_get_for(*, actor: User, complaint_id: int, purpose: str = "complaints.complaint") -> Complaint:
    require(actor, "complaint.view")
    complaint = _complaints(actor).prefetch_related("also_about").filter(pk=complaint_id).first()
    if complaint is None:
        raise Http404("No complaint was found.")
    others = [p.pk for p in complaint.also_about.all()]
    access_log(actor=actor, person_ids=[complaint.person_id, *others], purpose=purpose)
    return complaint


def learning_of(*, actor: User, complaint: Complaint) -> list[Task]:
    """The learning set from the complaint (already access-logged with the complaint)."""
    require(actor, "complaint.view")
    return list(
        tasks.tasks(actor=actor, scope=visible(actor, "person_id"))
        .filter(kind=TaskKind.COMPLAINT, source_type="complaints.complaint", source_id=complaint.pk)
        .select_related("owner_user")
        .order_by("due_on", "pk")
    )


def learning_get_for(*, actor: User, task_id: int) -> Task:
    """A learning task, for its owner or a complaints manager to mark done."""
    require(actor, "task.complete")
    task = (
        tasks.tasks(actor=actor, scope=visible(actor, "person_id"))
        .filter(kind=TaskKind.COMPLAINT, pk=task_id)
        .select_related("person", "owner_user")
        .first()
    )
    if task is None:
        raise Http404("No learning was found.")
    access_log(actor=actor, person_ids=tasks.children([task]), purpose="complaints.learning")
    return task
