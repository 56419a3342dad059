"""The family's and the child's version of a plan (issue 16 §3.3): plain words, their names, who
does what by when; on screen and as a PDF made by WeasyPrint. No professional shorthand reaches it:
the headings are questions a family would ask, and progress is told as words, not scores."""

from typing import Any

from frontdoor.organisations.models import User
from frontdoor.plans.content_selectors import plan_page
from frontdoor.plans.facts import PlanFacts

# What each kind of plan is called to a family (never "CIN" or "CP").
PLAIN_NAME = {
    "cin": "plan to help {name} and the family",
    "cp": "plan to keep {name} safe",
}


def progress_words(score: int | None) -> str:
    """A score from 0 to 10 as a family would say it."""
    if score is None:
        return "We have not looked at this together yet"
    if score >= 10:
        return "Done"
    if score >= 7:
        return "Nearly there"
    if score >= 4:
        return "Getting better"
    return "Just starting"


def family_context(*, actor: User, facts: PlanFacts) -> dict[str, Any]:
    page = plan_page(actor=actor, facts=facts)
    name = facts.person.known_as or facts.person.first_name or "you"
    outcomes = [
        {"change": row.outcome.change, "measure": row.outcome.measure,
         "progress": progress_words(row.latest.score if row.latest else None)}
        for row in page.outcomes
    ]  # fmt: skip
    open_actions = [t for t in page.actions if t.cancelled_at is None]
    return {
        "name": name,
        "full_name": facts.person.full_name,
        "plan_name": PLAIN_NAME[facts.kind].format(name=name),
        "content": page.content,
        "outcomes": outcomes,
        "actions": [
            {"who": t.owner_label, "what": t.what, "by": t.due_on, "done": t.done_at is not None}
            for t in open_actions
        ],
        "start_date": facts.start_date,
    }


def pdf_from(html: str) -> bytes:
    """The page as a PDF. WeasyPrint is imported here: it loads Pango, which only this page needs."""
    import weasyprint

    return bytes(weasyprint.HTML(string=html).write_pdf())
