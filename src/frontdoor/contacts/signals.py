"""What other apps may hear about a contact, without the contacts app knowing who listens."""

from django.dispatch import Signal

# Sent once the decision's transaction has committed, with `decision_id`: a listener that fails
# (a mail server that is down) cannot undo the decision.
contact_decided = Signal()
