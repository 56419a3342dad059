"""Step-up: when needs rise, early help goes back to the front door as a new contact, made by
contacts.services.contact_record so it is screened, checked and decided like any other (Working
Together 2023, ch. 2: practitioners refer to children's social care when needs escalate).

Kept apart from early_help/services.py because contacts.services calls that module (step-down).
"""

from collections.abc import Sequence

from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts import services as front_door
from frontdoor.contacts.models import Channel, Contact, ReferralSource
from frontdoor.core.records import claim_version, same_authority
from frontdoor.early_help.models import CaseStatus, EarlyHelpCase
from frontdoor.early_help.services import _require_open, end_case
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require


@transaction.atomic
def early_help_step_up(
    *,
    actor: User,
    case: EarlyHelpCase,
    version: int,
    concerns: str,
    concern_categories: Sequence[str],
    consent: str,
    consent_rationale: str = "",
) -> Contact:
    """End the early help case as stepped up, and record the contact it makes (source 5D, LA
    services: early help). A refusal by contact_record leaves the case open and nothing saved."""
    require(actor, "early_help.record")
    same_authority(actor, case)
    _require_open(case)
    now = timezone.now()
    contact = front_door.contact_record(
        actor=actor,
        children=[case.person],
        received_at=now,
        channel=Channel.ONLINE_FORM,
        source=ReferralSource.LA_EARLY_HELP,
        concerns=concerns,
        concern_categories=concern_categories,
        consent=consent,
        consent_rationale=consent_rationale,
        source_agency=case.lead_agency,
        source_professional=case.lead_professional,
        referrer_name=actor.display_name,
        referrer_relationship="Early help practitioner",
    )
    claim_version(case, version)
    case.step_up_contact = contact
    end_case(case, status=CaseStatus.STEPPED_UP, at=now)
    audit_record(
        actor=actor,
        action="early_help.stepped_up",
        subject=case,
        authority_id=case.authority_id,
        person_id=case.person_id,
        changes={"contact": contact.reference},
    )
    return contact
