"""Work under a synthetic plan: statutory visits (the repeating cp_visit clock), core groups with
their actions, and review conferences (first within 3 months, then at most 6), as
child_protection.services writes them; each meeting is added to `met`, for the progress the plan's
content records at it (synthetic.generator.plan_content)."""

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from frontdoor.child_protection.models import Conference, CoreGroup, ProtectionPlan
from frontdoor.referrals.models import Referral, Visit
from frontdoor.synthetic.generator.base import at_local, chance, local
from frontdoor.synthetic.generator.child_protection.common import noon
from frontdoor.synthetic.generator.plan_content import Meeting

if TYPE_CHECKING:
    from frontdoor.synthetic.generator.child_protection.maker import ProtectionMaker


def series(
    maker: "ProtectionMaker",
    standard: str,
    first: datetime,
    plan: ProtectionPlan,
    events: list[datetime],
    finished: datetime | None,
    then: str | None = None,
) -> int:
    """A repeating clock as services write it: each event completes one interval and starts the
    next; the last interval is open, or completed when the plan ended."""
    starts, code, pk = [first, *events], standard, 0
    for index, begin in enumerate(starts):
        done = starts[index + 1] if index + 1 < len(starts) else finished
        pk = maker._clock(code, begin, plan, plan.person_id, done)
        code = then or code
    return pk


def visits(
    maker: "ProtectionMaker",
    referral: Referral,
    plan: ProtectionPlan,
    worker: int,
    finished: datetime | None,
) -> int:
    rng, calendar = maker.rng, maker.clocks.calendar
    start, events = noon(plan.start_date), []
    day = plan.start_date
    if maker.first_seen is not None:
        day = max(day, local(maker.first_seen).date())
    while maker.first_seen is not None:
        gap = rng.randint(4, 10) if chance(rng, maker.mix.visit_on_time) else rng.randint(11, 16)
        day = calendar.add_working_days(day, gap)
        moment = at_local(day, rng.uniform(9, 17))
        if moment > (finished or maker.end):
            break
        events.append(moment)
        if maker.light(moment):
            continue  # before the window in a carried-in plan: only the interval's end is kept
        alone = chance(rng, 0.6)
        maker.writer.add(
            Visit(
                authority_id=referral.authority_id,
                person_id=referral.person_id,
                referral_id=referral.pk,
                occurred_at=moment,
                visitor_id=worker,
                seen=True,
                seen_alone=alone,
                not_alone_reason="" if alone else "Seen with a parent present.",
                location="Home",
                recorded_at=moment + timedelta(hours=3),
                childs_words="Said they felt safe at home this week.",
            )
        )
    start, events = _carried_in(maker, start, events)
    return series(maker, "cp_visit", start, plan, events, finished)


def _carried_in(
    maker: "ProtectionMaker", first: datetime, events: list[datetime]
) -> tuple[datetime, list[datetime]]:
    """A carried-in plan's repeating clock starts at its last event before the window (written light,
    without its earlier intervals)."""
    before = [at for at in events if maker.light(at)]
    return (before[-1] if before else first), events[len(before) :]


def core_groups(
    maker: "ProtectionMaker",
    referral: Referral,
    plan: ProtectionPlan,
    worker: int,
    finished: datetime | None,
    met: list[Meeting],
) -> int:
    rng, calendar = maker.rng, maker.clocks.calendar
    first_gap = rng.randint(3, 10) if chance(rng, maker.mix.core_group_on_time) else rng.randint(11, 15)
    day, events = calendar.add_working_days(plan.start_date, first_gap), []
    while noon(day) <= (finished or maker.end):
        if maker.light(noon(day)):
            events.append(noon(day))
            day += timedelta(days=rng.randint(20, 32))
            continue
        group = CoreGroup(
            pk=maker.writer.next_id(CoreGroup),
            authority_id=referral.authority_id,
            plan_id=plan.pk,
            held_on=day,
            attended=["health", "police", "social_care"],
            notes="Progress against the plan reviewed.",
            recorded_by_id=worker,
            recorded_at=noon(day) + timedelta(hours=3),
        )
        maker.writer.add(group)
        maker._actions(None, group.pk, referral, day, worker, noon(day))
        met.append(Meeting(CoreGroup._meta.label_lower, group.pk, day))
        events.append(noon(day))
        # Mostly within the local 28-day standard for later core groups (T11), some late.
        day += timedelta(days=rng.randint(20, 32))
    first, later = _carried_in(maker, noon(plan.start_date), events)
    standard = "core_group" if len(later) < len(events) else "first_core_group"
    return series(maker, standard, first, plan, later, finished, then="core_group")


def reviews(
    maker: "ProtectionMaker",
    referral: Referral,
    plan: ProtectionPlan,
    worker: int,
    finished: datetime | None,
    met: list[Meeting],
) -> int:
    rng, events, day = maker.rng, [], plan.start_date
    for months in (3, *([6] * 8)):
        on_time = chance(rng, maker.mix.review_on_time)
        day = day + timedelta(
            days=rng.randint(months * 30 - 25, months * 30 - 5)
            if on_time
            else months * 31 + rng.randint(1, 20)
        )
        day = (
            maker.clocks.calendar.next_working_day(day)
            if not maker.clocks.calendar.is_working_day(day)
            else day
        )
        if noon(day) > (finished or maker.end) or (plan.end_date and day >= plan.end_date):
            break
        conference = maker._meeting(referral, "review", day, worker)
        maker._child(conference, referral, plan_id=plan.pk, plan_needed=True, category=plan.latest_category)
        met.append(Meeting(Conference._meta.label_lower, conference.pk, day))
        events.append(noon(day))
    return series(
        maker, "first_review_conference", noon(plan.start_date), plan, events, finished, "review_conference"
    )
