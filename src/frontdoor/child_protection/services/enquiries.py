"""The section 47 enquiry's outcome.

The ICPC clock (standards.md §1.1 T7: 15 working days from the strategy discussion that started the
enquiry; T8: CIN InitialCPCtarget counts from S47ActualStartDate) starts from the strategy
discussion, but is created when the outcome says a conference is needed: the DfE measure (§1.4,
"ICPCs within 15 WD") counts conferences held, so an enquiry that needs none leaves no clock that
could never complete. Its due time is the same either way, counted from the discussion.
"""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.child_protection import rules
from frontdoor.child_protection.models import S47Outcome, Section47
from frontdoor.child_protection.services._common import in_scope
from frontdoor.clocks.services import clock_start
from frontdoor.core.records import check_version, claim_version
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require


@transaction.atomic
def section47_outcome_record(
    *,
    actor: User,
    enquiry: Section47,
    version: int,
    child_seen_on: date | None,
    outcome: str = "",
    end_date: date | None = None,
) -> Section47:
    """Record when the child was seen for the enquiry and, at its end, the outcome and end date. An
    outcome, once recorded, stays: a different conclusion is a new strategy discussion."""
    require(actor, "child_protection.record")
    in_scope(actor, enquiry)
    current = (
        Section47.objects.select_for_update(of=("self",)).select_related("discussion").get(pk=enquiry.pk)
    )
    check_version(current, version)
    problems = rules.section47_problems(
        start=current.start_date,
        child_seen_on=child_seen_on,
        outcome=outcome,
        end_date=end_date,
        today=timezone.localdate(),
    )
    if outcome and end_date is None:
        problems.setdefault("end_date", "Enter the date the enquiry ended")
    if end_date is not None and not outcome:
        problems.setdefault("outcome", "Select the outcome of the enquiry")
    if current.outcome and outcome != current.outcome:
        problems["outcome"] = "The outcome is already recorded: a new concern needs a new strategy discussion"
    if problems:
        raise ValidationError(problems)
    before = (current.child_seen_on, current.outcome, current.end_date)
    claim_version(current, version, child_seen_on=child_seen_on, outcome=outcome, end_date=end_date)
    current.refresh_from_db()
    if outcome == S47Outcome.ICPC and current.icpc_clock_id is None:
        current.icpc_clock = clock_start(
            authority=current.authority,
            standard="icpc",
            started_at=current.discussion.held_at,
            subject=current,
            person=current.person,
        )
        current.save(update_fields=["icpc_clock"])
    audit_record(
        actor=actor,
        action="section47.outcome_recorded",
        subject=current,
        authority_id=current.authority_id,
        person_id=current.person_id,
        changes={"before": list(before), "after": [child_seen_on, outcome, end_date]},
    )
    return current
