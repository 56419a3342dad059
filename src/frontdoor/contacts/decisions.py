"""The decision's own checks, and its correction by a manager (issue 18).

contacts.services.contact_child_decide calls check_decision before it writes; decision_correct is
the one way a recorded decision changes. The rules themselves are pure (contacts.rules).
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.contacts import rules
from frontdoor.contacts.models import Decision, DecisionCorrection, Outcome
from frontdoor.organisations.models import NeedLevel, User
from frontdoor.organisations.permissions import require


def outcome_label(outcome: str) -> str:
    return str(dict(Outcome.choices).get(outcome, outcome))


def check_decision(*, outcome: str, need_level: NeedLevel, rationale: str, override_reason: str) -> None:
    """Refuse a decision without a rationale of substance, or whose outcome does not fit its level of
    need and gives no reason for the override (contacts.rules.decision_problems)."""
    problems = rules.decision_problems(
        outcome=outcome,
        outcome_label=outcome_label(outcome),
        level=need_level.level,
        rationale=rationale,
        override_reason=override_reason,
    )
    if problems:
        raise ValidationError(problems)


def override_kept(outcome: str, need_level: NeedLevel, override_reason: str) -> str:
    """An override reason is kept only where the outcome departs from the level: a reason typed
    against a pair that fits would show the next manager an override that never happened."""
    return "" if rules.outcome_fits_level(outcome, need_level.level) else override_reason.strip()


@transaction.atomic
def decision_correct(
    *,
    actor: User,
    decision: Decision,
    outcome: str,
    need_level: NeedLevel,
    rationale: str,
    reason: str,
    override_reason: str = "",
) -> DecisionCorrection:
    """A manager corrects a recorded decision (its level of need, rationale, override reason, and an
    outcome that opens no work). The decision as it stood is kept on a DecisionCorrection row with
    the reason; the Decision row holds the corrected values, so every reader sees the current one."""
    require(actor, "contact.decide")
    decision = Decision.objects.select_for_update().select_related("contact_child").get(pk=decision.pk)
    journey = decision.contact_child
    for record in (journey, need_level):
        if record.authority_id != actor.authority_id:
            raise ValidationError("That record belongs to another authority.")
    problems = rules.correction_problems(
        outcome_before=decision.outcome,
        outcome=outcome,
        outcome_label=outcome_label(outcome),
        level=need_level.level,
        rationale=rationale,
        override_reason=override_reason,
        reason=reason,
    )
    if problems:
        raise ValidationError(problems)
    correction = DecisionCorrection.objects.create(
        decision=decision,
        outcome_before=decision.outcome,
        need_level_before=decision.need_level,
        rationale_before=decision.rationale,
        override_reason_before=decision.override_reason,
        reason=reason.strip(),
        corrected_by=actor,
        corrected_at=timezone.now(),
    )
    decision.outcome, decision.need_level = outcome, need_level
    decision.rationale = rationale.strip()
    decision.override_reason = override_kept(outcome, need_level, override_reason)
    decision.full_clean()
    decision.save(update_fields=["outcome", "need_level", "rationale", "override_reason"])
    audit_record(
        actor=actor,
        action="contact.decision_corrected",
        subject=decision,
        authority_id=journey.authority_id,
        person_id=journey.person_id,
        changes={
            "outcome": [correction.outcome_before, outcome],
            "need_level": [correction.need_level_before.level, need_level.level],
            "rationale": [correction.rationale_before, decision.rationale],
            "override_reason": [correction.override_reason_before, decision.override_reason],
            "reason": correction.reason,
        },
    )
    return correction
