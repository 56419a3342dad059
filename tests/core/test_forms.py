"""GOV.UK forms: markup, messages and the date fields."""

from datetime import UTC, date, datetime, timedelta

import pytest
from django import forms
from django.template import Context, Template
from django.urls import reverse
from django.utils import timezone

from frontdoor.core.forms import (
    LONDON,
    GovAuthenticationForm,
    GovDateField,
    GovDateTimeField,
    GovForm,
    GovModelForm,
    SafeTextField,
    reject_html_tags,
)
from frontdoor.organisations.models import Authority, Role, User

DASH = "\N{EN DASH}"


class ContactForm(GovForm):
    caller = forms.CharField(max_length=20, help_text="Their full name")
    email = forms.EmailField(required=False)
    children = forms.IntegerField(min_value=1)
    concerns = SafeTextField(max_length=5000, widget=forms.Textarea)
    channel = forms.ChoiceField(
        choices=[("phone", "Telephone"), ("email", "Email")], widget=forms.RadioSelect
    )
    categories = forms.MultipleChoiceField(
        choices=[("neglect", "Neglect"), ("physical", "Physical abuse")], widget=forms.CheckboxSelectMultiple
    )
    agency = forms.ChoiceField(choices=[("", "Choose an agency"), ("police", "Police")])
    consent = forms.BooleanField(label="The family knows about this contact")
    date_of_birth = GovDateField(past_only=True)
    received = GovDateTimeField(label="Received")


VALID = {
    "caller": "  Ann Teacher ",
    "children": "2",
    "concerns": "Tom said he was hungry.\r\nHe is aged <5 and > 2.",
    "channel": "phone",
    "categories": ["neglect"],
    "agency": "police",
    "consent": "on",
    "date_of_birth_day": "4",
    "date_of_birth_month": "5",
    "date_of_birth_year": "2016",
    "received_day": "24",
    "received_month": "3",
    "received_year": "2026",
    "received_time": "14:05",
}


def errors(form: forms.Form) -> dict[str, list[str]]:
    return {name: list(messages) for name, messages in form.errors.items()}


def bound(**changes) -> ContactForm:
    data = {**VALID, **changes}
    return ContactForm(data={k: v for k, v in data.items() if v is not None})


class TestCleaning:
    def test_valid_data_cleans(self):
        form = bound()
        assert form.is_valid(), errors(form)
        assert form.cleaned_data["caller"] == "Ann Teacher"
        assert form.cleaned_data["concerns"] == "Tom said he was hungry.\nHe is aged <5 and > 2."
        assert form.cleaned_data["date_of_birth"] == date(2016, 5, 4)
        assert form.cleaned_data["received"] == datetime(2026, 3, 24, 14, 5, tzinfo=UTC)

    def test_required_messages_use_the_label(self):
        form = ContactForm(data={})
        assert errors(form) == {
            "caller": ["Enter caller"],
            "children": ["Enter children"],
            "concerns": ["Enter concerns"],
            "channel": ["Select channel"],
            "categories": ["Select categories"],
            "agency": ["Select agency"],
            "consent": ["Select “The family knows about this contact” to continue"],
            "date_of_birth": ["Enter date of birth"],
            "received": ["Enter received"],
        }

    def test_html_tags_are_refused_in_every_text_field(self):
        form = bound(caller="<b>Ann</b>", concerns="See <a href=x>this</a>")
        assert errors(form) == {
            "caller": ["Remove the < and > characters from caller"],
            "concerns": ["Remove the < and > characters from concerns"],
        }

    def test_length_limits_are_in_words(self):
        form = bound(caller="x" * 21, concerns="x" * 5001)
        assert errors(form) == {
            "caller": ["Caller must be 20 characters or fewer"],
            "concerns": ["Concerns must be 5,000 characters or fewer"],
        }

    def test_a_windows_line_ending_counts_as_one_character(self):
        form = bound(concerns="x\r\n" * 2500)
        assert form.is_valid(), errors(form)

    def test_numbers_and_emails_have_govuk_messages(self):
        form = bound(children="two", email="ann@")
        assert errors(form) == {
            "children": ["Children must be a whole number"],
            "email": ["Enter an email address in the correct format, like name@example.com"],
        }
        assert errors(bound(children="0")) == {"children": ["Children must be 1 or more"]}

    def test_reject_html_tags_is_a_plain_validator_too(self):
        reject_html_tags("a < b and c > d")
        with pytest.raises(forms.ValidationError, match="Remove the < and > characters"):
            reject_html_tags("<script>alert(1)</script>")


class TestDateField:
    @pytest.mark.parametrize(
        ("day", "month", "year", "message", "parts"),
        [
            ("4", "", "", "Date of birth must include a month and year", ("month", "year")),
            ("4", "5", "", "Date of birth must include a year", ("year",)),
            ("", "5", "2016", "Date of birth must include a day", ("day",)),
            ("31", "2", "2016", "Date of birth must be a real date", ("day",)),
            ("4", "13", "2016", "Date of birth must be a real date", ("month",)),
            ("4", "May", "2016", "Date of birth must be a real date", ("month",)),
            ("4", "5", "16", "Year in date of birth must include 4 numbers", ("year",)),
            # Issue 18: 19 or more digits overflowed date() (OverflowError, a server error).
            ("1" * 19, "5", "2016", "Date of birth must be a real date", ("day",)),
            ("4", "9" * 40, "2016", "Date of birth must be a real date", ("month",)),
            ("0004", "05", "2016", "Date of birth must be a real date", ("day",)),
        ],
    )
    def test_govuk_date_input_messages(self, day, month, year, message, parts):
        form = bound(date_of_birth_day=day, date_of_birth_month=month, date_of_birth_year=year)
        assert errors(form) == {"date_of_birth": [message]}
        assert form.fields["date_of_birth"].error_parts == parts

    def test_past_only_refuses_tomorrow_and_accepts_today(self):
        today = timezone.localdate(timezone=LONDON)
        tomorrow = today + timedelta(days=1)
        parts = {"date_of_birth_day": str(tomorrow.day), "date_of_birth_month": str(tomorrow.month)}
        form = bound(**parts, date_of_birth_year=str(tomorrow.year))
        assert errors(form) == {"date_of_birth": ["Date of birth must be today or in the past"]}
        form = bound(
            date_of_birth_day=str(today.day),
            date_of_birth_month=str(today.month),
            date_of_birth_year=str(today.year),
        )
        assert form.is_valid(), errors(form)

    def test_an_event_date_before_the_floor_is_refused_but_a_date_of_birth_is_not(self):
        class Event(GovForm):
            held_on = GovDateField(label="Date of the review")
            born = GovDateField(label="Date of birth", past_only=True, any_past=True)

        form = Event(
            data={
                **{"held_on_day": "3", "held_on_month": "9", "held_on_year": "1900"},
                **{"born_day": "3", "born_month": "9", "born_year": "1950"},
            }
        )

        assert errors(form) == {"held_on": ["Date of the review must be on or after 1 January 2000"]}
        assert form.fields["held_on"].error_parts == ("day", "month", "year")

    def test_an_optional_empty_date_is_none(self):
        class Optional(GovForm):
            seen_on = GovDateField(required=False)

        form = Optional(data={"seen_on_day": "", "seen_on_month": "", "seen_on_year": ""})
        assert form.is_valid()
        assert form.cleaned_data["seen_on"] is None

    def test_an_initial_date_fills_the_boxes(self):
        html = str(ContactForm(initial={"date_of_birth": date(2016, 5, 4)})["date_of_birth"].as_field_group())
        assert 'name="date_of_birth_day" type="text" inputmode="numeric" value="4"' in html
        assert 'name="date_of_birth_year" type="text" inputmode="numeric" value="2016"' in html


class TestDateTimeField:
    def test_summer_times_are_bst(self):
        form = bound(received_day="1", received_month="7", received_time="14:05")
        assert form.is_valid(), errors(form)
        received = form.cleaned_data["received"]
        assert received == datetime(2026, 7, 1, 13, 5, tzinfo=UTC)
        assert received.tzinfo == LONDON

    @pytest.mark.parametrize("typed", ["9:30", "09:30", "0930", "09.30"])
    def test_common_ways_of_typing_a_time(self, typed):
        form = bound(received_time=typed)
        assert form.is_valid(), errors(form)
        assert form.cleaned_data["received"].astimezone(LONDON).strftime("%H:%M") == "09:30"

    @pytest.mark.parametrize(
        ("changes", "message", "parts"),
        [
            ({"received_time": ""}, "Received must include a time", ("time",)),
            (
                {"received_time": "25:00"},
                "Received must be a real time in 24-hour format, like 14:05",
                ("time",),
            ),
            (
                {"received_time": "2pm"},
                "Received must be a real time in 24-hour format, like 14:05",
                ("time",),
            ),
            (
                {"received_day": "", "received_month": "", "received_year": ""},
                "Received must include a date",
                ("day", "month", "year"),
            ),
            (
                {"received_day": "29", "received_time": "01:30"},
                "Received is a time that did not happen: the clocks went forward",
                ("time",),
            ),
        ],
    )
    def test_messages(self, changes, message, parts):
        form = bound(**changes)
        assert errors(form) == {"received": [message]}
        assert form.fields["received"].error_parts == parts

    def test_past_only_refuses_the_future(self):
        class Visit(GovForm):
            seen_at = GovDateTimeField(label="Seen at", past_only=True)

        later = timezone.now().astimezone(LONDON) + timedelta(days=2)
        form = Visit(
            data={
                "seen_at_day": later.day,
                "seen_at_month": later.month,
                "seen_at_year": later.year,
                "seen_at_time": "10:00",
            }
        )
        assert errors(form) == {"seen_at": ["Seen at must be in the past"]}


class TestMarkup:
    def test_a_text_input_with_hint_and_error(self):
        html = str(bound(caller="")["caller"].as_field_group())
        assert '<div class="govuk-form-group govuk-form-group--error">' in html
        assert '<label class="govuk-label govuk-label--s" for="id_caller">Caller</label>' in html
        assert '<div id="id_caller_helptext" class="govuk-hint">Their full name</div>' in html
        assert (
            '<p id="id_caller_error" class="govuk-error-message">'
            '<span class="govuk-visually-hidden">Error:</span> Enter caller</p>'
        ) in html
        assert 'class="govuk-input govuk-input--error"' in html
        assert 'aria-describedby="id_caller_helptext id_caller_error"' in html
        assert "maxlength" not in html

    def test_optional_fields_are_marked(self):
        assert ">Email (optional)</label>" in str(ContactForm()["email"].as_field_group())

    def test_a_label_that_already_says_optional_is_not_marked_twice(self):
        """Issue 18: "Note (optional) (optional)" on the feedback, referral and missing forms."""

        class Said(GovForm):
            note = SafeTextField(label="Note (optional)", required=False)
            given = forms.ChoiceField(
                label="Given? (optional)", required=False, choices=[("y", "Yes")], widget=forms.RadioSelect
            )

        html = str(Said())
        assert ">Note (optional)</label>" in html
        assert "Given? (optional)</legend>" in html
        assert "(optional) (optional)" not in html

    def test_no_front_door_form_doubles_optional(self):
        from frontdoor.contacts.forms import FeedbackForm

        assert "(optional) (optional)" not in str(FeedbackForm())

    def test_numbers_use_a_text_input_with_a_numeric_keyboard(self):
        html = str(ContactForm()["children"].as_field_group())
        assert 'type="text"' in html
        assert 'inputmode="numeric"' in html

    def test_a_textarea_with_a_limit_gets_a_character_count(self):
        html = str(ContactForm()["concerns"].as_field_group())
        assert 'data-module="govuk-character-count" data-maxlength="5000"' in html
        assert 'class="govuk-textarea govuk-js-character-count"' in html
        assert "You can enter up to 5,000 characters" in html

    def test_radios_checkboxes_select_and_single_checkbox(self):
        html = str(ContactForm())
        assert '<div class="govuk-radios" data-module="govuk-radios">' in html
        assert (
            '<input class="govuk-radios__input" id="id_channel_0" name="channel" type="radio" value="phone">'
            in html
        )
        assert '<div class="govuk-checkboxes" data-module="govuk-checkboxes">' in html
        assert 'id="id_categories_1" name="categories" type="checkbox" value="physical"' in html
        assert '<select name="agency" class="govuk-select"' in html
        assert '<input type="checkbox" name="consent" class="govuk-checkboxes__input"' in html
        assert '<legend class="govuk-fieldset__legend govuk-fieldset__legend--s">Channel</legend>' in html

    def test_a_date_is_a_fieldset_of_three_boxes(self):
        html = str(bound(date_of_birth_year="")["date_of_birth"].as_field_group())
        assert (
            '<fieldset class="govuk-fieldset" role="group" aria-describedby="id_date_of_birth_helptext '
            'id_date_of_birth_error">' in html
        )
        assert (
            'class="govuk-input govuk-date-input__input govuk-input--width-2" id="id_date_of_birth_day"'
            in html
        )
        assert (
            'class="govuk-input govuk-date-input__input govuk-input--width-4 govuk-input--error" '
            'id="id_date_of_birth_year"'
        ) in html

    def test_checked_values_survive_a_failed_submission(self):
        html = str(bound(caller=""))
        assert 'value="phone" checked' in html
        assert 'value="neglect" checked' in html


class TestErrorSummary:
    def test_each_error_links_to_the_first_box_that_needs_attention(self):
        form = ContactForm(data={"date_of_birth_day": "4", "caller": "Ann"})
        html = Template('{% include "core/includes/error_summary.html" %}').render(Context({"form": form}))
        assert 'data-module="govuk-error-summary"' in html
        assert '<h2 class="govuk-error-summary__title">There is a problem</h2>' in html
        assert '<li><a href="#id_channel_0">Select channel</a></li>' in html
        assert '<li><a href="#id_categories_0">Select categories</a></li>' in html
        assert (
            '<li><a href="#id_date_of_birth_month">Date of birth must include a month and year</a></li>'
            in html
        )
        assert 'href="#id_caller"' not in html

    def test_no_errors_no_summary(self):
        template = Template('{% include "core/includes/error_summary.html" %}')
        assert template.render(Context({"form": ContactForm()})).strip() == ""

    def test_one_summary_for_several_forms_and_the_title_prefix(self):
        first = ContactForm(data={}, prefix="a")
        second = ContactForm(data=VALID)
        html = Template(
            "{% load govuk %}{% error_prefix second first %}|{% error_summary first second %}"
        ).render(Context({"first": first, "second": second}))
        assert html.startswith("Error: |")
        assert '<a href="#id_a-caller">Enter caller</a>' in html

    def test_non_field_errors_link_to_the_top_of_the_form(self):
        class Pair(GovForm):
            name = forms.CharField()

            def clean(self):
                raise forms.ValidationError("These details match someone else")

        form = Pair(data={"name": "Ann"})
        summary = Template("{% load govuk %}{% error_summary form %}").render(Context({"form": form}))
        assert '<a href="#form-errors">These details match someone else</a>' in summary
        assert 'id="form-errors"' in str(form)


class AuthorityForm(GovModelForm):
    class Meta:
        model = Authority
        fields = ["la_code", "name"]


@pytest.mark.django_db
class TestModelFormsAndSignIn:
    def test_model_form_lengths_come_from_the_model(self):
        form = AuthorityForm(data={"la_code": "8855", "name": "x"})
        assert errors(form) == {"la_code": ["DfE LA code must be 3 characters or fewer"]}

    def test_sign_in_form_messages(self, rf):
        assert errors(GovAuthenticationForm(rf.post("/"), data={})) == {
            "username": ["Enter your username"],
            "password": ["Enter your password"],
        }
        authority = Authority.objects.create(la_code="885", name="Test")
        User.objects.create_user(
            "ann", password="correct horse battery", authority=authority, role=Role.SOCIAL_WORKER
        )
        form = GovAuthenticationForm(rf.post("/"), data={"username": "ann", "password": "wrong"})
        assert errors(form) == {"__all__": ["Enter a correct username and password"]}


@pytest.mark.django_db
class TestPages:
    def test_the_title_says_error_when_the_form_has_errors(self, client):
        response = client.post(reverse("login"), {})
        html = response.content.decode()
        assert f"<title>Error: Sign in {DASH} Frontdoor</title>" in html
        assert 'class="govuk-error-summary"' in html

    def test_the_inline_script_carries_the_csp_nonce(self, client):
        response = client.get(reverse("login"))
        html = response.content.decode()
        policy = response["Content-Security-Policy"]
        nonce = policy.split("'nonce-")[1].split("'")[0]
        assert f'<script nonce="{nonce}">document.body.className' in html
        assert "style=" not in html
