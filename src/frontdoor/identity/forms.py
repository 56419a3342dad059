"""The merge page: which record survives and, field by field, whose value it keeps."""

from typing import Any, cast

from django import forms

from frontdoor.identity.models import DuplicatePair
from frontdoor.identity.services import MERGE_FIELDS
from frontdoor.people.models import Person

FIRST, SECOND = "first", "second"


def _shown(person: Person, name: str) -> str:
    value = getattr(person, name)
    display = getattr(person, f"get_{name}_display", None)
    if display is not None and value:
        return str(display())
    if isinstance(value, bool):
        return "Yes" if value else "No"
    if isinstance(value, list):
        return ", ".join(value) or "(none)"
    return value.strftime("%d %b %Y") if hasattr(value, "strftime") else (str(value) if value else "(blank)")


class MergeForm(forms.Form):
    """A field per person field that differs between the two, each asking whose value to keep."""

    decision = forms.ChoiceField(
        label="Are these the same person?",
        choices=[("merge", "Yes: merge them"), ("reject", "No: they are different people")],
        widget=forms.RadioSelect,
    )
    survivor = forms.ChoiceField(
        label="Which record should remain?", choices=[], widget=forms.RadioSelect, required=False
    )
    first_version = forms.IntegerField(widget=forms.HiddenInput)
    second_version = forms.IntegerField(widget=forms.HiddenInput)

    def __init__(self, *args: Any, pair: DuplicatePair, **kwargs: Any) -> None:
        kwargs.setdefault(
            "initial", {"first_version": pair.first.version, "second_version": pair.second.version}
        )
        super().__init__(*args, **kwargs)
        first, second = pair.first, pair.second
        survivor = cast(forms.ChoiceField, self.fields["survivor"])
        survivor.choices = [
            (FIRST, f"{first.full_name} ({first.reference})"),
            (SECOND, f"{second.full_name} ({second.reference})"),
        ]
        self.differing = [n for n in MERGE_FIELDS if getattr(first, n) != getattr(second, n)]
        for name in self.differing:
            label = str(getattr(Person._meta.get_field(name), "verbose_name", name)).capitalize()
            self.fields[f"keep_{name}"] = forms.ChoiceField(
                label=f"{label}: keep",
                choices=[(FIRST, _shown(first, name)), (SECOND, _shown(second, name))],
                widget=forms.RadioSelect,
                initial=FIRST,
                required=False,
            )

    def clean(self) -> dict[str, Any]:
        data = super().clean() or {}
        if data.get("decision") == "merge" and not data.get("survivor"):
            self.add_error("survivor", "Select which record should remain")
        return data

    def taken(self) -> list[str]:
        """The fields whose value comes from the record that does not survive."""
        survivor = self.cleaned_data.get("survivor")
        return [n for n in self.differing if (self.cleaned_data.get(f"keep_{n}") or survivor) != survivor]


class UnmergeForm(forms.Form):
    confirm = forms.BooleanField(label="Yes, undo this merge and restore both records", required=True)
