"""The dashboard's figures about missing children (issue 6, Oversight): return home interviews
offered, offered within 72 hours, by an independent person, accepted and completed; interviews
held, held within 72 hours and held by an independent person (issue 19 §5: what the inspectors
counted); and children missing more than once in a month.

What counts is not written again here: each column is a condition from missing.figures (the same
conditions the missing overview counts by), so the dashboard and the missing pages cannot disagree.
"""

from __future__ import annotations

from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.missing_counts import HELD, HELD_SHARES, REPEATS, RETURNS, SHARES
from frontdoor.performance.populations import MISSING_RETURNS, MISSING_STARTS

MISSING_COUNTING = (
    "Each missing episode counts once: a child missing three times is three episodes. Episodes are "
    "counted by the date and time the child was found or came back, in UK time (Europe/London), "
    "from 00:00 on the period's first day to midnight at the end of its last: the 72 hours for the "
    "offer start at the return, so an episode still open (the child still missing) is in no figure. "
    "An interview offered is counted with the episode's return, not in the month of the offer. "
    "Team is the team of the child's last allocation (on any of their children-in-need episodes) "
    "made before the end of the period (Not allocated when the child has none). Age is at the "
    "return."
)

REPEAT_COUNTING = (
    "Episodes are counted by when the child went missing, in UK time (Europe/London). A child is "
    "missing more than once in a month when two or more of their episodes started in the same "
    "calendar month (UK time), whether or not the other episode is inside the period; each such "
    "child counts once in each group however many episodes they had. Team is the team of the "
    "child's last allocation made before the end of the period (Not allocated when there is none). "
    "Age is when the child went missing."
)

SOURCE = (
    "Statutory guidance: Children who run away or go missing from home or care (DfE, January 2014), "
    "the return interview is offered within 72 hours of the child's return by an independent person "
    "(standards.md §1.1 T17, T18); Ofsted Annex A List 8 asks whether it was offered and accepted (T19)."
)

# (column key, heading, drill-down words): the return interview figures of missing.figures.
_RETURN_COLUMNS = (
    ("offered", "Interview offered", "with an interview offered"),
    ("offered_72h", "Offered within 72 hours", "with an interview offered within 72 hours"),
    ("independent", "Offered by an independent person", "with an interview offered by an independent person"),
    (
        "asked_preference",
        "Child asked whom they would prefer",
        "with the child asked who they would prefer to talk to",
    ),
    ("accepted", "Accepted", "with the interview accepted"),
    ("completed", "Completed", "with the interview completed"),
    ("not_offered", "Not offered", "with no interview offered"),
)
_SHARE_HEADINGS = {"offered": "Share offered", "independent": "Share offered independently",
                   "asked_preference": "Share asked whom they would prefer",
                   "accepted": "Share accepted", "completed": "Share completed"}  # fmt: skip

_HELD_COLUMNS = (
    ("completed", "Interview held", "with the interview held"),
    ("held_72h", "Held within 72 hours", "with the interview held within 72 hours"),
    ("held_independent", "Held by an independent person", "with the interview held by an independent person"),
    ("not_held", "Not held", "with no interview held (not offered, declined or not yet held)"),
)
_HELD_SHARE_HEADINGS = {"completed": "Share held", "held_independent": "Share held by an independent person"}

MISSING_FIGURES: tuple[Figure, ...] = (
    Figure(
        slug=RETURNS,
        title="Return home interviews",
        question="Is every child who comes back offered an independent return interview within 72 hours?",
        definition=(
            "Missing episodes that ended in the period (the child was found or came back), and of "
            "those: an interview offered, offered within 72 clock hours of the return (at or before "
            "the due time of the episode's 72-hour clock, which runs through nights, weekends and "
            "bank holidays), offered by an independent person (someone not involved in caring for "
            "the child), accepted by the child, and completed. Every share is of all episodes that "
            "ended, so an episode with no offer lowers each of them."
        ),
        counting=MISSING_COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Episodes ended (child returned)", result="all"),
            *(Column(key, heading, result=key) for key, heading, _words in _RETURN_COLUMNS),
            Column("share", "Share offered within 72 hours", Kind.PERCENT),
            *(Column(f"{key}_share", _SHARE_HEADINGS[key], Kind.PERCENT) for key in SHARES),
        ),
        chart_column="share",
        reference_line="100%: every child offered an interview within 72 hours",
        empty_message="No children returned from a missing episode in this period",
        results={"all": "that ended", **{key: words for key, _heading, words in _RETURN_COLUMNS}},
        headline_column="share",
        headline_words="of returns from missing (episodes) offered an interview within 72 hours",
        headline_detail=(
            "{offered_72h} of {children} episodes; {independent} offered by an independent person; "
            "{completed} completed"
        ),
        population=MISSING_RETURNS,
    ),
    Figure(
        slug=HELD,
        title="Return home interviews held",
        question="Does every child who comes back talk to someone independent within 72 hours?",
        definition=(
            "Missing episodes that ended in the period, and of those: an interview held (the "
            "interview itself recorded, not only offered), held within 72 clock hours of the return "
            "(at or before the due time of the episode's `rhi_held` clock, which runs through "
            "nights, weekends and bank holidays), and held by a person independent of the child's "
            "care. Inspectors count interviews held, not offers: an offer the child declined, or an "
            "interview held on the fourth day, is not held within 72 hours. Every share is of all "
            "episodes that ended."
        ),
        counting=MISSING_COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Episodes ended (child returned)", result="all"),
            *(Column(key, heading, result=key) for key, heading, _words in _HELD_COLUMNS),
            Column("share", "Share held within 72 hours", Kind.PERCENT),
            *(Column(f"{key}_share", _HELD_SHARE_HEADINGS[key], Kind.PERCENT) for key in HELD_SHARES),
        ),
        chart_column="share",
        reference_line="100%: every child interviewed within 72 hours",
        empty_message="No children returned from a missing episode in this period",
        results={"all": "that ended", **{key: words for key, _heading, words in _HELD_COLUMNS}},
        headline_column="share",
        headline_words="of returns from missing (episodes) with an interview held within 72 hours",
        headline_detail=(
            "{held_72h} of {children} episodes; {completed} held in all; {held_independent} by an "
            "independent person"
        ),
        population=MISSING_RETURNS,
    ),
    Figure(
        slug=REPEATS,
        title="Children missing more than once",
        question="Which children go missing again and again?",
        definition=(
            "Missing episodes that started in the period, the children they were about, and the "
            "children missing more than once in the same month, with their episodes. The share is "
            "children missing more than once divided by all children missing. A child missing 3 or "
            "more times in 30 days is also flagged for a strategy discussion (the missing pages)."
        ),
        counting=REPEAT_COUNTING,
        source=SOURCE,
        columns=(
            Column("children", "Episodes started", result="all"),
            Column("missing_children", "Children missing"),
            Column("repeat_children", "Children missing more than once in a month"),
            Column("repeat", "Their episodes", result="repeat"),
            Column("share", "Share of children missing more than once", Kind.PERCENT),
        ),
        chart_column="share",
        empty_message="No missing episodes started in this period",
        results={"all": "that started", "repeat": "of children missing more than once in a month"},
        headline_column="share",
        headline_words="of children missing were missing more than once in a month",
        headline_detail="{repeat_children} of {missing_children} children; {children} episodes",
        population=MISSING_STARTS,
    ),
)
