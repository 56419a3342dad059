"""GOV.UK formatting for Frontdoor pages: dates as people say them, RAG and due tags, form helpers.

{% load govuk %}
{{ contact.received_at|govuk_datetime }}   Tue 24 Mar 2026, 14:05
{{ contact.received_at|time_ago }}         2 days 3 hours ago
{% rag_tag child.rag %}                    <strong class="govuk-tag govuk-tag--red ...">Red</strong>
{% due_tag clock %}                        Overdue by 3 hours / Due in 2 hours / Due Tue 24 Mar / Met
"""

from datetime import date, datetime, timedelta
from typing import Any

from django import forms, template
from django.urls import NoReverseMatch, reverse
from django.utils import timezone
from django.utils.html import format_html

from frontdoor.core import navigation
from frontdoor.core.forms import LONDON, GovDateInput, GovDateTimeInput

register = template.Library()

DAYS = ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun")
MONTHS = ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec")
SOON = timedelta(hours=4)


# Dates and durations -------------------------------------------------------------------------------------


def _local(value: datetime) -> datetime:
    return value.astimezone(LONDON) if timezone.is_aware(value) else value


def _day_text(value: date) -> str:
    return f"{DAYS[value.weekday()]} {value.day} {MONTHS[value.month - 1]}"


@register.filter
def govuk_date(value: date | datetime | None) -> str:
    """Tue 23 Mar 2026 (a datetime is shown on its Europe/London date)."""
    if not value:
        return ""
    if isinstance(value, datetime):
        value = _local(value)
    return f"{_day_text(value)} {value.year}"


@register.filter
def govuk_datetime(value: datetime | None) -> str:
    """Tue 24 Mar 2026, 14:05 in Europe/London."""
    if not value:
        return ""
    local = _local(value)
    return f"{govuk_date(local)}, {local:%H:%M}"


def _plural(count: int, unit: str) -> str:
    return f"{count} {unit}" if count == 1 else f"{count} {unit}s"


@register.filter
def duration(value: timedelta | float | None) -> str:
    """The two largest units: "2 days 3 hours", "3 hours 5 minutes", "45 minutes", "less than a minute"."""
    if value is None or value == "":
        return ""
    seconds = abs(value.total_seconds() if isinstance(value, timedelta) else float(value))
    minutes = int(seconds // 60)
    if minutes == 0:
        return "less than a minute"
    days, rest = divmod(minutes, 24 * 60)
    hours, minutes = divmod(rest, 60)
    if days:
        units = [(days, "day"), (hours, "hour")]
    elif hours:
        units = [(hours, "hour"), (minutes, "minute")]
    else:
        units = [(minutes, "minute")]
    return " ".join(_plural(count, unit) for count, unit in units if count)


@register.filter
def time_ago(value: datetime | None, now: datetime | None = None) -> str:
    """'2 days 3 hours ago', or 'in 2 hours' for a time still to come."""
    if not value:
        return ""
    now = now or timezone.now()
    if value > now:
        return f"in {duration(value - now)}"
    return f"{duration(now - value)} ago"


# Tags ----------------------------------------------------------------------------------------------------

RAG_COLOURS = {"red": ("red", "Red"), "amber": ("orange", "Amber"), "green": ("green", "Green")}


@register.simple_tag
def rag_tag(rag: str | None) -> str:
    """A GOV.UK tag that says the rating in words as well as colour; 'Not set' when blank."""
    colour, text = RAG_COLOURS.get(str(rag or "").lower(), ("grey", "Not set"))
    return format_html('<strong class="govuk-tag govuk-tag--{} app-rag">{}</strong>', colour, text)


def due_status(
    due_at: datetime | None, completed_at: datetime | None, now: datetime, *, paused: bool = False
) -> tuple[str, str]:
    """(tag colour, words) for a clock. Pure: the caller supplies now."""
    if due_at is None:
        return "", ""
    if completed_at is not None:
        if completed_at <= due_at:
            return "green", "Met"
        return "red", f"Missed by {duration(completed_at - due_at)}"
    if paused:
        return "grey", "Paused"
    if now > due_at:
        return "red", f"Overdue by {duration(now - due_at)}"
    if due_at - now < SOON or _local(due_at).date() == _local(now).date():
        return "yellow", f"Due in {duration(due_at - now)}"
    return "grey", f"Due {_day_text(_local(due_at))}"


@register.simple_tag
def due_tag(clock: Any, now: datetime | None = None) -> str:
    """{% due_tag clock %}: clock has due_at and completed_at (and optionally paused_at)."""
    if clock is None:
        return ""
    colour, text = due_status(
        getattr(clock, "due_at", None),
        getattr(clock, "completed_at", None),
        now or timezone.now(),
        paused=getattr(clock, "paused_at", None) is not None,
    )
    if not text:
        return ""
    return format_html('<strong class="govuk-tag govuk-tag--{} app-tag">{}</strong>', colour, text)


# Forms ---------------------------------------------------------------------------------------------------

WIDGET_CLASSES = {
    "input": ("govuk-input", "govuk-input--error"),
    "textarea": ("govuk-textarea", "govuk-textarea--error"),
    "select": ("govuk-select", "govuk-select--error"),
    "password": (
        "govuk-input govuk-password-input__input govuk-js-password-input-input",
        "govuk-input--error",
    ),
    "file": ("govuk-file-upload", "govuk-file-upload--error"),
    "checkbox": ("govuk-checkboxes__input", ""),
}


@register.filter
def marked_label(bound_field: forms.BoundField) -> str:
    """The label, with GOV.UK's "(optional)" on an optional question when the form marks them, and
    never twice: labels that already say "(optional)" read "Note (optional) (optional)" (issue 18)."""
    label = str(bound_field.label)
    marks = getattr(bound_field.form, "mark_optional_fields", False)
    if marks and not bound_field.field.required and not label.rstrip().endswith("(optional)"):
        return f"{label} (optional)"
    return label


@register.filter
def govuk_kind(bound_field: forms.BoundField) -> str:
    """Which GOV.UK component renders this field."""
    widget = bound_field.field.widget
    kinds = [
        (GovDateTimeInput, "datetime"),
        (GovDateInput, "date"),
        (forms.HiddenInput, "hidden"),
        (forms.CheckboxSelectMultiple, "checkboxes"),
        (forms.RadioSelect, "radios"),
        (forms.CheckboxInput, "checkbox"),
        (forms.Textarea, "textarea"),
        (forms.Select, "select"),
        (forms.PasswordInput, "password"),
        (forms.FileInput, "file"),
    ]
    return next((kind for widget_class, kind in kinds if isinstance(widget, widget_class)), "input")


def _character_limit(bound_field: forms.BoundField) -> int | None:
    if govuk_kind(bound_field) != "textarea":
        return None
    return getattr(bound_field.field, "max_length", None)


@register.filter
def thousands(value: int | None) -> str:
    """5000 -> '5,000'."""
    return "" if value is None else f"{value:,}"


@register.filter
def character_limit(bound_field: forms.BoundField) -> int | None:
    return _character_limit(bound_field)


def described_by(bound_field: forms.BoundField) -> str:
    ids = []
    if bound_field.help_text:
        ids.append(f"{bound_field.auto_id}_helptext")
    if bound_field.errors:
        ids.append(f"{bound_field.auto_id}_error")
    if _character_limit(bound_field):
        ids.append(f"{bound_field.auto_id}-info")
    return " ".join(ids)


@register.filter
def aria_describedby(bound_field: forms.BoundField) -> str:
    return described_by(bound_field)


@register.simple_tag
def govuk_widget(bound_field: forms.BoundField) -> str:
    """The field's input with GOV.UK classes (kept with any the widget already has) and aria-describedby."""
    kind = govuk_kind(bound_field)
    base, error = WIDGET_CLASSES.get(kind, WIDGET_CLASSES["input"])
    classes = [base, bound_field.field.widget.attrs.get("class", "")]
    if bound_field.errors and error:
        classes.append(error)
    if _character_limit(bound_field):
        classes.append("govuk-js-character-count")
    attrs: dict[str, str | bool] = {"class": " ".join(c for c in classes if c)}
    if describers := described_by(bound_field):
        attrs["aria-describedby"] = describers
    if kind == "password":
        attrs.update(spellcheck="false", autocapitalize="none")
    elif isinstance(bound_field.field.widget, forms.EmailInput):
        attrs["spellcheck"] = "false"
    return bound_field.as_widget(attrs=attrs)


@register.simple_tag
def govuk_choices(bound_field: forms.BoundField) -> list[dict[str, Any]]:
    """Radio or checkbox options (without a blank choice) for hand-written GOV.UK markup."""
    return [
        {
            "id": option.id_for_label,
            "value": option.data["value"],
            "label": option.choice_label,
            "checked": option.data["selected"],
        }
        for option in bound_field.subwidgets
        if option.data["value"] not in ("", None)
    ]


@register.simple_tag
def govuk_date_parts(bound_field: forms.BoundField) -> list[dict[str, Any]]:
    """The boxes of a GovDateField or GovDateTimeField: id, name, label, value, width, error."""
    field = bound_field.field
    widget = field.widget
    has_errors = bool(bound_field.errors)  # cleans the form first, which sets error_parts
    highlighted = getattr(field, "error_parts", ()) or widget.parts
    value = bound_field.value()
    if not isinstance(value, list | tuple):
        value = widget.decompress(value)
    labels = {"day": ("Day", 2), "month": ("Month", 2), "year": ("Year", 4), "time": ("Time", 5)}
    return [
        {
            "id": f"{bound_field.auto_id}_{part}",
            "name": f"{bound_field.html_name}_{part}",
            "label": labels[part][0],
            "width": labels[part][1],
            "value": item if item is not None else "",
            "error": has_errors and part in highlighted,
        }
        for part, item in zip(widget.parts, value, strict=False)
    ]


def field_anchor(bound_field: forms.BoundField) -> str:
    """The id the error summary links to: the first box or option that needs attention."""
    kind = govuk_kind(bound_field)
    if kind in {"date", "datetime"}:
        bound_field.errors  # noqa: B018 - cleans the form first, which sets error_parts
        field = bound_field.field
        parts = getattr(field, "error_parts", ()) or field.widget.parts
        first = next((p for p in field.widget.parts if p in parts), field.widget.parts[0])
        return f"{bound_field.auto_id}_{first}"
    if kind in {"radios", "checkboxes"}:
        choices = govuk_choices(bound_field)
        return choices[0]["id"] if choices else bound_field.auto_id
    return bound_field.auto_id


def form_errors_anchor(form: forms.BaseForm) -> str:
    return f"{form.prefix}-form-errors" if form.prefix else "form-errors"


@register.filter
def errors_anchor(form: forms.BaseForm) -> str:
    return form_errors_anchor(form)


@register.simple_tag
def error_items(*forms_: forms.BaseForm | None) -> list[dict[str, str]]:
    """[{href, message}] for every error in the forms, in page order, for the error summary."""
    items = []
    for form in forms_:
        if not form or not form.errors:
            continue
        top = [*form.non_field_errors(), *(e for f in form.hidden_fields() for e in f.errors)]
        items += [{"href": f"#{form_errors_anchor(form)}", "message": message} for message in top]
        for bound_field in form.visible_fields():
            anchor = field_anchor(bound_field)
            items += [{"href": f"#{anchor}", "message": message} for message in bound_field.errors]
    return items


@register.inclusion_tag("core/includes/error_summary.html")
def error_summary(*forms_: forms.BaseForm | None) -> dict[str, Any]:
    """{% error_summary form other_form %}: one GOV.UK error summary for several forms."""
    return {"error_list": error_items(*forms_)}


@register.simple_tag
def error_prefix(*forms_: forms.BaseForm | None) -> str:
    """'Error: ' when any of the forms has errors, for the page title."""
    return "Error: " if any(form is not None and form.errors for form in forms_) else ""


# Navigation ----------------------------------------------------------------------------------------------


@register.simple_tag
def staff_menu(user: Any) -> list:
    """{% staff_menu user as pages %}: the menu for the user's role (core.navigation)."""
    return navigation.menu_for(getattr(user, "role", ""))


@register.inclusion_tag("core/includes/nav_item.html", takes_context=True)
def service_nav_item(context: template.Context, url_name: str, text: str, active_for: str = "") -> dict:
    """A service navigation link, left out when the URL name does not exist (yet)."""
    try:
        href = reverse(url_name)
    except NoReverseMatch:
        return {"href": None}
    request = context.get("request")
    match = getattr(request, "resolver_match", None)
    view_name = getattr(match, "view_name", "")
    return {
        "href": href,
        "text": text,
        "active": view_name in {url_name, *active_for.split()},
        "current_page": request is not None and request.path == href,
    }
