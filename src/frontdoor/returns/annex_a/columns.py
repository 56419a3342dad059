"""Ofsted ILACS Annex A: sheet names, exact column headings and lettered value formats
(standards.md §3.2-3.3; liiatools' data-map.yml and sample Annex_A.xlsx, checked in the tests)."""

from datetime import date
from typing import Any

from frontdoor.people.models import Ethnicity
from frontdoor.returns.rules import age_in_years

CHILD = ["Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)"]
DISABILITY = "Does the Child have a Disability"
ALLOCATED = ["Allocated Team", "Allocated Worker"]
MISSING, ABSENT = "\u2018Missing\u2019", "\u2018Absent\u2019"  # curly quotes, as in the sample workbook

HEADINGS: dict[int, list[str]] = {
    1: [*CHILD, "Date of Contact", "Contact Source"],
    2: [*CHILD, "Assessment start date", "Assessment completion date", "Organisation completing assessment"],
    3: [
        *CHILD,
        "Date of Referral",
        "Referral Source",
        "Referral NFA?",
        "Number of Referrals in Last 12 Months",
        *ALLOCATED,
    ],
    4: [
        *CHILD,
        DISABILITY,
        "Continuous Assessment Start Date",
        "Child Seen During Continuous Assessment",
        "Continuous Assessment Date of Authorisation",
        "Was the child assessed as requiring LA children's social care support?",
        *ALLOCATED,
    ],
    5: [
        *CHILD,
        DISABILITY,
        "Strategy discussion initiating Section 47 Enquiry Start Date",
        "Was an Initial Child Protection Conference deemed unnecessary?",
        "Date of Initial Child Protection Conference",
        "Did the Initial Child Protection Conference Result in a Child Protection Plan",
        "Number of Section 47 Enquiries in the last 12 months",
        "Number of ICPCs in the last 12 months",
        *ALLOCATED,
    ],
    6: [
        *CHILD,
        DISABILITY,
        "CIN Start Date",
        "Primary Need Code",
        "Date Child Was Last Seen",
        "CIN Closure Date",
        "Reason for Closure",
        "Case Status",
        *ALLOCATED,
    ],
    7: [
        *CHILD,
        DISABILITY,
        "Child Protection Plan Start Date",
        "Initial Category of Abuse",
        "Latest Category of Abuse",
        "Date of the Last Statutory Visit",
        "Was the Child Seen Alone?",
        "Date of latest review conference",
        "Child Protection Plan End Date",
        "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six Months (Y/N)",
        "Number of Previous Child Protection Plans",
        *ALLOCATED,
    ],
    # Lists 8-11: Frontdoor holds none of these records; the headings are the sample workbook's.
    8: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        "Unaccompanied Asylum Seeking Child (UASC) within the Last 12 Months (Y/N))",
        DISABILITY,
        "Date Started to be Looked After",
        "Child's Category of Need",
        "Is this a second or subsequent period of being a Looked After Child within the last 12 months (Y/N)",
        "Start date of current legal status",
        "Child's Legal Status",
        "Date of Latest Statutory Review",
        "Date of Last Social Work Visit",
        "What is the permanence plan for this child?",
        "Date of Last IRO Visit / Contact to the Child",
        "Date of Last Health Assessment",
        "Date of Last Dental Check",
        "Number of Placements in the Last 12 months",
        "Date Ceased to be Looked After",
        "Reason Ceased to be Looked After",
        "Start Date of Most Recent Placement",
        "Placement Type",
        "Placement Provider",
        "Placement postcode",
        "URN of Placement",
        "Placement Location",
        "LA of Placement",
        f"Number of Episodes the Child has been {MISSING} from their Placement in the last 12 months",
        f"Number of Episodes the Child has been {ABSENT} from their Placement in the last 12 months",
        "Was the child offered a Return Interview after their last missing episode (Y/N)?",
        "Did the child accept a Return Interview after their last missing episode (Y/N)?",
        *ALLOCATED,
    ],
    9: [
        "Child Unique ID",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age",
        DISABILITY,
        *ALLOCATED,
        "Eligibility Category",
        "LA in Touch",
        "Type of Accommodation",
        "Suitability of Accommodation",
        "Activity Status",
    ],
    10: [
        "Child Unique ID",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Date of Birth",
        "Age of Child (Years)",
        DISABILITY,
        "Date the Child Entered Care",
        "Date of Decision that Child Should be Placed for Adoption",
        "Date of Placement Order",
        "Date of Matching Child and Prospective Adopters",
        "Date Placed for Adoption",
        "Date of Adoption Order ",
        "Date of Decision that Child Should No Longer be Placed for Adoption",
        "Reason Why Child No Longer Placed for Adoption",
        "Date the child was placed for fostering in FFA or concurrent planning placement",
    ],
    11: [
        "Individual adopter identifier",
        "Family identifier",
        "Gender",
        "Ethnicity",
        "Disability",
        "Is the (prospective) adopter fostering for adoption?",
        "Date enquiry received",
        "Date Stage 1 started",
        "Date Stage 1 ended",
        "Date Stage 2 started",
        "Date Stage 2 ended",
        "Date application submitted",
        "Date application approved",
        "Date adopter matched with child(ren)",
        "Date child/children placed with adopter(s)",
        "No. of children placed",
        "Date of Adoption Order",
        "Date of leaving adoption process",
        "Reason for leaving adoption process",
    ],
}

TITLES = {
    1: "Contacts",
    2: "Early help",
    3: "Referrals",
    4: "Assessments",
    5: "Section 47 enquiries and ICPCs",
    6: "Children in need",
    7: "Child protection",
    8: "Children in care",
    9: "Care leavers",
    10: "Adoption",
    11: "Adopters",
}

DATE_FORMAT = "dd/mm/yyyy"

GENDER = {"M": "a) Male", "F": "b) Female", "U": "c) Not stated/recorded"}
# a) WBRI ... t) NOBT in the DfE order (standards.md §3.3; liiatools' map letters NOBT "s)" as well
# as REFU, a slip this file does not copy).
ETHNICITY = {code: f"{chr(ord('a') + n)}) {code}" for n, code in enumerate(Ethnicity.values)}
SOURCE_LETTERS = (
    ("1A", "a", "Individual"),
    ("1B", "b", "Individual"),
    ("1C", "c", "Individual"),
    ("1D", "d", "Individual"),
    ("2A", "e", "Schools"),
    ("2B", "f", "Education services"),
    ("3A", "g", "Health services"),
    ("3B", "h", "Health services"),
    ("3C", "i", "Health services"),
    ("3D", "j", "Health services"),
    ("3E", "k", "Health services"),
    ("3F", "l", "Health services"),
    ("4", "m", "Housing"),
    ("5A", "n", "LA services"),
    ("5B", "o", "LA services"),
    ("5C", "p", "LA services"),
    ("5D", "p1", "LA services"),
    ("6", "q", "Police"),
    ("7", "r", "Other legal agency"),
    ("8", "s", "Other"),
    ("9", "t", "Anonymous"),
    ("10", "u", "Unknown"),
)
SOURCE = {code: f"{letter}) {code}: {name}" for code, letter, name in SOURCE_LETTERS}
YES, NO = "a) Yes", "b) No"
PRIMARY_NEED = {
    "N0": "N0 - Not stated",
    "N1": "N1 - Abuse or neglect",
    "N2": "N2 - Child's disability",
    "N3": "N3 - Parental disability or illness",
    "N4": "N4 - Family in acute stress",
    "N5": "N5 - Family dysfunction",
    "N6": "N6 - Socially unacceptable behaviour",
    "N7": "N7 - Low income",
    "N8": "N8 - Absent parenting",
    "N9": "N9 - Cases other than children in need",
}
CLOSURE_REASON = {
    "RC1": "RC1 - Adopted",
    "RC2": "RC2 - Died",
    "RC3": "RC3 - Child arrangements order",
    "RC4": "RC4 - Special guardianship order",
    "RC5": "RC5 - Transferred to services of another local authority",
    "RC6": "RC6 - Transferred to adult social care services",
    "RC7": "RC7 - Services ceased for any other reason, including child no longer in need",
    "RC8": "RC8 - Case closed after assessment, no further action",
    "RC9": "RC9 - Case closed after assessment, referred to early help",
}
CASE_STATUS = {
    "looked_after": "a) Looked after child",
    "cp_plan": "b) Child Protection plan",
    "cin_plan": "c) Child in need plan",
    "open_assessment": "d) Open assessment",
    "closed": "e) Closed episode",
}
CATEGORY = {
    "NEG": "a) Neglect",
    "PHY": "b) Physical abuse",
    "SAB": "c) Sexual abuse",
    "EMO": "d) Emotional abuse",
    "MUL": "e) Multiple/not recommended",
}


def yes_no(value: bool | None) -> str | None:
    return None if value is None else (YES if value else NO)


def disability(codes: list[str]) -> str:
    return YES if any(code != "NONE" for code in codes) else NO


def child_cells(person: dict[str, Any], as_of: date) -> list[object]:
    """The five leading columns: Child Unique ID (the LAchildID), Gender, Ethnicity, Date of Birth and
    Age of Child (Years) on the inspection date."""
    born = person["date_of_birth"]
    return [person["reference"], GENDER.get(person["sex"], GENDER["U"]), ETHNICITY.get(person["ethnicity"]),
            born, age_in_years(born, as_of)]  # fmt: skip
