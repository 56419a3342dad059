"""The dashboard's figure for case notes recorded late (issue 16 §1): of the notes written in the
period, those written after their recording standard made them due. "Late" is casenotes.figures'
condition, the one the case note pages use, so the dashboard and the notes cannot disagree.

The rows are each child's note (performance.populations.CASE_NOTES), so the breakdowns by the
child's ethnicity, sex, disability and age work as for every other figure; the share is of notes,
each counted once however many children it is about.
"""

from __future__ import annotations

from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.note_counts import LATE_NOTES
from frontdoor.performance.populations import CASE_NOTES

NOTE_COUNTING = (
    "Each case note counts once, when it was first written (a correction does not move it), in UK "
    "time (Europe/London), from 00:00 on the period's first day to midnight at the end of its last. "
    "A note about two brothers is one note and two children's notes: the table shows both, and the "
    "share is of notes. Team is the team of the note's author (Not allocated when the author has no "
    "team). Age is at the event the note records. A note whose event time is corrected is due "
    "again from the corrected time."
)

SOURCE = (
    "Local recording standard (clocks standard case_note_recorded: 2 working days from the event "
    "unless the authority sets its own). Ofsted's inspections (ILACS) look for visits and "
    "management oversight recorded promptly."
)

NOTE_FIGURES: tuple[Figure, ...] = (
    Figure(
        slug=LATE_NOTES,
        title="Case notes recorded late",
        question="Are visits, calls and management oversight recorded promptly?",
        definition=(
            "Case notes written in the period, and of those the notes written after they were due: "
            "by the end of the second working day after the visit, call or meeting they record (day "
            "0 is the day of the event), or the authority's own standard. The share is late notes "
            "divided by all notes written."
        ),
        counting=NOTE_COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Children's notes", result="all"),
            Column("notes", "Notes written"),
            Column("late_notes", "Notes recorded late"),
            Column("late", "Children's notes recorded late", result="late"),
            Column("on_time", "Children's notes recorded on time", result="on_time"),
            Column("share", "Share of notes recorded late", Kind.PERCENT),
        ),
        chart_column="share",
        empty_message="No case notes were written in this period",
        results={"all": "written", "late": "recorded late", "on_time": "recorded on time"},
        headline_column="share",
        headline_words="of case notes were recorded late",
        headline_detail="{late_notes} of {notes} notes; {children} children's notes",
        population=CASE_NOTES,
    ),
)
