"""The case notes section of the child's page, read where it is shown, so the page's view needs no
change (the page has logged its access for the child; casenotes.selectors.child_section reads)."""

from typing import Any

from django import template

from frontdoor.casenotes.selectors import ChildNotes, child_section

register = template.Library()


@register.simple_tag(takes_context=True)
def child_case_notes(context: Any, person: Any) -> ChildNotes:
    return child_section(actor=context["request"].user, person=person)
