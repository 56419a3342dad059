"""Telling a partner by email that the front door has decided on what they referred.

Email leaves the council's systems, so it carries the portal reference and a link only: never a
child's name, the concern or the outcome (UK GDPR art. 5(1)(f); the outcome is read after sign-in,
where the portal's own scope and access log apply).
"""

import logging

from django.conf import settings
from django.core.mail import send_mail
from django.db import transaction
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts.models import ContactChild, Decision
from frontdoor.portal.models import PortalReferral

log = logging.getLogger(__name__)


def decision_email(*, decision_id: int) -> bool:
    """Email the partner who referred through the portal that one child's decision is made.
    False (and nothing sent) for a contact that did not come through the portal, or a partner who
    is no longer active or has no address."""
    decision = Decision.objects.select_related("contact_child").get(pk=decision_id)
    journey = decision.contact_child
    referral = (
        PortalReferral.objects.select_related("submitted_by", "contact")
        .filter(contact_id=journey.contact_id)
        .first()
    )
    if referral is None or not referral.submitted_by.is_active:
        return False
    address = referral.submitted_by.email or referral.referrer_email
    if not address:
        return False
    children = ContactChild.objects.filter(contact_id=journey.contact_id)
    decided = children.filter(decision__isnull=False).count()
    reference = referral.contact.reference
    link = settings.FRONTDOOR_BASE_URL + reverse("portal:submission", kwargs={"pk": referral.contact_id})
    body = (
        f"The front door has made a decision about a child in your referral {reference} "
        f"({decided} of {children.count()} children decided).\n\n"
        f"Sign in to see the outcome: {link}\n\n"
        "This email does not name the child or the outcome, to keep them safe."
    )
    send_mail(f"Decision made on referral {reference}", body, None, [address])
    with transaction.atomic():
        audit_record(
            actor=None,
            action="portal.decision_emailed",
            subject=referral,
            authority_id=referral.authority_id,
            person_id=journey.person_id,
            changes={"decision": decision.pk, "to": address},
            at=timezone.now(),
        )
    return True


def on_contact_decided(sender: object, *, decision_id: int, **kwargs: object) -> None:
    """A mail server that is down must not turn a saved decision into an error page: log it."""
    try:
        decision_email(decision_id=decision_id)
    except Exception:  # the decision stands; the partner still sees it in the portal
        log.exception("Could not email the referrer about decision %s", decision_id)
