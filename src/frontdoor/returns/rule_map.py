"""Where each DfE CIN ERROR rule is kept (issue 7): prevented when the record is made, or, where it
cannot be, why not.

Each casework app names the functions that refuse a record breaking a rule in its own
`rules.RULES_PREVENTED` (referrals, assessments, plans, child_protection). This module adds the rules
kept by apps that predate that convention (people, referrals' constraints), the rules the census
writer itself makes true (they are about the file, not a record), and the reasons for the rest.
tests/returns/test_rule_map.py fails if any ERROR rule in cin_rules_table.md is in none of them.
"""

# Kept at entry by the foundation apps: "module.attribute" or "module.Model (constraint name)".
PREVENTED_AT_ENTRY: dict[str, str] = {
    "1510": "people.rules.upn_problem",
    "1520": "people.services._identifier_problems",
    "1530": "people.rules.upn_problem",
    "1540": "people.rules.upn_problem",
    "1550": "people.rules.upn_problem",
    "1570": "people.rules.person_reference",
    "1580": "people.rules.person_reference",
    "8500": "people.rules.person_reference",
    "8510": "people.models.Person (person_unique_reference)",
    "4180": "people.models.Sex",
    "4220": "people.models.Ethnicity",
    "8520": "people.services._date_problems",
    "8750": "people.services._person_problems",
    "8790": "people.services._disability_problem",
    "8794": "people.services._disability_problem",
    "8866": "contacts.models.ReferralSource",
    "8640": "referrals.models.ClosureReason",
    "8650": "referrals.models.PrimaryNeed",
    "8630": "referrals.models.Referral (referral_closes_after_it_starts)",
    "8805": "referrals.models.Referral (referral_closure_date_and_reason_together)",
    "8810": "referrals.models.Referral (referral_closure_date_and_reason_together)",
    "8815": "referrals.models.Referral (referral_one_open_episode)",
    "8820": "referrals.services.referral_open_from_decision",
    "8816": "referrals.models.Referral (referral_one_open_episode)",
}

# Made true by the census writer (returns/census): these rules are about the file, or about dates
# seen from the census year, which no record can know when it is made.
ENSURED_BY_THE_CENSUS = {
    "100": "The header's ReferenceDate is written from the census year (31 March of Year).",
    "8568": "ReferralNFA is always written, from the episode's boolean NFA flag.",
    "8590": "Only children with an episode in the census year are written.",
    "8600": "Only episodes referred on or before ReferenceDate are written; the referral date is required.",
    "8620": "A closure after ReferenceDate is left out (the episode was open then), and episodes "
    "closed before the year began are not in the census.",
    "8540": "A child with no disability recorded is returned as NONE (the people record's codes are "
    "the DfE list).",
    "8610": "An episode still under assessment has no primary need yet: it is returned as N0, the DfE "
    "code for 'not stated'.",
    "2884": "An initial conference is written under the section 47 that led to it, and at CINdetails "
    "level only when there is no section 47 in the episode.",
    "4010": "Only CIN plans started on or before ReferenceDate are written.",
    "4013": "A CIN plan end after ReferenceDate is left out (the plan was open then), and plans ended "
    "before the census year are not written.",
    "8696": "An authorisation after ReferenceDate is left out (the assessment was open then), and "
    "assessments authorised before the census year belong to earlier censuses and are not written.",
    "8715": "An initial conference after ReferenceDate is left out, and a section 47 whose conference "
    "was before the census year belongs to an earlier census and is not written.",
    "8720": "Only CP plans started on or before ReferenceDate are written; the start date is required.",
    "8930": "A CP plan end after ReferenceDate is left out (the plan was open then), and plans ended "
    "before the census year are not written.",
}

NOT_PREVENTABLE_AT_ENTRY: dict[str, str] = {
    "8736": "An assessment still open at ReferenceDate that started before the census year was valid "
    "when it was started; it becomes an error only by being left open across a year end. The "
    "assessment clocks (45 working days) show it overdue months before the census.",
    "8740": "A section 47 with no initial conference at ReferenceDate that started before the year was "
    "valid when started; the ICPC clock (15 working days) shows it overdue long before the census.",
    "8606": "The birth date of a child referred unborn is recorded after the referral, often months "
    "later; a birth more than 40 weeks after the referral is a fact to check with the family, not a "
    "record to refuse. The validator's report lists it for the worker to correct.",
    "8772": "UN7 (referral with no further action) describes every episode of the child: a later "
    "referral with further action makes an earlier, correct UN7 wrong. The census writer cannot "
    "choose another reason for the worker; the validator's report lists it.",
}

# Rules that could be refused at entry but are not yet (issue 5's apps): each names what is missing.
# The validator's report catches them meanwhile; the county profile has none of these records.
NOT_YET_PREVENTED: dict[str, str] = {}
