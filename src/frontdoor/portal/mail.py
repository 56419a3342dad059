"""Telling a partner that the front door has decided on what they referred, through the
notifications outbox (in the portal's own notifications, and by email).

Email leaves the council's systems, so the notice carries the portal reference and a link only:
never a child's name, the concern or the outcome (UK GDPR art. 5(1)(f); the outcome is read after
sign-in, where the portal's own scope and access log apply).
"""

from django.urls import reverse

from frontdoor.contacts.models import ContactChild, Decision
from frontdoor.notifications.models import Kind
from frontdoor.notifications.services import notify
from frontdoor.portal.models import PortalReferral


def decision_notify(*, decision_id: int) -> bool:
    """Tell the partner who referred through the portal that one child's decision is made. False
    (and nothing written) for a contact that did not come through the portal, or a partner who is
    no longer active. Runs inside the decision's transaction; the email goes once it commits."""
    decision = Decision.objects.select_related("contact_child").get(pk=decision_id)
    journey = decision.contact_child
    referral = (
        PortalReferral.objects.select_related("submitted_by", "contact")
        .filter(contact_id=journey.contact_id)
        .first()
    )
    if referral is None or not referral.submitted_by.is_active:
        return False
    children = ContactChild.objects.filter(contact_id=journey.contact_id)
    decided = children.filter(decision__isnull=False).count()
    reference = referral.contact.reference
    partner = referral.submitted_by
    return bool(
        notify(
            authority_id=referral.authority_id,
            recipients=[partner],
            kind=Kind.PORTAL_REFERRAL_DECIDED,
            event_key=f"decision:{decision.pk}",
            title=f"Decision made on referral {reference}",
            body=(
                f"The front door has made a decision about a child in your referral {reference} "
                f"({decided} of {children.count()} children decided). Sign in to see the outcome."
            ),
            link=reverse("portal:submission", kwargs={"pk": referral.contact_id}),
            # A shared agency account may have no address: the one typed on the referral.
            email_to={partner.pk: referral.referrer_email} if referral.referrer_email else None,
        )
    )


def on_contact_decided(sender: object, *, decision_id: int, **kwargs: object) -> None:
    decision_notify(decision_id=decision_id)
