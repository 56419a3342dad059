"""The working-day calendar page: the bank holidays every due time counts around, and (for
administrators) one-off holidays added or withdrawn."""

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from frontdoor.clocks import admin_services
from frontdoor.clocks.models import BankHoliday
from frontdoor.clocks.rules import DEFAULT_STANDARDS
from frontdoor.clocks.services import calendar_for, convention_for
from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.core.web import StaffRequest, submit
from frontdoor.organisations.permissions import can, require


class HolidayForm(GovForm):
    day = GovDateField(label="Date")
    name = SafeTextField(label="Name", max_length=120, help_text="For example, Coronation of the King")


@login_required
def calendar(request: StaffRequest) -> HttpResponse:
    require(request.user, "calendar.view")
    form = HolidayForm(request.POST or None)
    if request.method == "POST":
        require(request.user, "calendar.manage")
    result = submit(request, form, lambda data: admin_services.bank_holiday_add(actor=request.user, **data))
    if result is not None:
        holiday, moved = result
        messages.success(request, f"{holiday.name} added; {moved} open clock(s) moved")
        return redirect("clocks:calendar")
    this_year = timezone.localdate().year
    cal = calendar_for(None)
    added = {h.date: h for h in BankHoliday.objects.all()}
    holidays = [
        (day, name, added.get(day))
        for year in (this_year, this_year + 1)
        for day, name in sorted(cal.holidays(year).items())
        if day.weekday() < 5
    ]
    return render(
        request,
        "clocks/calendar.html",
        {
            "form": form,
            "holidays": holidays,
            "can_manage": can(request.user, "calendar.manage"),
            "standards": DEFAULT_STANDARDS.values(),
            "convention": convention_for(request.user.authority),
        },
    )


@login_required
@require_POST
def holiday_remove(request: StaffRequest, pk: int) -> HttpResponse:
    require(request.user, "calendar.manage")
    holiday = get_object_or_404(BankHoliday, pk=pk)
    moved = admin_services.bank_holiday_remove(actor=request.user, holiday=holiday)
    messages.success(request, f"Removed; {moved} open clock(s) moved")
    return redirect("clocks:calendar")
