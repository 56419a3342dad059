"""Section47 and ChildProtectionPlans modules from child_protection: enquiries (started by their
strategy discussion, N00148) with the initial conference that followed, and CP plans with their
review conferences and the number of earlier plans (derived, 8730). As at ReferenceDate; modules
whose work ended before the census year belong to earlier censuses (8715, 8930)."""

from collections import defaultdict
from datetime import date

from django.utils import timezone

from frontdoor.child_protection import rules as cp_rules
from frontdoor.child_protection.models import ConferenceChild, ConferenceKind, ProtectionPlan, S47Outcome
from frontdoor.child_protection.models import Section47 as Enquiry
from frontdoor.returns.census.model import Episode, Section47
from frontdoor.returns.census.model import ProtectionPlan as Plan
from frontdoor.returns.rules import CensusYear


def attach(authority_id: int, episodes: dict[int, Episode], census: CensusYear) -> None:
    _section47s(authority_id, episodes, census)
    _plans(authority_id, episodes, census)


def _initial_conferences(enquiry_ids: list[int]) -> dict[int, date]:
    rows = ConferenceChild.objects.filter(
        section47_id__in=enquiry_ids, conference__kind=ConferenceKind.INITIAL
    ).values_list("section47_id", "conference__held_on")
    return dict(rows)


def _section47s(authority_id: int, episodes: dict[int, Episode], census: CensusYear) -> None:
    enquiries = list(
        Enquiry.objects.filter(
            authority_id=authority_id, referral_id__in=list(episodes), start_date__lte=census.reference_date
        )
        .order_by("referral_id", "start_date", "pk")
        .values_list("pk", "referral_id", "start_date", "end_date", "outcome", "icpc_clock__due_at")
    )
    icpcs = _initial_conferences([row[0] for row in enquiries])
    for pk, referral_id, start, end, outcome, due_at in enquiries:
        icpc = census.within(icpcs.get(pk))
        ended = census.within(end)
        not_required = ended is not None and outcome != S47Outcome.ICPC
        finished = icpc or (ended if not_required else None)
        if finished is not None and finished < census.start:
            continue
        episodes[referral_id].section47s.append(
            Section47(
                start=start,
                icpc_target=timezone.localdate(due_at) if due_at else None,
                icpc_date=icpc,
                icpc_not_required=not_required,
            )
        )


def _plans(authority_id: int, episodes: dict[int, Episode], census: CensusYear) -> None:
    plans = list(
        ProtectionPlan.objects.filter(
            authority_id=authority_id, referral_id__in=list(episodes), start_date__lte=census.reference_date
        )
        .order_by("referral_id", "start_date", "pk")
        .values_list("pk", "referral_id", "person_id", "start_date", "end_date", "initial_category",
                     "latest_category")
    )  # fmt: skip
    starts: dict[int, list[date]] = defaultdict(list)
    people = {row[2] for row in plans}
    for person_id, start in ProtectionPlan.objects.filter(person_id__in=people).values_list(
        "person_id", "start_date"
    ):
        starts[person_id].append(start)
    reviews: dict[int, list[date]] = defaultdict(list)
    review_rows = ConferenceChild.objects.filter(
        plan_id__in=[row[0] for row in plans], conference__kind=ConferenceKind.REVIEW,
        conference__held_on__lte=census.reference_date,
    ).order_by("conference__held_on").values_list("plan_id", "conference__held_on")  # fmt: skip
    for plan_id, held_on in review_rows:
        reviews[plan_id].append(held_on)
    for pk, referral_id, person_id, start, end, initial, latest in plans:
        end = census.within(end)
        if end is not None and end < census.start:
            continue
        episodes[referral_id].protection_plans.append(
            Plan(
                start=start,
                end=end,
                initial_category=initial,
                latest_category=latest,
                previous_plans=cp_rules.previous_plans(this_start=start, plan_starts=starts[person_id]),
                reviews=reviews[pk],
            )
        )
