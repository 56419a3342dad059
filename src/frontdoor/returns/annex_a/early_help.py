"""Annex A List 2, from early_help: early help assessments in the six months, plus the current
early help interventions the local authority coordinates (standards.md §3.1)."""

from django.db.models import Q

from frontdoor.early_help.models import CaseStatus, EarlyHelpAssessment, EarlyHelpCase
from frontdoor.returns.annex_a.sheets import Sheet, Window, child_row, people


def list_2_early_help(authority_id: int, window: Window) -> Sheet:
    """One row per early help case whose assessment ran in the window (started by its end, not
    completed before its start), or which was open at the window's end; in start order. A case open
    with no assessment yet has blank assessment cells; a completion after the window is blank too."""
    assessed = Q(assessment__started_on__lte=window.end) & (
        Q(assessment__completed_on__isnull=True) | Q(assessment__completed_on__gte=window.start)
    )
    open_at_end = Q(started_at__lte=window.end_at) & (
        Q(status=CaseStatus.OPEN) | Q(ended_at__gt=window.end_at)
    )
    cases = list(
        EarlyHelpCase.objects.filter(authority_id=authority_id)
        .filter(assessed | open_at_end)
        .order_by("started_at", "pk")
        .values_list("pk", "person_id")
    )
    assessments = {
        row[0]: row[1:]
        for row in EarlyHelpAssessment.objects.filter(case_id__in=[pk for pk, _ in cases]).values_list(
            "case_id", "started_on", "completed_on", "organisation__name"
        )
    }
    found = people(authority_id, {person_id for _, person_id in cases})
    sheet = Sheet(number=2, person_ids=sorted(found))
    for pk, person_id in cases:
        started, completed, organisation = assessments.get(pk, (None, None, None))
        if started is not None and started > window.end:
            started, organisation = None, None  # begun after the window: not yet, as the list stands
        done = completed if completed is not None and completed <= window.end else None
        sheet.rows.append([*child_row(found[person_id], window), started, done, organisation])
    return sheet
