from django import forms

from frontdoor.core.forms import GovForm, SafeTextField
from frontdoor.documents.models import DocumentKind
from frontdoor.documents.rules import ACCEPTED_WORDS


class DocumentForm(GovForm):
    upload = forms.FileField(
        label="File",
        help_text=f"The file must be {ACCEPTED_WORDS}",
        allow_empty_file=True,  # the service refuses an empty file, with its own words
    )
    kind = forms.ChoiceField(label="What is it?", choices=DocumentKind.choices, widget=forms.RadioSelect)
    title = SafeTextField(
        label="Title", max_length=200, help_text="For example, Letter from the school nurse"
    )
