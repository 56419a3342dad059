"""What other apps may hear about a contact, without the contacts app knowing who listens."""

from django.dispatch import Signal

# Sent inside the decision's transaction, with `decision_id`, so what a listener writes (the portal's
# notice to the referrer, through the notifications outbox) commits or rolls back with the decision.
# Listeners must not do slow or fallible work here: email waits in the outbox until the commit.
contact_decided = Signal()
