from typing import Any

from django import forms

from frontdoor.access.models import RestrictionReason
from frontdoor.core.forms import GovDateField, GovForm, SafeTextField
from frontdoor.organisations.models import User

KEEP_LIFT = [("keep", "Keep the restriction"), ("lift", "Lift the restriction")]


class StaffChoiceField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Any) -> str:
        return f"{obj.display_name}, {obj.get_role_display()}"


def _staff(authority_id: int) -> Any:
    return (
        User.objects.filter(authority_id=authority_id, is_active=True)
        .exclude(role__in=["partner_user", "administrator"])
        .order_by("last_name", "first_name")
    )


class RestrictionForm(GovForm):
    reason = forms.ChoiceField(
        label="Why is this record restricted?", choices=RestrictionReason.choices, widget=forms.RadioSelect
    )
    note = SafeTextField(label="Note for the review (optional)", required=False, max_length=1000)
    allowed_users = StaffChoiceField(
        label="Who else may see this record?",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="You are always on the list. Everyone else gets 'not found'.",
    )

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["allowed_users"].queryset = _staff(authority_id)  # type: ignore[attr-defined]


class RestrictionReviewForm(GovForm):
    version = forms.IntegerField(widget=forms.HiddenInput)
    decision = forms.ChoiceField(label="Your review", choices=KEEP_LIFT, widget=forms.RadioSelect)
    allowed_users = StaffChoiceField(
        label="Who may see this record from now on?",
        queryset=User.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text="Leave all unticked to keep the current list.",
    )

    def __init__(self, *args, authority_id: int, **kwargs) -> None:  # type: ignore[no-untyped-def]
        super().__init__(*args, **kwargs)
        self.fields["allowed_users"].queryset = _staff(authority_id)  # type: ignore[attr-defined]


WRONG_PASSWORD = "The password is not right: enter the password you sign in with"  # noqa: S105 - a message


class BreakGlassForm(GovForm):
    """Breaking glass asks for the password again, so an unattended signed-in screen cannot open a
    restricted record (OWASP ASVS 4.0.3 V3.7.1: re-authenticate before a sensitive action)."""

    reason = SafeTextField(
        label="Why do you need to see this record now?",
        max_length=1000,
        help_text="Your access lasts one hour, is recorded, and the record's owner is told at once.",
    )
    password = forms.CharField(
        label="Your password",
        help_text="Enter it again to confirm it is you.",
        strip=False,
        widget=forms.PasswordInput(attrs={"autocomplete": "current-password"}),
        error_messages={"required": "Enter your password to confirm it is you"},
    )

    def __init__(self, *args: Any, user: User, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.user = user

    def clean_password(self) -> str:
        password = self.cleaned_data["password"]
        if not self.user.check_password(password):
            raise forms.ValidationError(WRONG_PASSWORD, code="wrong_password")
        return ""  # never kept beyond the check


class HealthMarkForm(GovForm):
    sensitive = forms.ChoiceField(
        label="Health details",
        choices=[("yes", "Sensitive: hide from roles that do not need them"), ("no", "Not sensitive")],
        widget=forms.RadioSelect,
    )
    note = SafeTextField(label="Note (optional)", required=False, max_length=200)


class StaffWarningForm(GovForm):
    # The service refuses the same, in the same words, for callers without a form.
    text = SafeTextField(
        label="Warning",
        error_messages={"required": "Enter the warning"},
        max_length=200,
        help_text="What staff must know before a visit or call, such as: dog at address; do not visit alone",
    )
    review_on = GovDateField(
        label="Review by",
        help_text="Within 12 months",
        error_messages={"required": "Enter the date the warning will be reviewed"},
    )


class StaffWarningEndForm(GovForm):
    reason = SafeTextField(
        label="Why does the warning no longer apply?",
        error_messages={"required": "Enter why the warning no longer applies"},
        max_length=500,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
