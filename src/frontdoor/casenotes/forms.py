from typing import Any

from django import forms

from frontdoor.casenotes import rules
from frontdoor.casenotes.models import NoteKind
from frontdoor.core.forms import GovDateTimeField, GovForm, SafeTextField
from frontdoor.people.models import Person


class ChildChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        born = f", born {obj.date_of_birth:%-d %B %Y}" if obj.date_of_birth else ""
        return f"{obj.full_name}{born}"


def _text(label: str, limit: int, *, rows: int = 3, required: bool = False, **kwargs: Any) -> SafeTextField:
    return SafeTextField(
        label=label,
        max_length=limit,
        required=required,
        widget=forms.Textarea(attrs={"rows": rows}),
        **kwargs,
    )


class NoteContentForm(GovForm):
    """What a note says: the same questions when it is written and when it is corrected."""

    kind = forms.ChoiceField(
        label="What kind of event was it?", choices=NoteKind.choices, widget=forms.RadioSelect
    )
    occurred_at = GovDateTimeField(
        label="When did it happen?", past_only=True, described_as="When it happened"
    )
    present = _text("Who was present", rules.PRESENT_LIMIT, rows=2, help_text="Names and roles")
    child_seen = forms.BooleanField(label="The child was seen", required=False)
    seen_alone = forms.BooleanField(label="The child was seen alone", required=False)
    childs_words = _text(
        "The child's own words",
        rules.WORDS_LIMIT,
        help_text="What the child said, as they said it, where they gave it",
    )
    text = _text("What happened", rules.NOTE_TEXT_LIMIT, rows=8, required=True)
    significant = forms.BooleanField(
        label="Significant event (shown in the child's chronology)", required=False
    )


class NoteForm(NoteContentForm):
    children = ChildChoiceField(
        label="Which children is the note about?",
        queryset=Person.objects.none(),
        widget=forms.CheckboxSelectMultiple,
        help_text="The child, and brothers and sisters or other children in the household you can see",
    )
    field_order = ["children", "kind", "occurred_at"]

    def __init__(self, *args: Any, children: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["children"].queryset = children  # type: ignore[attr-defined]


class CorrectionForm(NoteContentForm):
    reason = _text("Why are you correcting the note?", 2000, rows=2, required=True)
    version = forms.IntegerField(widget=forms.HiddenInput)


class SearchForm(GovForm):
    q = forms.CharField(label="Search this child's notes", max_length=200, required=False)
    significant = forms.BooleanField(label="Significant events only", required=False)
