"""The online referral form: up to CHILD_SLOTS children, then the concern, what has been tried, what
the family knows, and who is referring. Forms check shape beside each field; the services own the rules."""

from typing import Any

from django import forms
from django.utils import timezone

from frontdoor.contacts.models import ConcernCategory, Consent
from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.people.models import Sex
from frontdoor.people.rules import nhs_number_problem, normalise_nhs_number
from frontdoor.portal import rules

CHILD_SLOTS = 3
YES_NO = [("yes", "Yes"), ("no", "No")]
PARTNER_CONSENT = [
    (Consent.OBTAINED, "Yes: the family knows and agrees"),
    (Consent.NOT_OBTAINED, "No: I asked and they did not agree"),
    (Consent.NOT_SOUGHT, "I did not ask them"),
]


class ChildForm(GovForm):
    """One child the referral is about. Slots after the first may be left empty."""

    first_name = SafeTextField(label="First name", max_length=60)
    last_name = SafeTextField(label="Last name", max_length=60)
    date_of_birth = GovDateField(label="Date of birth", past_only=True, any_past=True)
    nhs_number = forms.CharField(
        label="NHS number",
        required=False,
        max_length=12,
        help_text="If you know it. For example, 943 476 5919",
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, widget=forms.RadioSelect, required=False)
    label_size = "s"

    def __init__(self, *args: Any, optional: bool = False, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.optional = optional

    def is_blank(self) -> bool:
        """An optional slot the referrer left empty (nothing typed in any box)."""
        if not self.is_bound:
            return True
        return not any(str(v).strip() for k, v in self.data.items() if k.startswith(f"{self.prefix}-"))

    def full_clean(self) -> None:
        if self.optional and self.is_blank():
            self.cleaned_data = {}
            self._errors = forms.utils.ErrorDict()
            return
        super().full_clean()

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data.get("nhs_number", "")
        if not value:
            return ""
        problem = nhs_number_problem(value)
        if problem:
            raise forms.ValidationError(problem)
        return normalise_nhs_number(value)

    def clean_date_of_birth(self) -> Any:
        born = self.cleaned_data.get("date_of_birth")
        if born and not rules.is_under_18(born, timezone.localdate()):
            raise forms.ValidationError(rules.DOB_ADULT)
        return born


class ReferralForm(GovForm):
    concern_categories = forms.MultipleChoiceField(
        label="What is the concern about?",
        choices=ConcernCategory.choices,
        widget=forms.CheckboxSelectMultiple,
        error_messages={"required": "Choose at least one kind of concern"},
    )
    concerns = SafeTextField(
        label="What has happened, and what worries you?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="What you saw or were told, when, and by whom. Use the child's own words where you can.",
        error_messages={"required": "Describe what has happened and what worries you"},
    )
    what_has_been_tried = SafeTextField(
        label="What has been tried already?",
        max_length=3000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="Support your agency or others have given, and what came of it.",
        error_messages={"required": "Say what has been tried already, or that nothing has"},
    )
    family_knows = forms.ChoiceField(
        label="Does the family know you are making this referral?", choices=YES_NO, widget=forms.RadioSelect
    )
    consent = forms.ChoiceField(
        label="Has the family agreed to this referral?", choices=PARTNER_CONSENT, widget=forms.RadioSelect
    )
    consent_rationale = SafeTextField(
        label="If not, why not?",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text=(
            "Required unless the family knows and agrees. For example, asking would put the child at risk."
        ),
    )
    referrer_name = SafeTextField(label="Your name", max_length=120)
    referrer_role = SafeTextField(label="Your role", max_length=120)
    referrer_phone = forms.CharField(label="Telephone number", max_length=30)
    referrer_email = forms.EmailField(label="Email address", max_length=254)

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if "family_knows" in data and "consent" in data:
            answer = rules.ConsentAnswer(
                family_knows=data["family_knows"] == "yes",
                consent=data["consent"],
                rationale=data.get("consent_rationale", ""),
            )
            for field, message in rules.consent_problems(answer).items():
                self.add_error(field, message)
        return data


def referral_forms(
    data: Any = None, *, answers: dict[str, list[str]] | None = None, initial: dict[str, Any] | None = None
) -> tuple[list[ChildForm], ReferralForm]:
    """The children's forms (the first required, the rest optional) and the referral form: bound to
    `data` (a POST), or unbound showing a draft's saved `answers` and then `initial` (the referrer)."""
    children = [ChildForm(data, prefix=f"child{n}", optional=n > 1) for n in range(1, CHILD_SLOTS + 1)]
    referral = ReferralForm(data, initial=initial)
    if data is None and answers:
        for form in (*children, referral):
            form.initial = {**form.initial, **saved_initial(form, answers)}
    return children, referral


def saved_initial(form: forms.Form, answers: dict[str, list[str]]) -> dict[str, Any]:
    """A draft's saved answers as the form's initial values (date boxes as [day, month, year])."""
    initial: dict[str, Any] = {}
    for name, field in form.fields.items():
        key = form.add_prefix(name)
        if isinstance(field, forms.MultiValueField):
            parts = [answers.get(f"{key}_{part}", [""])[0] for part in field.widget.parts]  # type: ignore[attr-defined]
            if any(parts):
                initial[name] = parts
        elif isinstance(field, forms.MultipleChoiceField):
            if key in answers:
                initial[name] = answers[key]
        elif answers.get(key, [""])[0]:
            initial[name] = answers[key][0]
    return initial


def answer_keys() -> frozenset[str]:
    """Every name the referral form posts (date boxes one by one)."""
    children, referral = referral_forms()
    keys: set[str] = set()
    for form in (*children, referral):
        for name, field in form.fields.items():
            key = form.add_prefix(name)
            if isinstance(field, forms.MultiValueField):
                keys.update(f"{key}_{part}" for part in field.widget.parts)  # type: ignore[attr-defined]
            else:
                keys.add(key)
    return frozenset(keys)


def answers_from(post: Any) -> dict[str, list[str]]:
    """What the referral form posted, as a draft keeps it: the form's own fields, nothing else."""
    keys = answer_keys()
    return {key: [str(v)[:5000] for v in post.getlist(key)][:20] for key in post if key in keys}


class CheckAnswerForm(GovForm):
    response = SafeTextField(
        label="What does your agency know?",
        max_length=5000,
        widget=forms.Textarea(attrs={"rows": 6}),
        help_text="Include dates, and say if your agency holds nothing about these children.",
        error_messages={"required": "Enter what your agency knows, or that it holds nothing"},
    )
