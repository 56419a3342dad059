"""Rules for the single assessment: pure functions, no Django.

Sources: Working Together to Safeguard Children 2023, ch. 3 (assessment within 45 working days of
referral, the child seen and their views recorded, a manager's authorisation); the DfE children in
need census (standards.md §2.2 fields N00159, N00160, N00181 and §2.3.7 factor codes) and its
validator's ERROR rules (standards.md §2.6; cin_rules_table.md), each prevented here at entry:

- 1103: the assessment cannot start before the referral date.
- 8608: the assessment cannot end (be authorised) before it starts.
- 8614: factors only on a completed assessment (factors are recorded only by completion).
- 8831: no assessment on a referral with no further action.
- 2990 / 8565: no activity on an episode once it is closed.
- 8869: factor "21" (no factors identified) is used alone.
- 8896: at most one open (unauthorised) assessment in an episode.
- 8898: no factor code twice.
- 8610 / 8650: the episode's primary need (N00101) is recorded when the assessment is authorised,
  and is one of the DfE codes; "N0" (not stated) is the census's word for an episode still being
  assessed, so it is not a finding an assessment can end with.

Each function returns problems by form field, so the service can refuse with messages beside the
fields that caused them. An empty dict means the record may be made.
"""

from datetime import date

NO_FACTORS = "21"

# DfE AssessmentFactors (N00181), 2024 XSD; standards.md §2.3.7. 18A and 19A are retired (8945Q,
# 8950Q) and not offered.
FACTORS: dict[str, str] = {
    "1A": "Alcohol misuse: child",
    "1B": "Alcohol misuse: parent or carer",
    "1C": "Alcohol misuse: another household member",
    "2A": "Drug misuse: child",
    "2B": "Drug misuse: parent or carer",
    "2C": "Drug misuse: another household member",
    "3A": "Domestic abuse: child is the subject",
    "3B": "Domestic abuse: parent or carer is the subject",
    "3C": "Domestic abuse: another household member is the subject",
    "4A": "Mental health: child",
    "4B": "Mental health: parent or carer",
    "4C": "Mental health: another family member",
    "5A": "Learning disability: child",
    "5B": "Learning disability: parent or carer",
    "5C": "Learning disability: another family member",
    "6A": "Physical disability or illness: child",
    "6B": "Physical disability or illness: parent or carer",
    "6C": "Physical disability or illness: another family member",
    "7A": "Young carer",
    "8B": "Privately fostered: overseas child intending to return",
    "8C": "Privately fostered: overseas child intending to stay",
    "8D": "Privately fostered: UK child in an educational placement",
    "8E": "Privately fostered: UK child in alternative family arrangements",
    "8F": "Privately fostered: other",
    "9A": "Unaccompanied asylum-seeking child",
    "10A": "Going or being missing",
    "11A": "Child sexual exploitation",
    "12A": "Trafficking",
    "13A": "Gangs",
    "14A": "Socially unacceptable behaviour",
    "15A": "Self-harm",
    "16A": "Abuse or neglect: neglect",
    "17A": "Abuse or neglect: emotional abuse",
    "18B": "Physical abuse: child on child",
    "18C": "Physical abuse: adult on child",
    "19B": "Sexual abuse: child on child",
    "19C": "Sexual abuse: adult on child",
    "20": "Other",
    NO_FACTORS: "No factors identified",
    "22A": "Female genital mutilation",
    "23A": "Abuse linked to faith or belief",
    "24A": "Child criminal exploitation",
}


def start_problems(
    *,
    started_on: date,
    today: date,
    referral_date: date,
    referral_nfa: bool,
    episode_closed_on: date | None,
    open_assessments: int,
) -> dict[str, str]:
    """Whether an assessment may start in this episode on `started_on` (CIN 1103, 8831, 2990/8565,
    8896)."""
    problems: dict[str, str] = {}
    if referral_nfa:
        problems["started_on"] = "This referral was closed with no further action: it cannot be assessed"
    elif episode_closed_on is not None:
        problems["started_on"] = "This episode is closed: an assessment cannot start"
    elif open_assessments > 0:
        problems["started_on"] = "This episode already has an assessment that is not yet authorised"
    elif started_on > today:
        problems["started_on"] = "The start date must be today or in the past"
    elif started_on < referral_date:
        problems["started_on"] = "The assessment cannot start before the referral date"
    return problems


def child_seen_problems(*, child_seen_on: date | None, referral_date: date, today: date) -> dict[str, str]:
    """The date the child was seen for the assessment is within the episode, and not in the future."""
    if child_seen_on is None:
        return {}
    if child_seen_on > today:
        return {"child_seen_on": "The date the child was seen must be today or in the past"}
    if child_seen_on < referral_date:
        return {"child_seen_on": "The child cannot have been seen for this assessment before the referral"}
    return {}


def factor_problems(factors: list[str]) -> dict[str, str]:
    """Factors identified at the end of assessment: known codes (N00181), none twice (8898), "21"
    only alone (8869), at least one (8897Q asks for them on every completed assessment)."""
    if not factors:
        return {"factors": 'Choose the factors identified, or "No factors identified"'}
    unknown = [code for code in factors if code not in FACTORS]
    if unknown:
        return {"factors": f"Not a DfE factor code: {', '.join(unknown)}"}
    if len(set(factors)) != len(factors):
        return {"factors": "Each factor can be chosen once"}
    if NO_FACTORS in factors and len(factors) > 1:
        return {"factors": '"No factors identified" cannot be chosen with other factors'}
    return {}


# How the child's views were gathered (assessments.models.VoiceGathered), and the one that records
# instead why they were not.
VOICE_WAYS = frozenset({"words", "observation", "other"})
NOT_GATHERED = "not_gathered"


def voice_problems(*, childs_voice: str, gathered: str, reason: str) -> dict[str, str]:
    """The child's voice is required before an assessment is submitted (Working Together 2023 ch. 3:
    the child seen and their wishes and feelings recorded; issue 16 §4): what the child said or showed,
    with how it was gathered (observation for a baby), or a recorded reason it could not be."""
    if gathered == NOT_GATHERED:
        if not reason.strip():
            return {"voice_reason": "Record why the child's views could not be gathered"}
        return {}
    if not childs_voice.strip():
        return {"childs_voice": "Record the child's voice: their words, what was observed, or why not"}
    if gathered and gathered not in VOICE_WAYS:
        return {"voice_gathered": "Select how the child's views were gathered"}
    return {}


def scale_problems(scales: dict[str, int | None]) -> dict[str, str]:
    """Scaling (Signs of Safety) is a whole number from 0 to 10, or not yet asked."""
    return {
        field: "Enter a number from 0 to 10"
        for field, value in scales.items()
        if value is not None and not 0 <= value <= 10
    }


def completion_problems(
    *,
    started_on: date,
    completed_on: date,
    today: date,
    analysis: str,
    factors: list[str],
    childs_voice: str,
    voice_gathered: str,
    voice_reason: str,
) -> dict[str, str]:
    """The social worker completes the assessment: the child's voice recorded, its analysis written,
    factors chosen, the date on or after the start (8608) and not in the future."""
    problems = factor_problems(factors)
    problems |= voice_problems(childs_voice=childs_voice, gathered=voice_gathered, reason=voice_reason)
    if not analysis.strip():
        problems["analysis"] = "Write the analysis of risk and need before completing the assessment"
    if completed_on > today:
        problems["completed_on"] = "The completion date must be today or in the past"
    elif completed_on < started_on:
        problems["completed_on"] = "The assessment cannot be completed before it started"
    return problems


def is_late(*, authorised_on: date, due_on: date) -> bool:
    """Authorised after the day the 45 working days ran out (due at the end of `due_on`)."""
    return authorised_on > due_on


def authorisation_problems(
    *,
    started_on: date,
    completed_on: date | None,
    authorised_on: date,
    today: date,
    due_on: date,
    late_reason: str,
) -> dict[str, str]:
    """A manager authorises a completed assessment, not before it was completed or started (8608),
    not in the future, and says why when it is later than the 45 working days (issue 5; Working
    Together 2023 ch. 3: the reasons for delay are recorded)."""
    if completed_on is None:
        return {"authorised_on": "The assessment must be completed before it is authorised"}
    problems: dict[str, str] = {}
    if authorised_on > today:
        problems["authorised_on"] = "The authorisation date must be today or in the past"
    elif authorised_on < started_on:
        problems["authorised_on"] = "The assessment cannot be authorised before it started"
    elif authorised_on < completed_on:
        problems["authorised_on"] = "The assessment cannot be authorised before it was completed"
    if is_late(authorised_on=authorised_on, due_on=due_on) and not late_reason.strip():
        problems["late_reason"] = (
            f"The assessment is later than 45 working days (due {due_on:%-d %B %Y}): record the reason"
        )
    return problems


# DfE PrimaryNeedCode (N00101) list, standards.md §2.3.2. N0 is left out on purpose (see above).
ASSESSED_NEEDS = frozenset({"N1", "N2", "N3", "N4", "N5", "N6", "N7", "N8", "N9"})


def primary_need_problems(*, code: str) -> dict[str, str]:
    """CIN 8610 (required once the referral has led to further action: the assessment is that
    action) and 8650 (a valid code): the manager records the child's primary need at authorisation."""
    if code == "N0":
        return {"primary_need": "Choose the child's primary need: the assessment has found it"}
    if code not in ASSESSED_NEEDS:
        return {"primary_need": "Select the child's primary need"}
    return {}


# DfE CIN census ERROR rules this app prevents at entry, with the function that prevents each.
RULES_PREVENTED: dict[str, str] = {
    "1103": "assessments.rules.start_problems",
    "2990": "assessments.rules.start_problems",
    "8565": "assessments.rules.start_problems",
    "8608": "assessments.rules.authorisation_problems",
    "8610": "assessments.rules.primary_need_problems",
    "8614": "assessments.rules.completion_problems",
    "8831": "assessments.rules.start_problems",
    "8869": "assessments.rules.factor_problems",
    "8896": "assessments.rules.start_problems",
    "8898": "assessments.rules.factor_problems",
}
