from typing import Any

from django import forms

from frontdoor.core.forms import GovForm, SafeTextField
from frontdoor.organisations.models import User
from frontdoor.organisations.permissions import STAFF_WHO_SEE_CHILDREN
from frontdoor.quality.models import NoteKind, NoteTheme


class WorkerField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        team = f", {obj.team.name}" if obj.team_id else ""
        return f"{obj.display_name} ({obj.get_role_display()}{team})"


class PracticeNoteForm(GovForm):
    kind = forms.ChoiceField(
        label="What kind of note is it?", choices=NoteKind.choices, widget=forms.RadioSelect
    )
    theme = forms.ChoiceField(label="Theme", choices=NoteTheme.choices)
    worker = WorkerField(
        label="To which worker?",
        queryset=User.objects.none(),
        help_text="The note goes to them and to their team manager",
    )
    text = SafeTextField(label="The note", max_length=8000, widget=forms.Textarea(attrs={"rows": 5}))

    def __init__(self, *args: Any, authority_id: int, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.fields["worker"].queryset = (  # type: ignore[attr-defined]
            User.objects.filter(authority_id=authority_id, is_active=True, role__in=STAFF_WHO_SEE_CHILDREN)
            .select_related("team")
            .order_by("last_name", "first_name", "pk")
        )


class CloseForm(GovForm):
    response = SafeTextField(
        label="Your response",
        max_length=8000,
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text="What was done about it, or what was learnt",
    )
