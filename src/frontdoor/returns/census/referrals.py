"""CINdetails from referrals.Referral: every episode the census year sees (rules.episode_in_census),
as it stood on ReferenceDate: a closure after that date has not happened yet."""

from django.db.models import Q

from frontdoor.referrals.models import Referral
from frontdoor.returns import rules
from frontdoor.returns.census.model import Episode
from frontdoor.returns.rules import CensusYear


def episodes_by_person(*, authority_id: int, census: CensusYear) -> dict[int, list[Episode]]:
    """Each child's episodes in the census, in referral date order."""
    referrals = (
        Referral.objects.filter(authority_id=authority_id, referral_date__lte=census.reference_date)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=census.start))
        .order_by("person_id", "referral_date", "pk")
        .values_list(
            "pk", "person_id", "referral_date", "source", "primary_need", "nfa", "closure_date",
            "closure_reason",
        )
    )  # fmt: skip
    found: dict[int, list[Episode]] = {}
    for pk, person_id, referral_date, source, need, nfa, closure_date, reason in referrals:
        closed = census.within(closure_date)
        found.setdefault(person_id, []).append(
            Episode(
                referral_id=pk,
                referral_date=referral_date,
                source=source,
                primary_need=rules.primary_need_for_census(recorded=need, nfa=nfa),
                nfa=nfa,
                closure_date=closed,
                closure_reason=reason if closed else "",
            )
        )
    return found
