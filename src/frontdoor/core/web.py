"""Small helpers shared by thin views: map service errors onto forms, the htmx-aware redirect."""

from django import forms
from django.core.exceptions import ValidationError
from django.http import HttpRequest

from frontdoor.organisations.models import User


def apply_errors(form: forms.BaseForm, error: ValidationError) -> None:
    """Put a service's ValidationError beside the fields it names, or at the top of the form."""
    if hasattr(error, "error_dict"):
        for field, errors in error.error_dict.items():
            form.add_error(field if field in form.fields else None, errors)
    else:
        form.add_error(None, error)


class StaffRequest(HttpRequest):
    """A request from a signed-in member of staff: the type of `request` in views behind
    login_required, where `request.user` is always a User, never AnonymousUser."""

    user: User  # type: ignore[assignment]
