"""The documents section of the child's page, read where it is shown (see casenote_sections)."""

from typing import Any

from django import template

from frontdoor.documents.models import Document
from frontdoor.documents.selectors import ChildDocuments, child_section, subject_words

register = template.Library()


@register.simple_tag(takes_context=True)
def child_documents(context: Any, person: Any) -> ChildDocuments:
    return child_section(actor=context["request"].user, person=person)


@register.filter
def attached_to(document: Document) -> str:
    return subject_words(document)
