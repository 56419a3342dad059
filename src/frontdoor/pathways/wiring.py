"""The one place that knows every pathway and how they hand on to each other.

Lower apps name an extension point and this module fills it, so each pathway imports only what lies
below it (docs/development.md) while the journey still flows: a front-door decision opens an
episode, a strategy discussion or early help (contacts.routing); an episode's closure counts the
work of the pathways inside it (referrals.episode_work); a date of death is checked against the
child's plans (people.checks); a children-in-need plan checks the child's
protection plans (plans.protection); a match in the register shows its front-door history
(people.history); a change in who belongs to a household flags its open contacts afresh
(people.membership). Runs once, when the app registry is ready.
"""

from typing import Any

from frontdoor.assessments import selectors as assessments
from frontdoor.child_protection import selectors as child_protection
from frontdoor.child_protection.services import strategy_clock_start
from frontdoor.child_protection.services.plans import death_problem as protection_death_problem
from frontdoor.contacts import routing
from frontdoor.contacts.household import household_flags_recompute
from frontdoor.contacts.models import Outcome
from frontdoor.contacts.selectors import with_front_door_history
from frontdoor.early_help.services import early_help_open_from_decision
from frontdoor.people import history
from frontdoor.people.checks import death_check_register
from frontdoor.people.membership import household_listener_register
from frontdoor.plans import facts, protection
from frontdoor.plans import selectors as plans
from frontdoor.plans.models import PlanKind
from frontdoor.plans.services import death_problem as plan_death_problem
from frontdoor.referrals import episode_work
from frontdoor.referrals.services import referral_open_from_decision


def open_episode(*, actor: Any, journey: Any, decision: Any) -> None:
    """Refer for assessment: the child's children-in-need episode (or the one already open)."""
    referral_open_from_decision(actor=actor, journey=journey, decision=decision)


def open_strategy_discussion(*, actor: Any, journey: Any, decision: Any) -> None:
    """The section 47 threshold may be met: open the episode and, when this decision opened it,
    start the strategy discussion clock from the decision (Working Together 2023, ch. 3)."""
    referral = referral_open_from_decision(actor=actor, journey=journey, decision=decision)
    if referral.contact_child_id == journey.pk:
        strategy_clock_start(referral=referral, at=decision.decided_at)


def open_early_help(*, actor: Any, journey: Any, decision: Any) -> None:
    early_help_open_from_decision(actor=actor, journey=journey, decision=decision)


def connect() -> None:
    routing.register([Outcome.ASSESSMENT], open_episode)
    routing.register([Outcome.STRATEGY], open_strategy_discussion)
    routing.register([Outcome.EARLY_HELP], open_early_help)
    for pathway in (assessments, plans, child_protection):
        episode_work.register(pathway.episode_work)
        episode_work.register_recorded(pathway.recorded_work)
    # A date of death recorded after the child's plans must not contradict them (CIN 8915, 8920, 4008).
    death_check_register("plans", plan_death_problem)
    death_check_register("child_protection", protection_death_problem)
    protection.connect(child_protection.protection_plans)
    facts.connect(PlanKind.CIN, plans.cin_plan_facts)
    facts.connect(PlanKind.CP, child_protection.plan_facts)
    history.connect(with_front_door_history)
    # Someone joining a household later counts for its open contacts at once (issue 17 §4).
    household_listener_register("contacts", household_flags_recompute)
