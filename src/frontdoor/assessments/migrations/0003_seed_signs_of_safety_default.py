"""Seed the default practice model, Signs of Safety (Turnell and Edwards, 1999; the three columns
and scaling as the framework's own assessment and planning form sets them out), as the template of
every authority without its own, and attach it to the assessments already held: they keep every
word they have, and read under the default headings from now on."""

from django.db import migrations

SCALING_QUESTION = (
    "On a scale of 0 to 10, where 10 means everyone knows the child is safe enough for the case to be "
    "closed and 0 means things are so bad for the child that they cannot live at home, where do you "
    "rate this situation?"
)

# (key, group, heading, prompt), in the order the assessment is written and read.
SIGNS_OF_SAFETY = [
    (
        "harm",
        "What are we worried about?",
        "Harm",
        "The harm the child has suffered, past and present: what happened, when, how often, how bad.",
    ),
    (
        "complicating_factors",
        "What are we worried about?",
        "Complicating factors",
        "What makes the situation harder to change: circumstances, history, how the family works with us.",
    ),
    (
        "working_well",
        "What is working well?",
        "Strengths and existing safety",
        "What the family and network already do that keeps the child safe, and when it has worked.",
    ),
    (
        "danger_statements",
        "What needs to happen?",
        "Danger statements",
        "What we are worried will happen to the child if nothing changes, in words the family understands.",
    ),
    (
        "safety_goals",
        "What needs to happen?",
        "Safety goals",
        "What the family and network need to do, and show over time, for us to close the case.",
    ),
    ("next_steps", "What needs to happen?", "Next steps", "Who will do what, by when."),
]


def seed(apps, schema_editor):
    Template = apps.get_model("assessments", "AssessmentTemplate")
    Section = apps.get_model("assessments", "TemplateSection")
    Assessment = apps.get_model("assessments", "Assessment")
    template, _ = Template.objects.get_or_create(
        authority=None, defaults={"name": "Signs of Safety", "scaling_question": SCALING_QUESTION}
    )
    for position, (key, group, heading, prompt) in enumerate(SIGNS_OF_SAFETY, start=1):
        Section.objects.get_or_create(
            template=template,
            key=key,
            defaults={"position": position, "group": group, "heading": heading, "prompt": prompt},
        )
    Assessment.objects.filter(template__isnull=True).update(template=template)


def unseed(apps, schema_editor):
    # The default stays referenced by assessments; reversing detaches them and keeps the rows.
    apps.get_model("assessments", "Assessment").objects.update(template=None)


class Migration(migrations.Migration):
    dependencies = [("assessments", "0002_practice_model_template_voice_scaling")]

    operations = [migrations.RunPython(seed, unseed)]
