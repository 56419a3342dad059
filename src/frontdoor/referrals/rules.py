"""Rules for referrals, allocation and visits: pure functions, no Django.

Sources: Working Together to Safeguard Children 2023, ch. 3 (assessment and seeing the child);
DfE CIN census rules (standards.md §2.6) for the episode's dates.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime

QUALIFIED_ROLES = frozenset({"social_worker", "team_manager"})
ASSISTANT_ROLE = "social_work_assistant"


def child_seen_standard(*, significant_harm: bool) -> str:
    """The child is seen within 1 working day where significant harm is suspected, otherwise 5
    (local figures under Working Together 2023's principle; standards.md §1.1 T3)."""
    return "child_seen_urgent" if significant_harm else "child_seen"


def visit_problems(
    *,
    occurred_at: datetime,
    now: datetime,
    seen: bool,
    seen_alone: bool | None,
    not_alone_reason: str,
    childs_words: str,
    referral_received_at: datetime | None,
) -> dict[str, str]:
    """What is wrong with a visit as recorded, by field."""
    problems: dict[str, str] = {}
    if occurred_at > now:
        problems["occurred_at"] = "The visit must be now or in the past"
    elif referral_received_at is not None and occurred_at < referral_received_at:
        problems["occurred_at"] = "The visit cannot be before the referral was received"
    if seen and seen_alone is None:
        problems["seen_alone"] = "Say whether the child was seen alone"
    if seen and seen_alone is False and not not_alone_reason.strip():
        problems["not_alone_reason"] = "Explain why the child was not seen alone"
    if not seen and seen_alone is not None:
        problems["seen_alone"] = "A child who was not seen cannot have been seen alone"
    if not seen and childs_words.strip():
        problems["childs_words"] = "The child's words can only be recorded when the child was seen"
    return problems


def allocation_problems(
    *,
    worker_role: str,
    same_authority: bool,
    has_cin_plan: bool = False,
    overseer_role: str | None = None,
) -> dict[str, str]:
    """Episodes are held by qualified social workers or their managers. A social work assistant may
    hold a children-in-need case only once a child in need plan exists, overseen by a named
    qualified worker (issue 5; Working Together 2023 ch. 3 and the Social Work England standards:
    statutory assessment and child protection work is for registered social workers)."""
    if not same_authority:
        return {"worker": "Choose a worker in this authority"}
    if worker_role == ASSISTANT_ROLE:
        if not has_cin_plan:
            return {"worker": "A social work assistant can hold a case only once a child in need plan exists"}
        if overseer_role is None:
            return {"overseen_by": "Name the qualified social worker who oversees the social work assistant"}
        if overseer_role not in QUALIFIED_ROLES:
            return {
                "overseen_by": "The worker overseeing the case must be a qualified social worker or manager"
            }
        return {}
    if worker_role not in QUALIFIED_ROLES:
        return {"worker": "Choose a qualified social worker or team manager"}
    if overseer_role is not None:
        return {"overseen_by": "Only a social work assistant's allocation names an overseeing worker"}
    return {}


AFTER_ASSESSMENT = frozenset({"RC8", "RC9"})
CLOSURE_REASONS = frozenset(f"RC{n}" for n in range(1, 10))  # N00103, as referrals.models.ClosureReason
EARLY_HELP = "RC9"


def closure_problems(
    *,
    closure_date: date | None,
    today: date,
    referral_date: date,
    reason: str,
    summary: str,
    open_assessments: int,
    open_plans: int,
    authorised_assessments: int,
    step_down: bool,
    open_enquiries: int = 0,
    open_protection_plans: int = 0,
) -> dict[str, str]:
    """Closing a children-in-need episode (DfE CIN census): a closure date needs a reason and the
    reason a date (8805, 8810), on or after the referral (8630), not in the future; no assessment
    left open (8867), section 47 enquiry unfinished (8868) nor plan running (4013 for a child in need
    plan; 8925-type for a child protection plan: either would outlive its episode); "closed after
    assessment" (RC8, RC9) only after an authorised assessment (8825Q); RC9 is a step down to early
    help (standards.md §2.3.3), so it is recorded as one."""
    problems: dict[str, str] = {}
    if not reason:
        problems["reason"] = "Choose the reason for closing the case"
    elif reason not in CLOSURE_REASONS:
        problems["reason"] = "Choose a reason for closing the case from the list (DfE CIN rule 8640)"
    if not summary.strip():
        problems["summary"] = "Write the case summary"
    if closure_date is None:
        problems["closure_date"] = "Enter the date the case closed (DfE CIN rule 8810)"
    elif closure_date > today:
        problems["closure_date"] = "The closure date must be today or in the past"
    elif closure_date < referral_date:
        problems["closure_date"] = "The case cannot close before the referral date"
    if open_assessments:
        problems.setdefault("closure_date", "Authorise the open assessment before closing the case")
    elif open_enquiries:
        problems.setdefault("closure_date", "Record the section 47 enquiry's outcome before closing the case")
    elif open_protection_plans:
        problems.setdefault("closure_date", "End the child protection plan before closing the case")
    elif open_plans:
        problems.setdefault("closure_date", "End the child in need plan before closing the case")
    if reason in AFTER_ASSESSMENT and not authorised_assessments:
        problems["reason"] = "Closed after assessment needs an authorised assessment in this episode"
    if reason and reason != EARLY_HELP and step_down and reason in AFTER_ASSESSMENT:
        problems["step_down"] = "RC8 is no further action: choose RC9 for a step down to early help"
    return problems


@dataclass(frozen=True)
class RecordedWork:
    """The work already recorded in an episode, as the census returns it: each dated piece (what it
    is, its date) from CIN 8565's list, and whether the episode holds a section 47, an initial
    conference, a child protection plan or a child in need plan (2990's list)."""

    dated: tuple[tuple[str, date], ...] = ()
    has_plan_or_protection: bool = False


def closure_after_work_problems(
    *, closure_date: date | None, reason: str, work: RecordedWork
) -> dict[str, str]:
    """A closure recorded after the work it would contradict (issue 18): the other order of events
    from the entry checks that refuse new work on a closed episode.

    CIN 8565: the closure date is on or after every assessment start and authorisation, section 47
    start, initial conference, CIN plan start and end and CP plan end in the episode. CIN 2990: an
    episode with a section 47, conference or plan did not close "after assessment" (RC8, RC9)."""
    problems: dict[str, str] = {}
    later = _latest_after(closure_date, work.dated) if closure_date is not None else None
    if later is not None:
        what, day = later
        problems["closure_date"] = (
            f"The case cannot close before the {what} on {day:%-d %B %Y} "
            f"(DfE CIN rule 8565: no activity after the case closed)"
        )
    if reason in AFTER_ASSESSMENT and work.has_plan_or_protection:
        problems["reason"] = (
            "This episode had a section 47 enquiry or a plan, so it did not close after assessment: choose "
            "another reason (DfE CIN rule 2990: no such work on an RC8 or RC9 case)"
        )
    return problems


def ends_with_no_further_action(work: RecordedWork) -> bool:
    """ReferralNFA (N00112): an episode closed before any assessment, section 47 or plan was
    recorded is a referral with no further action (DfE CIN census; standards.md §2.3)."""
    return not work.dated and not work.has_plan_or_protection


def _latest_after(closure_date: date, dated: Iterable[tuple[str, date]]) -> tuple[str, date] | None:
    after = [(day, what) for what, day in dated if day > closure_date]
    if not after:
        return None
    day, what = max(after)
    return what, day


# DfE CIN census ERROR rules the referrals app prevents at entry, with the function (or the
# database constraint on Referral) that prevents each.
RULES_PREVENTED: dict[str, str] = {
    "8805": "referrals.rules.closure_problems",
    "8810": "referrals.rules.closure_problems",
    "8630": "referrals.rules.closure_problems",
    "8640": "referrals.rules.closure_problems",
    "8867": "referrals.rules.closure_problems",
    "8868": "referrals.rules.closure_problems",
    "8815": "referrals.models.Referral (referral_one_open_episode)",
    "8565": "referrals.rules.closure_after_work_problems",
    "2990": "referrals.rules.closure_after_work_problems",
}
