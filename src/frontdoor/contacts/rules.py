"""Front-door rules as pure functions: what a contact must say, which stage a child's journey is at,
and when a contact is a repeat that the manager must see flagged.

No Django imports: these are tested directly with worked examples and Hypothesis properties.
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime

from dateutil.relativedelta import relativedelta

CONSENT_OBTAINED = "obtained"
FAMILY_MEMBER_SOURCE = "1A"
POLICE_SOURCE = "6"
REPEAT_THRESHOLD = 3
REPEAT_WINDOW = relativedelta(months=12)

# Stages, in the order a child's journey passes through them (values match contacts.models.Stage).
AWAITING_SCREENING = "awaiting_screening"
PARTNER_CHECKS = "partner_checks"
AWAITING_DECISION = "awaiting_decision"
DECIDED = "decided"


def contact_problems(
    *,
    received_at: datetime,
    now: datetime,
    earliest: date,
    consent: str,
    consent_rationale: str,
    incident_at: datetime | None,
    children_count: int,
    source: str,
    referrer_named: bool,
    concern_categories: int = 1,
    concerns: str = "-",
) -> dict[str, str]:
    """Field-keyed messages for a contact that cannot be recorded as it stands.

    A rationale is required wherever consent was not obtained (Working Together 2023, ch. 1:
    information may be shared without consent where seeking it would place a child at risk, and the
    decision and its reasons must be recorded). Nothing is received before `earliest`, the configured
    floor (settings.FRONTDOOR_EARLIEST_DATE): a contact dated 1752 starts clocks centuries overdue.
    """
    problems: dict[str, str] = {}
    if received_at > now:
        problems["received_at"] = "The date and time received must be now or in the past"
    elif received_at.date() < earliest:
        problems["received_at"] = f"The date received must be on or after {long_date(earliest)}"
    if consent != CONSENT_OBTAINED and not consent_rationale.strip():
        problems["consent_rationale"] = (
            "Explain why consent was not obtained, or why it was not sought or was overridden"
        )
    if incident_at is not None and incident_at > received_at:
        problems["incident_at"] = "The incident must be before the contact was received"
    if concern_categories < 1:
        problems["concern_categories"] = "Choose at least one kind of concern"
    if not concerns.strip():
        problems["concerns"] = "Describe what happened and what the worry is"
    if children_count < 1:
        problems["children"] = "Add at least one child this contact is about"
    if source == FAMILY_MEMBER_SOURCE and not referrer_named:
        problems["referrer_name"] = "Enter the name of the family member who made the contact"
    return problems


def long_date(day: date) -> str:
    """'1 January 2000', the GOV.UK style for dates in messages."""
    return f"{day.day} {day:%B %Y}"


def stage_for(*, screened: bool, outstanding_checks: int, decided: bool) -> str:
    """The stage a child's journey is at, from the facts recorded about it."""
    if decided:
        return DECIDED
    if not screened:
        return AWAITING_SCREENING
    return PARTNER_CHECKS if outstanding_checks else AWAITING_DECISION


@dataclass(frozen=True)
class EarlierContact:
    """A contact received before this one, about this child or another child in the household."""

    reference: str
    received_at: datetime
    about_this_child: bool
    source: str
    referrer_key: str  # identifies a family-member referrer (a person id or a normalised name)


def repeat_reasons(
    *,
    received_at: datetime,
    source: str,
    referrer_key: str,
    earlier: Sequence[EarlierContact],
    threshold: int = REPEAT_THRESHOLD,
) -> list[str]:
    """Why this contact should be flagged to the manager as a repeat, in words the manager reads.

    Flags: this is the threshold-th (default 3rd) or later contact about the child in 12 months; or
    it comes from a family member other than one who raised concerns about the child or their
    household in the last 12 months (the pattern inspectors found missed: risk recognised only after
    several family members had made referrals).
    """
    window_start = received_at - REPEAT_WINDOW
    recent = sorted(
        (c for c in earlier if window_start < c.received_at <= received_at), key=lambda c: c.received_at
    )
    reasons: list[str] = []
    about_child = [c for c in recent if c.about_this_child]
    count = len(about_child) + 1
    if count >= threshold:
        listed = ", ".join(f"{c.reference} on {c.received_at:%d %b %Y}" for c in about_child[-5:])
        reasons.append(f"Contact number {count} about this child in 12 months (earlier: {listed})")
    if source == FAMILY_MEMBER_SOURCE and referrer_key:
        others = [
            c
            for c in recent
            if c.source == FAMILY_MEMBER_SOURCE and c.referrer_key and c.referrer_key != referrer_key
        ]
        if others:
            first = others[0]
            whose = "this child" if first.about_this_child else "a child in the same household"
            reasons.append(
                f"A second family member has raised concerns: {first.reference} on "
                f"{first.received_at:%d %b %Y} about {whose} came from a different family member"
            )
    return reasons


# The decision ---------------------------------------------------------------------------------------

RATIONALE_MIN_CHARACTERS = 20
RATIONALE_MIN_WORDS = 3
# Outcome -> the levels of need (on the default four-level scale, organisations.DEFAULT_NEED_LEVELS)
# it fits. Levels of need guidance (Working Together 2023, ch. 1 and 3; each partnership's threshold
# document): universal and single-agency needs (1-2) are met without social care; early help serves
# additional or targeted needs (2-3); a social work assessment is for complex or acute needs (3-4);
# a strategy discussion is for suspected significant harm, the acute level (4).
# The synthetic county's profile (synthetic.profiles.NEED_LEVELS_BY_OUTCOME) keeps to the same pairs.
OUTCOME_LEVELS: dict[str, frozenset[int]] = {
    "nfa": frozenset({1, 2}),
    "advice": frozenset({1, 2}),
    "early_help": frozenset({2, 3}),
    "assessment": frozenset({3, 4}),
    "strategy": frozenset({4}),
}


def rationale_problem(text: str, *, label: str = "The rationale") -> str | None:
    """A rationale of substance: at least 20 characters and 3 words ("x" and "Because" are not
    reasons). Working Together 2023 ch. 3: the decision and the reasons for it are recorded."""
    words = [word for word in text.split() if any(ch.isalpha() for ch in word)]
    if len(text.strip()) < RATIONALE_MIN_CHARACTERS or len(words) < RATIONALE_MIN_WORDS:
        return (
            f"{label} must say what the decision rests on, in at least {RATIONALE_MIN_WORDS} words and "
            f"{RATIONALE_MIN_CHARACTERS} characters"
        )
    return None


def outcome_fits_level(outcome: str, level: int) -> bool:
    """True when the level of need is one the outcome serves (an unknown outcome fits every level)."""
    return level in OUTCOME_LEVELS.get(outcome, frozenset({level}))


def decision_problems(
    *, outcome: str, outcome_label: str, level: int, rationale: str, override_reason: str
) -> dict[str, str]:
    """Field-keyed messages for a decision that cannot be recorded as it stands: a rationale of
    substance, and an outcome that fits the level of need unless the manager gives the reason for
    departing from the threshold (shown to the next manager, beside the decision)."""
    problems: dict[str, str] = {}
    if not rationale.strip():
        problems["rationale"] = "Enter the rationale for this decision"
    elif message := rationale_problem(rationale):
        problems["rationale"] = message
    if not outcome_fits_level(outcome, level) and not override_reason.strip():
        fits = " or ".join(str(n) for n in sorted(OUTCOME_LEVELS[outcome]))
        problems["need_level"] = (
            f"Level {level} does not fit “{outcome_label}”, which is for level {fits}: choose the level "
            "that fits, or give the reason for this decision in “Reason for departing from the threshold”"
        )
    return problems


# Outcomes that open nothing: a correction may move between them. An outcome that opened a referral
# or early help cannot be corrected into another (the work it opened is ended on its own record).
OPENS_NOTHING = frozenset({"nfa", "advice"})


def correction_problems(
    *,
    outcome_before: str,
    outcome: str,
    outcome_label: str,
    level: int,
    rationale: str,
    override_reason: str,
    reason: str,
) -> dict[str, str]:
    """A correction of a recorded decision: the same rules as the decision, a reason for the
    correction, and no change of outcome into or out of one that opens work."""
    problems = decision_problems(
        outcome=outcome,
        outcome_label=outcome_label,
        level=level,
        rationale=rationale,
        override_reason=override_reason,
    )
    if outcome != outcome_before and not {outcome, outcome_before} <= OPENS_NOTHING:
        problems["outcome"] = (
            "This decision opened (or would open) a referral or early help: correct the level of need and "
            "rationale here, and change the work on its own record"
        )
    if not reason.strip():
        problems["reason"] = "Enter why the decision is being corrected"
    return problems
