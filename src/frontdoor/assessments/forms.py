from django import forms

from frontdoor.assessments.models import AssessmentOutcome
from frontdoor.assessments.rules import FACTORS
from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.referrals.models import PrimaryNeed


def _text(label: str, *, rows: int = 4, help_text: str = "") -> SafeTextField:
    return SafeTextField(
        label=label,
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": rows}),
        help_text=help_text,
    )


class AssessmentStartForm(GovForm):
    started_on = GovDateField(label="When did the assessment start?", past_only=True)


class AssessmentRecordForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    child_seen_on = GovDateField(
        label="When was the child seen for this assessment?", required=False, past_only=True
    )
    childs_voice = _text(
        "The child's voice",
        help_text="What the child said and showed about their life, in their words where you can",
    )
    parents_views = _text("Parents' or carers' views")
    analysis = _text("Analysis of risk and need", rows=8)


class AssessmentCompleteForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    completed_on = GovDateField(label="When was the assessment completed?", past_only=True)
    factors = forms.MultipleChoiceField(
        label="Factors identified at the end of assessment",
        choices=[(code, f"{code}: {label}") for code, label in FACTORS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text='DfE codes. Choose "21: No factors identified" on its own if there are none.',
    )
    outcome = forms.ChoiceField(label="Outcome", choices=AssessmentOutcome.choices, widget=forms.RadioSelect)


class AssessmentAuthoriseForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    authorised_on = GovDateField(label="Date authorised", past_only=True)
    primary_need = forms.ChoiceField(
        label="The child's primary need",
        choices=[(code, label) for code, label in PrimaryNeed.choices if code != PrimaryNeed.N0],
        widget=forms.RadioSelect,
        help_text="DfE primary need code, recorded on the episode for the children in need census",
    )
    late_reason = _text(
        "Reason the assessment took longer than 45 working days",
        rows=3,
        help_text="Required when the assessment is authorised after its due date",
    )
