"""The words for each row of a drill-down list (a child's contact, a referral, an assessment, a
section 47 enquiry or a strategy discussion) and the list's headings. No queries run here."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django.urls import reverse
from django.utils import timezone

from frontdoor.clocks.rules import DEFAULT_STANDARDS
from frontdoor.core.dates import moment_on
from frontdoor.core.templatetags.govuk import duration, govuk_datetime
from frontdoor.performance.metrics import Figure


@dataclass(frozen=True)
class DrillRow:
    """One row of a drill-down list (a child's contact, a referral or an assessment), in words."""

    record: Any
    href: str
    reference: str
    received_at: Any
    done_at: Any
    taken: str
    extra: str


@dataclass(frozen=True)
class DrillHeadings:
    reference: str
    received: str
    done: str
    not_done: str
    extra: str


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


def drill_rows(figure: Figure, records: Sequence[Any], now: Any) -> list[DrillRow]:
    """The words for each row of a drill-down page (a page of at most a hundred; no queries)."""
    row = ROWS.get(figure.population.key, _episode_row)
    return [row(figure, record, now) for record in records]


def _contact_row(figure: Figure, journey: Any, now: Any) -> DrillRow:
    decision = getattr(journey, "decision", None)  # a missing decision raises an AttributeError
    decided_at = decision.decided_at if decision else None
    received = journey.contact.received_at
    taken = duration(decided_at - received) if decided_at else f"Not decided after {duration(now - received)}"
    clock = journey.statutory_clock if figure.slug == "decisions-1wd" else journey.decision_clock
    if figure.slug == "decisions-1wd" and clock and clock.working_days_taken is not None:
        taken = f"{_plural(clock.working_days_taken, 'working day')} ({taken})"
    if figure.slug in ("decisions-24h", "decisions-1wd"):
        extra = f"Due {govuk_datetime(clock.due_at)}" if clock else ""
    elif figure.slug == "police-delay":
        incident = journey.contact.incident_at
        extra = f"{govuk_datetime(incident)}, {duration(received - incident)} before receipt"
    elif figure.slug == "repeat-contacts":
        extra = "; ".join(journey.repeat_reasons) or "Not flagged"
    elif figure.slug == "sources":
        extra = journey.contact.get_source_display()
    else:
        extra = decision.get_outcome_display() if decision else "Awaiting a decision"
    href = reverse(figure.population.link, args=[journey.contact_id])
    return DrillRow(journey, href, journey.contact.reference, received, decided_at, taken, extra)


def _note_row(figure: Figure, child_note: Any, now: Any) -> DrillRow:
    """A child's case note: the event, when it was written, how long after, and when it was due."""
    note = child_note.note
    href = reverse(figure.population.link, args=[note.pk])
    taken = duration(note.recorded_at - note.occurred_at)
    late = " (late)" if note.recorded_at > note.record_due_at else ""
    extra = f"Due {govuk_datetime(note.record_due_at)}{late}"
    return DrillRow(
        child_note, href, note.get_kind_display(), note.occurred_at, note.recorded_at, taken, extra
    )


def _episode_row(figure: Figure, record: Any, now: Any) -> DrillRow:
    """A referral, an assessment, a section 47 enquiry or a strategy discussion, with the clock its
    population names (child seen, assessment, conference, strategy discussion)."""
    population = figure.population
    clock = getattr(record, population.clock, None)
    started = _started(population.key, record, clock)
    done_at = clock.completed_at if clock else None
    if clock is None or done_at is None:
        taken = f"{population.not_done} after {duration(now - started)}"
    else:
        taken = duration(done_at - started)
        if clock.working_days_taken is not None:
            taken = f"{_plural(clock.working_days_taken, 'working day')} ({taken})"
    if figure.slug == "re-referrals":
        extra = _episode_state(record)
    elif figure.slug == "strategy-attendance":
        present = [p.get_agency_display() for p in record.participants.all() if p.attended]
        extra = ", ".join(sorted(present)) or "None recorded"
    else:
        extra = f"Due {govuk_datetime(clock.due_at)}" if clock else ""
    href = reverse(population.link, args=[getattr(record, population.link_arg)])
    return DrillRow(record, href, _reference(population.key, record), started, done_at, taken, extra)


def _missing_row(figure: Figure, episode: Any, now: Any) -> DrillRow:
    """A missing episode: when the child came back (or went missing) and the interview offer."""
    interview = getattr(episode, "interview", None)  # no offer raises RelatedObjectDoesNotExist
    reference = f"Missing from {govuk_datetime(episode.went_missing_at)}"
    href = reverse(figure.population.link, args=[episode.pk])
    if figure.population.key == "missing_starts":
        back = episode.returned_at
        taken = duration(back - episode.went_missing_at) if back else "Still missing"
        return DrillRow(
            episode, href, reference, episode.went_missing_at, back, taken, _offer(episode, interview)
        )
    returned, offered = episode.returned_at, interview.offered_at if interview else None
    taken = duration(offered - returned) if offered else f"Not offered after {duration(now - returned)}"
    return DrillRow(episode, href, reference, returned, offered, taken, _offer(episode, interview))


def _overdue_row(figure: Figure, clock: Any, now: Any) -> DrillRow:
    """An overdue timescale: when it started, when it fell due and how long ago."""
    href = reverse(figure.population.link, args=[clock.person_id])
    standard = DEFAULT_STANDARDS.get(clock.standard)
    what = standard.name if standard else clock.standard
    taken = f"Overdue by {duration(now - clock.due_at)}"
    return DrillRow(clock, href, what, clock.started_at, None, taken, f"Due {govuk_datetime(clock.due_at)}")


def _task_row(figure: Figure, task: Any, now: Any) -> DrillRow:
    """An overdue task: what, when it was set and the day it was due."""
    href = reverse(figure.population.link, args=[task.person_id])
    late = (timezone.localtime(now).date() - task.due_on).days
    taken = f"Overdue by {_plural(late, 'day')}"
    what = f"{task.get_kind_display()}: {task.what}"
    return DrillRow(task, href, what, task.created_at, None, taken, f"Due {task.due_on:%-d %b %Y}")


def _paper_row(figure: Figure, paper: Any, now: Any) -> DrillRow:
    """A paper sent: the child, when it was ready and sent, to whom and how, and its due day."""
    href = reverse(figure.population.link, args=[paper.referral_id])
    to = paper.agency.name if paper.agency else paper.name
    late = "late" if paper.sent_on > paper.due_on else "on time"
    how = paper.get_method_display().lower()
    extra = f"{paper.get_paper_display()} to {to}, {how}; due {paper.due_on:%-d %b %Y}"
    taken = f"Sent {late}"
    # The list shows moments; a paper has days, so each is the day's moment (core.dates.moment_on).
    ready, sent = moment_on(paper.ready_on), moment_on(paper.sent_on)
    return DrillRow(paper, href, f"{paper.person.full_name}", ready, sent, taken, extra)


def _participation_row(figure: Figure, part: Any, now: Any) -> DrillRow:
    """A child at a conference: how they took part, and advocacy."""
    href = reverse(figure.population.link, args=[part.conference_id])
    ways = [
        words
        for taken, words in (
            (part.child_attended, "attended"),
            (not part.child_attended and part.views_how, f"views another way: {part.views_how}"),
            (part.advocacy_used, "an advocate"),
        )
        if taken
    ]
    offered = "advocacy offered" if part.advocacy_offered else "advocacy not offered"
    held = moment_on(part.conference.held_on)
    taken = "; ".join(ways) or "Not heard"
    extra = f"{part.conference.get_kind_display()}; {offered}"
    return DrillRow(part, href, part.person.full_name, held, held if ways else None, taken, extra)


def _allegation_row(figure: Figure, allegation: Any, now: Any) -> DrillRow:
    """An allegation: its reference, when received, and (received) when considered against its due
    time, or (concluded) the outcome's date and how long from referral. Names the sector, not the adult."""
    href = reverse(figure.population.link, args=[allegation.pk])
    sector = allegation.get_sector_display()
    if figure.population.key == "allegations":
        clock = allegation.consideration_clock
        done = clock.completed_at
        taken = duration(done - allegation.received_at) if done else f"Due {govuk_datetime(clock.due_at)}"
        return DrillRow(allegation, href, allegation.reference, allegation.received_at, done, taken, sector)
    done = moment_on(allegation.outcome_on)
    taken = duration(done - allegation.received_at)
    extra = f"{allegation.outcome.capitalize()}; {sector}"
    return DrillRow(allegation, href, allegation.reference, allegation.received_at, done, taken, extra)


def _complaint_stage_row(figure: Figure, stage: Any, now: Any) -> DrillRow:
    """A complaint's stage: the child, when it began and was answered, in how many working days."""
    href = reverse(figure.population.link, args=[stage.complaint_id])
    clock = stage.clock
    taken = _plural(clock.working_days_taken, "working day") if clock.completed_at else "Not answered"
    extended = f"; extended to {govuk_datetime(stage.extended_clock.due_at)}" if stage.extended_clock else ""
    outcome = f"{stage.get_outcome_display()}; " if stage.outcome else ""
    extra = f"{outcome}due {govuk_datetime(clock.due_at)}{extended}"
    reference = f"{stage.person.full_name}, stage {stage.stage}"
    return DrillRow(stage, href, reference, stage.requested_at, clock.completed_at, taken, extra)


def _complaint_row(figure: Figure, complaint: Any, now: Any) -> DrillRow:
    """A complaint: the child, when received, its theme and who made it."""
    href = reverse(figure.population.link, args=[complaint.pk])
    extra = f"{complaint.get_theme_display()}; {complaint.get_complainant_display().lower()}"
    return DrillRow(complaint, href, complaint.person.full_name, complaint.received_at, None, "", extra)


def _practice_note_row(figure: Figure, note: Any, now: Any) -> DrillRow:
    """A practice note: the child, when raised and acknowledged, its kind, theme and state."""
    href = reverse(figure.population.link, args=[note.pk])
    extra = f"{note.get_kind_display()}: {note.get_theme_display().lower()}; to {note.worker.display_name}"
    return DrillRow(
        note, href, note.person.full_name, note.raised_at, note.acknowledged_at, note.state, extra
    )


def _domestic_abuse_row(figure: Figure, child: Any, now: Any) -> DrillRow:
    """A child in a domestic abuse notification: received, risk, and their school told (or not)."""
    href = reverse(figure.population.link, args=[child.notification_id])
    notification = child.notification
    clock = child.encompass_clock
    if clock is None:
        taken = "No school recorded"
    elif child.school_told_at is None:
        taken = "Not told, late" if clock.due_at < now else "Not told yet"
    else:
        taken = "Told late" if child.school_told_at > clock.due_at else "Told in time"
    extra = f"{child.get_risk_level_display()} risk; incident {govuk_datetime(notification.incident_at)}"
    return DrillRow(
        child, href, child.person.full_name, child.received_at, child.school_told_at, taken, extra
    )


def _offer(episode: Any, interview: Any) -> str:
    """The offer in words; with no offer, why not (when recorded)."""
    if interview is None:
        if not episode.not_offered_reason:
            return "Not offered, no reason recorded"
        detail = f": {episode.not_offered_detail}" if episode.not_offered_detail else ""
        return f"Not offered: {episode.get_not_offered_reason_display()}{detail}"
    words = ["Independent" if interview.offered_by_independent else "Not independent"]
    words.append({True: "accepted", False: "declined", None: "no answer yet"}[interview.accepted])
    if interview.completed_at:
        words.append(f"completed {govuk_datetime(interview.completed_at)}")
    return ", ".join(words)


def _started(key: str, record: Any, clock: Any) -> Any:
    if key == "enquiries":
        return record.discussion.held_at
    if key == "discussions":
        return clock.started_at
    return record.received_at


def _reference(key: str, record: Any) -> str:
    if key == "enquiries":
        return f"Section 47 from {record.start_date:%-d %b %Y}"
    if key == "discussions":
        return f"Strategy discussion {govuk_datetime(record.held_at)}"
    return f"Referral {record.referral_date:%-d %b %Y}"


def _episode_state(referral: Any) -> str:
    if referral.nfa:
        return "No further action"
    if referral.closure_date:
        return f"Closed {referral.closure_date:%-d %b %Y}"
    return "Open"


def _drift_decision_row(figure: Figure, decision: Any, now: Any) -> DrillRow:
    """A child's panel decision: the panel's day, the reasons listed then, the decision, the review."""
    href = reverse(figure.population.link, args=[decision.panel_id])
    listed = "; ".join(reason["words"] for reason in decision.reasons)
    review = f"Next review {decision.next_review_on:%-d %b %Y}"
    held = moment_on(decision.held_on)
    return DrillRow(
        decision, href, decision.person.full_name, held, None, review, f"{listed}. {decision.decision}"
    )


def _drift_action_row(figure: Figure, task: Any, now: Any) -> DrillRow:
    """A panel's action: set when, done when (or not), what and its due day."""
    href = reverse(figure.population.link, args=[task.person_id])
    if task.done_at is None:
        taken = "Not done"
    else:
        taken = "Done late" if timezone.localtime(task.done_at).date() > task.due_on else "Done on time"
    extra = f"{task.what}; due {task.due_on:%-d %b %Y}"
    return DrillRow(task, href, task.person.full_name, task.created_at, task.done_at, taken, extra)


def _disruption_row(figure: Figure, protected: Any, now: Any) -> DrillRow:
    """A child protected by a disruption activity: its kind, target, by whom and outcome."""
    activity = protected.disruption
    href = reverse(figure.population.link, args=[protected.person_id])
    target = activity.place.name if activity.place_id else activity.associate.name
    outcome = activity.outcome or "Outcome awaited"
    extra = f"{activity.get_kind_display()} at {target} by {activity.agency}: {outcome}"
    day = moment_on(activity.taken_on)
    return DrillRow(protected, href, protected.person.full_name, day, None, "", extra)


STARTED_HEADINGS = {"enquiries": "Strategy discussion", "discussions": "Discussion needed from"}
EXTRA_BY_SLUG = {"re-referrals": "Episode", "strategy-attendance": "Present"}


# A drill-down row's words, by the figure's population (episodes, assessments, enquiries and
# discussions share _episode_row). A new population adds its line here.
ROWS = {
    "contacts": _contact_row,
    "missing_returns": _missing_row,
    "missing_starts": _missing_row,
    "overdue": _overdue_row,
    "overdue_tasks": _task_row,
    "case_notes": _note_row,
    "papers": _paper_row,
    "conference_children": _participation_row,
    "allegations": _allegation_row,
    "allegations_concluded": _allegation_row,
    "complaint_stages": _complaint_stage_row,
    "complaints": _complaint_row,
    "practice_notes": _practice_note_row,
    "domestic_abuse": _domestic_abuse_row,
    "drift_decisions": _drift_decision_row,
    "drift_actions": _drift_action_row,
    "disruption_children": _disruption_row,
}

# A drill-down list's headings (reference, started, done, extra), by population; the done and not
# done headings come from the population itself.
HEADINGS = {
    "missing_returns": ("Episode", "Returned", None, "Interview"),
    "missing_starts": ("Episode", "Went missing", None, "Interview"),
    "overdue_tasks": ("Task", "Set", None, "Due"),
    "overdue": ("Timescale", "Started", None, "Due"),
    "case_notes": ("Note", "Event", None, "Due"),
    "papers": ("Child", "Ready", "Sent", "Paper"),
    "conference_children": ("Child", "Conference", None, "Conference and advocacy"),
    "allegations": ("Allegation", "Received", None, "Sector"),
    "allegations_concluded": ("Allegation", "Received", None, "Outcome"),
    "complaint_stages": ("Complaint", "Started", None, "Outcome and due"),
    "complaints": ("Child", "Received", None, "Theme"),
    "practice_notes": ("Child", "Raised", None, "Note"),
    "domestic_abuse": ("Child", "Received", None, "Risk and incident"),
    "drift_decisions": ("Child", "Panel", None, "Listed for, and the decision"),
    "drift_actions": ("Child", "Set", None, "Action and due day"),
    "disruption_children": ("Child", "Activity", None, "Activity and outcome"),
}


def drill_headings(figure: Figure) -> DrillHeadings:
    population = figure.population
    if population.key in HEADINGS:
        reference, started, done, extra = HEADINGS[population.key]
        return DrillHeadings(reference, started, done or population.done_heading, population.not_done, extra)
    if population.key == "contacts":
        return DrillHeadings("Contact", "Received", "Decided", "Not decided", EXTRA_HEADINGS[figure.slug])
    reference = {"enquiries": "Enquiry", "discussions": "Discussion"}.get(population.key, "Referral")
    extra = EXTRA_BY_SLUG.get(figure.slug, "Due")
    received = STARTED_HEADINGS.get(population.key, "Received")
    return DrillHeadings(reference, received, population.done_heading, population.not_done, extra)


EXTRA_HEADINGS = {
    "contacts": "Outcome",
    "decisions-24h": "Decision clock",
    "decisions-1wd": "Decision clock",
    "repeat-contacts": "Why flagged",
    "police-delay": "Incident",
    "sources": "Source",
}
