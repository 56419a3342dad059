"""Assessments modules from assessments.Assessment: each assessment of an episode the census year
sees, as at ReferenceDate (an authorisation after it has not happened; factors are returned only
for an authorised assessment, rule 8614). Assessments authorised before the year began belong to
earlier censuses (8696)."""

from frontdoor.assessments.models import Assessment as AssessmentRecord
from frontdoor.returns.census.model import Assessment, Episode
from frontdoor.returns.rules import CensusYear


def attach(authority_id: int, episodes: dict[int, Episode], census: CensusYear) -> None:
    rows = (
        AssessmentRecord.objects.filter(
            authority_id=authority_id, referral_id__in=list(episodes), started_on__lte=census.reference_date
        )
        .order_by("referral_id", "started_on", "pk")
        .values_list("referral_id", "started_on", "authorised_on", "factors")
    )
    for referral_id, started, authorised, factors in rows:
        authorised = census.within(authorised)
        if authorised is not None and authorised < census.start:
            continue
        episodes[referral_id].assessments.append(
            Assessment(
                start=started,
                authorised=authorised,
                factors=list(dict.fromkeys(factors or [])) if authorised else [],
            )
        )
