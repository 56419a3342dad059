import re

from django.core.exceptions import ValidationError

from frontdoor.core.forms import GovForm, SafeTextField

ENTER_CODE = "Enter the 6-digit code from your authenticator app"
WRONG_CODE = "The code is not right: check your app and try again"
SIX_DIGITS = re.compile(r"^\d{6}$")


class CodeForm(GovForm):
    code = SafeTextField(
        label="Code from your authenticator app",
        help_text="For example, 123456",
        error_messages={"required": ENTER_CODE, "html_tags": ENTER_CODE},
    )

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.fields["code"].widget.attrs.update(
            {
                "class": "govuk-input--width-5",
                "inputmode": "numeric",
                "autocomplete": "one-time-code",
                "spellcheck": "false",
            }
        )

    def clean_code(self) -> str:
        code = re.sub(r"[\s-]", "", self.cleaned_data["code"])
        if not SIX_DIGITS.match(code):
            raise ValidationError(ENTER_CODE, code="format")
        return code
