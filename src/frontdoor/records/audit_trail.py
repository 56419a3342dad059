"""Reading the audit trail: "who has looked at this child's record", and what was written about them.

Only roles with "audit.view_access" may read it, only for people in their own authority, and reading
it is itself an access to the child's record, logged like any other (ASVS 8.3.5; UK GDPR Art. 5(2)).
"""

from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Count
from django.http import Http404

from frontdoor.access.scope import visible
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.audit.services import access_log
from frontdoor.identity.selectors import audit_people
from frontdoor.organisations.models import Role, User
from frontdoor.organisations.permissions import require
from frontdoor.people.models import Person
from frontdoor.people.selectors import NOT_FOUND

ACCESS_HISTORY_PURPOSE = "audit.access_history"
PAGE_SIZE = 50


@dataclass(frozen=True)
class AccessHistory:
    person: Person
    reads: Page  # AccessEvent rows, newest first, each with actor and actor.team loaded
    writes: Page  # AuditEvent rows about the person, newest first, each with actor loaded
    readers: int  # how many different members of staff have seen the record


# Who sees the reads made through allegation pages (allegations.selectors): the designated officer,
# and the data protection officer (auditor), who must see every read for accountability.
ALLEGATION_READERS = frozenset({Role.DESIGNATED_OFFICER, Role.AUDITOR})
ALLEGATION_PURPOSES = "allegations."


def person_access_history(
    *, actor: User, person_id: Any, reads_page: Any = 1, writes_page: Any = 1
) -> AccessHistory:
    """Every recorded read of the person's record and every write about them, newest first, a page
    (PAGE_SIZE rows) of each at a time.

    The actor's own view is logged (purpose ACCESS_HISTORY_PURPOSE) before the reads are listed, so
    the first row of the first page is this view. A person who is missing or in another authority
    raises the same Http404 as people.selectors.person_get_for, and nothing is logged.

    Seven queries whatever the history's length: the person, the log's insert, then a count and a
    page of reads, the number of readers, and a count and a page of writes. Rows about people merged
    into this one (audit rows cannot be moved) are read through identity.selectors.audit_people,
    subqueries within the same queries.
    """
    require(actor, "audit.view_access")
    person = _person_in_scope(actor, person_id)
    access_log(actor=actor, person_ids=[person.pk], purpose=ACCESS_HISTORY_PURPOSE)
    # A merge leaves audit rows naming the merged person (they cannot be updated): read them too.
    people = audit_people(person_id=person.pk)
    reads = AccessEvent.objects.filter(people, authority_id=actor.authority_id)
    if actor.role not in ALLEGATION_READERS:
        # A read through an allegation would tell a manager not named on it that one exists.
        reads = reads.exclude(purpose__startswith=ALLEGATION_PURPOSES)
    writes = AuditEvent.objects.filter(people, authority_id=actor.authority_id)
    return AccessHistory(
        person=person,
        reads=_page(reads.select_related("actor", "actor__team").order_by("-at", "-pk"), reads_page),
        writes=_page(writes.select_related("actor").order_by("-at", "-pk"), writes_page),
        readers=reads.aggregate(n=Count("actor_id", distinct=True))["n"],
    )


def _person_in_scope(actor: User, person_id: Any) -> Person:
    try:
        person = Person.objects.filter(
            visible(actor), authority_id=actor.authority_id, pk=int(person_id)
        ).first()
    except (TypeError, ValueError):
        person = None
    if person is None:
        raise Http404(NOT_FOUND)
    return person


def _page(rows: Any, number: Any) -> Page:
    page = Paginator(rows, PAGE_SIZE).get_page(number)
    page.object_list = list(page.object_list)  # read once here, not again by the template
    return page
