from typing import Any

from django import forms

from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.referrals.models import Referral
from frontdoor.supervision.models import Supervision
from frontdoor.tasks.forms import OwnerField


class CaseChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.person.full_name}, referred {obj.referral_date:%-d %B %Y}"


class SupervisionForm(GovForm):
    held_on = GovDateField(label="Date of supervision", past_only=True)
    cases = CaseChoiceField(
        label="Children's cases discussed",
        queryset=Referral.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="The worker's open children in need episodes",
    )
    reflection = SafeTextField(
        label="Reflection",
        max_length=8000,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="What was discussed, the worker's reflection, wellbeing and learning",
    )

    def __init__(self, *args, cases, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["cases"].queryset = cases  # type: ignore[attr-defined]


class SupervisionChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"Supervision of {obj.worker.display_name} on {obj.held_on:%-d %B %Y}"


class DirectionForm(GovForm):
    what = SafeTextField(label="Direction", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    owner = OwnerField(label="Who will do it")
    due_on = GovDateField(label="Due date")
    supervision = SupervisionChoiceField(
        label="Given in supervision? (optional)",
        queryset=Supervision.objects.none(),
        required=False,
        empty_label="No: recorded as a case note",
    )

    def __init__(self, *args, authority_id: int, supervisions, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # A management direction is to the authority's own staff (Working Together 2023, ch. 3).
        self.fields["owner"].for_authority(authority_id, partners=False)  # type: ignore[attr-defined]
        self.fields["supervision"].queryset = supervisions  # type: ignore[attr-defined]


class DoneForm(GovForm):
    note = SafeTextField(label="What was done", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
