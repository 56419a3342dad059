"""Children-in-need plans beside child protection plans (CIN 4001, 4003, 4016, 4017): the census
forbids the two to run at once, so a child's CIN plan ends on the day their CP plan starts.

plans.rules.start_problems keeps the other side: no CIN plan starts while a CP plan is open.
"""

from dataclasses import dataclass
from datetime import date

from django.db.models import Max

from frontdoor.child_protection import rules
from frontdoor.organisations.models import User
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.plans.services import cin_plan_end_at_protection


@dataclass(frozen=True)
class CinPlans:
    spans: list[tuple[date, date | None]]
    last_open_review: date | None  # the last review of the open plan, which the CP plan would end


def cin_plans_of(person_id: int) -> CinPlans:
    plans = ChildInNeedPlan.objects.filter(person_id=person_id)
    last = plans.filter(end_date__isnull=True).aggregate(last=Max("reviews__reviewed_on"))["last"]
    return CinPlans(spans=list(plans.values_list("start_date", "end_date")), last_open_review=last)


def end_cin_plan_for(*, actor: User, person_id: int, plan_start: date) -> ChildInNeedPlan | None:
    """End the child's open CIN plan, if any, on the day the CP plan starts (4001). Its checks
    (no_cin_plan_during) have already passed in the same transaction."""
    plan = (
        ChildInNeedPlan.objects.select_for_update(of=("self",))
        .select_related("review_clock")
        .filter(person_id=person_id, end_date__isnull=True)
        .first()
    )
    if plan is None:
        return None
    on = rules.cin_plan_end_for(plan_start=plan_start)
    return cin_plan_end_at_protection(actor=actor, plan=plan, on=on)
