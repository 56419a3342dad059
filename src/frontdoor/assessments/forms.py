from django import forms

from frontdoor.assessments.models import AssessmentOutcome, AssessmentTemplate, VoiceGathered
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


def _scale(label: str) -> forms.IntegerField:
    return forms.IntegerField(
        label=label,
        required=False,
        min_value=0,
        max_value=10,
        error_messages={
            "min_value": "Enter a number from 0 to 10",
            "max_value": "Enter a number from 0 to 10",
            "invalid": "Enter a number from 0 to 10",
        },
        widget=forms.NumberInput(attrs={"class": "govuk-input govuk-input--width-2"}),
    )


class VoiceFields(GovForm):
    """The child's voice: required before the assessment is submitted (rules.voice_problems)."""

    childs_voice = _text(
        "The child's voice",
        help_text="What the child said and showed about their life, in their words where you can; "
        "for a baby, what was observed",
    )
    voice_gathered = forms.ChoiceField(
        label="How were the child's views gathered?",
        choices=VoiceGathered.choices,
        widget=forms.RadioSelect,
        required=False,
    )
    voice_reason = _text("If they were not gathered, why not", rows=3)


class AssessmentRecordForm(VoiceFields):
    """The assessment in its authority's practice model: one text box per heading of the template,
    in the template's order (answer_<key>), then scaling and the analysis."""

    version = forms.IntegerField(widget=forms.HiddenInput)
    child_seen_on = GovDateField(
        label="When was the child seen for this assessment?", required=False, past_only=True
    )
    parents_views = _text("Parents' or carers' views")
    analysis = _text("Analysis of risk and need", rows=8)
    scale_worker = _scale("Scaling: the social worker (0 to 10)")
    scale_family = _scale("Scaling: the family (0 to 10)")
    scale_child = _scale("Scaling: the child (0 to 10)")

    field_order = ["version", "child_seen_on", "childs_voice", "voice_gathered", "voice_reason"]

    def __init__(self, *args: object, template: AssessmentTemplate | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self.section_keys: list[str] = []
        for section in template.sections.all() if template else []:
            label = f"{section.group}: {section.heading}" if section.group else section.heading
            self.fields[f"answer_{section.key}"] = _text(label, help_text=section.prompt)
            self.section_keys.append(section.key)
        if template and template.scaling_question:
            self.fields["scale_worker"].help_text = template.scaling_question
        self.order_fields([*self.field_order, *(f"answer_{k}" for k in self.section_keys), "parents_views"])

    def service_data(self) -> dict[str, object]:
        """The cleaned data as assessment_record takes it: the answers gathered by heading key."""
        data = dict(self.cleaned_data)
        data["answers"] = {key: data.pop(f"answer_{key}") for key in self.section_keys}
        return data


class AssessmentCompleteForm(VoiceFields):
    version = forms.IntegerField(widget=forms.HiddenInput)
    completed_on = GovDateField(label="When was the assessment completed?", past_only=True)
    factors = forms.MultipleChoiceField(
        label="Factors identified at the end of assessment",
        choices=[(code, f"{code}: {label}") for code, label in FACTORS.items()],
        widget=forms.CheckboxSelectMultiple,
        help_text='DfE codes. Choose "21: No factors identified" on its own if there are none.',
    )
    outcome = forms.ChoiceField(label="Outcome", choices=AssessmentOutcome.choices, widget=forms.RadioSelect)

    field_order = ["version", "childs_voice", "voice_gathered", "voice_reason", "completed_on"]


class AssessmentAuthoriseForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    authorised_on = GovDateField(label="Date authorised", past_only=True)
    primary_need = forms.ChoiceField(
        label="The child's primary need",
        choices=[(code, label) for code, label in PrimaryNeed.choices if code != PrimaryNeed.N0],
        widget=forms.RadioSelect,
        help_text="DfE primary need code, recorded on the episode for the children in need census",
    )
    comment = SafeTextField(
        label="Your comment",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Why you agree with the analysis and outcome, and anything the worker must do next",
        error_messages={"required": "Add your comment on the assessment"},
    )
    late_reason = _text(
        "Reason the assessment took longer than 45 working days",
        rows=3,
        help_text="Required when the assessment is authorised after its due date",
    )


class TemplateHeadingForm(GovForm):
    # Required and lengths are checked by the service, so the refusal reads the same from every door.
    group = SafeTextField(
        label="Group (optional)",
        required=False,
        max_length=120,
        help_text="For example, What are we worried about?",
    )
    heading = SafeTextField(label="Heading", required=False, max_length=120)
    prompt = SafeTextField(
        label="Prompt for the social worker (optional)",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
