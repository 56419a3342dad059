"""Small helpers shared by thin views: map service errors onto forms, the htmx-aware redirect."""

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, TypeVar

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render

from frontdoor.core.exceptions import StaleEdit
from frontdoor.organisations.models import User


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


T = TypeVar("T")


def submit(request: HttpRequest, form: forms.BaseForm, save: Callable[[dict[str, Any]], T]) -> T | None:
    """For a POST whose form is valid, run `save(form.cleaned_data)` (one service call) and return
    its result. A refusal (a ValidationError, or StaleEdit for a save against an old version) lands
    on the form, beside the fields it names, and gives None, as do a GET and an invalid form."""
    if request.method != "POST" or not form.is_valid():
        return None
    try:
        return save(form.cleaned_data)
    except StaleEdit as error:
        form.add_error(None, str(error))
        if isinstance(error.changes, list):  # what the other person changed, in words
            for line in error.changes:
                form.add_error(None, f"Changed since you opened it: {line}")
    except ValidationError as error:
        apply_errors(form, error)
    return None


def episode_form_page(
    request: HttpRequest,
    referral: Any,
    form: forms.BaseForm,
    save: Callable[[dict[str, Any]], T],
    *,
    template: str,
    title: str,
    done: str | Callable[[T], str],
) -> HttpResponse:
    """A form about one child's episode (allocate, visit, start an assessment or plan, close): a valid
    POST runs `save`, says `done` and returns to the episode; otherwise the form, with any refusal
    beside its field, and nothing saved."""
    result = submit(request, form, save)
    if result is not None:
        messages.success(request, done(result) if callable(done) else done)
        return redirect("records:episode", pk=referral.pk)
    return render(request, template, {"form": form, "referral": referral, "page_title": title})


class StaffRequest(HttpRequest):
    """A request from a signed-in member of staff: the type of `request` in views behind
    login_required, where `request.user` is always a User, never AnonymousUser."""

    user: User  # type: ignore[assignment]


MOST_SHOWN = 200


def shown_limit(request: HttpRequest, *, step: int) -> int:
    """How many results a capped list shows: `step`, or ?shown=N (rounded up to a multiple of step,
    at most MOST_SHOWN). Anything unreadable is the first page, never an error."""
    raw = request.GET.get("shown", "")
    wanted = int(raw) if raw.isdigit() and len(raw) < 6 else step
    return min(max(step, -(-wanted // step) * step), MOST_SHOWN)


@dataclass(frozen=True)
class Showing:
    """'Showing 20 of 57': what a capped list shows, how many there are, and the link to more."""

    shown: int
    total: int
    more_query: str  # the query string that shows the next `step` more; "" when nothing is left

    @property
    def partial(self) -> bool:
        return self.total > self.shown


def showing(request: HttpRequest, *, shown: int, total: int, step: int) -> Showing:
    more = ""
    if total > shown and shown < MOST_SHOWN:
        query = request.GET.copy()
        query["shown"] = str(min(shown + step, MOST_SHOWN))
        more = query.urlencode()
    return Showing(shown=shown, total=total, more_query=more)
