from collections.abc import Sequence
from typing import Any

from django import forms

from frontdoor.core.forms import GovDateField, GovForm, SafeTextField, apply_govuk_conventions
from frontdoor.organisations.models import PartnerAgency
from frontdoor.tasks.forms import OwnerField


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


class ProgressFields(forms.Form):
    """Adds to a meeting's form (a CIN review, a core group, a review conference) a score from 0 to 10
    and a note for each outcome of the child's plan (`outcomes`). Cleaned, they become `progress`
    ({outcome id: (score, note)}), which the meeting's service saves with the meeting. Without
    `outcomes` the form records no progress (`progress` is None)."""

    def __init__(self, *args: Any, outcomes: Sequence[Any] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.outcome_ids = None if outcomes is None else [o.pk for o in outcomes]
        for n, outcome in enumerate(outcomes or (), start=1):
            self.fields[f"score_{outcome.pk}"] = forms.IntegerField(
                label=f"Progress towards outcome {n}: {outcome.change[:80]}",
                help_text=f"How we will know: {outcome.measure[:120]}. 0 is no progress, 10 is achieved",
                # The service asks for every score too, in these words, for callers without a form.
                error_messages={"required": "Enter a score from 0 to 10"},
                widget=forms.NumberInput(attrs={"class": "govuk-input--width-2"}),
            )
            self.fields[f"note_{outcome.pk}"] = SafeTextField(
                label=f"Note on outcome {n}", required=False, max_length=10000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )  # fmt: skip
            apply_govuk_conventions(self.fields[f"score_{outcome.pk}"])
            apply_govuk_conventions(self.fields[f"note_{outcome.pk}"])

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if self.outcome_ids is None:
            return data
        data["progress"] = {
            pk: (data.pop(f"score_{pk}", None), data.pop(f"note_{pk}", "") or "") for pk in self.outcome_ids
        }
        return data


class CinPlanReviewForm(ProgressFields, GovForm):
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


def _text(label: str, hint: str = "") -> SafeTextField:
    return SafeTextField(
        label=label,
        required=False,
        max_length=10000,
        help_text=hint,
        widget=forms.Textarea(attrs={"rows": 4}),
    )


class PlanContentForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    worries = _text("What are we worried about?")
    child_views = _text("What does the child say?", "In their own words where you can")
    family_views = _text("What does the family say?")
    contingency = _text("What happens if the plan does not work?", "The contingency plan")


class PlanOutcomeForm(GovForm):
    # Required here is checked by the service, so the refusal reads the same from every door.
    change = SafeTextField(
        label="What needs to change?",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    measure = SafeTextField(
        label="How will we know it has changed?",
        required=False,
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class PlanActionForm(GovForm):
    what = SafeTextField(
        label="What will be done?", max_length=3000, widget=forms.Textarea(attrs={"rows": 3})
    )
    owner = OwnerField()
    due_on = GovDateField(label="By when?")

    def __init__(self, *args: Any, authority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].for_authority(authority_id)  # type: ignore[attr-defined]


class PlanProgressForm(ProgressFields, GovForm):
    """Progress at a review recorded without it (a meeting recorded before the plan had outcomes): a
    score from 0 to 10 and a note for each of the plan's outcomes."""

    review = forms.ChoiceField(label="At which review?")

    def __init__(self, *args: Any, reviews: list[Any], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["review"].choices = [("", "Choose a review")] + [(r.key, r.label) for r in reviews]  # type: ignore[attr-defined]
