"""The statutory children's complaints procedure as pure functions (no Django).

Sources: the Children Act 1989 Representations Procedure (England) Regulations 2006 (SI 2006/1738)
and DfE "Getting the Best from Complaints" (2006); ../shared/domain/standards.md §1.2.

- Stage 1, local resolution: a response within 10 working days of receipt, extendable to at most
  20 (reg 14).
- Stage 2, investigation: a response within 25 working days of the request, extendable to at most
  65 (reg 17).
- Stage 3, review panel: held within 30 working days of the request (reg 19(4)).
A complaint moves 1 -> 2 -> 3 only in order, and only once the stage before has been answered (the
complainant asks for the next stage when not satisfied with the last response, regs 17 and 18).
"""

from dataclasses import dataclass
from datetime import date

STAGES = (1, 2, 3)
# The clock standard of each stage, and of its extension (None: the stage cannot be extended).
STANDARD = {1: "complaint_stage1", 2: "complaint_stage2", 3: "complaint_stage3"}
EXTENDED = {1: "complaint_stage1_extended", 2: "complaint_stage2_extended"}
LIMIT = {1: 10, 2: 25, 3: 30}
EXTENDED_LIMIT = {1: 20, 2: 65}
# A complaint is normally made within a year of the matter arising (reg 9).
STAGE_NAMES = {1: "Stage 1: local resolution", 2: "Stage 2: investigation", 3: "Stage 3: review panel"}


@dataclass(frozen=True)
class StageSoFar:
    """A stage already opened on the complaint: its number, when it was asked for, its answer."""

    stage: int
    requested_on: date
    responded_on: date | None


def escalation_problems(
    *, stage: int, requested_on: date, so_far: list[StageSoFar], today: date
) -> dict[str, str]:
    """What is wrong with asking for `stage` on `requested_on`, by field ("stage", "requested_on")."""
    problems: dict[str, str] = {}
    latest = max((s.stage for s in so_far), default=0)
    if stage not in STAGES[1:]:
        problems["stage"] = "Choose stage 2 or stage 3"
    elif stage != latest + 1:
        problems["stage"] = (
            f"A complaint goes to stage {stage} only after stage {stage - 1}: it is at stage {latest}"
            if latest
            else f"A complaint goes to stage {stage} only after stage 1"
        )
    else:
        before = next(s for s in so_far if s.stage == latest)
        if before.responded_on is None:
            problems["stage"] = (
                f"Record the stage {latest} response before the complaint goes to stage {stage}"
            )
        elif requested_on < before.responded_on:
            problems["requested_on"] = (
                f"The request must be on or after the stage {latest} response "
                f"({before.responded_on:%-d %B %Y})"
            )
    if requested_on > today:
        problems["requested_on"] = "The date of the request must be today or in the past"
    return problems


def extension_problems(*, stage: int, extended: bool, responded: bool, reason: str) -> dict[str, str]:
    """Only stages 1 and 2 extend, once, before the response, and always with a reason."""
    if stage not in EXTENDED:
        return {"reason": "A stage 3 review panel's timescale cannot be extended"}
    if responded:
        return {"reason": "The stage has been answered: it can no longer be extended"}
    if extended:
        return {"reason": f"Stage {stage} has already been extended to {EXTENDED_LIMIT[stage]} working days"}
    if not reason.strip():
        return {"reason": "Enter why the response needs longer (for example, an advocate is being arranged)"}
    return {}


def response_problems(
    *, requested_on: date, responded_on: date | None, outcome: str, today: date
) -> dict[str, str]:
    """A response has a date (not before the stage began, not in the future) and an outcome."""
    problems: dict[str, str] = {}
    if responded_on is None:
        problems["responded_on"] = "Enter the date of the response"
    elif responded_on < requested_on:
        problems["responded_on"] = f"The response cannot be before the stage began ({requested_on:%-d %B %Y})"
    elif responded_on > today:
        problems["responded_on"] = "The date of the response must be today or in the past"
    if not outcome:
        problems["outcome"] = "Choose whether the complaint was upheld, partly upheld or not upheld"
    return problems


def within(taken: int | None, limit: int) -> bool | None:
    """Whether a stage answered in `taken` working days met `limit` (None while unanswered)."""
    return None if taken is None else taken <= limit
