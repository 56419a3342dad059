from django import forms

from frontdoor.core.forms import GovForm
from frontdoor.notifications.models import EmailChoice
from frontdoor.notifications.services import CHOOSABLE_KINDS, UNKNOWN_CHOICE, UNKNOWN_KIND


class PreferenceForm(GovForm):
    kind = forms.ChoiceField(
        label="Which notifications?",
        choices=[(k.value, k.label) for k in CHOOSABLE_KINDS],
        error_messages={"invalid_choice": UNKNOWN_KIND},
    )
    email = forms.ChoiceField(
        label="How do you want to be emailed?",
        choices=EmailChoice.choices,
        widget=forms.RadioSelect,
        error_messages={"invalid_choice": UNKNOWN_CHOICE},
    )
