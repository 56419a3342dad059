from django import forms

from frontdoor.core.forms import GovForm
from frontdoor.notifications.models import EmailChoice
from frontdoor.notifications.services import CHOOSABLE_KINDS


class PreferenceForm(GovForm):
    kind = forms.ChoiceField(
        label="Which notifications?", choices=[(k.value, k.label) for k in CHOOSABLE_KINDS]
    )
    email = forms.ChoiceField(
        label="How do you want to be emailed?", choices=EmailChoice.choices, widget=forms.RadioSelect
    )
