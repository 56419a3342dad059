"""Forms for the referral to the designated officer, the initial consideration, the parallel
processes, the meeting, the outcome and the named managers. The services validate again."""

from typing import Any

from django import forms

from frontdoor.allegations.models import ActionTaken, Consideration, Harm, Outcome, Process, Sector
from frontdoor.allegations.services import ActionData
from frontdoor.core.forms import GovDateField, GovDateTimeField, GovForm, SafeTextField
from frontdoor.organisations.models import MANAGER_ROLES, User
from frontdoor.tasks.forms import OwnerField

ACTION_ROWS = 3
_TEXT = {"widget": forms.Textarea(attrs={"rows": 4})}


class VersionedForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)


class ReferralForm(GovForm):
    received_at = GovDateTimeField(
        label="When did the allegation reach the designated officer?", past_only=True
    )
    referrer_name = SafeTextField(label="Referrer's name", max_length=120)
    referrer_organisation = SafeTextField(label="Referrer's organisation", max_length=160)
    adult_name = SafeTextField(label="Name of the adult the allegation is about", max_length=120)
    adult_role = SafeTextField(
        label="The adult's role", max_length=120, help_text="For example, teaching assistant"
    )
    employer = SafeTextField(label="Employer, or organisation they volunteer for", max_length=160)
    sector = forms.ChoiceField(label="Sector", choices=Sector.choices, widget=forms.RadioSelect)
    harm = forms.ChoiceField(
        label="What is the adult alleged to have done?", choices=Harm.choices, widget=forms.RadioSelect
    )
    allegation = SafeTextField(label="The allegation", max_length=5000, **_TEXT)
    children = SafeTextField(
        label="The children: their record references",
        max_length=400,
        help_text="One or more, separated by commas; the first is the child the allegation is chiefly about",
    )


class ConsiderationForm(VersionedForm):
    consideration = forms.ChoiceField(
        label="What did the initial consideration decide?",
        choices=Consideration.choices,
        widget=forms.RadioSelect,
    )
    notes = SafeTextField(label="Reasons", max_length=5000, **_TEXT)
    police_process = forms.ChoiceField(
        label="Police investigation", choices=Process.choices, widget=forms.RadioSelect
    )
    employer_process = forms.ChoiceField(
        label="Employer's own process (suspension, investigation, disciplinary)", choices=Process.choices,
        widget=forms.RadioSelect,
    )  # fmt: skip
    parallel_notes = SafeTextField(label="About those processes (optional)", required=False, max_length=2000)


class ParallelForm(VersionedForm):
    police_process = forms.ChoiceField(
        label="Police investigation", choices=Process.choices, widget=forms.RadioSelect
    )
    employer_process = forms.ChoiceField(
        label="Employer's own process", choices=Process.choices, widget=forms.RadioSelect
    )
    notes = SafeTextField(label="Where they have got to", required=False, max_length=2000, **_TEXT)


class OutcomeForm(VersionedForm):
    outcome = forms.ChoiceField(label="Outcome", choices=Outcome.choices, widget=forms.RadioSelect)
    outcome_on = GovDateField(label="Date of the outcome", required=False)
    decided_by = SafeTextField(
        label="Who made the decision", max_length=160, required=False,
        help_text="For example, the employer's disciplinary panel, or the allegation management meeting",
    )  # fmt: skip
    actions_taken = forms.MultipleChoiceField(
        label="Action taken", choices=ActionTaken.choices, widget=forms.CheckboxSelectMultiple, required=False
    )
    notes = SafeTextField(label="Notes (optional)", required=False, max_length=5000, **_TEXT)


class ManagersForm(GovForm):
    managers = forms.ModelMultipleChoiceField(
        label="Managers who may see this allegation",
        queryset=User.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
        help_text="Leave out anyone who manages the adult, or works closely with them",
    )

    def __init__(self, *args: Any, authority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        managers = User.objects.filter(authority_id=authority_id, role__in=MANAGER_ROLES, is_active=True)
        field = self.fields["managers"]
        field.queryset = managers.order_by("last_name", "first_name")  # type: ignore[attr-defined]
        field.label_from_instance = lambda u: f"{u.display_name}, {u.get_role_display()}"  # type: ignore[attr-defined]


class MeetingForm(GovForm):
    held_at = GovDateTimeField(label="When was the meeting held?", past_only=True)
    attendees = SafeTextField(label="Who attended", max_length=2000, help_text="Names and agencies", **_TEXT)
    discussion = SafeTextField(label="What was discussed and agreed", max_length=5000, **_TEXT)

    def __init__(self, *args: Any, authority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        for n in range(1, ACTION_ROWS + 1):
            self.fields[f"action_{n}_description"] = SafeTextField(
                label=f"Action {n} (optional)", required=False, max_length=1000
            )
            self.fields[f"action_{n}_owner"] = OwnerField(label=f"Action {n}: who owns it", required=False)
            self.fields[f"action_{n}_owner"].for_authority(authority_id)  # type: ignore[attr-defined]
            self.fields[f"action_{n}_due_date"] = GovDateField(label=f"Action {n}: due date", required=False)

    def clean(self):  # type: ignore[no-untyped-def]
        data = super().clean() or {}
        actions = []
        for n in range(1, ACTION_ROWS + 1):
            description = data.pop(f"action_{n}_description", "") or ""
            owner = data.pop(f"action_{n}_owner", None)
            due = data.pop(f"action_{n}_due_date", None)
            if description or owner or due:
                actions.append(ActionData(description, owner, due))
        data["actions"] = actions
        return data
