"""Thin views: your notifications (newest first, mark read), your email choices, and the
administrators' outbox."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_POST

from frontdoor.core.web import StaffRequest, submit
from frontdoor.notifications import selectors, services
from frontdoor.notifications.forms import PreferenceForm
from frontdoor.notifications.services import CHOOSABLE_KINDS


def _reader(request: StaffRequest) -> None:
    if not selectors.reads_in_frontdoor(request.user):
        raise PermissionDenied("Partner agency users read their notifications in the portal.")


@login_required
def notification_list(request: StaffRequest) -> HttpResponse:
    _reader(request)
    rows = selectors.notifications_for(actor=request.user)
    unread = sum(1 for n in rows if n.read_at is None)
    return render(request, "notifications/list.html", {"rows": rows, "unread_here": unread})


@login_required
@require_POST
def notification_read(request: StaffRequest, pk: int) -> HttpResponse:
    """Mark one of your notifications read (and, with "open", go to what it is about). Another
    person's, or one that does not exist, gets the same answer as your own: back to the list, with
    nothing changed and nothing shown."""
    _reader(request)
    try:
        notification = services.notification_read(actor=request.user, notification_id=pk)
    except Http404:
        return redirect("notifications:list")
    if request.POST.get("open") and notification.link.startswith("/"):
        return redirect(notification.link)
    return redirect("notifications:list")


@login_required
@require_POST
def notifications_read_all(request: StaffRequest) -> HttpResponse:
    _reader(request)
    count = services.notifications_read_all(actor=request.user)
    messages.success(request, f"{count} notification{'s' if count != 1 else ''} marked as read")
    return redirect("notifications:list")


@login_required
def preferences(request: StaffRequest) -> HttpResponse:
    _reader(request)
    kind = request.GET.get("kind")
    initial = {"kind": kind} if kind in CHOOSABLE_KINDS else {}
    form = PreferenceForm(request.POST or None, initial=initial)
    saved = submit(request, form, lambda data: services.preference_set(actor=request.user, **data))
    if saved is not None:
        messages.success(request, f"Saved: {saved.get_kind_display()}: {saved.get_email_display()}")
        return redirect("notifications:preferences")
    context = {"form": form, "choices": selectors.preferences_for(actor=request.user)}
    return render(request, "notifications/preferences.html", context)


@login_required
def outbox(request: StaffRequest) -> HttpResponse:
    return render(request, "notifications/outbox.html", {"outbox": selectors.outbox_for(actor=request.user)})
