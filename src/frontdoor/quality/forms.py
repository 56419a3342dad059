from typing import Any

from django import forms

from frontdoor.core.forms import GovDateField, GovForm, SafeTextField, apply_govuk_conventions
from frontdoor.quality.models import AuditQuestion, AuditTemplate, FeedbackFrom, Grade
from frontdoor.tasks.forms import OwnerField


class ProgrammeForm(GovForm):
    name = SafeTextField(label="Name", max_length=120, help_text="For example, November themed audit")
    theme = SafeTextField(
        label="Theme", max_length=80, help_text="For example, neglect, or the child's voice"
    )
    month = GovDateField(label="Which month's cases?", past_only=True, help_text="Any day in that month")
    sample_size = forms.IntegerField(label="How many cases to sample", min_value=1, max_value=200)
    template = forms.ModelChoiceField(
        label="Audit template",
        queryset=AuditTemplate.objects.none(),
        required=False,
        empty_label="Standard questions",
    )

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["template"].queryset = AuditTemplate.objects.filter(authority_id=authority_id)  # type: ignore[attr-defined]


class TemplateForm(GovForm):
    """A template's name and its graded questions, one a line (each is graded outstanding, good,
    requires improvement or inadequate, with a free-text finding)."""

    name = SafeTextField(label="Name", max_length=120, help_text="For example, Neglect themed audit")
    questions = SafeTextField(
        label="Questions",
        max_length=10000,
        widget=forms.Textarea(attrs={"rows": 10}),
        help_text="One question a line, in the order the auditor answers them",
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["questions"] = [
            line.strip() for line in (data.get("questions") or "").splitlines() if line.strip()
        ]
        return data


GRADE_CHOICES = Grade.choices


class GradeForm(GovForm):
    """One grade and finding per question, then the overall grade and the findings."""

    version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args, questions: list[AuditQuestion], **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.questions = questions
        for q in questions:
            self.fields[f"q{q.pk}"] = forms.ChoiceField(
                label=f"{q.position}. {q.text}", choices=GRADE_CHOICES, widget=forms.RadioSelect
            )
            self.fields[f"f{q.pk}"] = SafeTextField(
                label=f"Finding for question {q.position}",
                required=False,
                max_length=3000,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["lived_experience"] = SafeTextField(
            label="The child's lived experience",
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="What life is like for the child, as the record shows it",
        )
        self.fields["childs_voice"] = SafeTextField(
            label="The child's voice",
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 3}),
            help_text="Whether the child's words, wishes and feelings are heard and shape what happens",
        )
        self.fields["strengths"] = SafeTextField(
            label="Strengths", required=False, max_length=5000, widget=forms.Textarea(attrs={"rows": 2})
        )
        self.fields["improvements"] = SafeTextField(
            label="What needs to improve",
            required=False,
            max_length=5000,
            widget=forms.Textarea(attrs={"rows": 2}),
        )
        self.fields["grade"] = forms.ChoiceField(
            label="Overall grade", choices=GRADE_CHOICES, widget=forms.RadioSelect
        )
        self.fields["grade_reason"] = SafeTextField(
            label="Why the overall grade differs from the questions' grades",
            required=False,
            max_length=3000,
            widget=forms.Textarea(attrs={"rows": 2}),
            help_text="Only if the overall grade is more than one grade from most of the question grades",
        )
        for name, field in self.fields.items():
            if name != "version":
                apply_govuk_conventions(field)  # added after GovFormMixin applied them to the class's fields

    def service_data(self) -> dict[str, Any]:
        data = self.cleaned_data
        return {
            "version": data["version"],
            "grade": data["grade"],
            "answers": {q.pk: (data[f"q{q.pk}"], data.get(f"f{q.pk}") or "") for q in self.questions},
            "lived_experience": data["lived_experience"],
            "childs_voice": data["childs_voice"],
            "strengths": data.get("strengths") or "",
            "improvements": data.get("improvements") or "",
            "grade_reason": data.get("grade_reason") or "",
        }


class ModerateForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    agreed = forms.ChoiceField(
        label="Do you agree with the auditor's grade?",
        choices=[("yes", "Yes, I agree"), ("no", "No, I give a different grade")],
        widget=forms.RadioSelect,
    )
    grade = forms.ChoiceField(
        label="Grade after moderation",
        choices=GRADE_CHOICES,
        widget=forms.RadioSelect,
        help_text="If you agree, choose the auditor's grade",
    )
    reason = SafeTextField(
        label="Reason",
        required=False,
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you change the grade",
    )

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        data["agreed"] = data.get("agreed") == "yes"
        return data


class ActionForm(GovForm):
    what = SafeTextField(label="What must be done", max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    owner = OwnerField(label="Owner")
    due_on = GovDateField(label="Due date")

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        # An audit's actions are for the authority's own staff (the case file is theirs).
        self.fields["owner"].for_authority(authority_id, partners=False)  # type: ignore[attr-defined]


class CompleteForm(GovForm):
    note = SafeTextField(label="What was done", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))


class ReAuditForm(GovForm):
    scheduled_for = GovDateField(label="Re-audit on", help_text="For example, 27 3 2027")


class FeedbackForm(GovForm):
    given_by = forms.ChoiceField(
        label="Who gave the feedback?", choices=FeedbackFrom.choices, widget=forms.RadioSelect
    )
    how = SafeTextField(
        label="How was it gathered? (optional)",
        required=False,
        max_length=120,
        help_text="For example, a phone call, a feedback form, a visit",
    )
    feedback = SafeTextField(
        label="What they said",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="In their words where you can",
    )
