"""What a conference sent to whom, and when (Working Together to Safeguard Children 2023, ch. 4:
every agency involved receives the minutes, the plan and the outcome record)."""

from datetime import date

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.child_protection import rules
from frontdoor.child_protection.models import Conference, Distribution
from frontdoor.child_protection.services._common import in_scope
from frontdoor.child_protection.services.partners import Partners, audit_view, named, partner_problems
from frontdoor.organisations.models import PartnerAgency, User
from frontdoor.organisations.permissions import require


def _recipients(conference: Conference, agencies: list[str], chosen: Partners) -> dict[str, PartnerAgency]:
    """The partner agency each item goes to: the one chosen on the form, else the one named for
    that kind at the conference, else none (recorded by kind alone, as before issue 10)."""
    at_conference = {
        row.agency: row.partner_agency
        for row in conference.agencies.select_related("partner_agency")
        if row.partner_agency is not None
    }
    found = {agency: chosen.get(agency) or at_conference.get(agency) for agency in agencies}
    return {agency: partner for agency, partner in found.items() if partner is not None}


@transaction.atomic
def distribution_record(
    *,
    actor: User,
    conference: Conference,
    items: list[str],
    agencies: list[str],
    sent_on: date,
    partners: Partners | None = None,
) -> list[Distribution]:
    """Record that these items were sent to these agencies on `sent_on`. Items already recorded as
    sent to an agency keep their first date. Each row names the partner agency it went to: the one
    chosen in `partners` (the authority's own, of that kind, among `agencies`) or the conference's."""
    require(actor, "child_protection.record")
    in_scope(actor, conference)
    problems = rules.distribution_problems(
        sent_on=sent_on, conference_day=conference.held_on, today=timezone.localdate()
    )
    if not items:
        problems["items"] = "Select what was sent"
    if not agencies:
        problems["agencies"] = "Select who it was sent to"
    already = set(conference.distributions.values_list("item", "agency"))
    wanted = [(item, agency) for item in items for agency in agencies if (item, agency) not in already]
    if items and agencies and not wanted:
        problems["items"] = "These items are already recorded as sent to these agencies"
    chosen = named(partners)
    problems |= partner_problems(conference.authority_id, chosen, agencies, how="sent to")
    if problems:
        raise ValidationError(problems)
    to = _recipients(conference, agencies, chosen)
    rows = Distribution.objects.bulk_create(
        Distribution(
            conference=conference,
            item=item,
            agency=agency,
            partner_agency=to.get(agency),
            sent_on=sent_on,
            recorded_by=actor,
        )
        for item, agency in wanted
    )
    for person_id in conference.children.values_list("person_id", flat=True):
        audit_record(
            actor=actor,
            action="conference.distribution_recorded",
            subject=conference,
            authority_id=conference.authority_id,
            person_id=person_id,
            changes={
                "sent": [f"{item}:{agency}" for item, agency in wanted],
                "sent_on": sent_on,
                "partners": audit_view(to),
            },
        )
    return rows
