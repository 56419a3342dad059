"""The child's household as the register links it, and the contacts about it (issue 17 §4).

Read when a contact is recorded, to store the household flag on the child's journey
(ContactChild.household_reasons): the screening page and the live board then show it without a
query of their own. A person later found to belong to the household (a relationship or residence
added) counts at once for the household's contacts still open: people.services tells
household_flags_recompute (registered by pathways.wiring), in its own transaction. Nothing
here is shown to anyone by itself, so nothing is access-logged: the pages that show the flag log
the journeys they show.
"""

from dataclasses import dataclass

from dateutil.relativedelta import relativedelta
from django.db.models import Q

from frontdoor.contacts import rules
from frontdoor.contacts.models import OPEN_STAGES, Contact, ContactChild
from frontdoor.people.models import FAMILY_KINDS, Person, Relationship, Residence

# Through whom a second step reaches the household: a parent's, carer's or partner's partner and
# children.
_CARERS = frozenset({"parent", "step_parent", "carer", "partner"})
_SECOND_STEP = frozenset({"partner", "parent", "step_parent"})


@dataclass(frozen=True)
class Member:
    person_id: int
    words: str  # who they are to the child: "Ben", "his sister Amy", "his mother's partner Dan"


def _name(person: Person) -> str:
    return person.first_name or person.full_name


def _relatives(person_id: int) -> list[tuple[Person, str]]:
    """Each family relative of the person with the kind they are to the person: one query."""
    rows = Relationship.objects.filter(
        Q(person_id=person_id) | Q(other_id=person_id), kind__in=FAMILY_KINDS
    ).select_related("person", "other")
    found: list[tuple[Person, str]] = []
    for row in rows.order_by("pk"):
        if row.other_id == person_id:  # row.person is <kind> of the person
            found.append((row.person, row.kind))
        else:  # the person is <kind> of row.other
            found.append((row.other, rules.INVERSE_KIND.get(row.kind, row.kind)))
    return found


def household_members(child: Person) -> list[Member]:
    """The child, their family relatives, their parents', carers' and partner's partners and
    children, and everyone living at the child's current address: four queries."""
    mine = rules.possessive(child.sex)
    members: dict[int, str] = {child.pk: _name(child)}
    carers: list[tuple[Person, str]] = []
    for relative, kind in _relatives(child.pk):
        word = rules.relation_word(kind, relative.sex)
        members.setdefault(relative.pk, f"{mine} {word} {_name(relative)}")
        if kind in _CARERS:
            carers.append((relative, word))
    if carers:
        second = Relationship.objects.filter(
            Q(person_id__in=[c.pk for c, _ in carers], kind__in=_SECOND_STEP)
            | Q(other_id__in=[c.pk for c, _ in carers], kind="partner")
        ).select_related("person", "other")
        by_pk = {c.pk: w for c, w in carers}
        for row in second.order_by("pk"):
            via, other = (row.person, row.other) if row.person_id in by_pk else (row.other, row.person)
            kind = "partner" if row.kind == "partner" else rules.INVERSE_KIND[row.kind]
            word = rules.relation_word(kind, other.sex)
            members.setdefault(other.pk, f"{mine} {by_pk[via.pk]}'s {word} {_name(other)}")
    homes = Residence.objects.filter(person_id=child.pk, end__isnull=True).values("address_id")
    residents = Residence.objects.filter(address_id__in=homes, end__isnull=True).select_related("person")
    for home in residents.order_by("person_id"):
        members.setdefault(home.person_id, f"{home.person.full_name}, living at the same address")
    return [Member(pk, words) for pk, words in members.items()]


def household_contacts(child: Person, contact: Contact) -> list[rules.HouseholdContact]:
    """Contacts in the 12 months up to `contact` (itself included) about anyone in the child's
    household, each with who it was about in words: five queries."""
    members = {m.person_id: m.words for m in household_members(child)}
    since = contact.received_at - relativedelta(months=12)
    journeys = (
        ContactChild.objects.filter(
            person_id__in=members,
            contact__authority_id=contact.authority_id,
            contact__received_at__gt=since,
            contact__received_at__lte=contact.received_at,
        )
        .order_by("contact__received_at", "contact_id", "person_id")
        .values_list("contact_id", "contact__received_at", "person_id")
    )
    about: dict[int, list[int]] = {contact.pk: [child.pk]}
    received = {contact.pk: contact.received_at}
    for contact_id, received_at, person_id in journeys:
        received[contact_id] = received_at
        people = about.setdefault(contact_id, [])
        if person_id not in people:
            people.append(person_id)
    return [
        rules.HouseholdContact(
            contact_key=str(cid),
            received_at=received[cid],
            about=tuple(members[pk] for pk in people),
            about_this_child=child.pk in people,
        )
        for cid, people in about.items()
    ]


def household_flags_recompute(person_ids: list[int]) -> int:
    """Flag afresh the open contacts about anyone in these people's households, as of when each
    was received, after a change in who belongs to them; the journeys whose flag changed are saved.
    Called inside the transaction of the change (people.membership). Returns how many changed."""
    people = Person.objects.filter(pk__in=person_ids)
    affected = {m.person_id for person in people for m in household_members(person)}
    journeys = ContactChild.objects.filter(person_id__in=affected, stage__in=OPEN_STAGES).select_related(
        "contact__authority", "person"
    )
    changed = 0
    for journey in journeys.order_by("pk"):
        contact = journey.contact
        reasons = rules.household_reasons(
            received_at=contact.received_at,
            contacts=household_contacts(journey.person, contact),
            threshold=contact.authority.household_repeat_threshold,
        )
        if reasons != journey.household_reasons:
            journey.household_reasons = reasons
            journey.save(update_fields=["household_reasons"])
            changed += 1
    return changed
