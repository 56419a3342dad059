"""Reads of the returns, scoped to the actor's authority. A file's page and its download show
children: each is logged (audit.access_log) for every child it shows."""

from django.http import Http404

from frontdoor.audit.services import access_log
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.returns.models import ReturnFile, ReturnKind, ValidationIssue, ValidationRun

ACTION = "returns.export"


def return_files_for(*, actor: User, limit: int = 20) -> list[ReturnFile]:
    """The authority's latest files, without their contents (no child is shown)."""
    require(actor, ACTION)
    return list(
        ReturnFile.objects.filter(authority_id=actor.authority_id)
        .defer("content", "person_ids")
        .select_related("generated_by")[:limit]
    )


def return_file_get_for(*, actor: User, file_id: int) -> ReturnFile:
    """One file; 404 alike for missing and another authority's."""
    require(actor, ACTION)
    try:
        return ReturnFile.objects.select_related("generated_by").get(
            pk=file_id, authority_id=actor.authority_id
        )
    except ReturnFile.DoesNotExist:
        raise Http404("No return file was found.") from None


def latest_validation(*, file: ReturnFile) -> ValidationRun | None:
    if file.kind != ReturnKind.CIN_CENSUS:
        return None
    return file.validations.first()


def issues_for(*, actor: User, run: ValidationRun, purpose: str) -> list[ValidationIssue]:
    """The run's issues, each with its child; every child shown is logged."""
    issues = list(run.issues.all())
    access_log(actor=actor, person_ids=[i.person_id for i in issues if i.person_id], purpose=purpose)
    return issues


def latest_census(*, actor: User) -> ReturnFile | None:
    """The last census file generated for the authority (by anyone, from the page or the command)."""
    require(actor, ACTION)
    return (
        ReturnFile.objects.filter(authority_id=actor.authority_id, kind=ReturnKind.CIN_CENSUS)
        .defer("content", "person_ids")
        .first()
    )
