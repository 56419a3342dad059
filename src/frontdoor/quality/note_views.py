"""Thin views for practice notes: the list, raising one on a child's case, a note's page,
acknowledging and closing it."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import ValidationError
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.people.selectors import person_get_for
from frontdoor.quality import note_selectors, services
from frontdoor.quality.note_forms import CloseForm, PracticeNoteForm


@login_required
def notes(request: StaffRequest) -> HttpResponse:
    waiting, closed = note_selectors.notes_for(actor=request.user)
    context = {"waiting": waiting, "closed": closed, "can_raise": can(request.user, "practice_note.raise")}
    return render(request, "quality/notes.html", context)


@login_required
def note_new(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "practice_note.raise")
    person = person_get_for(actor=request.user, person_id=pk, purpose="quality.note_new")
    form = PracticeNoteForm(request.POST or None, authority_id=request.user.authority_id)
    done = submit(
        request, form, lambda data: services.practice_note_raise(actor=request.user, person=person, **data)
    )
    if done is not None:
        messages.success(
            request, f"Practice note sent to {done.worker.display_name} and {done.manager.display_name}"
        )
        return redirect("quality:note", pk=done.pk)
    context = {
        "form": form,
        "page_title": "Raise a practice note",
        "caption": person.full_name,
        "back_url": reverse("records:child", args=[person.pk]),
        "button": "Send the note",
    }
    return render(request, "quality/form.html", context)


@login_required
def note(request: StaffRequest, pk: int) -> HttpResponse:
    found = note_selectors.note_get_for(actor=request.user, note_id=pk)
    form = CloseForm(request.POST or None)
    if submit(
        request, form, lambda data: services.practice_note_close(actor=request.user, note=found, **data)
    ):
        messages.success(request, "Practice note closed with your response")
        return redirect("quality:note", pk=found.pk)
    context = {"note": found, "form": form, "addressed": services.may_answer(request.user, found)}
    return render(request, "quality/note.html", context)


@login_required
@require_POST
def note_acknowledge(request: StaffRequest, pk: int) -> HttpResponse:
    found = note_selectors.note_get_for(actor=request.user, note_id=pk)
    try:
        services.practice_note_acknowledge(actor=request.user, note=found)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, "Practice note acknowledged")
    return redirect("quality:note", pk=found.pk)
