from typing import Any

from django import forms

from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.drift.selectors import Listed
from frontdoor.tasks.forms import OwnerField


class PanelForm(GovForm):
    held_on = GovDateField(label="Date of the panel", past_only=True)
    attendees = SafeTextField(
        label="Who attended",
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Names and roles, for example the chair, team managers and the principal social worker",
    )


class DecisionForm(GovForm):
    # Any number is accepted here: the service refuses a child not on the list, beside this field.
    child = forms.IntegerField(label="Child", widget=forms.Select)
    decision = SafeTextField(
        label="The panel's decision", max_length=6000, widget=forms.Textarea(attrs={"rows": 4})
    )
    next_review_on = GovDateField(label="Next review")
    action = SafeTextField(
        label="Action (optional)", max_length=3000, required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    owner = OwnerField(label="Who will do the action", required=False)
    due_on = GovDateField(label="Action due", required=False)

    def __init__(self, *args: Any, listed: list[Listed], authority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        choices = [("", "Choose a child")] + [
            (row.person.pk, f"{row.person.full_name} ({row.person.reference})") for row in listed
        ]
        self.fields["child"].widget.choices = choices  # type: ignore[attr-defined]
        self.fields["owner"].for_authority(authority_id)  # type: ignore[attr-defined]

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        given = [bool(data.get(name)) for name in ("action", "owner", "due_on")]
        if any(given) and not all(given):
            for name, present in zip(("action", "owner", "due_on"), given, strict=True):
                if not present and name not in self.errors:
                    self.add_error(name, "An action needs what is to be done, who will do it and when")
        return data
