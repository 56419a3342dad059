"""Parameters of the synthetic front door: volumes per profile, and the mixes and spreads to sample.

Every figure is either a published statistic or a labelled assumption, with its source in
../shared/domain/volumes.md (section numbers given as "§"). Figures are shares of contacts unless
the comment says otherwise. Nothing here touches Django.
"""

from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType


@dataclass(frozen=True)
class Profile:
    """How much to generate: one authority's front door over `days` ending at the chosen end."""

    name: str
    description: str
    days: int
    contacts: int  # contacts received over the whole window
    schools: int
    gp_practices: int
    professionals: int
    # Staff of the Family Front Door team, by role value (organisations.Role).
    front_door_staff: Mapping[str, int]
    assessment_teams: tuple[str, ...]
    assessment_team_social_workers: int
    # Open work forced at each front-door stage at the end (on top of what arises by itself), and how
    # many of each are already past their 24-hour decision clock, so a manager's queue looks real.
    held_per_stage: int
    held_breaching: int
    # Long-term teams (generator/long_term.py): an episode passes from its assessment team to one of
    # these when its plan starts or its assessment ends with it open, a protection plan to
    # safeguarding, the rest to family support. Each team has a manager, this many social workers
    # and one assistant.
    family_support_teams: tuple[str, ...] = ()
    safeguarding_teams: tuple[str, ...] = ()
    long_term_team_social_workers: int = 0
    # §8: child population 0-17 (mid-2024 ONS estimate used for 2024-25 rates), kept as a figure.
    child_population: int = 120_119
    authority_name: str = "Worcestershire (synthetic)"
    default_la_code: str = "885"

    @property
    def contacts_per_day(self) -> float:
        return self.contacts / self.days


_FRONT_DOOR_STAFF = MappingProxyType(
    {
        # The brief's Family Front Door establishment (an assumption; §8 gives 281.5 FTE social
        # workers across the whole service, of whom a front door holds a small share).
        "contact_officer": 8,
        "social_worker": 10,
        "team_manager": 3,
        "senior_leader": 2,
        "quality_assurance": 2,
        "administrator": 1,
        "auditor": 1,  # the data protection officer
    }
)
_ASSESSMENT_TEAMS = (
    "Assessment Team North (Wyre Forest)",
    "Assessment Team South (Worcester and Malvern)",
    "Assessment Team East (Redditch and Bromsgrove)",
    "Assessment Team West (Wychavon)",
)
_DISTRICTS = ("Wyre Forest", "Worcester and Malvern", "Redditch and Bromsgrove", "Wychavon")


def _long_term(kind: str, count: int) -> tuple[str, ...]:
    """`count` teams of a kind, numbered within the districts in turn."""
    return tuple(f"{kind} Team {n // 4 + 1} ({_DISTRICTS[n % 4]})" for n in range(count))


# Long-term teams sized from §8 (an assumption on that figure): Worcestershire had 281.5 FTE social
# workers at an average caseload of 14.6 in 2025 for 3,638 children in need at 31 March. The county
# holds about 3,700 children in need at the end of the demo (two years of history): at 14.6 that is
# about 253 case-holding posts. The workforce page's mean counts every social worker and assistant
# in post (the front door's 10 and the assessment teams' 20 and 4, with or without cases): 24 teams of
# a manager, 8 social workers and an assistant add 216, 250 in all. Child protection plans are about
# a sixth of the children in need (§8: 522 on a plan of 3,638), but a safeguarding team keeps the
# episode after the plan ends: measured on the demo (seed 2026), 4 safeguarding teams held 26 cases a
# post and 20 family support teams 5 before assessed episodes with no plan moved too, so 7 of the 24.
_FAMILY_SUPPORT_TEAMS = _long_term("Family Support", 17)
_SAFEGUARDING_TEAMS = _long_term("Safeguarding", 7)
LONG_TERM_TEAM_SOCIAL_WORKERS = 8
# The small authority holds about 250 children in need after two years of history, but has the
# county's whole front door (10 social workers) besides its 4 assessment workers and 2 assistants:
# one team of 3 social workers and an assistant makes 20 posts, a mean of about 12.4 (measured in
# tests/synthetic/test_long_term.py).
SMALL_LONG_TERM_SOCIAL_WORKERS = 3

PROFILES: dict[str, Profile] = {
    # §10a: ~24,000 contacts a year for a Worcestershire-like county (5 x its 4,805 referrals, §8);
    # the contacts figure is an assumption anchored on the ADCS 4.8-5 contacts per referral (§2).
    "county": Profile(
        name="county",
        description="Worcestershire-like county: a year of front-door activity (~24,000 contacts)",
        days=365,
        contacts=24_000,
        schools=60,
        gp_practices=25,
        professionals=150,
        front_door_staff=_FRONT_DOOR_STAFF,
        assessment_teams=_ASSESSMENT_TEAMS,
        assessment_team_social_workers=5,
        held_per_stage=12,
        held_breaching=4,
        family_support_teams=_FAMILY_SUPPORT_TEAMS,
        safeguarding_teams=_SAFEGUARDING_TEAMS,
        long_term_team_social_workers=LONG_TERM_TEAM_SOCIAL_WORKERS,
    ),
    # The same county for a quarter of a year: for demos on slow machines.
    "demo": Profile(
        name="demo",
        description="Worcestershire-like county: three months of front-door activity (~6,000 contacts)",
        days=91,
        contacts=6_000,
        schools=60,
        gp_practices=25,
        professionals=150,
        front_door_staff=_FRONT_DOOR_STAFF,
        assessment_teams=_ASSESSMENT_TEAMS,
        assessment_team_social_workers=5,
        held_per_stage=10,
        held_breaching=3,
        family_support_teams=_FAMILY_SUPPORT_TEAMS,
        safeguarding_teams=_SAFEGUARDING_TEAMS,
        long_term_team_social_workers=LONG_TERM_TEAM_SOCIAL_WORKERS,
    ),
    # Tests: the same code at ~300 contacts over two months.
    "small": Profile(
        name="small",
        description="Small test authority: two months, ~300 contacts",
        days=61,
        contacts=300,
        schools=12,
        gp_practices=6,
        professionals=30,
        front_door_staff=_FRONT_DOOR_STAFF,
        assessment_teams=_ASSESSMENT_TEAMS[:2],
        assessment_team_social_workers=2,
        held_per_stage=2,
        held_breaching=1,
        # One long-term team (family support and safeguarding in one), sized as the county's.
        family_support_teams=("Long-term Team (Wyre Forest)",),
        long_term_team_social_workers=SMALL_LONG_TERM_SOCIAL_WORKERS,
    ),
}

# --- Who contacts the front door ------------------------------------------------------------------
# §3 and §10b: police 28%, schools 21%, health 15%, LA services 13%, individual 8%, other 4.5%,
# other legal agency 3.5%, education services 2%, anonymous 2%, unknown 1.7%, housing 1.2%
# (S2 2025 for the first three, S7 2020 shape for the rest). For Worcestershire §10b sets police to
# 26% (Worcs 2025: 26.4%) and raises LA services and individuals by one point each. The split within
# health, LA services and individuals is an assumption (no published split by sub-code was found).
SOURCE_MIX: Mapping[str, float] = MappingProxyType(
    {
        "6": 26.0,  # police
        "2A": 21.0,  # schools
        "3A": 2.5,  # GP              } health 15.0 (Worcs 15.4)
        "3B": 3.0,  # health visitor  }
        "3C": 1.0,  # school nurse    }
        "3D": 2.0,  # other primary   }
        "3E": 3.0,  # A&E             }
        "3F": 3.5,  # other health    }
        "5A": 5.0,  # LA social care (another authority, leaving care)  } LA services 14
        "5B": 3.0,  # other internal (adult services, SEND)              }
        "5C": 2.0,  # external (commissioned services)                   }
        "5D": 4.0,  # early help                                         }
        "1A": 5.0,  # family member    } individual 9
        "1B": 1.5,  # acquaintance     }
        "1C": 1.0,  # self             }
        "1D": 1.5,  # other individual }
        "8": 4.5,  # other
        "7": 3.5,  # other legal agency (probation, CAFCASS, youth justice)
        "2B": 2.0,  # education services
        "9": 2.0,  # anonymous
        "10": 1.7,  # unknown
        "4": 1.2,  # housing
    }
)

# Channel by source group (assumption: police send notifications; schools and health mostly use the
# online form; the public telephones).
CHANNELS_BY_GROUP: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "police": {"police_notification": 80, "phone": 12, "email": 8},
        "school": {"online_form": 55, "phone": 30, "email": 15},
        "health": {"online_form": 40, "phone": 35, "email": 25},
        "la": {"email": 45, "online_form": 35, "phone": 20},
        "individual": {"phone": 75, "online_form": 15, "in_person": 5, "email": 3, "letter": 2},
        "anonymous": {"phone": 85, "online_form": 10, "letter": 5},
        "other": {"phone": 40, "email": 35, "online_form": 25},
    }
)

# --- Outcomes ---------------------------------------------------------------------------------------
# §10a: referrals are about 20% of contacts (4,800 against ~24,000), ~10% go to early help, the rest
# information, advice, signposting or no further action. A referral is a child's (the CIN census
# counts children's referrals), and outcomes are drawn per child for contacts that name 1.4 children on
# average, about 13% of whose referral decisions join an episode already open: 0.163 per child gives
# about 4,800 referrals from ~24,000 contacts (0.20 per child gave 5,905, 23% too many). §8:
# Worcestershire has very few NFA referrals and ~2,220 s47 enquiries against 4,805 referrals, some of
# which start after assessment: about 36% of referral decisions go straight to a strategy discussion
# (assumption). Early help's share per child is 0.068 for the ~2,500 early help cases a year that
# §10a proposes (0.10 per child gave 3,688, 48% too many).
OUTCOME_MIX: Mapping[str, float] = MappingProxyType(
    {"strategy": 0.059, "assessment": 0.104, "early_help": 0.068, "advice": 0.475, "nfa": 0.294}
)
SEVERITY = ("nfa", "advice", "early_help", "assessment", "strategy")
# §10b: conversion is higher for police and health contacts, lower for schools and individuals
# (assumption pending Annex A calibration). Multiplies the chance of a referral outcome.
REFERRAL_LIFT_BY_GROUP: Mapping[str, float] = MappingProxyType(
    {
        "police": 1.1,
        "health": 1.2,
        "school": 0.8,
        "la": 1.15,
        "individual": 0.8,
        "anonymous": 0.7,
        "other": 1.0,
    }
)
# Households differ: a few need the front door again and again (assumption; drives the 18%
# re-referral rate of §8/§10a). (share of new households, weight when re-contacted, referral lift)
RISK_TIERS: tuple[tuple[float, int, float], ...] = ((0.70, 1, 0.7), (0.22, 3, 1.4), (0.08, 7, 2.4))
# Chance that a contact concerns a household the front door has already met in this window
# (assumption, tuned so ~18% of referred children are re-referred within 12 months, §8 2025: 17.8%).
REPEAT_HOUSEHOLD = 0.36
# No household has more contacts than this in 12 months (assumption: a few families reach 10+).
MOST_CONTACTS_A_YEAR = 12
# A repeat household is drawn from the recent past: mean look-back in days (assumption).
REPEAT_LOOKBACK_DAYS = 110
# A family-member contact is from a second family member of a household that already made one
# (the repeat pattern the front door must flag, issue 2) this often (assumption).
SECOND_FAMILY_MEMBER = 0.5
SIBLING_SAME_OUTCOME = 0.85
# Need level on the four-level scale for each outcome: {outcome: ((level, weight), ...)}.
NEED_LEVELS_BY_OUTCOME: Mapping[str, tuple[tuple[int, float], ...]] = MappingProxyType(
    {
        "nfa": ((1, 0.8), (2, 0.2)),
        "advice": ((1, 0.5), (2, 0.5)),
        "early_help": ((2, 0.55), (3, 0.45)),
        "assessment": ((3, 0.15), (4, 0.85)),
        "strategy": ((4, 1.0),),
    }
)
RAG_BY_OUTCOME: Mapping[str, Mapping[str, float]] = MappingProxyType(
    {
        "nfa": {"green": 95, "amber": 5},
        "advice": {"green": 85, "amber": 15},
        "early_help": {"green": 45, "amber": 55},
        "assessment": {"red": 25, "amber": 60, "green": 15},
        "strategy": {"red": 85, "amber": 15},
    }
)

# --- Children and households --------------------------------------------------------------------
# §10b: ~25% of contacts concern two or more children (the brief). Children per household
# (assumption) and the chance a contact names all of them, chosen to give that share.
CHILDREN_PER_HOUSEHOLD = ((1, 0.50), (2, 0.30), (3, 0.13), (4, 0.05), (5, 0.02))
ALL_SIBLINGS_ON_CONTACT = 0.50
# §10b age at contact (assumption calibrated on S21 2015-16): unborn 2%, under 1 5%, 1-4 15%,
# 5-9 22%, 10-15 36%, 16-17 20%. (band, weight, lowest age, highest age)
AGE_BANDS = (
    ("unborn", 4.0, -1, -1),  # drawn for a household's first contact only: ~2% of all journeys
    ("under1", 5.0, 0, 0),
    ("1-4", 15.0, 1, 4),
    ("5-9", 22.0, 5, 9),
    ("10-15", 36.0, 10, 15),
    ("16-17", 20.0, 16, 17),
)
# §10b gender (S9 2020): male 53.8%, female 44.2%, unknown 0.2% of born children (unborn are "U").
SEX_MIX = MappingProxyType({"M": 53.8, "F": 44.2, "U": 0.2})
# §10b Worcestershire-like ethnicity (assumption from Census 2021, S1): White British ~84, White other
# ~5, Mixed ~5, Asian ~3, Black ~1.5, Other ~0.5, not known ~1. Split into DfE codes (assumption).
ETHNICITY_MIX = MappingProxyType(
    {
        "WBRI": 84.0,
        "WOTH": 3.5,
        "WIRI": 0.5,
        "WROM": 0.6,
        "WIRT": 0.4,
        "MWBC": 1.9,
        "MWAS": 1.3,
        "MWBA": 0.8,
        "MOTH": 1.0,
        "APKN": 1.2,
        "AIND": 0.8,
        "ABAN": 0.4,
        "AOTH": 0.6,
        "BAFR": 0.8,
        "BCRB": 0.4,
        "BOTH": 0.3,
        "CHNE": 0.2,
        "OOTH": 0.3,
        "NOBT": 0.8,
        "REFU": 0.2,
    }
)
# §10b: disability recorded for 12.3% of children in need; autism for 35-39% of those (S10).
DISABILITY_RECORDED = 0.123
AUTISM_AMONG_DISABLED = 0.37
OTHER_DISABILITIES = MappingProxyType(
    {"LD": 30, "COMM": 22, "BEH": 18, "MOB": 8, "PC": 6, "HEAR": 5, "VIS": 4, "HAND": 3, "INC": 2, "CON": 2}
)
# Identifiers (assumption): most children have an NHS number; most school-age children a UPN.
NHS_NUMBER_KNOWN_CHILD = 0.94
NHS_NUMBER_KNOWN_ADULT = 0.75
UPN_KNOWN_SCHOOL_AGE = 0.86
FIRST_LANGUAGES = MappingProxyType(
    {"English": 92.0, "Polish": 2.0, "Romanian": 1.2, "Urdu": 1.0, "Punjabi": 0.8, "Bulgarian": 0.6,
     "Lithuanian": 0.6, "Portuguese": 0.5, "Bengali": 0.4, "Arabic": 0.5, "Other": 0.4}
)  # fmt: skip
SECOND_PARENT_IN_HOUSEHOLD = 0.58

# --- Consent ---------------------------------------------------------------------------------------
# Assumption: most families know and agree; police notifications are shared without seeking consent
# (a statutory duty); consent is overridden where seeking it could place a child at risk.
CONSENT_POLICE = MappingProxyType({"obtained": 30, "not_sought": 55, "overridden": 10, "not_obtained": 5})
CONSENT_OTHER = MappingProxyType({"obtained": 80, "not_obtained": 7, "not_sought": 5, "overridden": 8})
CONSENT_STRATEGY = MappingProxyType({"obtained": 30, "not_obtained": 5, "not_sought": 25, "overridden": 40})

# --- Time --------------------------------------------------------------------------------------------
# §10b seasonality (assumption): contacts track school terms, with dips in August and late December
# and a peak in the autumn term. Month multipliers:
MONTH_FACTOR = (1.0, 1.0, 1.05, 0.95, 1.0, 1.05, 1.05, 0.8, 1.05, 1.1, 1.1, 0.85)
# Contacts on a weekend or bank holiday, relative to a weekday, by source group (assumption).
WEEKEND_FACTOR = MappingProxyType(
    {
        "police": 0.6,
        "health": 0.35,
        "individual": 0.35,
        "anonymous": 0.3,
        "school": 0.0,
        "la": 0.05,
        "other": 0.1,
    }
)
# Decisions (issue 2 brief): most within 24 hours, 8-12% beyond 24 hours, a few beyond three working
# days. Chance a decision takes longer than 24 hours, without and with partner checks, and the
# share of those that take more than three working days.
LATE_DECISION = 0.065
LATE_DECISION_WITH_CHECKS = 0.16
VERY_LATE_SHARE = 0.14
RED_LATE_FACTOR = 0.5
# Median hours from receipt to decision when within 24 hours, and the log-normal spread.
DECISION_MEDIAN_HOURS = 4.5
DECISION_SIGMA = 0.8
# Partner checks on ~40% of contacts (brief); more often when the concern is serious (assumption).
PARTNER_CHECKS_BY_OUTCOME = MappingProxyType(
    {"nfa": 0.22, "advice": 0.32, "early_help": 0.45, "assessment": 0.72, "strategy": 0.85}
)
CHECKS_PER_CONTACT = ((1, 0.35), (2, 0.35), (3, 0.2), (4, 0.1))
# A check answered only after the decision was made (the tail of slow answers; assumption).
CHECK_ANSWERED_LATE = 0.06
# Police notifications: delay from incident to receipt (assumption): mostly hours, a tail of days.
INCIDENT_DELAY = ((0.80, 1.0, 24.0), (0.15, 24.0, 72.0), (0.05, 72.0, 336.0))  # (share, low h, high h)
INCIDENT_MEDIAN_HOURS = 7.0
# Feedback to the referrer is recorded for most decisions (Working Together 2023 ch. 3; assumption).
FEEDBACK_RECORDED = 0.88
FEEDBACK_MEDIAN_HOURS = 3.0
# A manager reviews undecided contacts each working morning after the first 24 hours; some days the
# review is missed (assumption).
DAILY_REVIEW_MISSED = 0.04

# --- The national profile (issue 4, "Scale") -------------------------------------------------------
# All 153 English authorities for one year, each at its own published volume: its referrals in the
# year ending 31 March 2025 (S1 C1) and its mid-2024 child population (S1 ONS, the 2025 rates'
# denominator), both in synthetic.national.AUTHORITIES. §1: 632,830 referrals nationally.
NATIONAL_REFERRALS_YEAR = 2025
NATIONAL_POPULATION_YEAR = 2024
# §2 and §10a: about 4.8 contacts per referral nationally (ADCS: "just over 3 million" contacts
# against 621,880 referrals in 2023/24), so about 3.0 million contacts a year.
CONTACTS_PER_REFERRAL = 4.8
# A sample (--scale below 1) leaves out authorities whose scaled year would have fewer contacts than
# this (assumption: below it the year is too thin to hold open work at every stage). At full scale
# every authority has more (the Isles of Scilly: 32 referrals, ~150 contacts).
NATIONAL_MIN_CONTACTS = 100
# What the county profile's establishment is sized for (§8/§10a: a 120k-child county, ~24,000
# contacts). Other authorities scale it: staff by contacts, schools and GP practices by children.
COUNTY_CONTACTS = 24_000
COUNTY_CHILDREN = 120_119
# §10b England referral sources (S2 2025 for police, schools and health; S7 2020 shape for the
# rest): police 28, schools 21, health 15, LA services 13, individual 8, other 4.5, other legal
# agency 3.5, education services 2, anonymous 2, unknown 1.7, housing 1.2. Split within health, LA
# services and individuals as SOURCE_MIX does (assumption). No authority's own split by source is in
# the local data (S2 holds only police, schools and health per LA), so every authority but
# Worcestershire (which keeps SOURCE_MIX) takes the England mix.
ENGLAND_SOURCE_MIX: Mapping[str, float] = MappingProxyType(
    {
        "6": 28.0,
        "2A": 21.0,
        "3A": 2.5,
        "3B": 3.0,
        "3C": 1.0,
        "3D": 2.0,
        "3E": 3.0,
        "3F": 3.5,
        "5A": 4.5,
        "5B": 3.0,
        "5C": 2.0,
        "5D": 3.5,
        "1A": 4.5,
        "1B": 1.25,
        "1C": 1.0,
        "1D": 1.25,
        "8": 4.5,
        "7": 3.5,
        "2B": 2.0,
        "9": 2.0,
        "10": 1.7,
        "4": 1.2,
    }
)


# --- Child protection after the front door (volumes.md §1, §5, §8) ------------------------------
@dataclass(frozen=True)
class ChildProtectionMix:
    """Published volumes and spreads for strategy discussions, section 47s, conferences and plans.
    Shares are of the episodes that could lead to one (not closed after assessment, RC8/RC9)."""

    # §5 [D] England 2025: s47 per referral 36.4%. A front-door strategy decision almost always leads
    # to one (assumption 0.9); the rest arise during assessment, sized so the total comes near 36%
    # of referrals once a third close after assessment (episodes.NOT_IN_NEED).
    s47_after_strategy_decision: float = 0.9
    s47_during_assessment: float = 0.35
    # [ASSUMPTION]: no national count of police protection or emergency protection orders is
    # published. Of the children referred because significant harm was suspected, 6% were taken into
    # police protection first, 2% of the rest protected by an order, a fifth of orders extended.
    police_protection: float = 0.06
    emergency_protection_order: float = 0.02
    order_extended: float = 0.2
    strategy_on_time: float = 0.88  # [PROPOSAL]: T5 is local, no national timeliness figure
    # §5 [D] England 2025: ICPC per s47 31.3%; CPP starts per ICPC 85.8%.
    icpc_per_s47: float = 0.313
    plan_per_icpc: float = 0.858
    # §5 England 2025: working days from s47 start to ICPC, bands (upper bound, %): 0-10 8.7%,
    # 11-15 72.7%, 16-20 8.9%, 21+ 9.7% (so 81.4% within 15; Worcestershire 93.7%, §8).
    icpc_working_days: tuple[tuple[int, float], ...] = ((10, 8.7), (15, 72.7), (20, 8.9), (35, 9.7))
    # §5 CPP initial category at 31 Mar 2020 (S8, the latest full split): neglect 50.5, emotional
    # 35.7, physical 7.4, sexual 3.8 (3.5% of 2025 starts, S12), multiple 2.6.
    categories: tuple[tuple[str, float], ...] = (
        ("NEG", 50.5),
        ("EMO", 35.7),
        ("PHY", 7.4),
        ("SAB", 3.8),
        ("MUL", 2.6),
    )
    # §5 CPPs ending in 2025 by duration (D7), days (upper bound, %): <=3 months 15.9, 3-6 months 11.0,
    # 6-12 months 43.5, 1-2 years 25.2, 2+ years 4.4.
    plan_days: tuple[tuple[int, float], ...] = (
        (91, 15.9),
        (182, 11.0),
        (365, 43.5),
        (730, 25.2),
        (1100, 4.4),
    )
    # §1 England 2025: 24.5% of CPPs starting were a second or later plan (Worcestershire 31.4%, §8).
    second_plan: float = 0.245
    # §5: 90.6% of CPPs reviewed on time (England 2025, LAIT RevCP).
    review_on_time: float = 0.906
    # Local standard T15 (10 working days): share of visits on time, and of first core groups within
    # 10 WD (T10). [PROPOSAL]: no published figure.
    visit_on_time: float = 0.85
    core_group_on_time: float = 0.85
    # Papers sent to an agency within 10 days of the conference; the rest still outstanding [PROPOSAL].
    papers_sent: float = 0.93


CHILD_PROTECTION = ChildProtectionMix()


# --- Worcestershire's own child protection spread (issue 18) --------------------------------------
# Completed plan durations, days (upper bound, %), derived from Worcestershire's children on a plan
# at 31 March by how long they had been on it (DfE D5, 2023-2025 pooled: <=3 months 564, 3-6 months
# 452, 6-12 months 442, 1-2 years 216, 2+ years 13 of 1,687) and its plan starts (D3: 775 + 753 +
# 711 = 2,239). In a steady state the number on a plan for longer than t is the starts times the
# share of plans lasting beyond t; these shares give back the D5 shape (31 / 25 / 27 / 13 / 0.5%
# against 33 / 27 / 26 / 13 / 0.8%) and a mean of 271 days against the 275 the counts imply
# (1,687 / 2,239 years). The England spread of plans ending in 2025 (D7, CHILD_PROTECTION.plan_days)
# has a mean of about 320 days and would leave ~16% more children on plans at 31 March.
WORCESTERSHIRE_PLAN_DAYS: tuple[tuple[int, float], ...] = (
    (91, 14.0),
    (182, 25.0),
    (365, 40.0),
    (730, 19.0),
    (900, 2.0),
)
# Worcestershire's conversions (volumes.md §8, 2025): about 2,220 section 47s against 4,805 referrals
# (46%, England 36.4%), 792 ICPCs (35.7% of s47s, England 31.3%) and 711 plan starts (89.8% of ICPCs,
# England 85.8%); 31.4% of plans a second or later one (England 24.5%). The county's enquiries that
# start during assessment are raised from 0.35 to 0.55 to give the 46% (measured on seed 1).
WORCESTERSHIRE_CHILD_PROTECTION = ChildProtectionMix(
    plan_days=WORCESTERSHIRE_PLAN_DAYS,
    s47_during_assessment=0.55,
    icpc_per_s47=0.357,
    plan_per_icpc=0.898,
    second_plan=0.314,
)

# Children-in-need episodes (not closed after assessment) ending by days after the assessment, for
# Worcestershire. The England spread (volumes.md §6, episodes.EPISODE_DAYS: mean ~260 days) leaves far
# fewer children in need at 31 March than Worcestershire has: its 3,638 at 31 March 2025 against
# 3,052 episodes starting that year (DfE B1) mean an episode lasts about 1.2 years from referral. No
# Worcestershire spread by duration is published, so this keeps England's bands and moves weight to the
# long ones until the mean after assessment is about 360 days [ASSUMPTION, calibrated on seed 1].
WORCESTERSHIRE_EPISODE_DAYS: tuple[tuple[int, float], ...] = (
    (90, 35.0),
    (182, 14.0),
    (365, 18.0),
    (730, 16.0),
    (1460, 17.0),
)

# --- History before the window (issues 18 and 20) -------------------------------------------------
# Worcestershire's referrals by the year ending 31 March (DfE C1, referral_count, 2013-2025; the
# 2022-2025 figures are in volumes.md §8). The county profile's year is sized on 2025's 4,805; each
# year of history is that year's count over 2025's. Years outside the table take the nearest year.
WORCESTERSHIRE_REFERRALS: Mapping[int, int] = MappingProxyType(
    {2013: 3_163, 2014: 3_451, 2015: 4_087, 2016: 4_966, 2017: 5_497, 2018: 4_461, 2019: 4_929,
     2020: 5_394, 2021: 5_277, 2022: 5_133, 2023: 5_331, 2024: 4_784, 2025: 4_805}
)  # fmt: skip
WINDOW_REFERRALS_YEAR = 2025
# Year-end figures the county is checked against (volumes.md §8, 2025 column): children on a plan
# and children in need at 31 March, ICPCs and plan starts in the year, referrals.
YEAR_END_TARGETS: Mapping[str, int] = MappingProxyType(
    {
        "referrals": 4_805,
        "ICPCs": 792,
        "CP plans starting": 711,
        "children on a CP plan at the end": 522,
        "children in need at the end": 3_638,
    }
)
