"""Reading each child's retention facts and listing the records due for review (nothing is deleted)."""

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db.models import Exists, Max, OuterRef, Q, QuerySet, Subquery
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.casenotes.models import NoteChild
from frontdoor.documents.models import Document
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.retention import rules
from frontdoor.retention.models import LegalHold, RetentionSchedule

PURPOSE = "retention.due"


@dataclass(frozen=True)
class Due:
    person: Person
    review_on: date | None  # None: on legal hold
    reasons: tuple[str, ...]


def schedule_for(authority_id: int, on: date) -> rules.Schedule:
    """The schedule in force on `on`, or the defaults (security.md §3) when none is recorded."""
    row = (
        RetentionSchedule.objects.filter(authority_id=authority_id, effective_from__lte=on)
        .order_by("-effective_from")
        .first()
    )
    if row is None:
        return rules.Schedule()
    return rules.Schedule(row.cin_years_after_inactivity, row.cp_years_after_closure)


def review_dates(*, authority_id: int, on: date, people: object = None) -> list[Due]:
    """Every person with any activity, with their review date: two queries whatever the number."""
    schedule = schedule_for(authority_id, on)
    held = LegalHold.objects.filter(person_id=OuterRef("pk"), released_at__isnull=True)
    rows = (people if people is not None else Person.objects).filter(authority_id=authority_id)  # type: ignore[attr-defined]
    rows = rows.annotate(
        last_contact=Max("contact_journeys__contact__received_at"),
        last_referral=Max("referrals__referral_date"),
        last_closure=Max("referrals__closure_date"),
        on_hold=Exists(held),
        last_note=_latest(NoteChild.objects.filter(person_id=OuterRef("pk")), "note__occurred_at"),
        last_document=_latest(Document.objects.filter(person_id=OuterRef("pk")), "uploaded_at"),
    ).filter(
        Q(last_contact__isnull=False)
        | Q(last_referral__isnull=False)
        | Q(last_note__isnull=False)
        | Q(last_document__isnull=False)
    )
    result = []
    for person in rows.order_by("pk"):
        activity = [d for d in (person.last_referral, person.last_closure) if d]
        for moment in (person.last_contact, person.last_note, person.last_document):
            if moment:
                activity.append(timezone.localtime(moment).date())  # the day in England
        facts = rules.Facts(
            last_activity=max(activity),
            date_of_birth=person.date_of_birth,
            date_of_death=person.date_of_death,
            legal_hold=person.on_hold,
        )
        dates = rules.candidate_dates(facts, schedule)
        result.append(Due(person, rules.review_date(facts, schedule), tuple(sorted(dates))))
    return result


def _latest(rows: QuerySet[Any], field: str) -> Subquery:
    """The latest `field` of the person's rows: case notes and documents are activity on the record
    too (issue 16 §1, §2), kept until the record's review date and never deleted before it."""
    return Subquery(rows.order_by(f"-{field}").values(field)[:1])


def due_for_review(*, actor: User, on: date) -> list[Due]:
    """Records whose review date has come (or on legal hold), soonest first; the page logs the
    children listed."""
    require(actor, "retention.view")
    people = Person.objects.filter(visible(actor))
    rows = [
        d
        for d in review_dates(authority_id=actor.authority_id, on=on, people=people)  # type: ignore[arg-type]
        if d.review_on is None or d.review_on <= on
    ]
    rows.sort(key=lambda d: (d.review_on or date.min, d.person.pk))
    access_log(actor=actor, person_ids=(d.person.pk for d in rows), purpose=PURPOSE)
    return rows
