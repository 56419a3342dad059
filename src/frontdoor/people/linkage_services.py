"""The one write of linkage: estimating an authority's Fellegi-Sunter weights from its register.

Kept apart from people.services (people, names, addresses) because it reads the whole register and
runs for minutes, from `frontdoor linkage_weights`, never from a page.
"""

from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.organisations.models import Authority, User
from frontdoor.people import estimation
from frontdoor.people.models import LinkageWeights
from frontdoor.people.selectors import register_records


@transaction.atomic
def linkage_weights_estimate(
    *, authority: Authority, actor: User | None = None, pairs: int = 20_000, seed: int = 0
) -> LinkageWeights:
    """Estimate m and u from the authority's register (people.estimation.estimate_register) and store
    them, dated, as the weights its searches use from now on. Audited; the people are not changed."""
    now = timezone.now()
    records = register_records(authority_id=authority.pk)
    weights, compared = estimation.estimate_register(records, on=now.date(), pairs=pairs, seed=seed)
    row = LinkageWeights.objects.create(
        authority=authority, estimated_at=now, weights=weights.as_json(), people=len(records), pairs=compared
    )
    audit_record(
        actor=actor,
        action="people.linkage_weights_estimate",
        subject=row,
        authority_id=authority.pk,
        changes={"people": len(records), "pairs": compared},
    )
    return row
