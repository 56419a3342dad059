"""The dashboard's figures about children's complaints and practice notes (issue 19 §3, §4), in
words shown beside the numbers; performance.complaint_counts counts them."""

from __future__ import annotations

from frontdoor.complaints.models import Theme
from frontdoor.performance.complaint_counts import NOTE_THEMES, NOTES, STAGE_SLUGS, THEMES
from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.populations import COMPLAINT_STAGES, COMPLAINTS, PRACTICE_NOTES
from frontdoor.quality.models import NoteTheme

SOURCE = (
    "Children Act 1989 Representations Procedure (England) Regulations 2006 (SI 2006/1738) regs 14 "
    "and 17; DfE, Getting the Best from Complaints (2006). The clock standards `complaint_stage1` "
    "and `complaint_stage2`."
)
STAGE_WORDS = {1: ("stage 1", "10", "20", "received"), 2: ("stage 2", "25", "65", "requested")}


def _stage_figure(slug: str, stage: int) -> Figure:
    name, days, extended, started = STAGE_WORDS[stage]
    return Figure(
        slug=slug,
        title=f"Complaints answered at {name} within {days} working days",
        question=f"Are children's complaints answered at {name} on time?",
        definition=(
            f"Each {name} of a children's complaint answered in the period, or not answered and due "
            f"in it, and the share of those answered within {days} working days of being {started}. "
            f"An extension (to at most {extended} working days, with the reason recorded) does not "
            f"change the count: an answer after day {days} is later than the standard. Working days "
            "are Monday to Friday except England and Wales bank holidays; the day it was "
            f"{started} is day 0."
        ),
        counting=(
            "Each stage counts once: by the day it was answered (UK time), or, while unanswered, by "
            "the day it fell due. Team is the team whose work the complaint is about (the child's "
            "allocation when it was received). Age is at the complaint."
        ),
        source=SOURCE,
        columns=(
            Column("children", "Stages", result="all"),
            Column("within", f"Within {days} working days", result="within"),
            Column("later", "Later", result="later"),
            Column("waiting", "Not yet answered", result="waiting"),
            Column("share", "Share answered on time", Kind.PERCENT),
        ),
        chart_column="share",
        reference_line="100%: every complaint answered on time",
        empty_message=f"No complaint at {name} answered or due in this period",
        results={
            "all": "",
            "within": f"answered within {days} working days",
            "later": "answered later",
            "waiting": "not yet answered",
        },
        headline_column="share",
        headline_words=f"answered within {days} working days",
        headline_detail="{within} of {answered} answered on time; {waiting} not yet answered",
        uses_working_days=True,
        population=COMPLAINT_STAGES,
    )


THEME_FIGURE = Figure(
    slug=THEMES,
    title="Complaints by theme",
    question="What do children and families complain about?",
    definition="Children's complaints received in the period, by what each is mainly about.",
    counting=(
        "Each complaint counts once, under its main theme, in the period it was received (UK "
        "time), whatever stage it reached. Team is the team whose work it is about."
    ),
    source=f"{SOURCE} Getting the Best from Complaints asks that learning from complaints is gathered.",
    columns=(
        *(Column(code, label, result=code) for code, label in Theme.choices),
        Column("children", "All complaints", result="all"),
    ),
    chart_column="children",
    empty_message="No complaints received in this period",
    results={"all": "received", **{code: f"about {label.lower()}" for code, label in Theme.choices}},
    headline_column="children",
    headline_words="complaints received",
    headline_detail="{children} complaints received",
    population=COMPLAINTS,
)

NOTES_FIGURE = Figure(
    slug=NOTES,
    title="Practice notes acknowledged",
    question="Are practice concerns and good practice noted by managers and auditors taken up?",
    definition=(
        "Practice notes (a concern, or good practice) raised on children's cases in the period, by "
        "their state today: open (not yet acknowledged by the worker or their manager), "
        "acknowledged, or closed with a response; and the share acknowledged or closed."
    ),
    counting=(
        "Each note counts once, in the period it was raised (UK time). Team is the worker's team "
        "when the note was raised. Age is the child's when it was raised."
    ),
    source="Local practice standard (issue 19 §4): management oversight recorded and acted on (ILACS).",
    columns=(
        Column("children", "Raised", result="all"),
        Column("open", "Open", result="open"),
        Column("acknowledged", "Acknowledged", result="acknowledged"),
        Column("closed", "Closed", result="closed"),
        Column("share", "Share taken up", Kind.PERCENT),
    ),
    chart_column="share",
    empty_message="No practice notes raised in this period",
    results={"all": "raised", "open": "open", "acknowledged": "acknowledged", "closed": "closed"},
    headline_column="share",
    headline_words="of practice notes acknowledged or closed",
    headline_detail="{open} open, {acknowledged} acknowledged and {closed} closed of {children} raised",
    population=PRACTICE_NOTES,
)

NOTE_THEMES_FIGURE = Figure(
    slug=NOTE_THEMES,
    title="Practice notes by theme",
    question="What do managers and auditors notice in children's cases?",
    definition="Practice notes raised in the period, concerns and good practice together, by theme.",
    counting="Each note counts once, under its theme, in the period it was raised. Team is the worker's.",
    source="Local practice standard (issue 19 §4).",
    columns=(
        *(Column(code, label, result=code) for code, label in NoteTheme.choices),
        Column("children", "All notes", result="all"),
    ),
    chart_column="children",
    empty_message="No practice notes raised in this period",
    results={"all": "raised", **{code: f"about {label.lower()}" for code, label in NoteTheme.choices}},
    headline_column="children",
    headline_words="practice notes raised",
    headline_detail="{children} practice notes raised",
    population=PRACTICE_NOTES,
)

COMPLAINT_FIGURES: tuple[Figure, ...] = (
    *(_stage_figure(slug, stage) for slug, stage in STAGE_SLUGS.items()),
    THEME_FIGURE,
    NOTES_FIGURE,
    NOTE_THEMES_FIGURE,
)
