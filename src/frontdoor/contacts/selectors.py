"""Every read in the front door, scoped to the actor's authority, logging who saw which children.

Queries are constant in number whatever the volume: lists are built with select_related and one
prefetch, never a query per row.
"""

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import TypedDict

from dateutil.relativedelta import relativedelta
from django.db.models import Count, Max, OuterRef, Prefetch, Q, QuerySet, Subquery
from django.http import Http404
from django.urls import reverse
from django.utils import timezone

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.contacts.models import (
    OPEN_STAGES,
    STAGE_LABELS,
    Contact,
    ContactChild,
    DailyReview,
    DecisionCorrection,
    LinkProposal,
    PartnerCheck,
)
from frontdoor.contacts.rules import EarlierContact
from frontdoor.core.chronology import Entry
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people.linkage import BAND_LABELS
from frontdoor.people.models import Person, Residence
from frontdoor.people.rules import full_name

NOT_FOUND = "No contact was found with that reference."


def _journeys(actor: User) -> QuerySet[ContactChild]:
    """The children's journeys the actor may see (access.scope.visible): scope and restrictions."""
    return ContactChild.objects.filter(
        visible(actor, "person_id"), authority_id=actor.authority_id
    ).select_related("contact", "person", "owner", "decision_clock", "statutory_clock", "decision")


def queue_for(
    *, actor: User, stage: str | None = None, rag: str | None = None, now: datetime | None = None
) -> list[ContactChild]:
    """Open front-door work, breached first, then by how soon each decision is due."""
    require(actor, "child.view")
    journeys = _journeys(actor).filter(stage__in=OPEN_STAGES)
    if stage:
        journeys = journeys.filter(stage=stage)
    if rag:
        journeys = journeys.filter(rag=rag)
    rows = list(journeys.order_by("decision_clock__due_at", "pk")[:500])
    access_log(actor=actor, person_ids=(j.person_id for j in rows), purpose="contacts.queue")
    return rows


def stage_counts(*, actor: User) -> dict[str, int]:
    """How many children are at each open stage right now (one query)."""
    require(actor, "child.view")
    counts: dict[str, int] = {str(stage): 0 for stage in OPEN_STAGES}
    for row in (
        ContactChild.objects.filter(
            visible(actor, "person_id"), authority_id=actor.authority_id, stage__in=OPEN_STAGES
        )
        .values("stage")
        .annotate(n=Count("pk"))
    ):
        counts[row["stage"]] = row["n"]
    return counts


class JourneyStage(TypedDict):
    """A row of journey_stages."""

    pk: int
    contact__reference: str
    person_id: int
    stage: str
    stage_entered_at: datetime


def journey_stages(*, actor: User) -> QuerySet[ContactChild, JourneyStage]:
    """The current stage of every child's contact and when it entered it: one query."""
    require(actor, "child.view")
    return ContactChild.objects.filter(visible(actor, "person_id"), authority_id=actor.authority_id).values(
        "pk", "contact__reference", "person_id", "stage", "stage_entered_at"
    )


def contact_get_for(*, actor: User, contact_id: int, purpose: str = "contacts.detail") -> Contact:
    """One contact with its children, checks and decisions; 404 for missing and not-yours alike."""
    require(actor, "child.view")
    journeys = (
        ContactChild.objects.filter(visible(actor, "person_id"))
        .select_related(
            "person",
            "decision_clock",
            "statutory_clock",
            "decision",
            "decision__need_level",
            "decision__decided_by",
            "screened_by",
            "referral",
            "link_proposal",
        )
        .prefetch_related(
            "daily_reviews",
            "stage_events",
            Prefetch(
                "decision__corrections",
                queryset=DecisionCorrection.objects.select_related("need_level_before", "corrected_by"),
            ),
        )
    )
    try:
        contact = (
            Contact.objects.filter(authority_id=actor.authority_id)
            .select_related("source_agency", "source_professional", "recorded_by", "referrer_person")
            .prefetch_related(
                Prefetch("children", queryset=journeys.order_by("pk")),
                Prefetch("partner_checks", queryset=PartnerCheck.objects.select_related("agency", "clock")),
            )
            .get(pk=contact_id)
        )
    except Contact.DoesNotExist:
        raise Http404(NOT_FOUND) from None
    if not contact.children.all():  # every child on it is out of the actor's scope or restricted
        raise Http404(NOT_FOUND)
    access_log(actor=actor, person_ids=(j.person_id for j in contact.children.all()), purpose=purpose)
    return contact


def journey_get_for(*, actor: User, journey_id: int, purpose: str) -> ContactChild:
    require(actor, "child.view")
    try:
        journey = _journeys(actor).get(pk=journey_id)
    except ContactChild.DoesNotExist:
        raise Http404(NOT_FOUND) from None
    access_log(actor=actor, person_ids=[journey.person_id], purpose=purpose)
    return journey


def partner_check_get_for(*, actor: User, check_id: int) -> PartnerCheck:
    require(actor, "child.view")
    try:
        check = PartnerCheck.objects.select_related("contact", "agency", "clock").get(
            pk=check_id, authority_id=actor.authority_id
        )
    except PartnerCheck.DoesNotExist:
        raise Http404("No partner check was found.") from None
    # The check's page names the contact and its question, which is about the contact's children.
    children = list(
        ContactChild.objects.filter(visible(actor, "person_id"), contact_id=check.contact_id).values_list(
            "person_id", flat=True
        )
    )
    if not children:
        raise Http404("No partner check was found.")
    access_log(actor=actor, person_ids=children, purpose="contacts.check_respond")
    return check


@dataclass(frozen=True)
class ReviewRow:
    """One line of the daily review list, as plain values (read with values_list: it is re-read by
    every manager every morning, and model instances cost twice the query; bench/board.py)."""

    pk: int  # the child's journey (ContactChild)
    contact_id: int
    person_id: int
    person_name: str
    reference: str
    stage: str
    rag: str
    waiting: timedelta
    last_review_at: datetime | None

    @property
    def stage_label(self) -> str:
        return STAGE_LABELS.get(self.stage, self.stage)


REVIEW_COLUMNS = (
    "pk",
    "contact_id",
    "person_id",
    "person__first_name",
    "person__last_name",
    "person__expected_date_of_birth",
    "contact__reference",
    "stage",
    "rag",
    "contact__received_at",
    "last_review_at",
)


def daily_review_list(*, actor: User, now: datetime | None = None) -> list[ReviewRow]:
    """Contacts still undecided 24 hours after receipt, oldest first, with their last review."""
    require(actor, "child.view")
    now = now or timezone.now()
    # The latest review as a subquery, not Max() over a join: the aggregate would GROUP BY every
    # selected column.
    last_review = (
        DailyReview.objects.filter(contact_child=OuterRef("pk"))
        .order_by("-reviewed_at")
        .values("reviewed_at")[:1]
    )
    read = list(
        ContactChild.objects.filter(
            visible(actor, "person_id"),
            authority_id=actor.authority_id,
            stage__in=OPEN_STAGES,
            contact__received_at__lte=now - timedelta(hours=24),
        )
        .annotate(last_review_at=Subquery(last_review))
        .order_by("contact__received_at", "pk")
        .values_list(*REVIEW_COLUMNS)
    )
    access_log(actor=actor, person_ids=(r[2] for r in read), purpose="contacts.daily_review")
    return [
        ReviewRow(
            pk, contact, person, full_name(first, last, expected), ref, stage, rag, now - received, seen
        )
        for pk, contact, person, first, last, expected, ref, stage, rag, received, seen in read
    ]


def household_ids(person: Person, *, on: datetime | None = None) -> set[int]:
    """The people living at the person's current address (the person included)."""
    addresses = Residence.objects.filter(person=person, end__isnull=True).values("address_id")
    return set(
        Residence.objects.filter(address_id__in=addresses, end__isnull=True).values_list(
            "person_id", flat=True
        )
    ) | {person.pk}


def earlier_contacts_for(*, person: Person, before: Contact) -> list[EarlierContact]:
    """Contacts in the 12 months before `before` about this child or their household's children."""
    household = household_ids(person)
    since = before.received_at - relativedelta(months=12)
    journeys = (
        ContactChild.objects.filter(
            person_id__in=household,
            contact__received_at__gt=since,
            contact__received_at__lte=before.received_at,
        )
        .exclude(contact=before)
        .select_related("contact")
    )
    seen: dict[tuple[int, bool], EarlierContact] = {}
    for j in journeys:
        c = j.contact
        key = (c.pk, j.person_id == person.pk)
        referrer = (
            f"person:{c.referrer_person_id}"
            if c.referrer_person_id
            else " ".join(c.referrer_name.lower().split())
        )
        seen[key] = EarlierContact(c.reference, c.received_at, j.person_id == person.pk, c.source, referrer)
    # A contact about both this child and a sibling counts once, as about this child.
    about_child = {cid for cid, mine in seen if mine}
    return [e for (cid, mine), e in seen.items() if mine or cid not in about_child]


def history_for(
    *, actor: User, person: Person, months: int = 12, exclude_contact_id: int | None = None
) -> dict[str, list[ContactChild]]:
    """The child's and their household's contacts in the last `months` months, newest first."""
    require(actor, "child.view")
    household = household_ids(person)
    since = timezone.now() - relativedelta(months=months)
    rows = list(
        _journeys(actor)
        .filter(person_id__in=household, contact__received_at__gte=since)
        .order_by("-contact__received_at")
    )
    access_log(actor=actor, person_ids=(j.person_id for j in rows), purpose="contacts.history")
    return {
        "child": [j for j in rows if j.person_id == person.pk],
        "household": [j for j in rows if j.person_id != person.pk],
        # Other contacts than `exclude_contact_id` (the one on screen), for "earlier contacts" lists.
        "earlier": [j for j in rows if j.contact_id != exclude_contact_id],
    }


def open_journey_count(*, actor: User) -> int:
    return ContactChild.objects.filter(
        visible(actor, "person_id"), authority_id=actor.authority_id, stage__in=OPEN_STAGES
    ).count()


def chronology_entries(*, actor: User, person: Person) -> list[Entry]:
    """The child's front-door record as chronology entries: each contact about them, its partner
    checks (asked and answered) and the decision. No access log: the child's page logs one."""
    require(actor, "child.view")
    journeys = (
        ContactChild.objects.filter(authority_id=actor.authority_id, person_id=person.pk)
        .select_related("contact", "decision__decided_by")
        .prefetch_related(
            Prefetch("contact__partner_checks", queryset=PartnerCheck.objects.select_related("agency"))
        )
    )
    entries: list[Entry] = []
    for journey in journeys:
        contact = journey.contact
        url = reverse("contacts:detail", args=[contact.pk])
        entries.append(
            Entry(
                at=contact.received_at,
                kind="contact",
                title=f"Contact {contact.reference} from {contact.get_source_display()}",
                detail=contact.concerns,
                url=url,
            )
        )
        for check in contact.partner_checks.all():
            entries.append(
                Entry(
                    at=check.requested_at,
                    kind="partner check",
                    title=f"Check asked of {check.agency.name}",
                    detail=check.question,
                    url=url,
                )
            )
            if check.responded_at is not None:
                entries.append(
                    Entry(
                        at=check.responded_at,
                        kind="partner check",
                        title=f"{check.agency.name} answered",
                        detail=check.response,
                        url=url,
                    )
                )
        decision = getattr(journey, "decision", None)
        if decision is not None:
            entries.append(
                Entry(
                    at=decision.decided_at,
                    kind="decision",
                    title=f"Decision by {decision.decided_by.display_name}: {decision.get_outcome_display()}",
                    detail=decision.rationale,
                    url=url,
                )
            )
    return entries


def with_front_door_history(people: QuerySet[Person]) -> QuerySet[Person]:
    """People annotated with their contacts in 12 months, last contact and journeys still open: what
    "is this child already known?" shows beside each match (people.history)."""
    since = timezone.now() - relativedelta(months=12)
    return people.annotate(
        contacts_12_months=Count(
            "contact_journeys", filter=Q(contact_journeys__contact__received_at__gte=since), distinct=True
        ),
        last_contact_at=Max("contact_journeys__contact__received_at"),
        open_journeys=Count(
            "contact_journeys", filter=Q(contact_journeys__stage__in=OPEN_STAGES), distinct=True
        ),
    )


@dataclass(frozen=True)
class LinkCandidate:
    person: Person
    score: float
    band: str
    band_label: str
    reasons: tuple[str, ...]


def link_proposal_for(
    *, actor: User, journey_id: int
) -> tuple[ContactChild, LinkProposal, list[LinkCandidate]]:
    """A journey's link proposal with the candidates the actor may see, each access-logged; 404 for
    a journey with no proposal, missing, or not the actor's. Three queries and the access log."""
    journey = journey_get_for(actor=actor, journey_id=journey_id, purpose="contacts.link")
    proposal = LinkProposal.objects.filter(journey=journey).first()
    if proposal is None:
        raise Http404(NOT_FOUND)
    ids = [c["person_id"] for c in proposal.candidates]
    people = Person.objects.filter(visible(actor), authority_id=actor.authority_id).in_bulk(ids)
    candidates = [
        LinkCandidate(
            people[c["person_id"]], c["score"], c["band"], BAND_LABELS[c["band"]], tuple(c["reasons"])
        )
        for c in proposal.candidates
        if c["person_id"] in people
    ]
    access_log(actor=actor, person_ids=[c.person.pk for c in candidates], purpose="contacts.link")
    return journey, proposal, candidates


def open_siblings(*, actor: User, journey: ContactChild, purpose: str) -> list[ContactChild]:
    """The other children of the journey's contact still at the front door that the actor may see,
    for the screening and decision pages' "the same for" choice (contacts.siblings). Logs them."""
    require(actor, "child.view")
    siblings = list(
        ContactChild.objects.filter(
            visible(actor, "person_id"),
            authority_id=actor.authority_id,
            contact_id=journey.contact_id,
            stage__in=OPEN_STAGES,
        )
        .exclude(pk=journey.pk)
        .select_related("person")
        .order_by("pk")
    )
    access_log(actor=actor, person_ids=[s.person_id for s in siblings], purpose=purpose)
    return siblings
