"""CINPlanDates modules from plans.ChildInNeedPlan: each plan running in the census year, as at
ReferenceDate (an end after it has not happened: 4013); plans ended before the year are left out."""

from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.returns.census.model import CinPlan, Episode
from frontdoor.returns.rules import CensusYear


def attach(authority_id: int, episodes: dict[int, Episode], census: CensusYear) -> None:
    rows = (
        ChildInNeedPlan.objects.filter(
            authority_id=authority_id, referral_id__in=list(episodes), start_date__lte=census.reference_date
        )
        .order_by("referral_id", "start_date", "pk")
        .values_list("referral_id", "start_date", "end_date")
    )
    for referral_id, start, end in rows:
        end = census.within(end)
        if end is not None and end < census.start:
            continue
        episodes[referral_id].cin_plans.append(CinPlan(start=start, end=end))
