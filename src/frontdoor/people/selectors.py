"""Every read of people: one person, "is this child already known?", households and relatives.

Reads are scoped to the actor's authority and logged (audit.services.access_log). A person in
another authority is reported exactly as a missing one. Search fetches candidates by blocking keys
(people.rules.blocking_keys) in one SQL statement (people.blocking), shortlists the likeliest
(people.prescore), scores them in Python with the authority's Fellegi-Sunter weights
(people.linkage.score), then loads history and households for the best few: a fixed number of
queries however many people match.
"""

from dataclasses import dataclass, field
from datetime import datetime
from typing import Any

from django.db.models import QuerySet
from django.http import Http404

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import require
from frontdoor.people import blocking, co_residents, history, linkage, prescore, rules
from frontdoor.people.models import (
    LinkageWeights,
    Person,
    PersonName,
    Relationship,
    RelationshipKind,
    Residence,
)

NOT_FOUND = "No person was found with that reference."
SEARCH_PURPOSE = "person.search"
SPARE_MATCHES = 10

# What the relative is to the person, read from the stored row's direction.
_FORWARD: dict[str, str] = {  # row (relative -> person): the relative is <label> of the person
    RelationshipKind.PARENT: "Parent",
    RelationshipKind.STEP_PARENT: "Step-parent",
    RelationshipKind.CARER: "Carer",
    RelationshipKind.SIBLING: "Sibling",
    RelationshipKind.HALF_SIBLING: "Half-sibling",
    RelationshipKind.GRANDPARENT: "Grandparent",
    RelationshipKind.AUNT_UNCLE: "Aunt or uncle",
    RelationshipKind.PARTNER: "Partner",
    RelationshipKind.OTHER_FAMILY: "Other family member",
    RelationshipKind.NON_FAMILY: "Known to them",
}
_INVERSE: dict[str, str] = {  # row (person -> relative): the relative is <label> of the person
    RelationshipKind.PARENT: "Child",
    RelationshipKind.STEP_PARENT: "Step-child",
    RelationshipKind.CARER: "Cared for by them",
    RelationshipKind.GRANDPARENT: "Grandchild",
    RelationshipKind.AUNT_UNCLE: "Niece or nephew",
}


@dataclass(frozen=True)
class PersonHistory:
    contacts_12_months: int = 0
    last_contact_at: datetime | None = None
    open_journeys: int = 0
    household: list[str] = field(default_factory=list)  # display names of current co-residents


@dataclass(frozen=True)
class PersonMatch:
    person: Person
    score: float  # the match probability
    reasons: tuple[str, ...]
    history: PersonHistory
    band: str = linkage.MATCH  # linkage.MATCH or linkage.POSSIBLE
    weight: float = 0.0  # the match weight in bits

    @property
    def band_label(self) -> str:
        return linkage.BAND_LABELS[self.band]


@dataclass(frozen=True)
class Relative:
    person: Person
    relationship: str  # what `person` is to the one asked about: "Parent", "Child", "Sibling"...
    kind: str
    is_family: bool


def _people(actor: User) -> QuerySet[Person]:
    """The people the actor may see: their authority, their team's scope, past any restriction
    (access.scope.visible). Everyone else is "not found"."""
    return Person.objects.filter(visible(actor), authority_id=actor.authority_id)


def person_get_for(*, actor: User, person_id: Any, purpose: str) -> Person:
    """The person, if they belong to the actor's authority; logs the access under `purpose`.

    Raises Http404 with the same message whether the person is missing or belongs to another
    authority, and then logs nothing.
    """
    require(actor, "child.view")
    try:
        person = _people(actor).filter(pk=int(person_id)).first()
    except (TypeError, ValueError):
        person = None
    if person is None:
        raise Http404(NOT_FOUND)
    access_log(actor=actor, person_ids=[person.pk], purpose=purpose)
    return person


@dataclass(frozen=True)
class SearchResults:
    """The best `limit` matches, and how many the actor may see in all ("showing 20 of 57")."""

    matches: list[PersonMatch]
    total: int


def person_search(
    *, actor: User, query: rules.SearchQuery, limit: int = 10, children_only: bool = False
) -> list[PersonMatch]:
    """The best matches only (see person_search_counted)."""
    return person_search_counted(actor=actor, query=query, limit=limit, children_only=children_only).matches


def person_search_counted(
    *, actor: User, query: rules.SearchQuery, limit: int = 10, children_only: bool = False
) -> SearchResults:
    """People in the actor's authority who may be the one described, best first: matches and
    possible matches (people.linkage bands), each with the reasons, their front-door history and
    household; and how many such people the actor may see, so a page can say it shows only some.

    Three queries whatever the number of candidates or matches (one when nothing is a candidate):
    the candidates with their other names and addresses and the id of the authority's newest
    weights (people.blocking, one statement); the matches with their history counts and households
    (people.co_residents); and the access log of the people returned, one INSERT. A fourth reads
    the weights on the first search after a new estimate (they are cached per process, see
    WEIGHTS_CACHE), and another counts the visible matches when there are more than the page and
    its spare places.
    """
    require(actor, "child.view")
    keys = rules.blocking_keys(query)
    if keys.empty or actor.authority_id is None:
        return SearchResults([], 0)
    candidates, weights_id = blocking.found(actor.authority_id, keys)
    if children_only:
        candidates = [row for row in candidates if row["is_child"]]
    if not candidates:
        return SearchResults([], 0)
    # Candidates come from the whole authority so that every lookup keeps its selective index; the
    # people the actor may not see (access.scope) are dropped when the matches are loaded, with
    # spare places ranked so that they do not crowd out visible matches.
    weights = _weights(actor.authority_id, weights_id)
    every = _scored(query, keys, candidates, weights, limit=len(candidates))
    ranked = every[: limit + SPARE_MATCHES]
    if not ranked:
        return SearchResults([], 0)
    people = _with_history(actor, _people(actor).filter(pk__in=[pk for pk, _ in ranked]))
    total = len(people)
    if len(every) > len(ranked):
        total += _people(actor).filter(pk__in=[pk for pk, _ in every[len(ranked) :]]).count()
    ranked = [(pk, match) for pk, match in ranked if pk in people][:limit]
    return SearchResults(_matches(actor, ranked, people), total)


def _matches(
    actor: User, ranked: list[tuple[int, linkage.LinkMatch]], people: dict[int, Person]
) -> list[PersonMatch]:
    ids = [pk for pk, _ in ranked]
    access_log(actor=actor, person_ids=ids, purpose=SEARCH_PURPOSE)
    return [
        PersonMatch(
            person=people[pk],
            score=match.score,
            reasons=match.reasons,
            band=match.band,
            weight=match.weight,
            history=PersonHistory(
                contacts_12_months=getattr(people[pk], "contacts_12_months", 0),
                last_contact_at=getattr(people[pk], "last_contact_at", None),
                open_journeys=getattr(people[pk], "open_journeys", 0),
                household=_household(people[pk]),
            ),
        )
        for pk, match in ranked
    ]


CANDIDATE_FIELDS = blocking.CANDIDATE_FIELDS


def _candidates(authority_id: int, keys: rules.BlockingKeys) -> list[dict[str, Any]]:
    """Candidate rows with their other names and postcodes (people.blocking): one query."""
    return blocking.candidates(authority_id, keys)


def _scored(
    query: rules.SearchQuery,
    keys: rules.BlockingKeys,
    candidates: list[dict[str, Any]],
    weights: linkage.Weights,
    limit: int,
) -> list[tuple[int, linkage.LinkMatch]]:
    """The best matches among the candidates: the FULLY_SCORED with most agreements
    (people.prescore), scored by people.linkage."""
    records = prescore.shortlist(keys, _candidate_records(candidates), blocking.FULLY_SCORED)
    return linkage.rank(query, records, limit=limit, weights=weights)


def _with_names_and_homes(
    rows: list[Any], names: QuerySet[PersonName], homes: QuerySet[Residence]
) -> list[dict[str, Any]]:
    """Rows of (pk, *CANDIDATE_FIELDS), each with the other names and postcodes: two queries."""
    by_pk = {
        row[0]: {"pk": row[0], **dict(zip(CANDIDATE_FIELDS, row[1:], strict=True)), "other_names": [],
                 "postcodes": [], "former_postcodes": []}
        for row in rows
    }  # fmt: skip
    for name in names.values("person_id", "first_name", "last_name", "kind"):
        other = rules.OtherName(name["first_name"], name["last_name"], name["kind"])
        by_pk[name["person_id"]]["other_names"].append(other)
    for home in homes.values("person_id", "address__postcode", "end"):
        which = "postcodes" if home["end"] is None else "former_postcodes"
        by_pk[home["person_id"]][which].append(home["address__postcode"])
    return list(by_pk.values())


def likely_matches(
    *, authority_id: int, query: rules.SearchQuery, children_only: bool = True, limit: int = 3
) -> list[tuple[int, linkage.LinkMatch]]:
    """The ids of the people who may be the one described, best first, with their match: for a way
    in that must not create a second record of a known child (the partner portal, imports). Shows
    no one to anybody, so it needs no permission and logs no access: whoever later opens one of
    these records goes through person_get_for. One query (none when there is nothing to look up; a
    second on the first search after a new estimate of the weights).
    """
    keys = rules.blocking_keys(query)
    if keys.empty:
        return []
    candidates, weights_id = blocking.found(authority_id, keys)
    if children_only:
        candidates = [row for row in candidates if row["is_child"]]
    return _scored(query, keys, candidates, _weights(authority_id, weights_id), limit)


def linkage_weights_for(*, authority_id: int) -> linkage.Weights:
    """The authority's newest estimated weights (`frontdoor linkage_weights`), or the defaults: one query."""
    row = LinkageWeights.objects.filter(authority_id=authority_id).order_by("-estimated_at", "-pk").first()
    if row is None:
        return linkage.DEFAULT_WEIGHTS
    return linkage.Weights.from_json(row.weights, estimated_on=row.estimated_at.date())


# The weights each authority's searches last used, by the id of their row, in this process. A row is
# never changed once written (a new estimate is a new row), so its id is a complete validity check,
# and the candidate statement returns the newest id (people.blocking): no round trip to check, and
# one to read the row only on the first search after a new estimate. Parsing the term-frequency
# tables is skipped too.
WEIGHTS_CACHE: dict[int, tuple[int, linkage.Weights]] = {}


def _weights(authority_id: int, weights_id: int | None) -> linkage.Weights:
    """The authority's newest weights, `weights_id` (from people.blocking.found), or the defaults:
    no query when that row is cached, else one."""
    if weights_id is None:
        return linkage.DEFAULT_WEIGHTS
    cached = WEIGHTS_CACHE.get(authority_id)
    if cached is not None and cached[0] == weights_id:
        return cached[1]
    row = LinkageWeights.objects.get(pk=weights_id)
    weights = linkage.Weights.from_json(row.weights, estimated_on=row.estimated_at.date())
    WEIGHTS_CACHE[authority_id] = (weights_id, weights)
    return weights


def register_records(*, authority_id: int) -> list[rules.CandidateRecord]:
    """Every person on the authority's register as the matcher compares them: three queries.

    For estimating the weights (people.linkage_services), not for showing anyone: no person's
    record is displayed, so nothing is access-logged.
    """
    return [record for _, record in register_records_by_id(authority_id=authority_id)]


def register_records_by_id(*, authority_id: int) -> list[tuple[int, rules.CandidateRecord]]:
    """register_records with each person's id, for the duplicate scan (identity.services), which
    shows pairs only through pages that log their reads: three queries."""
    # A record merged into another is kept only for the undo and the audit trail: not on the register.
    people = Person.objects.filter(authority_id=authority_id, merged_into__isnull=True).order_by("pk")
    rows = list(people.values_list("pk", *CANDIDATE_FIELDS))
    names = PersonName.objects.filter(person__authority_id=authority_id)
    homes = Residence.objects.filter(person__authority_id=authority_id)
    return _candidate_records(_with_names_and_homes(rows, names, homes))


def _candidate_records(rows: list[dict[str, Any]]) -> list[tuple[int, rules.CandidateRecord]]:
    return [
        (
            row["pk"],
            rules.CandidateRecord(
                first_name=row["first_name"],
                last_name=row["last_name"],
                other_names=tuple(row["other_names"]),
                date_of_birth=row["date_of_birth"],
                nhs_number=row["nhs_number"],
                upn=row["upn"],
                postcodes=tuple(row["postcodes"]),
                middle_names=row["middle_names"],
                known_as=row["known_as"],
                former_postcodes=tuple(row["former_postcodes"]),
            ),
        )
        for row in rows
    ]


def _with_history(actor: User, people: QuerySet[Person]) -> dict[int, Person]:
    """The people, each annotated with their front-door history (people.history) and the others
    the actor may see living at their current addresses (people.co_residents): one query."""
    annotated = history.with_history(people.annotate(household_members=co_residents.co_residents(actor)))
    return {person.pk: person for person in annotated}


def _household(person: Person) -> list[str]:
    """The display names of the person's co-residents, by surname, first name and id."""
    members = {row["pk"]: row for row in getattr(person, "household_members", None) or []}
    ordered = sorted(members.values(), key=lambda row: (row["last"], row["first"], row["pk"]))
    return [rules.full_name(row["first"], row["last"], co_residents.due_date(row["due"])) for row in ordered]


def household_for(*, actor: User, person: Person) -> list[Person]:
    """People with a current residence at any of the person's current addresses (not the person).

    For display beside a record the caller has already read through person_get_for (and logged);
    log access separately before showing any of these people's own records.
    """
    homes = Residence.objects.filter(person=person, end__isnull=True).values("address_id")
    return list(
        Person.objects.filter(
            visible(actor),
            authority_id=person.authority_id,
            residences__end__isnull=True,
            residences__address_id__in=homes,
        )
        .exclude(pk=person.pk)
        .distinct()
        .order_by("last_name", "first_name", "pk")
    )


def relatives_for(*, actor: User, person: Person) -> list[Relative]:
    """Everyone related to the person, whichever way the relationship was stored, with what they
    are to the person ("Parent", "Child", "Sibling"...). Two queries."""
    relatives: list[Relative] = []
    seen: set[tuple[int, str]] = set()
    incoming = (
        Relationship.objects.filter(visible(actor, "person_id"), other=person)
        .select_related("person")
        .order_by("pk")
    )
    for row in incoming:  # row.person is <kind> of person
        relatives.append(_relative(row.person, _FORWARD[row.kind], row.kind))
        seen.add((row.person_id, row.kind))
    outgoing = (
        Relationship.objects.filter(visible(actor, "other_id"), person=person)
        .select_related("other")
        .order_by("pk")
    )
    for row in outgoing:  # person is <kind> of row.other
        if (row.other_id, row.kind) not in seen:  # symmetric kinds were already read from their twin
            label = _INVERSE.get(row.kind) or _FORWARD[row.kind]
            relatives.append(_relative(row.other, label, row.kind))
    return [r for r in relatives if r.person.authority_id == person.authority_id]


def _relative(other: Person, label: str, kind: str) -> Relative:
    return Relative(
        person=other, relationship=label, kind=kind, is_family=kind != RelationshipKind.NON_FAMILY
    )
