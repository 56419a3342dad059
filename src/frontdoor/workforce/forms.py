from decimal import Decimal
from typing import Any

from django import forms

from frontdoor.core.forms import GovDateField, GovForm
from frontdoor.organisations.models import Role, Team

ROLE_CHOICES = [
    (r.value, r.label)
    for r in (Role.SOCIAL_WORKER, Role.SOCIAL_WORK_ASSISTANT, Role.TEAM_MANAGER, Role.CONTACT_OFFICER)
]


class VacancyForm(GovForm):
    team = forms.ModelChoiceField(label="Team", queryset=Team.objects.none(), empty_label="Choose a team")
    role = forms.ChoiceField(label="Role", choices=ROLE_CHOICES)
    # The range is checked by the service (workforce.rules.vacancy_problems), beside this field.
    fte = forms.DecimalField(
        label="Full-time equivalent",
        help_text="1 for a full-time post, 0.5 for half-time",
        max_digits=6,
        decimal_places=4,
        initial=Decimal(1),
        error_messages={
            "required": "Enter the full-time equivalent, like 1 or 0.5",
            "invalid": "Enter the full-time equivalent, like 1 or 0.5",
        },
    )
    opened_on = GovDateField(label="Date the post became vacant")

    def __init__(self, *args: Any, teams: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["team"].queryset = teams  # type: ignore[attr-defined]
        self.fields["fte"].widget.attrs.update(
            {"class": "govuk-input govuk-input--width-4", "inputmode": "decimal"}
        )


class VacancyCloseForm(GovForm):
    closed_on = GovDateField(label="Date the post was filled or closed")
    filled = forms.TypedChoiceField(
        label="Was the post filled?",
        choices=[("yes", "Yes, someone started"), ("no", "No, it was withdrawn")],
        coerce=lambda v: v == "yes",
        widget=forms.RadioSelect,
        error_messages={"required": "Say whether the post was filled"},
    )
