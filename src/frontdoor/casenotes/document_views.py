"""Thin views for a child's documents: the list, an upload to the child's record, and an upload
attached to a case note. The download is documents.views (scope-checked, logged, attachment)."""

from collections.abc import Sequence
from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import models
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.casenotes import selectors
from frontdoor.casenotes.views import about, form_page
from frontdoor.core.web import StaffRequest, submit
from frontdoor.documents import selectors as document_selectors
from frontdoor.documents.forms import DocumentForm
from frontdoor.documents.services import document_attach
from frontdoor.organisations.permissions import can, require
from frontdoor.people.selectors import person_get_for


@login_required
def child_documents(request: StaffRequest, pk: int) -> HttpResponse:
    person = person_get_for(actor=request.user, person_id=pk, purpose="documents.list")
    documents = document_selectors.documents_for(actor=request.user, person=person)
    context = {
        "person": person,
        "documents": documents,
        "may_upload": can(request.user, "document.upload"),
    }
    return render(request, "casenotes/documents.html", context)


def _upload(
    request: StaffRequest,
    *,
    person: Any,
    subject: models.Model,
    back: str,
    caption: str,
    also_about: Sequence[Any] = (),
) -> HttpResponse:
    form = DocumentForm(request.POST or None, request.FILES or None)
    document = submit(
        request,
        form,
        lambda data: document_attach(
            actor=request.user, person=person, subject=subject, also_about=also_about, **data
        ),
    )
    if document is not None:
        messages.success(request, f"{document.title} attached")
        return redirect(back)
    context = {"form": form, "page_title": "Attach a document", "caption": caption, "back_url": back,
               "multipart": True, "button": "Attach"}  # fmt: skip
    return form_page(request, context)


@login_required
def child_document_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "document.upload")
    person = person_get_for(actor=request.user, person_id=pk, purpose="documents.upload")
    back = reverse("casenotes:documents", args=[person.pk])
    return _upload(request, person=person, subject=person, back=back, caption=person.full_name)


@login_required
def note_document_new(request: StaffRequest, pk: int) -> HttpResponse:
    """A document attached to a note, filed on the record of the note's first child and about every
    child of the note: each child's documents list shows it, to a user who may see them all."""
    require(request.user, "document.upload")
    note = selectors.note_get_for(actor=request.user, note_id=pk, purpose="documents.upload")
    children = [c.person for c in note.note_children.all()]
    back = reverse("casenotes:note", args=[note.pk])
    return _upload(
        request, person=children[0], subject=note, back=back, caption=about(note), also_about=children[1:]
    )
