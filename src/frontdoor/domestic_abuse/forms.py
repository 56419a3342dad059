"""Forms for domestic abuse notifications, Operation Encompass and MARAC. The services validate again
before they write; the views turn cleaned_data into the services' arguments."""

from typing import Any

from django import forms
from django.db.models import QuerySet

from frontdoor.core.forms import GovDateField, GovDateTimeField, GovForm, SafeTextField
from frontdoor.domestic_abuse.models import HowTold, RiskLevel
from frontdoor.organisations.models import PartnerAgency, User

CHILD_ROWS = 4
NO_CHILD = "Add at least one child in the household"


def _school_field(
    schools: QuerySet[PartnerAgency], label: str, required: bool = False
) -> forms.ModelChoiceField:
    return forms.ModelChoiceField(
        label=label, queryset=schools, required=required, empty_label="Not at school, or not known"
    )


class NotificationForm(GovForm):
    incident_at = GovDateTimeField(label="When did the police attend the incident?", past_only=True)
    received_at = GovDateTimeField(label="When did the notification reach us?", past_only=True)
    risk_level = forms.ChoiceField(
        label="DASH risk level",
        choices=RiskLevel.choices,
        widget=forms.RadioSelect,
        help_text="As graded by the police on the DASH risk identification checklist",
    )
    incident = SafeTextField(label="What happened", max_length=5000, widget=forms.Textarea(attrs={"rows": 5}))
    police_reference = SafeTextField(label="Police reference (optional)", required=False, max_length=40)
    officer = SafeTextField(label="Officer or unit that sent it (optional)", required=False, max_length=120)

    def __init__(self, *args: Any, schools: QuerySet[PartnerAgency], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, CHILD_ROWS + 1):
            optional = "" if n == 1 else " (optional)"
            self.fields[f"child_{n}_first_name"] = SafeTextField(
                label=f"Child {n}: first name{optional}", required=False, max_length=100
            )
            self.fields[f"child_{n}_last_name"] = SafeTextField(
                label=f"Child {n}: last name{optional}", required=False, max_length=100
            )
            self.fields[f"child_{n}_date_of_birth"] = GovDateField(
                label=f"Child {n}: date of birth{optional}", required=False, past_only=True, any_past=True
            )
            self.fields[f"child_{n}_school"] = _school_field(schools, f"Child {n}: school")

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        rows = []
        for n in range(1, CHILD_ROWS + 1):
            first, last = data.get(f"child_{n}_first_name", ""), data.get(f"child_{n}_last_name", "")
            born, school = data.get(f"child_{n}_date_of_birth"), data.get(f"child_{n}_school")
            if not (first or last or born or school):
                continue
            if not first:
                self.add_error(f"child_{n}_first_name", f"Enter child {n}'s first name")
            if not last:
                self.add_error(f"child_{n}_last_name", f"Enter child {n}'s last name")
            if born is None and f"child_{n}_date_of_birth" not in self.errors:
                self.add_error(f"child_{n}_date_of_birth", f"Enter child {n}'s date of birth")
            rows.append({"first_name": first, "last_name": last, "date_of_birth": born, "school": school})
        if not rows and "child_1_first_name" not in self.errors:
            self.add_error("child_1_first_name", NO_CHILD)
        data["children"] = rows
        return data


class SchoolToldForm(GovForm):
    told_at = GovDateTimeField(label="When was the school told?", past_only=True)
    told_whom = SafeTextField(
        label="Who at the school was told",
        max_length=120,
        help_text="The key adult's name and role, for example Sam Patel, designated safeguarding lead",
    )
    how_told = forms.ChoiceField(
        label="How was the school told?", choices=HowTold.choices, widget=forms.RadioSelect
    )

    def __init__(self, *args: Any, schools: QuerySet[PartnerAgency] | None = None, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        if schools is not None:  # the child was recorded without a school
            self.fields["school"] = _school_field(schools, "The child's school", required=True)
            self.order_fields(["school"])


class MaracForm(GovForm):
    marac = forms.ChoiceField(
        label="Does the case go to MARAC?",
        choices=[("yes", "Yes"), ("no", "No"), ("unknown", "Not decided yet")],
        widget=forms.RadioSelect,
    )
    marac_date = GovDateField(
        label="MARAC date (optional)", required=False, help_text="Leave blank until the case is listed"
    )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        data["marac"] = {"yes": True, "no": False}.get(data.get("marac") or "")
        return data


class StaffChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj: User) -> str:
        return f"{obj.display_name}, {obj.get_role_display()}"


class MaracActionForm(GovForm):
    what = SafeTextField(label="The action agreed", max_length=3000, widget=forms.Textarea(attrs={"rows": 3}))
    owner = StaffChoiceField(
        label="Who will do it", queryset=User.objects.none(), empty_label="Choose a person"
    )
    due_on = GovDateField(label="Due by")

    def __init__(self, *args: Any, staff: QuerySet[User], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = staff  # type: ignore[attr-defined]
