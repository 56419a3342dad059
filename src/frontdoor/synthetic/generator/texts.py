"""Words for the synthetic records: children's first names, concerns, rationales and notes.

Children's names are drawn from popular names given in England and Wales over the last twenty years
(ONS baby-name tables: aggregate counts, no person's details); surnames and adults' names come from
Faker's en_GB provider. Narratives are short templates filled with the child's first name.
"""

import random
from collections.abc import Mapping, Sequence

from frontdoor.synthetic.generator.base import Picker

BOYS = (
    "Oliver",
    "Harry",
    "Jack",
    "George",
    "Noah",
    "Charlie",
    "Jacob",
    "Alfie",
    "Freddie",
    "Oscar",
    "Leo",
    "Logan",
    "Archie",
    "Theo",
    "Thomas",
    "James",
    "Joshua",
    "Henry",
    "William",
    "Max",
    "Lucas",
    "Ethan",
    "Arthur",
    "Mason",
    "Isaac",
    "Harrison",
    "Teddy",
    "Finley",
    "Daniel",
    "Riley",
    "Edward",
    "Joseph",
    "Alexander",
    "Adam",
    "Reggie",
    "Samuel",
    "Jaxon",
    "Sebastian",
    "Elijah",
    "Harley",
    "Toby",
    "Arlo",
    "Dylan",
    "Jude",
    "Benjamin",
    "Rory",
    "Tommy",
    "Jake",
    "Louie",
    "Carter",
    "Jayden",
    "Tyler",
    "Kai",
    "Callum",
    "Kyle",
    "Liam",
    "Connor",
    "Ryan",
    "Lewis",
    "Bailey",
    "Mohammed",
    "Muhammad",
    "Ibrahim",
    "Zachary",
    "Caleb",
    "Ronnie",
    "Frankie",
    "Albie",
    "Stanley",
    "Hugo",
    "Ezra",
    "Luca",
    "Jenson",
)
GIRLS = (
    "Olivia",
    "Amelia",
    "Isla",
    "Ava",
    "Mia",
    "Ivy",
    "Lily",
    "Isabella",
    "Rosie",
    "Sophia",
    "Grace",
    "Freya",
    "Willow",
    "Florence",
    "Emily",
    "Ella",
    "Poppy",
    "Evie",
    "Elsie",
    "Charlotte",
    "Evelyn",
    "Sienna",
    "Sofia",
    "Daisy",
    "Phoebe",
    "Sophie",
    "Alice",
    "Harper",
    "Matilda",
    "Ruby",
    "Emilia",
    "Maya",
    "Millie",
    "Isabelle",
    "Erin",
    "Chloe",
    "Jessica",
    "Lucy",
    "Holly",
    "Megan",
    "Ellie",
    "Amber",
    "Lola",
    "Scarlett",
    "Hannah",
    "Bethany",
    "Katie",
    "Lauren",
    "Leah",
    "Layla",
    "Zara",
    "Aisha",
    "Maryam",
    "Esme",
    "Thea",
    "Violet",
    "Harriet",
    "Imogen",
    "Eliza",
    "Molly",
    "Paige",
    "Summer",
    "Niamh",
    "Maisie",
    "Georgia",
    "Abigail",
    "Eva",
    "Nancy",
    "Mila",
    "Aria",
    "Hallie",
    "Robyn",
    "Kayla",
)

CONCERNS_BY_GROUP: Mapping[str, Mapping[str, float]] = {
    "police": {
        "domestic_abuse": 70,
        "missing": 8,
        "exploitation": 5,
        "physical": 5,
        "behaviour": 4,
        "substance_misuse": 4,
        "sexual": 2,
        "other": 2,
    },
    "school": {
        "neglect": 22,
        "physical": 14,
        "emotional": 10,
        "behaviour": 12,
        "child_mental_health": 14,
        "domestic_abuse": 10,
        "sexual": 4,
        "exploitation": 4,
        "missing": 2,
        "other": 8,
    },
    "health": {
        "neglect": 18,
        "parental_mental_health": 20,
        "substance_misuse": 12,
        "physical": 12,
        "child_mental_health": 14,
        "disability": 10,
        "domestic_abuse": 8,
        "sexual": 3,
        "other": 3,
    },
    "la": {
        "neglect": 20,
        "domestic_abuse": 15,
        "parental_mental_health": 14,
        "housing": 12,
        "disability": 12,
        "behaviour": 8,
        "exploitation": 6,
        "substance_misuse": 8,
        "other": 5,
    },
    "individual": {
        "neglect": 30,
        "domestic_abuse": 15,
        "substance_misuse": 15,
        "emotional": 12,
        "physical": 10,
        "parental_mental_health": 8,
        "behaviour": 5,
        "other": 5,
    },
    "anonymous": {
        "neglect": 40,
        "substance_misuse": 20,
        "domestic_abuse": 15,
        "physical": 10,
        "emotional": 10,
        "other": 5,
    },
    "other": {
        "domestic_abuse": 25,
        "neglect": 20,
        "parental_mental_health": 12,
        "substance_misuse": 12,
        "housing": 10,
        "emotional": 8,
        "exploitation": 5,
        "other": 8,
    },
}
CONCERN_PICKERS = {group: Picker(weights) for group, weights in CONCERNS_BY_GROUP.items()}
SERIOUS_CONCERNS = ("physical", "sexual", "exploitation", "domestic_abuse")
# Concerns that often come together (volumes.md §10b: domestic abuse with parental mental health).
COMPANIONS = {
    "domestic_abuse": ("parental_mental_health", "substance_misuse", "emotional"),
    "neglect": ("substance_misuse", "parental_mental_health", "housing"),
    "exploitation": ("missing", "substance_misuse"),
    "missing": ("exploitation",),
    "child_mental_health": ("behaviour",),
}

_CONCERN_SENTENCES = {
    "neglect": (
        "{name} has come into school hungry and in unwashed clothes on several days this term.",
        "The home was found to be cold, with little food and dirty bedding for {name}.",
        "{name} has missed health appointments and has untreated dental decay.",
    ),
    "physical": (
        "{name} arrived with a bruise to the upper arm and gave an unclear account of how it happened.",
        "{name} disclosed being hit with a belt by an adult at home.",
        "Marks were seen on {name}'s face; the parent's explanation did not fit the injury.",
    ),
    "emotional": (
        "{name} says they are shouted at and told they are useless at home.",
        "{name} appears withdrawn and anxious about going home at the end of the day.",
    ),
    "sexual": (
        "{name} made a disclosure to a teacher about inappropriate touching by an older relative.",
        "Sexualised behaviour by {name} has been seen that is not expected for their age.",
    ),
    "domestic_abuse": (
        "Police attended a verbal and physical argument between the adults; {name} was present.",
        "A domestic incident was reported overnight; {name} was in the home and heard it.",
        "The mother reports controlling behaviour by her partner; {name} lives in the household.",
    ),
    "parental_mental_health": (
        "The parent's mental health has deteriorated and they are struggling to care for {name}.",
        "The parent has been admitted after a crisis; arrangements for {name} are unclear.",
    ),
    "substance_misuse": (
        "There are concerns about parental alcohol use when caring for {name}.",
        "Drug paraphernalia was seen in the home within reach of {name}.",
    ),
    "exploitation": (
        "{name} has been seen with older young people and has unexplained money and phones.",
        "{name} was found out of county with adults not known to the family.",
    ),
    "missing": (
        "{name} was reported missing overnight and returned the next morning.",
        "{name} has been missing from home three times this month.",
    ),
    "child_mental_health": (
        "{name} has disclosed self-harm and thoughts of ending their life.",
        "{name} is anxious, not sleeping and has stopped attending lessons.",
    ),
    "disability": (
        "{name}'s complex health needs are not being met and the family are under strain.",
        "The family of {name}, who is disabled, are asking for support with care at home.",
    ),
    "behaviour": (
        "{name}'s behaviour at home has become unmanageable and the parent is asking for help.",
        "{name} has been involved in repeated aggressive incidents at school and in the community.",
    ),
    "housing": (
        "The family face eviction and {name} is sleeping on a sofa at a relative's address.",
        "The home is overcrowded and in poor repair; {name} has recurring chest infections.",
    ),
    "other": (
        "The referrer is worried about {name}'s wellbeing and asks for advice.",
        "There are general concerns about the care {name} receives.",
    ),
}

CONSENT_RATIONALES = {
    "not_obtained": (
        "The parent was asked and declined to share information.",
        "The mother did not agree to the referral; concerns are serious enough to proceed to screening.",
        "The family refused consent when contacted by the school.",
    ),
    "not_sought": (
        "Police notification shared under the duty to safeguard; consent is not sought for notifications.",
        "Seeking consent would alert the alleged perpetrator and could place the child at risk.",
        "The referrer could not reach the family before making the contact.",
    ),
    "overridden": (
        "Consent overridden: seeking it could place the child at risk of significant harm.",
        "Consent overridden by the team manager because of a disclosure of abuse.",
        "Information shared without consent to protect the child, under the information-sharing agreement.",
    ),
}

RAG_REASONS = {
    "red": (
        "Possible significant harm: needs a decision today.",
        "Disclosure of abuse with the alleged abuser at home.",
        "Serious injury or immediate risk reported.",
    ),
    "amber": (
        "Concerns are escalating; more information needed before a decision.",
        "Repeat concerns with no plan in place.",
        "Cumulative neglect concerns.",
    ),
    "green": (
        "Low-level concern; the family are engaging with universal services.",
        "Information only; no immediate risk identified.",
        "Advice request from a professional.",
    ),
}
GUIDANCE = (
    "Speak to the referrer and check the school's records.",
    "Complete police and health checks before deciding.",
    "Check history for the household and any siblings.",
    "Contact the parent to discuss the concerns.",
    "Check for any open early help plan.",
    "Seek the child's views through the school.",
)

RATIONALES = {
    "nfa": (
        "No concerns about {name} needing a service were identified after checks; no further action.",
        "The information does not indicate unmet need for {name}; the family is already supported.",
    ),
    "advice": (
        "Advice given to the referrer; {name}'s needs can be met by universal services.",
        "Signposted the family to local support; no role for social care for {name} at present.",
    ),
    "early_help": (
        "{name}'s needs are additional but not complex: step down to early help with the school as lead.",
        "The family agrees to early help; a family support worker will make contact about {name}.",
    ),
    "assessment": (
        "Concerns meet the threshold for a child and family assessment for {name}.",
        "Cumulative concerns about {name} need a social work assessment to understand the risk.",
    ),
    "strategy": (
        "Reasonable cause to suspect {name} is suffering or likely to suffer significant harm: "
        "strategy discussion today.",
        "Disclosure by {name} needs a multi-agency strategy discussion and section 47 enquiries.",
    ),
}

CHECK_QUESTIONS = {
    "police": "Any police information about the adults in the household, including domestic abuse call-outs?",
    "health": "Any health information about the child or the parents, including missed appointments?",
    "education": "Attendance, presentation and any safeguarding records held by the school?",
    "probation": "Is any adult in the household known to probation, and is there any risk information?",
    "housing": "Any housing information, tenancy concerns or homelessness applications?",
    "social_care": "Is the family known to early help, and is there an open plan?",
    "adult_services": "Are any adults in the household known to adult services?",
}
CHECK_RESPONSES = {
    "police": (
        "Two previous domestic incidents at the address in the last year; no charges.",
        "Nothing known to police about the adults in the household.",
        "Father has a previous conviction for assault (2019).",
    ),
    "health": (
        "Child is up to date with immunisations; one missed appointment.",
        "Mother is known to perinatal mental health services.",
        "No concerns held by health.",
    ),
    "education": (
        "Attendance 84%; lateness increasing this term.",
        "No concerns; attendance 97%.",
        "Two previous safeguarding records about presentation.",
    ),
    "probation": (
        "Not known to probation.",
        "Partner is on licence; risk assessed as medium to known adults.",
    ),
    "housing": ("No tenancy concerns.", "Rent arrears and a notice seeking possession served last month."),
    "social_care": ("Closed early help plan six months ago.", "Not known to early help."),
    "adult_services": (
        "Not known to adult services.",
        "Mother receives support from adult mental health services.",
    ),
}
REVIEW_NOTES = (
    "Still awaiting the police check; chased by phone.",
    "Reviewed: waiting for health information.",
    "Reviewed with the duty worker; decision expected today.",
    "Capacity issue today; prioritised for tomorrow morning.",
    "Reviewed: child safe tonight with the maternal grandmother.",
    "Awaiting call back from the school DSL.",
)
FEEDBACK_METHODS = Picker(
    {"Email": 40, "Telephone": 30, "Secure email": 20, "Letter": 5, "Online portal message": 5}
)
FEEDBACK_NOTES = (
    "Outcome explained to the referrer.",
    "Referrer informed of the decision and next steps.",
    "",
)
RELATIVES = (
    "Maternal grandmother",
    "Paternal grandmother",
    "Maternal grandfather",
    "Aunt",
    "Uncle",
    "Adult sibling",
)


def concerns(rng: random.Random, group: str, outcome: str, names: Sequence[str]) -> tuple[list[str], str]:
    """The concern categories and the narrative for one contact."""
    first = CONCERN_PICKERS[group](rng)
    if outcome == "strategy" and first not in SERIOUS_CONCERNS and rng.random() < 0.6:
        first = rng.choice(SERIOUS_CONCERNS)
    categories = [first]
    for companion in COMPANIONS.get(first, ()):
        if rng.random() < 0.25:
            categories.append(companion)
    who = " and ".join(names) if len(names) < 3 else ", ".join(names[:-1]) + " and " + names[-1]
    text = " ".join(rng.choice(_CONCERN_SENTENCES[c]).format(name=who) for c in categories)
    return sorted(set(categories)), text


def pick(rng: random.Random, options: Sequence[str], **values: str) -> str:
    return rng.choice(options).format(**values)
