"""Which named partner agency may stand for an agency at a child protection meeting: pure, no Django.

Strategy discussions, conferences and core groups record the agencies present by kind (Working
Together to Safeguard Children 2023, ch. 4: police, health, education, children's social care and
others). Naming the partner agency behind a kind lets that agency's portal users see the meetings
they were invited to and what was sent to them (issue 10), and nobody else's: so the agency named
must be of the authority holding the meeting, of the matching kind, and actually recorded as there.
Kept apart from rules.py, which holds the census rules and is near its size limit.
"""

# child_protection.models.Agency -> the organisations.AgencyKind values that may stand for it.
KINDS_FOR: dict[str, frozenset[str]] = {
    "police": frozenset({"police"}),
    "health": frozenset({"health"}),
    "education": frozenset({"education"}),
    "social_care": frozenset({"social_care"}),
    "other": frozenset({"housing", "probation", "adult_services", "voluntary", "other"}),
}

OTHER_AUTHORITY = "Choose one of this authority's partner agencies"


def kind_matches(*, agency: str, partner_kind: str) -> bool:
    return partner_kind in KINDS_FOR.get(agency, frozenset())


def partner_problem(
    *,
    agency: str,
    label: str,
    partner_kind: str,
    partner_authority: int,
    authority: int,
    present: bool,
    how: str = "invited or attended",
) -> str | None:
    """The message for naming this partner agency for `agency` (shown as `label`), or None when it
    may: the same authority first (never reveal another authority's agency), then the kind, then
    that the agency was `how` (e.g. "invited or attended") at the meeting."""
    if partner_authority != authority:
        return OTHER_AUTHORITY
    if not kind_matches(agency=agency, partner_kind=partner_kind):
        return f"Choose a partner agency of the kind {label}"
    if not present:
        return f"{label} is not recorded as {how}: tick it there, or leave this blank"
    return None
