"""Reading documents: scoped to the actor's authority and to children the actor may see, the same
"not found" for a missing document and one outside scope; lists and downloads access-logged."""

from dataclasses import dataclass
from typing import Any

from django.db.models import Exists, OuterRef, Q, QuerySet
from django.http import Http404

from frontdoor.access.scope import visible
from frontdoor.audit.services import access_log
from frontdoor.documents.models import Document, DocumentPerson
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import can, require

NOT_FOUND = "Document not found"
SECTION_SIZE = 5
SUBJECT_WORDS = {
    "people.person": "The child's record",
    "referrals.referral": "A children in need episode",
    "casenotes.casenote": "A case note",
}


def subject_words(document: Document) -> str:
    return SUBJECT_WORDS.get(document.subject_type, "A meeting")


def _documents(actor: User) -> QuerySet[Document]:
    """Documents about children the actor may all see: the child it is filed on and every other
    child it is about (a note about siblings); one hidden child hides the whole document."""
    hidden_other = DocumentPerson.objects.filter(document=OuterRef("pk")).exclude(visible(actor, "person_id"))
    return Document.objects.filter(visible(actor, "person_id"), authority_id=actor.authority_id).exclude(
        Exists(hidden_other)
    )


def _about(actor: User, person: Any) -> QuerySet[Document]:
    """The documents about one child: filed on their record, or naming them beside another child."""
    also = DocumentPerson.objects.filter(document=OuterRef("pk"), person_id=person.pk)
    return _documents(actor).filter(Q(person_id=person.pk) | Exists(also))


def documents_for(*, actor: User, person: Any) -> list[Document]:
    """The child's documents, newest first, for a page that has read the child (and logged it)
    through people.selectors.person_get_for with purpose "documents.list"."""
    require(actor, "child.view")
    return list(_about(actor, person).select_related("uploaded_by"))


def documents_on(*, actor: User, subject: Any) -> list[Document]:
    """Documents attached to one record (a note, an episode), for a page that has logged its access."""
    require(actor, "child.view")
    rows = _documents(actor).filter(subject_type=subject._meta.label_lower, subject_id=subject.pk)
    return list(rows.select_related("uploaded_by"))


def document_get_for(*, actor: User, document_id: object) -> Document:
    """One document for download: logged as "documents.download"."""
    require(actor, "child.view")
    try:
        document = _documents(actor).filter(pk=int(str(document_id))).first()
    except ValueError:
        document = None
    if document is None:
        raise Http404(NOT_FOUND)
    access_log(actor=actor, person_ids=[document.person_id], purpose="documents.download")
    return document


@dataclass(frozen=True)
class ChildDocuments:
    latest: list[Document]
    total: int
    may_upload: bool


def child_section(*, actor: User, person: Any) -> ChildDocuments:
    """For the child's page, which has logged its access."""
    require(actor, "child.view")
    rows = _about(actor, person)
    return ChildDocuments(
        latest=list(rows.select_related("uploaded_by")[:SECTION_SIZE]),
        total=rows.count(),
        may_upload=can(actor, "document.upload"),
    )
