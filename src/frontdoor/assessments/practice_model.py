"""The default practice model, Signs of Safety (Turnell and Edwards, 1999; the three columns and
scaling as the framework's own assessment and planning form sets them out): what an authority
without its own template assesses under. Data migration 0003 seeded the same rows; the service
recreates them if they are ever missing (a database restored without them, a test that emptied
the tables), so an assessment is never left without headings.
"""

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
