"""Writing one contact: the rows contacts.services would have written for the same history.

What happened after the end of the window is left out, so a contact still open then has its open
stage, open clocks and no decision, exactly as if the services had been used up to that moment.
Invariants kept (the same as the services'):
- every change of stage is a StageEvent, found by replaying the history through
  contacts.rules.stage_for; the journey's stage and stage_entered_at are those of its last event;
- each journey has a 24-hour and a 1-working-day clock from receipt, completed at its decision;
  each partner check has its own response clock, completed when it is answered;
- the journey's version counts its screening and decision (optimistic concurrency);
- a Decision exists exactly for decided journeys; daily reviews only while undecided.
"""

import random
from dataclasses import dataclass, field
from datetime import datetime

from frontdoor.clocks.models import Clock
from frontdoor.contacts import rules as contact_rules
from frontdoor.contacts.models import (
    REFERRAL_OUTCOMES,
    Contact,
    ContactChild,
    DailyReview,
    Decision,
    PartnerCheck,
    Stage,
    StageEvent,
)
from frontdoor.synthetic.generator import texts
from frontdoor.synthetic.generator.episodes import EpisodeMaker
from frontdoor.synthetic.generator.households import Member
from frontdoor.synthetic.generator.timeline import Timeline
from frontdoor.synthetic.generator.writer import ClockMaker, Writer

SCREEN, ASK, ANSWER, DECIDE = 0, 1, 2, 3


@dataclass
class Actors:
    recorder: int
    screener: int
    decider: int
    requester: int
    responder: int
    reviewer: int


@dataclass
class ContactSpec:
    """Everything about one contact except its timing."""

    contact: Contact  # unsaved, with its pk and reference
    children: list[Member]
    outcomes: list[str]
    need_levels: list[int]  # NeedLevel pks
    rags: list[str]
    repeat_reasons: list[list[str]]
    check_agencies: list[tuple[int, str]]  # (agency pk, agency kind)
    actors: Actors
    stages: list[str] = field(default_factory=list)  # each journey's stage at the end, filled in by emit


def emit(
    writer: Writer,
    clocks: ClockMaker,
    rng: random.Random,
    spec: ContactSpec,
    timeline: Timeline,
    *,
    end: datetime,
    episodes: EpisodeMaker | None = None,
) -> None:
    contact = spec.contact
    contact.recorded_at = min(timeline.recorded_at, end)
    writer.add(contact)
    checks = [
        (asked, answered if answered <= end else None, agency)
        for (asked, answered), agency in zip(timeline.checks, spec.check_agencies, strict=True)
        if asked <= end
    ]
    for asked, answered, (agency_pk, kind) in checks:
        _check(writer, clocks, rng, spec, asked, answered, agency_pk, kind)
    for j, child in enumerate(spec.children):
        spec.stages.append(_journey(writer, clocks, rng, spec, timeline, j, child, checks, end, episodes))


def _check(
    writer: Writer, clocks: ClockMaker, rng: random.Random, spec: ContactSpec,
    asked: datetime, answered: datetime | None, agency_pk: int, kind: str,
) -> None:  # fmt: skip
    key = kind if kind in texts.CHECK_QUESTIONS else "health"
    clock_pk = writer.next_id(Clock)
    check = PartnerCheck(
        pk=writer.next_id(PartnerCheck),
        authority_id=spec.contact.authority_id,
        contact_id=spec.contact.pk,
        agency_id=agency_pk,
        question=texts.CHECK_QUESTIONS[key],
        requested_at=asked,
        requested_by_id=spec.actors.requester,
        responded_at=answered,
        response=rng.choice(texts.CHECK_RESPONSES[key]) if answered else "",
        recorded_by_id=spec.actors.responder if answered else None,
        clock_id=clock_pk,
    )
    writer.add(check)
    writer.add(
        clocks.clock(
            pk=clock_pk,
            code="partner_check_response",
            started_at=asked,
            subject=check,
            completed_at=answered,
        )
    )


def _journey(
    writer: Writer, clocks: ClockMaker, rng: random.Random, spec: ContactSpec, timeline: Timeline, j: int,
    child: Member, checks: list, end: datetime, episodes: EpisodeMaker | None = None,
) -> str:  # fmt: skip
    contact, actors = spec.contact, spec.actors
    screened = timeline.screened_at[j] if timeline.screened_at[j] <= end else None
    decided = timeline.decided_at[j] if timeline.decided_at[j] <= end else None
    events = _stage_events(contact.received_at, screened, checks, decided, actors)
    decision_clock, statutory_clock = writer.next_id(Clock), writer.next_id(Clock)
    journey = ContactChild(
        pk=writer.next_id(ContactChild),
        authority_id=contact.authority_id,
        contact_id=contact.pk,
        person_id=child.pk,
        stage=events[-1][1],
        stage_entered_at=events[-1][0],
        repeat_reasons=spec.repeat_reasons[j],
        version=1 + (screened is not None) + (decided is not None),
        decision_clock_id=decision_clock,
        statutory_clock_id=statutory_clock,
    )
    if screened is not None:
        rag = spec.rags[j]
        journey.rag, journey.rag_reason = rag, rng.choice(texts.RAG_REASONS[rag])
        journey.guidance = rng.choice(texts.GUIDANCE)
        journey.screened_by_id, journey.screened_at = actors.screener, screened
        # Screening allocates the worker who makes the checks (as contacts.services does).
        journey.owner_id = actors.requester
    writer.add(journey)
    for at, stage, actor in events:
        writer.add(StageEvent(contact_child_id=journey.pk, stage=stage, at=at, actor_id=actor))
    for code, pk in (
        ("contact_decision", decision_clock),
        ("contact_decision_statutory", statutory_clock),
    ):
        writer.add(
            clocks.clock(
                pk=pk,
                code=code,
                started_at=contact.received_at,
                subject=journey,
                person_id=child.pk,
                completed_at=decided,
            )
        )
    for at in timeline.reviews[j]:
        writer.add(
            DailyReview(
                contact_child_id=journey.pk,
                reviewed_by_id=actors.reviewer,
                reviewed_at=at,
                note=rng.choice(texts.REVIEW_NOTES),
            )
        )
    if decided is not None:
        _decision(writer, rng, spec, journey.pk, j, child, decided, timeline.feedback_at[j], end)
        if episodes is not None and spec.outcomes[j] in REFERRAL_OUTCOMES:
            episodes.open(
                journey=journey,
                contact=spec.contact,
                outcome=spec.outcomes[j],
                decided=decided,
                decider=spec.actors.decider,
                born=child.date_of_birth or child.expected,
            )
    return journey.stage


def _stage_events(
    received: datetime, screened: datetime | None, checks: list, decided: datetime | None, actors: Actors
) -> list[tuple[datetime, str, int]]:
    """Replay the journey's history through the stage rule, keeping each change of stage."""
    moments = [(asked, ASK, actors.requester) for asked, _answered, _agency in checks]
    moments += [(answered, ANSWER, actors.responder) for _asked, answered, _agency in checks if answered]
    if screened is not None:
        moments.append((screened, SCREEN, actors.screener))
    if decided is not None:
        moments.append((decided, DECIDE, actors.decider))
    events = [(received, Stage.AWAITING_SCREENING.value, actors.recorder)]
    is_screened, outstanding = False, 0
    for at, kind, actor in sorted(moments, key=lambda m: (m[0], m[1])):
        is_screened |= kind == SCREEN
        outstanding += {ASK: 1, ANSWER: -1}.get(kind, 0)
        stage = contact_rules.stage_for(
            screened=is_screened, outstanding_checks=outstanding, decided=kind == DECIDE
        )
        if stage != events[-1][1]:
            events.append((at, stage, actor))
        if kind == DECIDE:
            break
    return events


def _decision(
    writer: Writer, rng: random.Random, spec: ContactSpec, journey_pk: int, j: int, child: Member,
    decided: datetime, feedback: datetime | None, end: datetime,
) -> None:  # fmt: skip
    outcome = spec.outcomes[j]
    row = Decision(
        contact_child_id=journey_pk,
        outcome=outcome,
        need_level_id=spec.need_levels[j],
        rationale=texts.pick(rng, texts.RATIONALES[outcome], name=child.display),
        decided_by_id=spec.actors.decider,
        decided_at=decided,
    )
    if feedback is not None and feedback <= end:
        row.feedback_at, row.feedback_method = feedback, texts.FEEDBACK_METHODS(rng)
        row.feedback_note = rng.choice(texts.FEEDBACK_NOTES)
    writer.add(row)
