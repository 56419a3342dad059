"""Why a child is on the drift panel's list: pure functions, no Django.

Sources: Working Together to Safeguard Children 2023, ch. 1 and 3 (managers and leaders oversee
progress and act on drift; assessments within 45 working days of the referral); the DfE children in
need census (CIN episodes, child protection plans, "second or subsequent plan"); issue 19 §4 (the local
panel's rules: children in need open over 6 months, a plan over 15 months or a second plan, an
assessment past 45 working days, no visit in N days). Ofsted ILACS findings on drift in long-open
children in need and child protection work. "No visit" reads the visits at which the child was
seen, against the standard for the child's status: a child on a protection plan is seen at least
every 10 working days (the most common local minimum: clocks' cp_visit, standards.md T15), a child in
need at least every 20 working days (a common local standard, standards.md T16). The list counts
calendar days, so the defaults are 14 and 28 days (10 and 20 working days without a bank holiday);
each authority sets its own (organisations.Authority.drift_cp_visit_days, drift_cin_visit_days).

Each reason is in words with its dates, so the panel and the record read the same sentence.
"""

from dataclasses import dataclass
from datetime import date

CIN_MONTHS = 6
PLAN_MONTHS = 15
VISIT_DAYS = 28  # a child in need: "no visit in N days" by default (20 working days, standards.md T16)
CP_VISIT_DAYS = 14  # a child on a protection plan (10 working days, standards.md T15)


@dataclass(frozen=True)
class EpisodeFacts:
    """One open children-in-need episode, as the list sees it on `today`."""

    today: date
    referral_date: date
    open_plan_start: date | None = None  # the open child protection plan's start, if any
    plans: int = 0  # child protection plans the child has had, this one included
    assessment_started: date | None = None  # the earliest open assessment's start
    assessment_due: date | None = None  # its due day (45 working days, the clock engine)
    last_seen: date | None = None  # the latest visit at which the child was seen


@dataclass(frozen=True)
class Reason:
    code: str  # cin_open | plan_long | plan_second | assessment_late | not_visited
    words: str


def months_on(day: date, months: int) -> date:
    """The same day `months` later, or the month's last day when it is shorter (31 Aug + 6 = 28 Feb)."""
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last in (31, 30, 29, 28):
        try:
            return date(year, month, min(day.day, last))
        except ValueError:
            continue
    raise ValueError(day)  # pragma: no cover (28 always exists)


def _d(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def _months_between(start: date, end: date) -> int:
    months = (end.year - start.year) * 12 + end.month - start.month
    return months - 1 if months_on(start, months) > end else months


def _plan_reasons(facts: EpisodeFacts) -> list[Reason]:
    start = facts.open_plan_start
    if start is None:
        return []
    found = []
    if facts.today >= months_on(start, PLAN_MONTHS):
        months = _months_between(start, facts.today)
        found.append(
            Reason("plan_long", f"On a child protection plan for {months} months, since {_d(start)}")
        )
    if facts.plans >= 2:
        found.append(
            Reason(
                "plan_second",
                f"A second or later child protection plan ({facts.plans} in all), this one since {_d(start)}",
            )
        )
    return found


def drift_reasons(
    facts: EpisodeFacts, *, visit_days: int = VISIT_DAYS, cp_visit_days: int = CP_VISIT_DAYS
) -> tuple[Reason, ...]:
    """Every reason the episode is on the list, in the order of the panel's rules (none: not listed).

    Invariants: each reason names its dates; a duration reason (open 6 months, plan 15 months) never
    goes away as `today` moves on while the facts stay the same; "no visit" counts from the latest
    visit at which the child was seen, or from the referral when there has been none, against
    `cp_visit_days` while the child is on a protection plan and `visit_days` otherwise."""
    found: list[Reason] = []
    if facts.today >= months_on(facts.referral_date, CIN_MONTHS):
        months = _months_between(facts.referral_date, facts.today)
        found.append(
            Reason("cin_open", f"Open for {months} months, since the referral on {_d(facts.referral_date)}")
        )
    found += _plan_reasons(facts)
    due = facts.assessment_due
    if due is not None and facts.assessment_started is not None and facts.today > due:
        found.append(
            Reason(
                "assessment_late",
                f"Assessment started {_d(facts.assessment_started)} not completed: due {_d(due)} "
                "(45 working days)",
            )
        )
    since = facts.last_seen or facts.referral_date
    days = (facts.today - since).days
    if days >= (visit_days if facts.open_plan_start is None else cp_visit_days):
        seen = f"last seen {_d(since)}" if facts.last_seen else f"not seen since the referral on {_d(since)}"
        found.append(Reason("not_visited", f"No visit in {days} days: {seen}"))
    return tuple(found)


REASON_CODES = ("cin_open", "plan_long", "plan_second", "assessment_late", "not_visited")


def codes_field(codes: list[str]) -> str:
    """The reasons' codes as the decision stores them for counting: ",a,b," (empty: ""), so that a
    count of one reason is `reason_codes__contains=",a,"`."""
    return f",{','.join(codes)}," if codes else ""


def change_between(then: list[str], now: list[str]) -> str:
    """What changed for a child since their last panel, in words: reasons are compared by code."""
    if not now:
        return "No longer on the list"
    gone, new = set(then) - set(now), set(now) - set(then)
    if not gone and not new:
        return "No change"
    parts = []
    if gone:
        parts.append(f"{len(gone)} reason{'s' if len(gone) > 1 else ''} resolved")
    if new:
        parts.append(f"{len(new)} new reason{'s' if len(new) > 1 else ''}")
    return ", ".join(parts)


def decision_problems(*, decision: str, next_review_on: date | None, held_on: date) -> dict[str, str]:
    problems: dict[str, str] = {}
    if not decision.strip():
        problems["decision"] = "Enter the panel's decision for the child"
    if next_review_on is None:
        problems["next_review_on"] = "Enter the date of the next review"
    elif next_review_on <= held_on:
        problems["next_review_on"] = "The next review must be after the panel"
    return problems
