from typing import Any

from django import forms

from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.organisations.models import PartnerAgency


class AgencyChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return str(obj.name)


class CinPlanStartForm(GovForm):
    start_date = GovDateField(label="When did the plan start?", past_only=True)
    involved = AgencyChoices(
        label="Partners involved in the plan",
        queryset=PartnerAgency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    invited = AgencyChoices(
        label="Partners invited to the plan meetings",
        queryset=PartnerAgency.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        agencies = PartnerAgency.objects.filter(authority_id=authority_id).order_by("name")
        for name in ("involved", "invited"):
            self.fields[name].queryset = agencies  # type: ignore[attr-defined]


class CinPlanSendForm(GovForm):
    agency = forms.ModelChoiceField(
        label="Agency", queryset=PartnerAgency.objects.none(), required=False, empty_label="Not an agency"
    )
    name = SafeTextField(
        label="Or the person who received it", required=False, max_length=120, help_text="For example, Mother"
    )
    sent_on = GovDateField(label="When did they receive the plan?", past_only=True)

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = PartnerAgency.objects.filter(  # type: ignore[attr-defined]
            authority_id=authority_id
        ).order_by("name")


class CinPlanReviewForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reviewed_on = GovDateField(label="Date of the review", past_only=True)
    summary = SafeTextField(
        label="Summary of the review", max_length=10000, widget=forms.Textarea(attrs={"rows": 5})
    )


class CinPlanEndForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    end_date = GovDateField(label="When did the plan end?", past_only=True)
    end_reason = SafeTextField(
        label="Why did it end?", required=False, max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )
