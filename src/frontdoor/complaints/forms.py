from typing import Any

from django import forms

from frontdoor.complaints.models import Complainant, Outcome, Theme
from frontdoor.core.forms import GovDateField, GovDateTimeField, GovForm, SafeTextField
from frontdoor.tasks.forms import OwnerField


class ComplaintForm(GovForm):
    complainant = forms.ChoiceField(
        label="Who made the complaint?", choices=Complainant.choices, widget=forms.RadioSelect
    )
    complainant_name = SafeTextField(label="Their name", max_length=200)
    theme = forms.ChoiceField(label="What is the complaint about?", choices=Theme.choices)
    summary = SafeTextField(label="The complaint", max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))
    received_at = GovDateTimeField(
        label="When was it received?", past_only=True, described_as="The date received"
    )
    advocacy_offered = forms.BooleanField(
        label="An advocate was offered (required when the child complains)", required=False
    )


class VersionForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ExtendForm(VersionForm):
    reason = SafeTextField(
        label="Why does the response need longer?",
        max_length=3000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "The complainant is told why (for example: the complaint is complex, or an advocate is "
            "being arranged)"
        ),
    )


class RespondForm(VersionForm):
    responded_on = GovDateField(label="Date of the response", past_only=True, required=False)
    outcome = forms.ChoiceField(
        label="Outcome", choices=[("", "Choose an outcome"), *Outcome.choices], required=False
    )
    response = SafeTextField(
        label="The response, in brief",
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class EscalateForm(VersionForm):
    stage = forms.TypedChoiceField(
        label="Which stage did the complainant ask for?",
        choices=[(2, "Stage 2: investigation"), (3, "Stage 3: review panel")],
        coerce=int,
        widget=forms.RadioSelect,
    )
    requested_on = GovDateField(label="Date of the request", past_only=True, required=False)


class LearningForm(GovForm):
    what = SafeTextField(
        label="The learning, and what will change", max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = OwnerField(label="Who will see it through")
    due_on = GovDateField(label="Due date")

    def __init__(self, *args: Any, authority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].for_authority(authority_id, partners=False)  # type: ignore[attr-defined]


class DoneForm(GovForm):
    note = SafeTextField(label="What was done", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
