"""Forms for "is this child already known?" and for recording a new child or adult.

The forms check what a person can correct at the keyboard (identifier check digits, dates, choices
that contradict each other) and put the message beside the field; people.services validates again
before it writes. cleaned_data keys are exactly the arguments of rules.SearchQuery and
services.person_create, so views can pass them straight through.
"""

from typing import Any

from django import forms

from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.people import rules, services
from frontdoor.people.models import Disability, Ethnicity, Sex, UPNUnknown

SEARCH_NEEDS_SOMETHING = "Enter at least a surname, date of birth, NHS number, UPN or postcode"
FIRST_NAME_REQUIRED = "Enter first name, or an expected date of birth for an unborn child"

_IDENTIFIER_ATTRS = {"spellcheck": "false", "autocomplete": "off", "class": "govuk-input--width-10"}


def _nhs_number_field() -> forms.Field:
    return SafeTextField(
        label="NHS number",
        required=False,
        max_length=20,
        help_text="10 digits, for example 943 476 5919",
        widget=forms.TextInput(attrs={**_IDENTIFIER_ATTRS, "inputmode": "numeric"}),
    )


def _upn_field() -> forms.Field:
    return SafeTextField(
        label="UPN (unique pupil number)",
        required=False,
        max_length=20,
        help_text="13 characters, for example A885000012345",
        widget=forms.TextInput(attrs=_IDENTIFIER_ATTRS),
    )


class IdentifierCleaning:
    """clean_<field> for NHS number, UPN and postcode: the rule's message beside the field, the
    normalised value in cleaned_data."""

    cleaned_data: dict[str, Any]

    def clean_nhs_number(self) -> str:
        value = self.cleaned_data.get("nhs_number", "")
        if value and (problem := rules.nhs_number_problem(value)):
            raise forms.ValidationError(problem, code="nhs_number")
        return rules.normalise_nhs_number(value)

    def clean_upn(self) -> str:
        value = self.cleaned_data.get("upn", "")
        if value and (problem := rules.upn_problem(value)):
            raise forms.ValidationError(problem, code="upn")
        return rules.normalise_upn(value)

    def clean_postcode(self) -> str:
        value = self.cleaned_data.get("postcode", "")
        if value and (problem := rules.postcode_problem(value)):
            raise forms.ValidationError(problem, code="postcode")
        return rules.normalise_postcode(value) if value else ""


class PersonSearchForm(IdentifierCleaning, GovForm):
    """What the caller knows about the child. cleaned_data is rules.SearchQuery(**cleaned_data)."""

    first_name = SafeTextField(label="First name", required=False, max_length=60)
    last_name = SafeTextField(label="Surname", required=False, max_length=60)
    date_of_birth = GovDateField(label="Date of birth", required=False, past_only=True, any_past=True)
    nhs_number = _nhs_number_field()
    upn = _upn_field()
    postcode = SafeTextField(
        label="Postcode",
        required=False,
        max_length=10,
        widget=forms.TextInput(attrs={"autocomplete": "postal-code", "class": "govuk-input--width-10"}),
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        searchable = ("last_name", "date_of_birth", "nhs_number", "upn", "postcode")
        failed = any(name in self.errors for name in searchable)
        if not failed and not any(data.get(name) for name in searchable):
            raise forms.ValidationError(SEARCH_NEEDS_SOMETHING, code="empty_search")
        return data


class PersonForm(IdentifierCleaning, GovForm):
    """A new person: a child (born or unborn) by default, or an adult with PersonForm(data, is_child=False).

    cleaned_data holds person_create's arguments except is_child, which the view passes itself.
    Adults have no expected date of birth, UPN or UPN reason.
    """

    CHILD_ONLY = ("expected_date_of_birth", "upn", "upn_unknown")

    first_name = SafeTextField(label="First name", required=False, max_length=60)
    middle_names = SafeTextField(label="Middle names", required=False, max_length=100)
    last_name = SafeTextField(label="Surname", max_length=60)
    known_as = SafeTextField(
        label="Known as",
        required=False,
        max_length=60,
        help_text="A name they use instead of their first name",
    )
    former_names = SafeTextField(
        label="Former surname",
        required=False,
        max_length=60,
        help_text="If they have been known by another surname",
    )
    date_of_birth = GovDateField(label="Date of birth", required=False, past_only=True, any_past=True)
    expected_date_of_birth = GovDateField(
        label="Expected date of birth",
        required=False,
        help_text="Only for an unborn child. For example, 27 3 2027",
    )
    sex = forms.ChoiceField(label="Sex", choices=Sex.choices, initial=Sex.UNKNOWN, widget=forms.RadioSelect)
    ethnicity = forms.ChoiceField(label="Ethnicity", choices=Ethnicity.choices, initial=Ethnicity.NOBT)
    disabilities = forms.MultipleChoiceField(
        label="Disabilities", required=False, choices=Disability.choices, widget=forms.CheckboxSelectMultiple
    )
    first_language = SafeTextField(label="First language", required=False, max_length=60)
    nhs_number = _nhs_number_field()
    upn = _upn_field()
    upn_unknown = forms.ChoiceField(
        label="If the UPN is not known, why not",
        required=False,
        choices=[("", "The UPN is known, or not yet asked"), *UPNUnknown.choices],
    )

    def __init__(self, *args: Any, is_child: bool = True, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.is_child = is_child
        if not is_child:
            for name in self.CHILD_ONLY:
                del self.fields[name]

    def clean_former_names(self) -> tuple[str, ...]:
        value = self.cleaned_data.get("former_names", "")
        return (value,) if value else ()

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        expected = data.get("expected_date_of_birth")
        if data.get("date_of_birth") and expected:
            self.add_error("expected_date_of_birth", services.BORN_AND_EXPECTED)
        if "first_name" in data and not data["first_name"] and not expected:
            self.add_error("first_name", FIRST_NAME_REQUIRED)
        if expected and not data.get("date_of_birth") and data.get("sex", Sex.UNKNOWN) != Sex.UNKNOWN:
            self.add_error("sex", services.UNBORN_SEX)
        if data.get("upn") and data.get("upn_unknown"):
            self.add_error("upn_unknown", services.UPN_AND_REASON)
        disabilities = data.get("disabilities") or []
        if Disability.NONE in disabilities and len(disabilities) > 1:
            self.add_error("disabilities", services.DISABILITY_NONE_WITH_OTHERS)
        return data
