"""people.services: every write validated, audited in its own transaction, and all-or-nothing."""

from dataclasses import dataclass
from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.core.exceptions import StaleEdit as CoreStaleEdit
from frontdoor.people import rules, services
from frontdoor.people.models import Address, Person, PersonName, Relationship, Residence
from frontdoor.people.services import StaleEdit

from .factories import AddressFactory, PersonFactory

pytestmark = pytest.mark.django_db


def counts() -> tuple[int, int, int, int, int]:
    return (
        Person.objects.count(),
        PersonName.objects.count(),
        Residence.objects.count(),
        Address.objects.count(),
        AuditEvent.objects.count(),
    )


def actions() -> list[str]:
    return list(AuditEvent.objects.order_by("pk").values_list("action", flat=True))


# --- person_create -------------------------------------------------------------------------------


def test_person_create_records_the_child_with_reference_keys_and_audit(worker):
    person = services.person_create(
        actor=worker,
        first_name=" William ",
        last_name="Smyth",
        date_of_birth=date(2015, 7, 3),
        sex="M",
        ethnicity="WBRI",
        disabilities=["AUT", "LD"],
        nhs_number="943 476 5919",
        upn="p207000016049",
    )
    person.refresh_from_db()
    assert person.authority_id == worker.authority_id
    assert person.reference == f"FD{person.pk:08d}"
    assert (person.first_name, person.last_name) == ("William", "Smyth")
    assert (person.first_name_key, person.last_name_key) == ("WLM", "SM0")
    assert (person.nhs_number, person.upn) == ("9434765919", "P207000016049")
    assert person.version == 1
    event = AuditEvent.objects.get()
    assert (event.action, event.actor_id, event.person_id, event.authority_id) == (
        "person.created",
        worker.pk,
        person.pk,
        worker.authority_id,
    )
    assert (event.subject_type, event.subject_id) == ("people.person", person.pk)
    assert event.changes == {
        "reference": person.reference,
        "is_child": True,
        "first_name": "William",
        "middle_names": "",
        "last_name": "Smyth",
        "known_as": "",
        "date_of_birth": "2015-07-03",
        "expected_date_of_birth": None,
        "sex": "M",
        "ethnicity": "WBRI",
        "disabilities": ["AUT", "LD"],
        "first_language": "",
        "nhs_number": "9434765919",
        "upn": "P207000016049",
        "upn_unknown": "",
        "last_name_key": "SM0",
        "first_name_key": "WLM",
    }


def test_person_create_with_former_names_and_address(worker, authority):
    address = AddressFactory(authority=authority, postcode="WR1 2AB")
    person = services.person_create(
        actor=worker,
        first_name="Kate",
        last_name="Smith",
        former_names=["Jones", ("Katie", "Brown")],
        address=address,
    )
    names = list(
        person.other_names.order_by("pk").values_list("first_name", "last_name", "last_name_key", "kind")
    )
    assert names == [("", "Jones", "JNS", "former"), ("Katie", "Brown", "BRN", "former")]
    residence = Residence.objects.get(person=person)
    assert (residence.address_id, residence.start, residence.end) == (address.pk, None, None)
    assert actions() == ["person.created", "person_name.added", "person_name.added", "residence.started"]


def test_an_unborn_child_is_recorded_with_an_expected_date(worker):
    due = timezone.localdate() + timedelta(weeks=10)
    person = services.person_create(
        actor=worker, first_name="", last_name="Smith", expected_date_of_birth=due
    )
    assert person.is_unborn is True
    assert person.full_name == "Unborn baby Smith"


def test_people_created_one_after_another_get_distinct_references(worker):
    first = services.person_create(actor=worker, first_name="A", last_name="One")
    second = services.person_create(actor=worker, first_name="B", last_name="Two")
    assert first.reference != second.reference
    assert {first.reference, second.reference} == set(Person.objects.values_list("reference", flat=True))


@dataclass(frozen=True)
class FromToday:
    """A date as an offset from today, worked out when the test runs, not when the module is
    imported: a run that crosses midnight would otherwise test yesterday's dates."""

    offset: timedelta

    def on(self) -> date:
        return timezone.localdate() + self.offset


def on_the_day(fields: dict) -> dict:
    return {k: v.on() if isinstance(v, FromToday) else v for k, v in fields.items()}


@pytest.mark.parametrize(
    ("fields", "errors"),
    [
        ({"nhs_number": "943 476 5918"}, {"nhs_number": ["This NHS number is not valid: check the digits"]}),
        ({"nhs_number": "12345"}, {"nhs_number": ["Enter a 10-digit NHS number, like 943 476 5919"]}),
        ({"nhs_number": "000 000 0000"}, {"nhs_number": [rules.NHS_DUMMY_MESSAGE]}),
        ({"nhs_number": "1111111111"}, {"nhs_number": [rules.NHS_DUMMY_MESSAGE]}),
        ({"upn": "Q207000016049"}, {"upn": ["This UPN is not valid: check the characters"]}),
        (
            {"upn": "P207000016049", "upn_unknown": "UN1"},
            {"upn_unknown": ["Leave the reason blank when you enter a UPN"]},
        ),
        (
            {"date_of_birth": date(2015, 7, 3), "expected_date_of_birth": FromToday(timedelta(days=30))},
            {"expected_date_of_birth": ["Enter a date of birth or an expected date of birth, not both"]},
        ),
        (
            {"date_of_birth": FromToday(timedelta(days=1))},
            {"date_of_birth": ["Date of birth must be today or in the past"]},
        ),
        (
            {"date_of_birth": date(1899, 12, 31)},
            {"date_of_birth": ["Date of birth must be after 1 January 1900"]},
        ),
        (
            {"expected_date_of_birth": FromToday(timedelta(weeks=43))},
            {"expected_date_of_birth": ["Expected date of birth must be within the next 42 weeks"]},
        ),
        (
            {"is_child": False, "expected_date_of_birth": FromToday(timedelta(weeks=4))},
            {"expected_date_of_birth": ["Only an unborn child can have an expected date of birth"]},
        ),
        (
            {"expected_date_of_birth": FromToday(timedelta(weeks=4)), "sex": "F"},
            {"sex": ["Choose 'Not known or unborn' as the sex of an unborn child"]},
        ),
        (
            {"disabilities": ["NONE", "MOB"]},
            {"disabilities": ["'No disability' cannot be chosen with a disability"]},
        ),
        ({"disabilities": ["MOB", "MOB"]}, {"disabilities": ["Choose each disability only once"]}),
        ({"disabilities": ["WINGS"]}, {"disabilities": ["Choose disabilities from the list"]}),
        ({"last_name": "  "}, {"last_name": ["Enter a surname"]}),
        ({"sex": "X"}, {"sex": ["Value 'X' is not a valid choice."]}),
        (
            {"first_name": "A" * 61},
            {"first_name": ["Ensure this value has at most 60 characters (it has 61)."]},
        ),
    ],
)
def test_invalid_person_is_refused_with_a_message_per_field_and_nothing_saved(worker, fields, errors):
    before = counts()
    arguments = {"first_name": "Tom", "last_name": "Smith", **on_the_day(fields)}
    with pytest.raises(ValidationError) as caught:
        services.person_create(actor=worker, **arguments)
    assert caught.value.message_dict == errors
    assert counts() == before


def test_several_problems_are_reported_together(worker):
    with pytest.raises(ValidationError) as caught:
        services.person_create(
            actor=worker,
            first_name="Tom",
            last_name="",
            nhs_number="1",
            date_of_birth=timezone.localdate() + timedelta(days=2),
        )
    assert set(caught.value.message_dict) == {"last_name", "nhs_number", "date_of_birth"}
    assert Person.objects.count() == 0


def test_duplicate_nhs_number_or_upn_in_the_authority_is_refused(worker, authority):
    PersonFactory(authority=authority, nhs_number="9434765919", upn="P207000016049")
    before = counts()
    with pytest.raises(ValidationError) as caught:
        services.person_create(
            actor=worker, first_name="Tom", last_name="Smith", nhs_number="9434765919", upn="P207000016049"
        )
    assert caught.value.message_dict == {
        "nhs_number": [services.NHS_DUPLICATE],
        "upn": [services.UPN_DUPLICATE],
    }
    assert counts() == before


def test_the_same_nhs_number_in_another_authority_is_not_a_duplicate(worker, other_authority):
    PersonFactory(authority=other_authority, nhs_number="9434765919")
    person = services.person_create(
        actor=worker, first_name="Tom", last_name="Smith", nhs_number="9434765919"
    )
    assert person.nhs_number == "9434765919"


def test_a_role_that_cannot_create_people_saves_nothing(administrator):
    before = counts()
    with pytest.raises(PermissionDenied):
        services.person_create(actor=administrator, first_name="Tom", last_name="Smith")
    assert counts() == before


def test_an_address_from_another_authority_is_refused(worker, other_authority):
    address = AddressFactory(authority=other_authority)
    before = counts()
    with pytest.raises(ValidationError, match="another authority"):
        services.person_create(actor=worker, first_name="Tom", last_name="Smith", address=address)
    assert counts() == before


def test_a_failure_after_the_person_is_inserted_rolls_everything_back(worker):
    before = counts()
    with pytest.raises(ValidationError):
        services.person_create(actor=worker, first_name="Tom", last_name="Smith", former_names=["  "])
    assert counts() == before


# --- person_update --------------------------------------------------------------------------------


def test_person_update_changes_fields_bumps_version_rekeys_and_audits_old_and_new(worker, authority):
    person = PersonFactory(
        authority=authority, first_name="Bill", last_name="Smith", date_of_birth=date(2015, 3, 7)
    )
    updated = services.person_update(
        actor=worker,
        person=person,
        version=1,
        last_name="Jones",
        date_of_birth=date(2015, 7, 3),
        first_name="Bill",
    )
    assert updated is person
    person.refresh_from_db()
    assert (person.last_name, person.last_name_key, person.date_of_birth, person.version) == (
        "Jones",
        "JNS",
        date(2015, 7, 3),
        2,
    )
    event = AuditEvent.objects.get()
    assert (event.action, event.person_id) == ("person.updated", person.pk)
    assert event.changes == {
        "last_name": ["Smith", "Jones"],
        "last_name_key": ["SM0", "JNS"],
        "date_of_birth": ["2015-03-07", "2015-07-03"],
    }


def test_a_stale_version_raises_stale_edit_and_changes_nothing(worker, authority):
    person = PersonFactory(authority=authority, last_name="Smith")
    first_view, second_view = Person.objects.get(pk=person.pk), Person.objects.get(pk=person.pk)
    services.person_update(actor=worker, person=first_view, version=1, last_name="Jones")
    with pytest.raises(StaleEdit) as caught:
        services.person_update(actor=worker, person=second_view, version=1, last_name="Brown")
    assert isinstance(caught.value, CoreStaleEdit)
    assert "Someone else changed this person's record" in str(caught.value)
    person.refresh_from_db()
    assert (person.last_name, person.version) == ("Jones", 2)
    assert actions() == ["person.updated"]


def test_person_update_with_no_change_writes_nothing(worker, authority):
    person = PersonFactory(authority=authority, last_name="Smith")
    services.person_update(actor=worker, person=person, version=1, last_name="Smith")
    person.refresh_from_db()
    assert person.version == 1
    assert AuditEvent.objects.count() == 0


def test_person_update_refuses_invalid_values_and_changes_nothing(worker, authority):
    person = PersonFactory(authority=authority, last_name="Smith")
    with pytest.raises(ValidationError) as caught:
        services.person_update(
            actor=worker, person=person, version=1, nhs_number="9434765918", last_name="Jones"
        )
    assert caught.value.message_dict == {"nhs_number": ["This NHS number is not valid: check the digits"]}
    person.refresh_from_db()
    assert (person.last_name, person.version) == ("Smith", 1)
    assert AuditEvent.objects.count() == 0


def test_person_update_keeps_its_own_nhs_number_without_calling_it_a_duplicate(worker, authority):
    person = PersonFactory(authority=authority, nhs_number="9434765919")
    services.person_update(
        actor=worker, person=person, version=1, nhs_number="943 476 5919", known_as="Billy"
    )
    person.refresh_from_db()
    assert (person.known_as, person.version) == ("Billy", 2)


def test_person_update_refuses_fields_it_does_not_allow(worker, authority):
    person = PersonFactory(authority=authority)
    with pytest.raises(TypeError, match="authority, reference"):
        services.person_update(actor=worker, person=person, version=1, reference="X", authority=None)


def test_person_update_in_another_authority_is_refused(other_worker, authority):
    person = PersonFactory(authority=authority, last_name="Smith")
    with pytest.raises(ValidationError, match="another authority"):
        services.person_update(actor=other_worker, person=person, version=1, last_name="Jones")
    person.refresh_from_db()
    assert person.last_name == "Smith"


# --- names, addresses, residences, relationships ----------------------------------------------------------


def test_person_name_add_stores_the_key_and_audits(worker, authority):
    person = PersonFactory(authority=authority)
    name = services.person_name_add(
        actor=worker, person=person, first_name="", last_name="McDonald", kind="alias"
    )
    assert (name.last_name, name.last_name_key, name.kind) == ("McDonald", "MKTNLT", "alias")
    event = AuditEvent.objects.get()
    assert (event.action, event.person_id, event.changes) == (
        "person_name.added",
        person.pk,
        {"kind": "alias", "first_name": "", "last_name": "McDonald"},
    )


def test_address_get_or_create_normalises_and_reuses(worker):
    address = services.address_get_or_create(
        actor=worker, line_1=" 1  High Street ", town="Worcester", postcode="wr12ab"
    )
    again = services.address_get_or_create(actor=worker, line_1="1 HIGH STREET", postcode="WR1 2AB")
    assert again.pk == address.pk
    assert (address.line_1, address.postcode, address.authority_id) == (
        "1 High Street",
        "WR1 2AB",
        worker.authority_id,
    )
    assert actions() == ["address.created"]


def test_address_get_or_create_refuses_a_bad_postcode(worker):
    with pytest.raises(ValidationError) as caught:
        services.address_get_or_create(actor=worker, line_1="", postcode="WR1")
    assert caught.value.message_dict == {
        "line_1": ["Enter the first line of the address"],
        "postcode": ["Enter a full UK postcode, like WR1 2AB"],
    }
    assert Address.objects.count() == 0


def test_residence_start_ends_the_previous_home(worker, authority):
    person = PersonFactory(authority=authority)
    old_home, new_home = (
        AddressFactory(authority=authority),
        AddressFactory(authority=authority, postcode="WR2 4AA"),
    )
    first = services.residence_start(actor=worker, person=person, address=old_home, start=date(2020, 1, 1))
    second = services.residence_start(actor=worker, person=person, address=new_home, start=date(2024, 6, 1))
    first.refresh_from_db()
    assert (first.end, second.start, second.end) == (date(2024, 6, 1), date(2024, 6, 1), None)
    assert actions() == ["residence.started", "residence.ended", "residence.started"]
    assert AuditEvent.objects.filter(action="residence.ended").get().changes == {"end": [None, "2024-06-01"]}


def test_residence_start_at_the_current_home_writes_nothing(worker, authority):
    person = PersonFactory(authority=authority)
    home = AddressFactory(authority=authority)
    first = services.residence_start(actor=worker, person=person, address=home)
    assert services.residence_start(actor=worker, person=person, address=home) == first
    assert Residence.objects.count() == 1
    assert actions() == ["residence.started"]


def test_residence_start_refuses_dates_in_the_future_or_before_the_current_move(worker, authority):
    person = PersonFactory(authority=authority)
    home, other = AddressFactory(authority=authority), AddressFactory(authority=authority)
    services.residence_start(actor=worker, person=person, address=home, start=date(2024, 6, 1))
    with pytest.raises(ValidationError) as future:
        services.residence_start(
            actor=worker, person=person, address=other, start=timezone.localdate() + timedelta(days=1)
        )
    with pytest.raises(ValidationError) as backwards:
        services.residence_start(actor=worker, person=person, address=other, start=date(2024, 1, 1))
    assert future.value.message_dict == {"start": ["The date they moved in must be today or in the past"]}
    assert backwards.value.message_dict == {
        "start": ["The date they moved in must be after they moved into their current address"]
    }
    assert list(Residence.objects.values_list("address_id", "end")) == [(home.pk, None)]


def test_siblings_are_stored_both_ways_and_parents_once(worker, authority):
    mum = PersonFactory(authority=authority, first_name="Jane", is_child=False)
    tom = PersonFactory(authority=authority, first_name="Tom")
    amy = PersonFactory(authority=authority, first_name="Amy")
    services.relationship_add(actor=worker, person=tom, other=amy, kind="sibling")
    services.relationship_add(actor=worker, person=mum, other=tom, kind="parent")
    services.relationship_add(actor=worker, person=amy, other=tom, kind="sibling")  # already there
    rows = set(Relationship.objects.values_list("person_id", "other_id", "kind"))
    assert rows == {(tom.pk, amy.pk, "sibling"), (amy.pk, tom.pk, "sibling"), (mum.pk, tom.pk, "parent")}
    assert actions() == ["relationship.added"] * 3


def test_relationship_add_refuses_self_and_unknown_kinds(worker, authority):
    tom = PersonFactory(authority=authority)
    amy = PersonFactory(authority=authority)
    with pytest.raises(ValidationError) as self_related:
        services.relationship_add(actor=worker, person=tom, other=tom, kind="sibling")
    with pytest.raises(ValidationError) as unknown:
        services.relationship_add(actor=worker, person=tom, other=amy, kind="cousin")
    assert self_related.value.message_dict == {"other": ["A person cannot be related to themselves"]}
    assert unknown.value.message_dict == {"kind": ["Choose how they are related"]}
    assert Relationship.objects.count() == 0
