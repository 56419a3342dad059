"""Thin views for a child's case notes: the list (with search), a new note, a note with its versions
and documents, and a correction. Every read goes through casenotes.selectors (access-logged), every
write through casenotes.services (audited); a refusal lands beside its field and saves nothing."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from frontdoor.casenotes import selectors, services
from frontdoor.casenotes.forms import CorrectionForm, NoteForm, SearchForm
from frontdoor.casenotes.models import CaseNote
from frontdoor.casenotes.rules import CONTENT
from frontdoor.core.web import StaffRequest, submit
from frontdoor.documents import selectors as document_selectors
from frontdoor.organisations.permissions import can, require
from frontdoor.people.selectors import person_get_for


@login_required
def child_notes(request: StaffRequest, pk: int) -> HttpResponse:
    person = person_get_for(actor=request.user, person_id=pk, purpose="casenotes.list")
    search = SearchForm(request.GET or None)
    words, significant = "", False
    if search.is_valid():
        words, significant = search.cleaned_data["q"], search.cleaned_data["significant"]
    notes = selectors.notes_for_child(
        actor=request.user, person=person, search=words, significant_only=significant
    )
    context = {
        "person": person,
        "notes": notes,
        "search": search,
        "searched": bool(words or significant),
        "may_record": can(request.user, "case_note.record"),
    }
    return render(request, "casenotes/notes.html", context)


def form_page(request: StaffRequest, context: dict) -> HttpResponse:
    return render(request, "casenotes/form.html", context)


@login_required
def note_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "case_note.record")
    person = person_get_for(actor=request.user, person_id=pk, purpose="casenotes.new")
    children = selectors.children_to_choose(actor=request.user, person=person)
    form = NoteForm(request.POST or None, children=children, initial={"children": [person.pk]})
    note = submit(request, form, lambda data: services.case_note_record(actor=request.user, **data))
    if note is not None:
        messages.success(request, "Case note recorded")
        return redirect("casenotes:note", pk=note.pk)
    back = reverse("casenotes:child", args=[person.pk])
    return form_page(
        request,
        {"form": form, "page_title": "Record a case note", "caption": person.full_name, "back_url": back},
    )


@login_required
def note_detail(request: StaffRequest, pk: int) -> HttpResponse:
    note = selectors.note_get_for(actor=request.user, note_id=pk)
    children = [c.person for c in note.note_children.all()]
    context = {
        "note": note,
        "children": children,
        "versions": list(note.versions.all()),
        "documents": document_selectors.documents_on(actor=request.user, subject=note),
        "may_correct": can(request.user, "case_note.record"),
        "may_upload": can(request.user, "document.upload"),
    }
    return render(request, "casenotes/note.html", context)


@login_required
def note_correct(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "case_note.record")
    note = selectors.note_get_for(actor=request.user, note_id=pk, purpose="casenotes.correct")
    initial = {name: getattr(note, name) for name in CONTENT} | {"version": note.version}
    form = CorrectionForm(request.POST or None, initial=initial)
    done = submit(
        request, form, lambda data: services.case_note_correct(actor=request.user, note=note, **data)
    )
    if done is not None:
        messages.success(request, "Case note corrected: the earlier version is kept")
        return redirect("casenotes:note", pk=note.pk)
    back = reverse("casenotes:note", args=[note.pk])
    return form_page(
        request, {"form": form, "page_title": "Correct a case note", "caption": about(note), "back_url": back}
    )


def about(note: CaseNote) -> str:
    """The note and the children it is about, as a form's caption: "Home visit on 3 Nov 2026: Ben Rowe"."""
    return f"{note}: {', '.join(c.person.full_name for c in note.note_children.all())}"
