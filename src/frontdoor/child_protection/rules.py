"""Rules that keep child protection records valid: pure functions, no Django.

Each DfE CIN census ERROR rule (standards.md §2.6; messages in shared/data/cin/cin_rules_table.md)
that concerns section 47 enquiries, initial conferences or protection plans and can be checked when
the record is made is one function here, named in RULES_PREVENTED and called by services.py. A rule
returns the message to show, or None when the record keeps it. The `*_problems` functions gather the
rules for one write, by form field.

Timescales: Working Together to Safeguard Children 2023, ch. 4 (standards.md §1.1 T5, T7, T10, T12,
T13, T15). Due times are the clock engine's (clocks.rules); these rules only order dates.
"""

from collections.abc import Iterable
from datetime import date, datetime

SATURDAY = 5

# Census ERROR rule -> the function that refuses the record breaking it (issue 5; issue 7 tests that
# every ERROR rule is mapped here or elsewhere). Structural rules name the function that makes the
# structure: e.g. plans are only made from an initial conference's decision (2883).
RULES_PREVENTED: dict[str, str] = {
    "1104": "frontdoor.child_protection.rules.icpc_not_before_referral",
    "1105": "frontdoor.child_protection.rules.plan_not_before_referral",
    "2883": "frontdoor.child_protection.rules.plan_needs_initial_conference",
    "2884": "frontdoor.child_protection.rules.icpc_needs_section47",
    "2885": "frontdoor.child_protection.rules.plan_start_for",
    "2889": "frontdoor.child_protection.rules.section47_not_before_referral",
    "8565": "frontdoor.child_protection.rules.episode_open",
    "2990": "frontdoor.child_protection.rules.episode_open",
    "8615": "frontdoor.child_protection.rules.icpc_not_before_section47",
    "8730": "frontdoor.child_protection.rules.previous_plans",
    "8832": "frontdoor.child_protection.rules.not_nfa",
    "8831": "frontdoor.child_protection.rules.not_nfa",
    "8839": "frontdoor.child_protection.rules.one_open_section47",
    "8890": "frontdoor.child_protection.rules.one_open_section47",
    "8840": "frontdoor.child_protection.rules.plan_end_after_start",
    "8925": "frontdoor.child_protection.rules.plan_end_after_start",
    "8841": "frontdoor.child_protection.rules.review_after_plan_start",
    "8875": "frontdoor.child_protection.rules.icpc_not_at_weekend",
    "8905": "frontdoor.child_protection.rules.category_valid",
    "8910": "frontdoor.child_protection.rules.category_valid",
    "8915": "frontdoor.child_protection.rules.plan_not_after_death",  # and death_not_before_plans
    "8920": "frontdoor.child_protection.rules.plan_end_not_after_death",  # and death_not_before_plans
    "8935": "frontdoor.child_protection.rules.one_open_plan",
    "8940": "frontdoor.child_protection.rules.plan_does_not_overlap",
    # The other half of each (a CIN plan starting during a CP plan) is plans.rules.start_problems.
    "4001": "frontdoor.child_protection.rules.cin_plan_end_for",
    "4016": "frontdoor.child_protection.rules.no_cin_plan_during",
    "4017": "frontdoor.child_protection.rules.no_cin_plan_during",
    "4003": "frontdoor.child_protection.rules.review_not_during_cin_plan",
}

CATEGORIES = frozenset({"NEG", "PHY", "EMO", "SAB", "MUL"})  # N00113 / N00114 code list (§2.3.4)
NFA_CLOSURES = frozenset({"RC8", "RC9"})


def _day(value: date | datetime) -> date:
    return value.date() if isinstance(value, datetime) else value


# -- single rules -----------------------------------------------------------------------------------


def not_nfa(*, nfa: bool) -> str | None:
    """CIN 8831 / 8832: no child protection activity on a referral with no further action."""
    return "This referral ended with no further action: record a new referral first" if nfa else None


def episode_open(*, closure_date: date | None, closure_reason: str, on: date) -> str | None:
    """No child protection work is recorded on a closed episode, whatever its date: CIN 8565 (none
    after the closure), 2990 (none at all on one closed after assessment, RC8/RC9), and 8868 (issue 18:
    a section 47 dated before the closure but recorded after it would be left unfinished in a closed
    episode, as assessments and CIN plans already refuse). `on` names the date in the message."""
    if closure_date is None:
        return None
    if closure_reason in NFA_CLOSURES or on > closure_date:
        return "This episode is closed: record the work against a new referral"
    return (
        f"This episode closed on {closure_date:%-d %B %Y}: record the work against a new referral "
        "(DfE CIN rule 8868: nothing left unfinished in a closed episode)"
    )


def section47_not_before_referral(*, start: date, referral_date: date) -> str | None:
    """CIN 2889: the section 47 starts (the strategy discussion) on or after the referral date."""
    return "The strategy discussion cannot be before the referral date" if start < referral_date else None


def one_open_section47(*, open_enquiries: int) -> str | None:
    """CIN 8839 / 8890: one open section 47 enquiry at a time in an episode."""
    if open_enquiries:
        return "A section 47 enquiry is already open in this episode: record its outcome first"
    return None


def icpc_needs_section47(*, outcome: str) -> str | None:
    """CIN 2884: an initial conference is recorded once, against the section 47 that recommended it
    (never at the episode level as well)."""
    return (
        None if outcome == "icpc" else "Record the section 47 outcome as an initial conference needed first"
    )


def icpc_not_at_weekend(*, held_on: date) -> str | None:
    """CIN 8875: the date of the initial child protection conference cannot be a weekend."""
    return "The conference cannot be on a Saturday or Sunday" if held_on.weekday() >= SATURDAY else None


def icpc_not_before_section47(*, held_on: date, section47_start: date) -> str | None:
    """CIN 8615: the section 47 start (its strategy discussion) is not later than the conference."""
    if held_on < section47_start:
        return "The conference cannot be before its strategy discussion"
    return None


def icpc_not_before_referral(*, held_on: date, referral_date: date) -> str | None:
    """CIN 1104: the initial conference is not before the referral date."""
    return "The conference cannot be before the referral date" if held_on < referral_date else None


def plan_needs_initial_conference(*, conference_kind: str) -> str | None:
    """CIN 2883: a plan starts only from an initial conference's decision, so no more plans start
    than initial conferences take place."""
    return None if conference_kind == "initial" else "A plan starts only at an initial conference"


def plan_start_for(*, icpc_held_on: date) -> date:
    """CIN 2885: the plan starts on the day of the initial conference that made it."""
    return icpc_held_on


def plan_not_before_referral(*, start: date, referral_date: date) -> str | None:
    """CIN 1105: the plan does not start before the referral date."""
    return "The plan cannot start before the referral date" if start < referral_date else None


def plan_end_after_start(*, start: date, end: date) -> str | None:
    """CIN 8925 (end before start) and 8840 (start and end the same day)."""
    if end < start:
        return "The plan cannot end before it starts"
    if end == start:
        return "The plan cannot end on the day it starts"
    return None


def review_after_plan_start(*, held_on: date, plan_start: date) -> str | None:
    """CIN 8841: a review is after the day the plan started."""
    return "A review must be after the day the plan started" if held_on <= plan_start else None


def one_open_plan(*, has_open_plan: bool) -> str | None:
    """CIN 8935: a child has at most one open plan."""
    return "This child already has an open child protection plan" if has_open_plan else None


def plan_does_not_overlap(*, start: date, earlier_plans: Iterable[tuple[date, date | None]]) -> str | None:
    """CIN 8940: a new plan starts after every earlier plan of the child has ended."""
    for other_start, other_end in earlier_plans:
        if other_end is None or other_start <= start < other_end or start < other_start:
            return "This plan would overlap another of the child's plans"
    return None


def cin_plan_end_for(*, plan_start: date) -> date:
    """CIN 4001: a CIN plan does not run with a CP plan. A child's open CIN plan ends on the day their
    CP plan starts: 4017 allows a CP plan to start on the day a CIN plan ends, and 4011 a CIN plan to
    end on the day it started."""
    return plan_start


def no_cin_plan_during(
    *, start: date, cin_plans: Iterable[tuple[date, date | None]], last_cin_review: date | None = None
) -> str | None:
    """CIN 4016 / 4017: no CIN plan is open while a CP plan is. A CP plan starting on `start` may end
    the open CIN plan that day (cin_plan_end_for) only if that plan started and was last reviewed by
    then; any other CIN plan still running on or after `start` would overlap the new CP plan."""
    for cin_start, cin_end in cin_plans:
        if cin_end is None and cin_start > start:
            return (
                f"This child's child in need plan started on {cin_start:%-d %B %Y}, after this date: "
                "a child protection plan cannot start before it"
            )
        if cin_end is not None and cin_end > start:
            return (
                f"This child had a child in need plan until {cin_end:%-d %B %Y}: a child protection "
                "plan cannot start while it ran"
            )
    if last_cin_review is not None and last_cin_review > start:
        return (
            f"This child's child in need plan was reviewed on {last_cin_review:%-d %B %Y}: a child "
            "protection plan cannot start before that"
        )
    return None


def review_not_during_cin_plan(*, held_on: date, cin_plans: Iterable[tuple[date, date | None]]) -> str | None:
    """CIN 4003: no CP review is held while a CIN plan is open (from its start until, not including,
    its end)."""
    for cin_start, cin_end in cin_plans:
        if cin_start <= held_on and (cin_end is None or held_on < cin_end):
            return "This child has a child in need plan running on this date: end it before the review"
    return None


def plan_not_after_death(*, start: date, date_of_death: date | None) -> str | None:
    """CIN 8915: no plan starts after the child's death."""
    if date_of_death is not None and start > date_of_death:
        return "A plan cannot start after the child's date of death"
    return None


def plan_end_not_after_death(*, end: date, date_of_death: date | None) -> str | None:
    """CIN 8920: a plan does not end after the child's death."""
    if date_of_death is not None and end > date_of_death:
        return "The plan cannot end after the child's date of death"
    return None


def death_not_before_plans(*, date_of_death: date, plans: Iterable[tuple[date, date | None]]) -> str | None:
    """CIN 8915 and 8920 from the other side (issue 18): a date of death recorded once the child's
    plans exist is not before any plan's start, nor before the end of one that has ended."""
    for start, end in sorted(plans, key=lambda plan: plan[0]):
        if start > date_of_death:
            return (
                f"The child's child protection plan started on {start:%-d %B %Y}: the date of death cannot "
                "be before it (DfE CIN rule 8915)"
            )
        if end is not None and end > date_of_death:
            return (
                f"The child's child protection plan ended on {end:%-d %B %Y}: the date of death cannot be "
                "before that (DfE CIN rule 8920)"
            )
    return None


def category_valid(*, category: str) -> str | None:
    """CIN 8905 / 8910: the category of abuse is one of NEG, PHY, EMO, SAB, MUL."""
    return None if category in CATEGORIES else "Select the category of abuse"


def previous_plans(*, this_start: date, plan_starts: Iterable[date]) -> int:
    """CIN 8730 NumberOfPreviousCPP, derived: the child's plans that started before this one."""
    return sum(1 for start in plan_starts if start < this_start)


# -- one write each ----------------------------------------------------------------------------------


def strategy_problems(
    *,
    held_at: datetime,
    now: datetime,
    due_at: datetime,
    late_rationale: str,
    interim_safety_plan: str,
    invited: Iterable[str],
    attended: Iterable[str],
) -> dict[str, str]:
    """A strategy discussion as recorded. Held later than its standard (T5, local), the manager's
    rationale for the timing and the interim safety plan are both required (issue 5)."""
    problems: dict[str, str] = {}
    if held_at > now:
        problems["held_at"] = "The strategy discussion must be now or in the past"
    if held_at > due_at:
        if not late_rationale.strip():
            problems["late_rationale"] = (
                "The discussion was held late: give the management rationale for the timing"
            )
        if not interim_safety_plan.strip():
            problems["interim_safety_plan"] = "The discussion was held late: record the interim safety plan"
    if not set(attended) <= set(invited):
        problems["attended"] = "An agency that attended must also be recorded as invited"
    if not {"police", "social_care"} <= set(invited):
        # Working Together 2023 ch. 4: the police and children's social care always take part.
        problems["invited"] = "Invite the police and children's social care"
    return problems


def section47_problems(
    *, start: date, child_seen_on: date | None, outcome: str, end_date: date | None, today: date
) -> dict[str, str]:
    """A section 47 outcome: dates in order (the 8608 pattern for enquiries) and never in the future."""
    problems: dict[str, str] = {}
    if child_seen_on is not None and child_seen_on < start:
        problems["child_seen_on"] = "The child cannot have been seen for the enquiry before it started"
    elif child_seen_on is not None and child_seen_on > today:
        problems["child_seen_on"] = "The date the child was seen must be today or in the past"
    if end_date is not None and end_date < start:
        problems["end_date"] = "The enquiry cannot end before it started"
    elif end_date is not None and end_date > today:
        problems["end_date"] = "The end date must be today or in the past"
    if outcome and child_seen_on is None:
        problems["child_seen_on"] = "Enter the date the child was seen: an outcome needs the child seen"
    return problems


def initial_conference_problems(
    *, held_on: date, section47_start: date, referral_date: date, today: date
) -> dict[str, str]:
    rules = (
        icpc_not_at_weekend(held_on=held_on),
        icpc_not_before_section47(held_on=held_on, section47_start=section47_start),
        icpc_not_before_referral(held_on=held_on, referral_date=referral_date),
        "The conference date must be today or in the past" if held_on > today else None,
    )
    first = next((message for message in rules if message), None)
    return {"held_on": first} if first else {}


def review_conference_problems(
    *, held_on: date, plan_start: date, last_review: date | None, today: date
) -> dict[str, str]:
    message = review_after_plan_start(held_on=held_on, plan_start=plan_start)
    if message is None and last_review is not None and held_on <= last_review:
        message = "A review must be after the last review"
    if message is None and held_on > today:
        message = "The review date must be today or in the past"
    return {"held_on": message} if message else {}


def plan_start_problems(
    *,
    start: date,
    referral_date: date,
    date_of_death: date | None,
    has_open_plan: bool,
    earlier_plans: Iterable[tuple[date, date | None]],
    cin_plans: Iterable[tuple[date, date | None]] = (),
    last_cin_review: date | None = None,
) -> str | None:
    """Whether a plan may start: the first rule it breaks, or None."""
    rules = (
        one_open_plan(has_open_plan=has_open_plan),
        plan_does_not_overlap(start=start, earlier_plans=earlier_plans),
        no_cin_plan_during(start=start, cin_plans=cin_plans, last_cin_review=last_cin_review),
        plan_not_before_referral(start=start, referral_date=referral_date),
        plan_not_after_death(start=start, date_of_death=date_of_death),
    )
    return next((message for message in rules if message), None)


def plan_end_problems(*, start: date, end: date, today: date, date_of_death: date | None) -> dict[str, str]:
    message = plan_end_after_start(start=start, end=end) or plan_end_not_after_death(
        end=end, date_of_death=date_of_death
    )
    if message is None and end > today:
        message = "The end date must be today or in the past"
    return {"end_date": message} if message else {}


def meeting_problems(*, held_on: date, plan_start: date, today: date) -> dict[str, str]:
    """A core group meets on or after the plan starts, and is recorded once it has met."""
    if held_on < plan_start:
        return {"held_on": "The core group cannot meet before the plan started"}
    if held_on > today:
        return {"held_on": "The date must be today or in the past"}
    return {}


def action_problems(*, due_on: date, meeting_day: date) -> dict[str, str]:
    if due_on < meeting_day:
        return {"due_on": "The due date cannot be before the meeting that agreed the action"}
    return {}


def distribution_problems(*, sent_on: date, conference_day: date, today: date) -> dict[str, str]:
    if sent_on < conference_day:
        return {"sent_on": "Items cannot be sent before the conference"}
    if sent_on > today:
        return {"sent_on": "The date sent must be today or in the past"}
    return {}


def outstanding(
    involved: Iterable[str], sent: Iterable[tuple[str, str]], items: Iterable[str]
) -> dict[str, list[str]]:
    """For each item, the involved agencies not yet sent it, in the order given."""
    done = set(sent)
    agencies = list(dict.fromkeys(involved))
    result = {item: [a for a in agencies if (item, a) not in done] for item in items}
    return {item: missing for item, missing in result.items() if missing}


def review_standard(*, reviews_held: int) -> str:
    """First review within 3 months of the initial conference (T12), then every 6 months (T13)."""
    return "first_review_conference" if reviews_held == 0 else "review_conference"
