"""The dashboard's figure about children at their child protection conferences (issue 19 §5), in
words shown beside the numbers; performance.participation_counts counts it."""

from __future__ import annotations

from frontdoor.performance.metrics import Column, Figure, Kind
from frontdoor.performance.participation_counts import SLUG, SUFFICIENT_AGE
from frontdoor.performance.populations import CONFERENCE_CHILDREN

_COLUMNS = (
    ("attended", "Attended", "who attended"),
    ("views", "Views given another way", "who gave their views another way"),
    ("advocate", "Represented by an advocate", "represented by an advocate"),
    ("took_part", "Took part in any of these ways", "who took part"),
    ("not_heard", "Not heard", "neither there, nor heard another way, nor represented"),
    ("advocacy_offered", "Advocacy offered", "offered an advocate"),
    ("advocacy_used", "Advocacy used", "who used an advocate"),
)

PARTICIPATION_FIGURE = Figure(
    slug=SLUG,
    title="Children at their conferences",
    question="Are children heard at the conferences that decide their plans?",
    definition=(
        f"Each child aged {SUFFICIENT_AGE} or over on the day of a child protection conference "
        "(initial or review) held in the period, and whether they attended, gave their views "
        "another way (not there, but how their views were brought is recorded: a letter, a "
        "drawing, their social worker or a recording), or were represented by an advocate; and "
        "whether an advocate was offered and used. A child may take part in more than one way; "
        "'took part' counts each child once. Aged 10 or over is this service's reading of 'of "
        "sufficient age and understanding'; children without a recorded date of birth are not "
        "counted."
    ),
    counting=(
        "Each child at each conference counts once: siblings at one conference count once each, "
        "and a child at two conferences in the period counts twice. Conferences are counted by the "
        "day they were held (UK time). Team is the team of the episode's last allocation made "
        "before the end of the period. Age is at the conference."
    ),
    source=(
        "Working Together to Safeguard Children 2023, ch. 4: children of sufficient age and "
        "understanding are helped to take part in their conferences, with an advocate where they "
        "wish; Ofsted's inspection of the Worcestershire front door found children rarely at their "
        "conferences and advocacy unused (issue 19 §5)."
    ),
    columns=(
        Column("children", "Children aged 10 or over", result="all"),
        *(Column(key, heading, result=key) for key, heading, _words in _COLUMNS),
        Column("share", "Share who took part", Kind.PERCENT),
        Column("attended_share", "Share who attended", Kind.PERCENT),
        Column("advocacy_share", "Share of advocacy offered that was used", Kind.PERCENT),
    ),
    chart_column="share",
    reference_line="100%: every child heard",
    empty_message="No conferences about children aged 10 or over in this period",
    results={"all": "", **{key: words for key, _heading, words in _COLUMNS}},
    headline_column="share",
    headline_words="of children aged 10 or over took part in their conferences",
    headline_detail=(
        "{attended} attended, {views} gave views another way, {advocate} had an advocate; of {children}"
    ),
    population=CONFERENCE_CHILDREN,
)
