"""Warnings to staff on the child's record: the list (current first, then ended, with who entered
and ended each and why), a new warning, and ending one with a reason. The header of every page about
the child shows the current ones (records.header)."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils import timezone

from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require
from frontdoor.people import warning_selectors, warning_services
from frontdoor.people.selectors import person_get_for
from frontdoor.people.warning_rules import review_overdue
from frontdoor.records.forms import StaffWarningEndForm, StaffWarningForm
from frontdoor.records.header import child_header


@login_required
def warnings(request: StaffRequest, pk: int) -> HttpResponse:
    """The child's warnings; a POST enters a new one (staff_warning.record)."""
    if request.method == "POST":
        require(request.user, "staff_warning.record")
    person = person_get_for(actor=request.user, person_id=pk, purpose="records.warnings")
    form = StaffWarningForm(request.POST or None)
    save = lambda data: warning_services.staff_warning_add(actor=request.user, person=person, **data)  # noqa: E731
    if submit(request, form, save) is not None:
        messages.success(request, "Warning added: it shows on every page about the child")
        return redirect("records:warnings", pk=person.pk)
    today = timezone.localdate()
    rows = [
        (w, w.is_current and review_overdue(review_on=w.review_on, today=today))
        for w in warning_selectors.warnings_of(actor=request.user, person=person)
    ]
    context = {
        "person": person,
        "header": child_header(actor=request.user, person=person),
        "rows": rows,
        "form": form,
        "may_record": can(request.user, "staff_warning.record"),
    }
    return render(request, "records/warnings.html", context)


@login_required
def warning_end(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "staff_warning.record")
    warning = warning_selectors.warning_get_for(
        actor=request.user, warning_id=pk, purpose="records.warning_end"
    )
    form = StaffWarningEndForm(request.POST or None)
    save = lambda data: warning_services.staff_warning_end(actor=request.user, warning=warning, **data)  # noqa: E731
    if submit(request, form, save) is not None:
        messages.success(request, "Warning ended")
        return redirect("records:warnings", pk=warning.person_id)
    context = {
        "form": form,
        "person": warning.person,
        "page_title": f"End the warning: {warning.text}",
    }
    return render(request, "records/form.html", context)
