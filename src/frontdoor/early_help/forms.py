from typing import Any

from django import forms

from frontdoor.contacts.models import ConcernCategory, Consent
from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.early_help.models import ClosureReason, EarlyHelpCase
from frontdoor.organisations.models import PartnerAgency, Professional


def _text(label: str, *, rows: int = 3, required: bool = True, help_text: str = "") -> SafeTextField:
    return SafeTextField(
        label=label,
        required=required,
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class ProfessionalChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.name}, {obj.agency.name}" + (f" ({obj.role})" if obj.role else "")


class LeadForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agency = forms.ModelChoiceField(
        label="Lead organisation",
        queryset=PartnerAgency.objects.none(),
        required=False,
        empty_label="Choose an organisation",
        help_text="Often the child's school",
    )
    professional = ProfessionalChoiceField(
        label="Lead professional (optional)",
        queryset=Professional.objects.none(),
        required=False,
        empty_label="Not yet named",
    )

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["agency"].queryset = PartnerAgency.objects.filter(authority_id=authority_id)  # type: ignore[attr-defined]
        self.fields["professional"].queryset = Professional.objects.filter(  # type: ignore[attr-defined]
            authority_id=authority_id
        ).select_related("agency")


class AssessmentForm(GovForm):
    started_on = GovDateField(label="Date the assessment started", past_only=True)
    completed_on = GovDateField(label="Date completed (optional)", past_only=True, required=False)
    organisation = forms.ModelChoiceField(
        label="Organisation completing the assessment (optional)",
        queryset=PartnerAgency.objects.none(),
        required=False,
        empty_label="The local authority's early help service",
    )
    needs = _text("What the family needs help with")
    childs_voice = _text(
        "The child's voice",
        help_text="What the child said about their life and the help they want, in their words",
    )
    family_views = _text("The family's views", required=False)

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["organisation"].queryset = PartnerAgency.objects.filter(authority_id=authority_id)  # type: ignore[attr-defined]


class PlanForm(GovForm):
    agreed_on = GovDateField(label="Date the plan was agreed", past_only=True)
    outcomes = _text("What will be different for the child")
    actions = _text("Who will do what, by when", rows=5)


class ReviewForm(GovForm):
    held_on = GovDateField(label="Date of the review", past_only=True)
    progress = _text("Progress against the plan")
    childs_voice = _text("What the child said", required=False)


class CloseForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    reason = forms.ChoiceField(
        label="Why is the case closing?", choices=ClosureReason.choices, widget=forms.RadioSelect
    )


class StepUpForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    concerns = _text("What has changed, and what is the worry now?", rows=5)
    concern_categories = forms.MultipleChoiceField(
        label="Kinds of concern", choices=ConcernCategory.choices, widget=forms.CheckboxSelectMultiple
    )
    consent = forms.ChoiceField(
        label="Does the family know and agree?", choices=Consent.choices, widget=forms.RadioSelect
    )
    consent_rationale = _text("Why consent was not obtained (if it was not)", required=False, rows=2)


def initial_for(case: EarlyHelpCase) -> dict[str, Any]:
    return {"version": case.version, "agency": case.lead_agency_id, "professional": case.lead_professional_id}
