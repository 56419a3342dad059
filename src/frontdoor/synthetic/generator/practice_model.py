"""Assessments in the default practice model (Signs of Safety) with the child's voice: the text
under each heading, the scaling by the worker, the family and the child, and the voice gathered as
a child of that age could give it (observation for a baby, words for an older child)."""

import random

from frontdoor.assessments import services
from frontdoor.assessments.models import Assessment, AssessmentTemplate, SectionAnswer, VoiceGathered

ANSWERS: dict[str, tuple[str, ...]] = {
    "harm": (
        "Arrived at school hungry and in the same clothes on most days this term.",
        "Saw and heard a serious argument at home in which a door was broken.",
        "Was left in the care of a 12-year-old sibling overnight on two occasions.",
    ),
    "complicating_factors": (
        "Mother's low mood since the birth of the baby; the family has moved twice this year.",
        "Father works nights and the family has no one nearby to help.",
        "Rent arrears and a notice to quit; the parents have missed health appointments.",
    ),
    "working_well": (
        "Grandmother collects the children from school every day and they are fond of her.",
        "Attendance has risen to 94% since the school's breakfast club began.",
        "Both parents came to every meeting and asked for help with routines.",
    ),
    "danger_statements": (
        "Children's services are worried that if the arguments continue the children could be hurt "
        "and grow up frightened at home.",
        "We are worried that if meals and bedtimes are not kept the children will go hungry and miss school.",
    ),
    "safety_goals": (
        "Regular meals and bedtimes, checked by the school and health visitor, for 3 months.",
        "The parents agree a safety plan with the network so there is always an adult the children can call.",
    ),
    "next_steps": (
        "Family network meeting within two weeks; referral to the parenting programme.",
        "Child in need plan with the school and the health visitor; review in three months.",
    ),
}

WORDS = (
    "Said they feel safe at home most of the time and want to see their friends.",
    "Said 'I like it when Nan picks me up' and drew the family with the dog in the middle.",
    "Said they worry about mum when she is sad and want things to be calmer at home.",
)
OBSERVED = (
    "Settled in mother's arms, fed well and made good eye contact; became upset when voices were raised.",
    "Explored the room happily and returned to father for comfort; clean and dressed for the weather.",
)


def default_template() -> AssessmentTemplate | None:
    services.default_template()  # made again if the tables were emptied since the migration seeded it
    return AssessmentTemplate.objects.filter(authority__isnull=True).prefetch_related("sections").first()


# Children under 3 at referral, whose views are gathered by observation: about a fifth of referrals
# (DfE Characteristics of children in need 2024, referrals by age: under 1 and 1-4 together ~27%).
UNDER_THREE_SHARE = 0.2


def fill(
    rng: random.Random, assessment: Assessment, template: AssessmentTemplate | None
) -> list[SectionAnswer]:
    """Set the voice and scaling on the assessment, and return its answers (not yet written)."""
    baby = rng.random() < UNDER_THREE_SHARE
    if baby:
        assessment.childs_voice, assessment.voice_gathered = rng.choice(OBSERVED), VoiceGathered.OBSERVATION
    else:
        assessment.childs_voice, assessment.voice_gathered = rng.choice(WORDS), VoiceGathered.WORDS
    assessment.scale_worker = rng.randint(3, 8)
    assessment.scale_family = min(10, assessment.scale_worker + rng.randint(0, 3))
    assessment.scale_child = None if baby else rng.randint(4, 10)
    if template is None:
        return []
    assessment.template = template
    return [
        SectionAnswer(
            assessment=assessment, section=section, text=rng.choice(ANSWERS.get(section.key, ("",)))
        )
        for section in template.sections.all()
        if section.key in ANSWERS
    ]
