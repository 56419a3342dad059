"""An earlier plan in an earlier, closed episode before the window, so that a share of the plans
starting in the window are second or later plans (CIN NumberOfPreviousCPP, volumes.md §1)."""

from datetime import timedelta
from typing import TYPE_CHECKING

from frontdoor.child_protection.models import PlanEndReason, ProtectionPlan, Section47, StrategyDiscussion
from frontdoor.referrals.models import ClosureReason, Referral
from frontdoor.synthetic.generator.base import at_local, local
from frontdoor.synthetic.generator.child_protection.common import banded, noon

if TYPE_CHECKING:
    from frontdoor.synthetic.generator.child_protection.maker import ProtectionMaker


def earlier_plan(maker: "ProtectionMaker", referral: Referral, worker: int) -> bool:
    """A closed episode before the window with a plan in it, for a child old enough to have had one."""
    rng, calendar = maker.rng, maker.clocks.calendar
    ended = local(maker.window_start).date() - timedelta(days=rng.randint(60, 700))
    started = calendar.next_working_day(ended - timedelta(days=max(banded(rng, maker.mix.plan_days), 30)))
    discussed = calendar.working_days_before(started, rng.randint(8, 15))
    referred = discussed - timedelta(days=rng.randint(0, 5))
    born = maker.born.get(referral.person_id)
    if born is None or referred <= born or started >= ended:
        return False
    old = Referral(
        pk=maker.writer.next_id(Referral),
        authority_id=referral.authority_id,
        person_id=referral.person_id,
        received_at=at_local(referred, 10),
        referral_date=referred,
        source="6",
        significant_harm=True,
        primary_need="N1",
        closure_date=ended + timedelta(days=30),
        closure_reason=ClosureReason.RC7,
        closure_summary="Plan ended; needs met.",
        opened_by_id=worker,
    )
    maker.writer.add(old)
    held = at_local(discussed, 11)
    discussion = StrategyDiscussion(
        pk=maker.writer.next_id(StrategyDiscussion),
        authority_id=old.authority_id,
        referral_id=old.pk,
        person_id=old.person_id,
        held_at=held,
        section47=True,
        information_shared="Earlier concerns (synthetic history).",
        decision_reason="Reasonable cause to suspect significant harm.",
        clock_id=maker._clock("strategy_discussion", held - timedelta(hours=3), old, old.person_id, held),
        recorded_by_id=worker,
        recorded_at=held,
    )
    maker.writer.add(discussion)
    maker._participants(discussion)
    enquiry = Section47(
        pk=maker.writer.next_id(Section47),
        authority_id=old.authority_id,
        referral_id=old.pk,
        person_id=old.person_id,
        discussion_id=discussion.pk,
        start_date=discussed,
        child_seen_on=discussed,
        outcome="icpc",
        end_date=started - timedelta(days=1),
    )
    enquiry.icpc_clock_id = maker._clock("icpc", held, enquiry, old.person_id, noon(started))
    maker.writer.add(enquiry)
    conference = maker._meeting(old, "initial", started, worker)
    codes, weights = zip(*maker.mix.categories, strict=True)
    category = rng.choices(codes, weights=weights)[0]
    maker._child(conference, old, section47_id=enquiry.pk, plan_needed=True, category=category)
    maker.writer.add(
        ProtectionPlan(
            authority_id=old.authority_id,
            person_id=old.person_id,
            referral_id=old.pk,
            start_date=started,
            initial_category=category,
            latest_category=category,
            end_date=ended,
            end_reason=PlanEndReason.NO_LONGER_AT_RISK,
        )
    )
    return True
