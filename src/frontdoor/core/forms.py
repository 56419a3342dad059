"""Forms that render as GOV.UK Design System components.

Subclass GovForm or GovModelForm and render with {{ form }} (one field: {{ form.name.as_field_group }});
put {% include "core/includes/error_summary.html" %} at the top of the page. Every CharField in these forms
strips whitespace, refuses HTML tags and reports length limits in words ("Concerns must be 5,000 characters
or fewer"); required fields say "Enter ..." or "Select ..." using the field's label.
"""

import re
from datetime import date, datetime
from typing import TYPE_CHECKING
from zoneinfo import ZoneInfo

from django import forms
from django.conf import settings
from django.contrib.auth.forms import AuthenticationForm
from django.core.exceptions import ValidationError
from django.core.validators import MaxLengthValidator
from django.forms.renderers import BaseRenderer, DjangoTemplates
from django.forms.utils import pretty_name
from django.utils import timezone

LONDON = ZoneInfo("Europe/London")

# Text a browser would read as markup: <b>, </p>, <img src=x>, <!-- -->, <!doctype>, <?xml>.
# "a < b", "<5 years" and "->" are ordinary text and pass.
HTML_TAG = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?|!--.*?--|![A-Za-z][^<>]*|\?[^<>]*)>", re.S)
DIGITS = re.compile(r"^[0-9]+$")
TIME_OF_DAY = re.compile(r"^(\d{1,2})[:.]?(\d{2})$")

FORM_TEMPLATE = "core/forms/form.html"
FIELD_TEMPLATE = "core/forms/field.html"


class GovFormRenderer(DjangoTemplates):
    """Renders {{ form }} and {{ field.as_field_group }} with the GOV.UK templates.

    GovForm uses it already; set FORM_RENDERER to it to make Django's own forms render the same way.
    """

    form_template_name = FORM_TEMPLATE
    field_template_name = FIELD_TEMPLATE


def lower_first(label: str) -> str:
    """'Date of birth' -> 'date of birth', but 'NHS number' stays as it is."""
    label = str(label)
    if len(label) > 1 and label[1].isupper():
        return label
    return label[:1].lower() + label[1:]


def html_tags_message(label: str | None) -> str:
    if label:
        return f"Remove the < and > characters from {lower_first(label)}"
    return "Remove the < and > characters"


def max_length_message(label: str | None, max_length: int) -> str:
    return f"{label or 'This'} must be {max_length:,} characters or fewer"


def reject_html_tags(value: object) -> None:
    """Validator for any text field: refuse text that contains HTML tags."""
    if isinstance(value, str) and HTML_TAG.search(value):
        raise ValidationError(html_tags_message(None), code="html_tags")


class NoHtmlTags:
    """reject_html_tags with the field's label in its message."""

    def __init__(self, label: str) -> None:
        self.label = label

    def __call__(self, value: object) -> None:
        if isinstance(value, str) and HTML_TAG.search(value):
            raise ValidationError(html_tags_message(self.label), code="html_tags")

    def __eq__(self, other: object) -> bool:
        return isinstance(other, NoHtmlTags) and other.label == self.label

    def __hash__(self) -> int:
        return hash(self.label)


class SafeTextField(forms.CharField):
    """Free text: stripped, line endings normalised, no HTML tags, length limit in words.

    No maxlength attribute reaches the browser (it silently cuts pasted text short); textareas with a
    max_length render the GOV.UK character count instead.
    """

    def __init__(self, *, max_length: int | None = None, **kwargs) -> None:
        super().__init__(**kwargs)
        self.max_length = max_length

    def to_python(self, value):
        value = super().to_python(value)
        return value.replace("\r\n", "\n").replace("\r", "\n")

    def widget_attrs(self, widget):
        attrs = super().widget_attrs(widget)
        attrs.pop("maxlength", None)
        return attrs

    def validate(self, value) -> None:
        super().validate(value)
        if self.max_length is not None and len(value) > self.max_length:
            message = self.error_messages.get("max_length") or max_length_message(
                str(self.label) if self.label else None, self.max_length
            )
            raise ValidationError(message, code="max_length")
        if HTML_TAG.search(value):
            message = self.error_messages.get("html_tags") or html_tags_message(
                str(self.label) if self.label else None
            )
            raise ValidationError(message, code="html_tags")


# Dates ---------------------------------------------------------------------------------------------------

DATE_PARTS = ("day", "month", "year")


class GovDateInput(forms.MultiWidget):
    """Day, month and year boxes (GOV.UK date input). Posted as <name>_day, <name>_month, <name>_year."""

    parts: tuple[str, ...] = DATE_PARTS

    def __init__(self, attrs=None) -> None:
        super().__init__(dict.fromkeys(self.parts, forms.TextInput), attrs)

    def decompress(self, value):
        if isinstance(value, datetime):
            value = value.astimezone(LONDON).date() if timezone.is_aware(value) else value.date()
        if isinstance(value, date):
            return [str(value.day), str(value.month), str(value.year)]
        return [None] * len(self.parts)


class GovDateTimeInput(GovDateInput):
    """Day, month, year and a 24-hour time ("14:05"). Posted as <name>_day ... <name>_time."""

    parts = (*DATE_PARTS, "time")

    def decompress(self, value):
        if isinstance(value, datetime):
            local = value.astimezone(LONDON) if timezone.is_aware(value) else value
            return [str(local.day), str(local.month), str(local.year), local.strftime("%H:%M")]
        return [None] * len(self.parts)


def _and_join(words: list[str]) -> str:
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


class GovDateField(forms.MultiValueField):
    """A date typed into three boxes, with the GOV.UK date-input error messages.

    past_only=True refuses dates after today (in Europe/London). Every date is an event no earlier than
    settings.FRONTDOOR_EARLIEST_DATE (issue 18: a contact dated 1900 started clocks centuries overdue)
    unless any_past=True, for dates of birth. After a failed clean, error_parts names the boxes to
    highlight ("day", "month", "year", "time").
    """

    widget = GovDateInput
    default_hint = "For example, 27 3 2007"

    def __init__(
        self, *, past_only: bool = False, any_past: bool = False, described_as: str | None = None, **kwargs
    ) -> None:
        """described_as names the date in messages when the label is a question ("When did it
        begin?" reads badly in "... must be today or in the past")."""
        self.past_only = past_only
        self.any_past = any_past
        self.described_as = described_as
        self.error_parts: tuple[str, ...] = ()
        kwargs.setdefault("help_text", self.default_hint)
        subfields = [forms.CharField(required=False) for _ in self.widget.parts]
        super().__init__(fields=subfields, require_all_fields=False, **kwargs)

    @property
    def name_for_messages(self) -> str:
        return self.described_as or str(self.label or "Date")

    def invalid(self, message: str, parts: tuple[str, ...], code: str = "invalid") -> ValidationError:
        self.error_parts = parts
        return ValidationError(message, code=code)

    def clean(self, value):
        self.error_parts = ()
        parts = self.parts_of(value)
        if not any(parts.values()):
            if self.required:
                message = self.error_messages["required"]
                if str(message) == str(forms.Field.default_error_messages["required"]):
                    message = f"Enter {lower_first(self.name_for_messages)}"
                raise self.invalid(str(message), (), "required")
            return None
        result = self.compress_parts(parts)
        self.run_validators(result)
        return result

    def parts_of(self, value) -> dict[str, str]:
        if not isinstance(value, list | tuple):
            value = self.widget.decompress(value)  # type: ignore[call-arg]  # MultiWidget.decompress(value)
        return {part: str(item or "").strip() for part, item in zip(self.widget.parts, value, strict=False)}

    def compress(self, data_list):
        if not data_list:
            return None
        return self.compress_parts(dict(zip(self.widget.parts, data_list, strict=False)))

    def compress_parts(self, parts: dict[str, str]) -> date:
        day = self.clean_date_parts(parts)
        self.check_floor(day)
        if self.past_only and day > timezone.localdate(timezone=LONDON):
            message = f"{self.name_for_messages} must be today or in the past"
            raise self.invalid(message, DATE_PARTS, "past_only")
        return day

    def check_floor(self, day: date) -> None:
        earliest: date = settings.FRONTDOOR_EARLIEST_DATE
        if not self.any_past and day < earliest:
            message = f"{self.name_for_messages} must be on or after {earliest.day} {earliest:%B %Y}"
            raise self.invalid(message, DATE_PARTS, "too_early")

    def clean_date_parts(self, parts: dict[str, str]) -> date:
        label = self.name_for_messages
        missing = [part for part in DATE_PARTS if not parts.get(part)]
        if len(missing) == len(DATE_PARTS):
            raise self.invalid(f"{label} must include a date", DATE_PARTS, "incomplete")
        if missing:
            raise self.invalid(f"{label} must include a {_and_join(missing)}", tuple(missing), "incomplete")
        # ASCII digits only ("²" passes str.isdigit but not int()), and at most 2 for a day or month:
        # 19 or more digits overflowed date() into a server error (issue 18).
        bad = tuple(part for part in DATE_PARTS if not DIGITS.match(parts[part]))
        bad = bad or tuple(part for part in ("day", "month") if len(parts[part]) > 2)
        if bad:
            raise self.invalid(f"{label} must be a real date", bad)
        if len(parts["year"]) != 4:
            raise self.invalid(f"Year in {lower_first(label)} must include 4 numbers", ("year",))
        try:
            return date(int(parts["year"]), int(parts["month"]), int(parts["day"]))
        except ValueError:
            bad = ("month",) if not 1 <= int(parts["month"]) <= 12 else ("day",)
            raise self.invalid(f"{label} must be a real date", bad) from None


class GovDateTimeField(GovDateField):
    """A date and a 24-hour time, cleaned to an aware datetime in Europe/London."""

    widget = GovDateTimeInput
    default_hint = "For example, 27 3 2026 and 14:05 (24-hour clock)"

    def compress_parts(self, parts: dict[str, str]) -> datetime:
        label = self.name_for_messages
        day = self.clean_date_parts(parts)
        self.check_floor(day)
        if not parts.get("time"):
            raise self.invalid(f"{label} must include a time", ("time",), "incomplete")
        match = TIME_OF_DAY.match(parts["time"].replace(" ", ""))
        if not match or int(match[1]) > 23 or int(match[2]) > 59:
            raise self.invalid(f"{label} must be a real time in 24-hour format, like 14:05", ("time",))
        naive = datetime(day.year, day.month, day.day, int(match[1]), int(match[2]))  # noqa: DTZ001
        moment = naive.replace(tzinfo=LONDON)
        if moment.astimezone(ZoneInfo("UTC")).astimezone(LONDON).replace(tzinfo=None) != naive:
            raise self.invalid(f"{label} is a time that did not happen: the clocks went forward", ("time",))
        if self.past_only and moment > timezone.now():
            raise self.invalid(f"{label} must be in the past", (*DATE_PARTS, "time"), "past_only")
        return moment


# Forms ---------------------------------------------------------------------------------------------------


class GovFormMixin(forms.BaseForm if TYPE_CHECKING else object):  # type: ignore[misc]
    """GOV.UK rendering and messages for any Django form class."""

    default_renderer: BaseRenderer | type[BaseRenderer] | None = GovFormRenderer()
    template_name = FORM_TEMPLATE
    template_name_div = FORM_TEMPLATE
    # Label and legend size: "s" (bold), "m", "l" or "" (regular).
    label_size = "s"
    # GOV.UK marks optional questions "(optional)" rather than required ones.
    mark_optional_fields = True

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        for name, field in self.fields.items():
            if field.label is None:
                field.label = pretty_name(name)
            apply_govuk_conventions(field)


def apply_govuk_conventions(field: forms.Field) -> None:
    label = str(field.label)
    required = field.error_messages.get("required")
    if required is not None and str(required) == str(forms.Field.default_error_messages["required"]):
        field.error_messages["required"] = _required_message(
            field, getattr(field, "described_as", None) or label
        )
    if isinstance(field, forms.CharField) and not isinstance(field.widget, forms.PasswordInput):
        field.widget.attrs.pop("maxlength", None)
        if not isinstance(field, SafeTextField):
            if NoHtmlTags(label) not in field.validators:
                field.validators.append(NoHtmlTags(label))
            if field.max_length is not None:
                message = max_length_message(label, field.max_length).replace("%", "%%")
                field.error_messages.setdefault("max_length", message)
    for code, message in _value_messages(field, label).items():
        if str(field.error_messages.get(code)) == str(_django_default(field, code)):
            field.error_messages[code] = message
    if type(field.widget) is forms.NumberInput:
        # GOV.UK: type="number" changes values on scroll and rejects input silently; use a text box.
        mode = "decimal" if isinstance(field, forms.FloatField | forms.DecimalField) else "numeric"
        attrs = {k: v for k, v in field.widget.attrs.items() if k not in {"min", "max", "step"}}
        field.widget = forms.TextInput(attrs={**attrs, "inputmode": mode, "spellcheck": "false"})
        field.widget.is_required = field.required


def _django_default(field: forms.Field, code: str) -> object:
    for cls in type(field).__mro__:
        message = getattr(cls, "default_error_messages", {}).get(code)
        if message is not None:
            return message
    return None


def _value_messages(field: forms.Field, label: str) -> dict[str, str]:
    """GOV.UK wording for Django's number and email messages (only where Django's default is in use)."""
    label = label.replace("%", "%%")
    if isinstance(field, forms.IntegerField):
        whole = not isinstance(field, forms.FloatField | forms.DecimalField)
        return {
            "invalid": f"{label} must be a whole number" if whole else f"{label} must be a number",
            "min_value": f"{label} must be %(limit_value)s or more",
            "max_value": f"{label} must be %(limit_value)s or less",
        }
    if isinstance(field, forms.EmailField):
        return {"invalid": "Enter an email address in the correct format, like name@example.com"}
    return {}


def _required_message(field: forms.Field, label: str) -> str:
    if isinstance(field.widget, forms.CheckboxInput):
        return f"Select “{label}” to continue"
    if isinstance(field.widget, forms.widgets.ChoiceWidget):
        return f"Select {lower_first(label)}"
    return f"Enter {lower_first(label)}"


class GovForm(GovFormMixin, forms.Form):
    pass


class GovModelForm(GovFormMixin, forms.ModelForm):
    pass


class GovAuthenticationForm(GovFormMixin, AuthenticationForm):
    """The sign-in form with GOV.UK messages. Use with LoginView(authentication_form=...)."""

    error_messages = {
        "invalid_login": "Enter a correct username and password",
        "inactive": "This account is not active. Ask an administrator to reactivate it",
    }

    def __init__(self, request=None, *args, **kwargs) -> None:
        super().__init__(request, *args, **kwargs)
        self.fields["username"].error_messages["required"] = "Enter your username"
        self.fields["password"].error_messages["required"] = "Enter your password"
        self.fields["username"].widget.attrs.pop("autofocus", None)
        self._limit_username_length()
        self.fields["username"].widget.attrs.update({"spellcheck": "false", "autocapitalize": "none"})

    def _limit_username_length(self) -> None:
        """AuthenticationForm sets the username's max_length after the field is built, so Django adds
        no validator for it: a 300-character username reached authenticate() and overflowed the
        lockout table's varchar(255) on PostgreSQL (issue 18). Refuse it beside the field instead."""
        field = self.fields["username"]
        limit = getattr(field, "max_length", None) or 150
        message = max_length_message("Username", limit)
        field.validators.append(MaxLengthValidator(limit, message=message))
