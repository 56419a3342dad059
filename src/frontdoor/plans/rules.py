"""Rules for children-in-need plans: pure functions, no Django.

Sources: Working Together to Safeguard Children 2023, ch. 3 (a child in need plan, reviewed
regularly); local standard T16 (review every 3 months, standards.md §1.1); the DfE children in need
census ERROR rules (standards.md §2.6; cin_rules_table.md), each prevented here at entry:

- 4000: no CIN plan on a referral with no further action.
- 4001 / 4016 / 4017 (this half): a CIN plan does not start during or before the end of a child
  protection plan. The other half (a CP plan starting while a CIN plan runs ends that CIN plan the
  same day) is child_protection.rules.cin_plan_end_for and no_cin_plan_during.
- 4008: a CIN plan does not start after the child's death (and a death is not recorded before a
  plan's start: death_not_before_plans).
- 4004 / 4014: at most one open CIN plan, and plans never overlap.
- 4011: a plan ends on or after it starts.
- 4015: a plan starts on or after the referral date.
- 2990 / 8565: no activity on an episode once it is closed.
"""

from collections.abc import Iterable
from datetime import date


def death_not_before_plans(*, date_of_death: date, plan_starts: Iterable[date]) -> str | None:
    """CIN 4008 from the other side (issue 18): a date of death recorded once the child's child in
    need plans exist is not before any of their starts."""
    latest = max(plan_starts, default=None)
    if latest is not None and latest > date_of_death:
        return (
            f"The child's child in need plan started on {latest:%-d %B %Y}: the date of death cannot be "
            "before it (DfE CIN rule 4008)"
        )
    return None


def start_problems(
    *,
    start_date: date,
    today: date,
    referral_date: date,
    referral_nfa: bool,
    episode_closed_on: date | None,
    open_plans: int,
    last_plan_ended_on: date | None,
    protection_plan_open: bool = False,
    last_protection_plan_ended_on: date | None = None,
    died_on: date | None = None,
) -> dict[str, str]:
    """Whether a CIN plan may start in this episode on `start_date`."""
    if referral_nfa:
        return {"start_date": "This referral was closed with no further action: it cannot have a plan"}
    if episode_closed_on is not None:
        return {"start_date": "This episode is closed: a plan cannot start"}
    if open_plans:
        return {"start_date": "This child already has a child in need plan that has not ended"}
    if protection_plan_open:
        return {
            "start_date": "This child has a child protection plan: a child in need plan cannot run with it"
        }
    if start_date > today:
        return {"start_date": "The start date must be today or in the past"}
    if start_date < referral_date:
        return {"start_date": "The plan cannot start before the referral date"}
    if died_on is not None and start_date > died_on:
        return {"start_date": "The plan cannot start after the child's death"}
    if last_plan_ended_on is not None and start_date < last_plan_ended_on:
        return {
            "start_date": f"The plan cannot start before the last plan ended ({last_plan_ended_on:%-d %B %Y})"
        }
    cp_end = last_protection_plan_ended_on
    if cp_end is not None and start_date < cp_end:
        return {
            "start_date": f"The plan cannot start before the child protection plan ended ({cp_end:%-d %B %Y})"
        }
    return {}


def review_problems(
    *, reviewed_on: date, start_date: date, today: date, last_review_on: date | None, summary: str
) -> dict[str, str]:
    """A review is dated within the plan's life so far, in order, and says what was reviewed."""
    problems: dict[str, str] = {}
    if reviewed_on > today:
        problems["reviewed_on"] = "The review date must be today or in the past"
    elif reviewed_on < start_date:
        problems["reviewed_on"] = "The review cannot be before the plan started"
    elif last_review_on is not None and reviewed_on < last_review_on:
        problems["reviewed_on"] = f"The review cannot be before the last review ({last_review_on:%-d %B %Y})"
    if not summary.strip():
        problems["summary"] = "Summarise the review: progress against the plan and what changes"
    return problems


def end_problems(
    *, end_date: date, start_date: date, today: date, last_review_on: date | None
) -> dict[str, str]:
    """A plan ends on or after it starts (4011) and any review, and not in the future."""
    if end_date > today:
        return {"end_date": "The end date must be today or in the past"}
    if end_date < start_date:
        return {"end_date": "The plan cannot end before it started"}
    if last_review_on is not None and end_date < last_review_on:
        return {"end_date": f"The plan cannot end before its last review ({last_review_on:%-d %B %Y})"}
    return {}


def sent_problems(*, sent_on: date, start_date: date, today: date) -> dict[str, str]:
    """The plan is sent to someone once it exists, and not in the future."""
    if sent_on > today:
        return {"sent_on": "The date must be today or in the past"}
    if sent_on < start_date:
        return {"sent_on": "The plan cannot have been sent before it started"}
    return {}


# DfE CIN census ERROR rules this app prevents at entry, with the function that prevents each.
RULES_PREVENTED: dict[str, str] = {
    "2990": "plans.rules.start_problems",
    "4000": "plans.rules.start_problems",
    "4001": "plans.rules.start_problems",
    "4016": "plans.rules.start_problems",
    "4017": "plans.rules.start_problems",
    "4004": "plans.rules.start_problems",
    "4008": "plans.rules.start_problems",
    "4011": "plans.rules.end_problems",
    "4014": "plans.rules.start_problems",
    "4015": "plans.rules.start_problems",
    "8565": "plans.rules.start_problems",
}
