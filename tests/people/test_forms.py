"""people.forms: messages beside the field, and cleaned_data that feeds SearchQuery and person_create."""

from datetime import date, timedelta

import pytest
from django.utils import timezone

from frontdoor.core.forms import GovForm
from frontdoor.people import services
from frontdoor.people.forms import PersonForm, PersonSearchForm
from frontdoor.people.rules import SearchQuery


def date_parts(name: str, d: date) -> dict[str, str]:
    return {f"{name}_day": str(d.day), f"{name}_month": str(d.month), f"{name}_year": str(d.year)}


def test_the_forms_are_gov_forms():
    assert issubclass(PersonSearchForm, GovForm)
    assert issubclass(PersonForm, GovForm)


def test_search_form_cleans_into_a_search_query():
    form = PersonSearchForm(
        {
            "first_name": " William ",
            "last_name": "Smith",
            **date_parts("date_of_birth", date(2015, 7, 3)),
            "nhs_number": "943-476-5919",
            "upn": "p207000016049",
            "postcode": "wr12ab",
        }
    )
    assert form.is_valid(), form.errors
    assert SearchQuery(**form.cleaned_data) == SearchQuery(
        first_name="William",
        last_name="Smith",
        date_of_birth=date(2015, 7, 3),
        nhs_number="9434765919",
        upn="P207000016049",
        postcode="WR1 2AB",
    )


def test_search_form_needs_something_to_search_on():
    form = PersonSearchForm({"first_name": "William"})
    assert form.is_valid() is False
    assert form.non_field_errors() == ["Enter at least a surname, date of birth, NHS number, UPN or postcode"]


@pytest.mark.parametrize(
    ("data", "field", "message"),
    [
        ({"nhs_number": "943 476 5918"}, "nhs_number", "This NHS number is not valid: check the digits"),
        ({"nhs_number": "94347"}, "nhs_number", "Enter a 10-digit NHS number, like 943 476 5919"),
        ({"upn": "Q207000016049"}, "upn", "This UPN is not valid: check the characters"),
        ({"postcode": "WR1"}, "postcode", "Enter a full UK postcode, like WR1 2AB"),
        (
            date_parts("date_of_birth", timezone.localdate() + timedelta(days=1)),
            "date_of_birth",
            "Date of birth must be today or in the past",
        ),
        ({"last_name": "<b>Smith</b>"}, "last_name", "Remove the < and > characters from surname"),
    ],
)
def test_search_form_puts_the_message_beside_the_field(data, field, message):
    form = PersonSearchForm(data)
    assert form.is_valid() is False
    assert form.errors == {field: [message]}


def valid_child(**overrides: str) -> dict[str, str]:
    return {"first_name": "Tom", "last_name": "Smith", "sex": "M", "ethnicity": "WBRI", **overrides}


def test_person_form_cleans_into_person_create_arguments():
    form = PersonForm(
        valid_child(
            **date_parts("date_of_birth", date(2015, 7, 3)),
            nhs_number="943 476 5919",
            former_names="Jones",
            disabilities=["AUT", "LD"],
        )
    )
    assert form.is_valid(), form.errors
    assert form.cleaned_data == {
        "first_name": "Tom",
        "middle_names": "",
        "last_name": "Smith",
        "known_as": "",
        "former_names": ("Jones",),
        "date_of_birth": date(2015, 7, 3),
        "expected_date_of_birth": None,
        "sex": "M",
        "ethnicity": "WBRI",
        "disabilities": ["AUT", "LD"],
        "first_language": "",
        "nhs_number": "9434765919",
        "upn": "",
        "upn_unknown": "",
    }


@pytest.mark.django_db
def test_person_form_output_goes_straight_into_person_create(worker):
    form = PersonForm(valid_child(upn="P207000016049"))
    assert form.is_valid(), form.errors
    person = services.person_create(actor=worker, is_child=True, **form.cleaned_data)
    assert (person.first_name, person.upn) == ("Tom", "P207000016049")


@pytest.mark.parametrize(
    ("overrides", "errors"),
    [
        ({"nhs_number": "9434765918"}, {"nhs_number": ["This NHS number is not valid: check the digits"]}),
        (
            {"upn": "A950000178301"},
            {"upn": ["Characters 2 to 4 of a UPN must be a local authority number, like 885"]},
        ),
        (
            {"upn": "P207000016049", "upn_unknown": "UN1"},
            {"upn_unknown": ["Leave the reason blank when you enter a UPN"]},
        ),
        (
            {
                **date_parts("date_of_birth", date(2015, 7, 3)),
                **date_parts("expected_date_of_birth", timezone.localdate() + timedelta(days=20)),
            },
            {"expected_date_of_birth": ["Enter a date of birth or an expected date of birth, not both"]},
        ),
        (
            date_parts("date_of_birth", timezone.localdate() + timedelta(days=1)),
            {"date_of_birth": ["Date of birth must be today or in the past"]},
        ),
        (
            {
                "first_name": "",
                **date_parts("expected_date_of_birth", timezone.localdate() + timedelta(days=20)),
            },
            {"sex": ["Choose 'Not known or unborn' as the sex of an unborn child"]},
        ),
        (
            {"first_name": ""},
            {"first_name": ["Enter first name, or an expected date of birth for an unborn child"]},
        ),
        (
            {"disabilities": ["NONE", "MOB"]},
            {"disabilities": ["'No disability' cannot be chosen with a disability"]},
        ),
        ({"last_name": ""}, {"last_name": ["Enter surname"]}),
        ({"last_name": "x" * 61}, {"last_name": ["Surname must be 60 characters or fewer"]}),
    ],
)
def test_person_form_puts_the_message_beside_the_field(overrides, errors):
    form = PersonForm(valid_child(**overrides))
    assert form.is_valid() is False
    assert form.errors == errors


def test_an_unborn_child_needs_no_first_name():
    form = PersonForm(
        valid_child(
            first_name="",
            sex="U",
            **date_parts("expected_date_of_birth", timezone.localdate() + timedelta(days=20)),
        )
    )
    assert form.is_valid(), form.errors


def test_person_form_for_an_adult_has_no_child_only_fields():
    form = PersonForm(valid_child(first_name="Jane", upn="P207000016049"), is_child=False)
    assert form.is_valid(), form.errors
    assert {"expected_date_of_birth", "upn", "upn_unknown"}.isdisjoint(form.cleaned_data)
    assert "is_child" not in form.cleaned_data


def test_person_form_renders_as_govuk():
    html = PersonForm().render()
    assert 'name="date_of_birth_day"' in html
    assert "govuk-form-group" in html
