"""The CIN census as plain data, in the schema's nesting (standards.md §2.1): child → CINdetails
(one per episode) → assessments, CIN plans, section 47 enquiries, CP plans → reviews.

Each census module (census/referrals.py, census/assessments.py ...) fills its part from one app's
records; census/xml.py writes the whole in the schema's element order.
"""

from dataclasses import dataclass, field
from datetime import date, datetime

from frontdoor.returns.rules import CensusYear


@dataclass
class Assessment:
    start: date  # AssessmentActualStartDate N00159
    authorised: date | None = None  # AssessmentAuthorisationDate N00160
    internal_review: date | None = None
    factors: list[str] = field(default_factory=list)  # AssessmentFactors N00181


@dataclass
class CinPlan:
    start: date  # CINPlanStartDate N00689
    end: date | None = None  # CINPlanEndDate N00690


@dataclass
class Section47:
    start: date  # S47ActualStartDate N00148: the strategy discussion that started it
    icpc_target: date | None = None  # InitialCPCtarget N00109
    icpc_date: date | None = None  # DateOfInitialCPC N00110
    icpc_not_required: bool = False  # ICPCnotRequired N00111


@dataclass
class ProtectionPlan:
    start: date  # CPPstartDate N00105
    initial_category: str  # N00113
    latest_category: str  # N00114
    previous_plans: int  # NumberOfPreviousCPP N00106
    end: date | None = None  # CPPendDate N00115
    reviews: list[date] = field(default_factory=list)  # CPPreviewDate N00116


@dataclass
class Episode:
    """One CINdetails: a Referral (referrals.models), as at ReferenceDate."""

    referral_id: int
    referral_date: date  # CINreferralDate N00100
    source: str  # ReferralSource N00152
    primary_need: str  # PrimaryNeedCode N00101 ("" when NFA and none recorded)
    nfa: bool  # ReferralNFA N00112
    closure_date: date | None = None  # CINclosureDate N00102
    closure_reason: str = ""  # ReasonForClosure N00103
    initial_cpc: date | None = None  # CINdetails/DateOfInitialCPC: an ICPC with no S47 here
    assessments: list[Assessment] = field(default_factory=list)
    cin_plans: list[CinPlan] = field(default_factory=list)
    section47s: list[Section47] = field(default_factory=list)
    protection_plans: list[ProtectionPlan] = field(default_factory=list)


@dataclass
class Child:
    person_id: int
    la_child_id: str  # LAchildID N00097: Person.reference
    sex: str  # Sex N00783 (GenderCurrent before 2024-25)
    ethnicity: str  # N00177
    disabilities: list[str]  # N00099
    upn: str = ""  # N00001
    upn_unknown: str = ""  # N00135
    birth_date: date | None = None  # N00066
    expected_birth_date: date | None = None  # N00098
    death_date: date | None = None  # N00108
    episodes: list[Episode] = field(default_factory=list)


@dataclass
class Census:
    la_code: str
    year: CensusYear
    generated_at: datetime
    children: list[Child]

    @property
    def person_ids(self) -> list[int]:
        return [child.person_id for child in self.children]

    @property
    def episodes(self) -> list[Episode]:
        return [episode for child in self.children for episode in child.episodes]
