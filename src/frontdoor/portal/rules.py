"""What a partner's online referral must say, as pure functions (no Django).

Working Together to Safeguard Children 2023, ch. 3: a referrer says who the child is, what the
concern is and whether the family knows; information may be shared without consent where seeking
it would place a child at risk, and the reason is recorded (ch. 1, information sharing).
"""

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

ADULTHOOD_YEARS = 18
CONSENT_OBTAINED = "obtained"

# The DfE CIN census ReferralSource (N00152) an agency's referral carries when the agency has no
# code of its own (values match contacts.models.ReferralSource; keys match AgencyKind).
SOURCE_FOR_AGENCY_KIND = {
    "police": "6",
    "health": "3F",
    "education": "2A",
    "housing": "4",
    "social_care": "5C",
    "probation": "7",
    "adult_services": "5B",
    "voluntary": "8",
    "other": "8",
}

DOB_ADULT = "The child must be under 18: check the date of birth"
FAMILY_UNAWARE_BUT_CONSENTED = "If the family does not know about this referral, they cannot have consented"
RATIONALE_NEEDED = "Explain why the family has not consented, or why you did not ask them"
NOT_KNOWN_NEEDS_REASON = "Explain why the family does not know about this referral"


def _birthday_in(year: int, born: date) -> date:
    # A child born on 29 February turns a year older on 1 March in other years.
    try:
        return born.replace(year=year)
    except ValueError:
        return date(year, 3, 1)


def is_under_18(born: date, today: date) -> bool:
    """True until the 18th birthday (Children Act 1989 s105: a child is a person under 18)."""
    return today < _birthday_in(born.year + ADULTHOOD_YEARS, born)


def referral_source(agency_code: str, agency_kind: str) -> str:
    """The agency's own ReferralSource code, else the usual code for its kind of agency."""
    return agency_code or SOURCE_FOR_AGENCY_KIND.get(agency_kind, "8")


@dataclass(frozen=True)
class ConsentAnswer:
    family_knows: bool
    consent: str
    rationale: str


def consent_problems(answer: ConsentAnswer) -> dict[str, str]:
    """Field-keyed messages when what the referrer says about the family does not hold together."""
    problems: dict[str, str] = {}
    if not answer.family_knows and answer.consent == CONSENT_OBTAINED:
        problems["consent"] = FAMILY_UNAWARE_BUT_CONSENTED
    elif answer.consent != CONSENT_OBTAINED and not answer.rationale.strip():
        problems["consent_rationale"] = (
            NOT_KNOWN_NEEDS_REASON if not answer.family_knows else RATIONALE_NEEDED
        )
    return problems


def contact_text(*, concerns: str, tried: str, referrer_lines: list[str], notes: Sequence[str] = ()) -> str:
    """The contact's text as the front door reads it: the concern, what has been tried, how to
    reach the referrer, and notes for the front door, each under its own heading."""
    parts = [
        concerns.strip(),
        "What has been tried:\n" + tried.strip(),
        "Referrer:\n" + "\n".join(line for line in referrer_lines if line.strip()),
    ]
    if notes:
        parts.append("For the front door to check:\n" + "\n".join(notes))
    return "\n\n".join(parts)
