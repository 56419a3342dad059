"""Papers sent to partners (issue 16 §3.4): which paper (an assessment, a plan, core group notes,
child in need review notes, strategy discussion minutes) went to which agency or named person,
when and how. Conference papers keep child_protection.Distribution.

The paper's own app (via records' papers page) names the paper and the day it was ready; plans
only keeps the record, so every pathway can use it without importing the others.
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.utils import timezone

from frontdoor.audit.services import audit_record
from frontdoor.core.dates import moment_on
from frontdoor.core.records import same_authority
from frontdoor.organisations.models import PartnerAgency, User
from frontdoor.organisations.permissions import require
from frontdoor.plans.models import Paper, PaperSent, SendMethod
from frontdoor.referrals.models import Referral
from frontdoor.tasks.services import due_from_standard

STANDARD = "papers_sent"  # 5 working days from the paper being ready, unless the authority sets another


@dataclass(frozen=True)
class PaperOf:
    """A paper of the episode that can be sent: its kind, the record it is, the child and the day it
    was ready."""

    paper: str
    source: models.Model
    person_id: int
    ready_on: date
    label: str

    @property
    def key(self) -> str:
        return f"{self.source._meta.label_lower}:{self.source.pk}"


def sent_problems(*, ready_on: date, sent_on: date | None, today: date) -> dict[str, str]:
    """A paper is sent on or after the day it was ready, and not in the future."""
    if sent_on is None:
        return {"sent_on": "Enter the date it was sent"}
    if sent_on > today:
        return {"sent_on": "The date it was sent must be today or in the past"}
    if sent_on < ready_on:
        return {"sent_on": f"The paper was ready on {ready_on:%-d %B %Y}: it cannot be sent before"}
    return {}


@transaction.atomic
def paper_sent_record(
    *,
    actor: User,
    referral: Referral,
    paper: PaperOf,
    sent_on: date | None,
    method: str,
    agency: PartnerAgency | None = None,
    name: str = "",
) -> PaperSent:
    """Record that `paper` was sent to an agency (or a named person) on `sent_on` by `method`."""
    require(actor, "papers.record")
    same_authority(actor, referral, paper.source, agency)
    if paper.paper not in Paper.values:
        raise ValueError(f"Not a paper: {paper.paper!r}")
    name = name.strip()
    problems = sent_problems(ready_on=paper.ready_on, sent_on=sent_on, today=timezone.localdate())
    if (agency is None) == (not name):
        problems["agency"] = "Choose an agency, or give the name of the person it was sent to"
    if method not in SendMethod.values:
        problems["method"] = "Choose how it was sent"
    if problems or sent_on is None:
        raise ValidationError(problems)
    due_on = due_from_standard(authority=actor.authority, standard=STANDARD, start=moment_on(paper.ready_on))
    row = PaperSent.objects.create(
        authority_id=referral.authority_id, person_id=paper.person_id, referral=referral,
        paper=paper.paper, source_type=paper.source._meta.label_lower, source_id=paper.source.pk,
        ready_on=paper.ready_on, agency=agency, name=name, method=method, sent_on=sent_on,
        due_on=due_on,
        recorded_by=actor, recorded_at=timezone.now(),
    )  # fmt: skip
    audit_record(
        actor=actor,
        action="paper.sent",
        subject=row,
        authority_id=row.authority_id,
        person_id=row.person_id,
        changes={"paper": paper.key, "agency": agency.pk if agency else None, "name": name,
                 "method": method, "sent_on": sent_on},
    )  # fmt: skip
    return row
