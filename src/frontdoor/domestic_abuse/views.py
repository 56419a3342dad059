"""Thin views for domestic abuse notifications: the front door's Operation Encompass lists, a
notification with its children, schools told and MARAC, and the forms that record them."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render

from frontdoor.core.web import StaffRequest, submit
from frontdoor.domestic_abuse import selectors, services
from frontdoor.domestic_abuse.forms import MaracActionForm, MaracForm, NotificationForm, SchoolToldForm
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import PERMISSIONS, can, require
from frontdoor.tasks.services import Owner


@login_required
def overview(request: StaffRequest) -> HttpResponse:
    require(request.user, "child.view")
    context = {
        "queues": selectors.queues_for(actor=request.user),
        "can_record": can(request.user, "domestic_abuse.record"),
    }
    return render(request, "domestic_abuse/overview.html", context)


def _record(request: StaffRequest, data: dict) -> object:
    children = [services.ChildInHousehold(**row) for row in data["children"]]
    details = services.NotificationData(
        incident_at=data["incident_at"],
        received_at=data["received_at"],
        risk_level=data["risk_level"],
        incident=data["incident"],
        police_reference=data["police_reference"],
        officer=data["officer"],
    )
    return services.notification_record(actor=request.user, data=details, children=children)


@login_required
def new(request: StaffRequest) -> HttpResponse:
    require(request.user, "domestic_abuse.record")
    form = NotificationForm(request.POST or None, schools=selectors.schools(actor=request.user))
    notification = submit(request, form, lambda data: _record(request, data))
    if notification is not None:
        messages.success(request, "Domestic abuse notification recorded, with its police contact")
        return redirect("domestic_abuse:detail", pk=notification.pk)  # type: ignore[attr-defined]
    return render(request, "domestic_abuse/new.html", {"form": form})


@login_required
def detail(request: StaffRequest, pk: int) -> HttpResponse:
    notification = selectors.notification_get_for(
        actor=request.user, notification_id=pk, purpose="domestic_abuse.detail"
    )
    context = {
        "notification": notification,
        "children": selectors.children_of(actor=request.user, notification=notification),
        "actions": selectors.marac_actions(notification=notification),
        "can_tell": can(request.user, "domestic_abuse.encompass"),
        "can_marac": can(request.user, "domestic_abuse.marac"),
    }
    return render(request, "domestic_abuse/detail.html", context)


@login_required
def school_told(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "domestic_abuse.encompass")
    child = selectors.child_get_for(actor=request.user, child_id=pk, purpose="domestic_abuse.school_told")
    schools = selectors.schools(actor=request.user) if child.school_id is None else None
    form = SchoolToldForm(request.POST or None, schools=schools)
    saved = submit(
        request,
        form,
        lambda data: services.school_told_record(actor=request.user, child=child, **data),
    )
    if saved is not None:
        messages.success(request, "Recorded who told the school, and when")
        return redirect("domestic_abuse:detail", pk=child.notification_id)
    context = {
        "form": form,
        "child": child,
        "back": child.notification_id,
        "page_title": "Record that the school was told",
    }
    return render(request, "domestic_abuse/form.html", context)


@login_required
def marac(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "domestic_abuse.marac")
    notification = selectors.notification_get_for(
        actor=request.user, notification_id=pk, purpose="domestic_abuse.marac"
    )
    initial = {
        "marac": {True: "yes", False: "no"}.get(notification.marac, "unknown"),  # type: ignore[arg-type]
        "marac_date": notification.marac_date,
    }
    form = MaracForm(request.POST or None, initial=initial)
    saved = submit(
        request,
        form,
        lambda data: services.marac_record(actor=request.user, notification=notification, **data),
    )
    if saved is not None:
        messages.success(request, "MARAC recorded")
        return redirect("domestic_abuse:detail", pk=notification.pk)
    context = {
        "form": form,
        "notification": notification,
        "page_title": "MARAC",
        "back": notification.pk,
        "children": selectors.children_of(actor=request.user, notification=notification),
    }
    return render(request, "domestic_abuse/form.html", context)


@login_required
def marac_action(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "domestic_abuse.marac")
    notification = selectors.notification_get_for(
        actor=request.user, notification_id=pk, purpose="domestic_abuse.marac_action"
    )
    staff = User.objects.filter(
        authority_id=request.user.authority_id, is_active=True, role__in=PERMISSIONS["task.own"]
    ).order_by("first_name", "last_name")
    form = MaracActionForm(request.POST or None, staff=staff)
    saved = submit(
        request,
        form,
        lambda data: services.marac_action_add(
            actor=request.user,
            notification=notification,
            what=data["what"],
            owner=Owner(user=data["owner"]),
            due_on=data["due_on"],
        ),
    )
    if saved is not None:
        messages.success(request, "MARAC action added")
        return redirect("domestic_abuse:detail", pk=notification.pk)
    context = {
        "form": form,
        "notification": notification,
        "page_title": "Add a MARAC action",
        "back": notification.pk,
        "children": selectors.children_of(actor=request.user, notification=notification),
    }
    return render(request, "domestic_abuse/form.html", context)
