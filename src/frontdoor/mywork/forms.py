from django import forms

from frontdoor.core.forms import GovForm
from frontdoor.mywork.models import DEFAULT_HOURS, DEFAULT_WORKING_DAYS


class LeadTimeForm(GovForm):
    working_days = forms.IntegerField(
        label="Working days before a day or month timescale is due",
        help_text=f"For visits, assessments, conferences and reviews. Default {DEFAULT_WORKING_DAYS}.",
        error_messages={"required": "Enter a number of working days", "invalid": "Enter a whole number"},
    )
    hours = forms.IntegerField(
        label="Hours before an hour timescale is due",
        help_text=(
            f"For a contact's 24-hour decision and a return interview's 72 hours. Default {DEFAULT_HOURS}."
        ),
        error_messages={"required": "Enter a number of hours", "invalid": "Enter a whole number"},
    )
