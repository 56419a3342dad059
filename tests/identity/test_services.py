"""The duplicate register: the periodic scan, merge (every link moved, audited) and exact undo."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import ContactChild
from frontdoor.identity import links, selectors, services
from frontdoor.identity.models import DuplicatePair, Merge, MergeLink
from frontdoor.notifications import periodic
from frontdoor.organisations.models import Role
from frontdoor.people.models import Person, PersonName, Relationship, Residence
from frontdoor.people.rules import SearchQuery
from frontdoor.people.selectors import likely_matches, person_search, register_records_by_id
from frontdoor.people.services import StaleEdit
from frontdoor.records.audit_trail import person_access_history
from frontdoor.referrals.models import Referral
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def twins(la):
    """Two records of one child (a typo in the surname) and the child's real brother."""
    tom = builders.child(la, "Tom", "Example")
    tom2 = builders.child(la, "Tom", "Exampel")
    tom2.nhs_number = "9434765919"
    tom2.save(update_fields=["nhs_number"])
    brother = builders.child(la, "Sam", "Example", dob=date(2014, 1, 1))
    return tom, tom2, brother


def snapshot():
    """Every column naming a person, as (model, pk, column, value): what a merge must move and an
    undo must restore."""
    rows = set()
    for model, attname in links.person_columns():
        for pk, value in model._base_manager.values_list("pk", attname):
            rows.add((model._meta.label, pk, attname, value))
    return rows


def test_the_scan_is_registered_and_files_the_likely_pair_once(la, twins):
    tom, tom2, _brother = twins
    assert "identity.duplicate_scan" in periodic.JOBS
    assert services.duplicate_scan(timezone.now()) == 1
    pair = DuplicatePair.objects.get()
    assert (pair.first_id, pair.second_id) == (tom.pk, tom2.pk)
    assert pair.status == "open"
    assert pair.reasons  # in words, from the linkage scorer
    assert services.duplicate_scan(timezone.now()) == 0  # idempotent
    assert DuplicatePair.objects.count() == 1


def test_the_tick_runs_the_scan_at_most_once_a_day(la, twins, monkeypatch):
    monkeypatch.setattr(services, "_last_scan", [])
    now = timezone.now()
    assert periodic.JOBS["identity.duplicate_scan"] is services.duplicate_scan_daily
    assert services.duplicate_scan_daily(now) == 1
    DuplicatePair.objects.all().delete()
    assert services.duplicate_scan_daily(now + timedelta(hours=23)) == 0  # not yet: nothing scanned
    assert DuplicatePair.objects.count() == 0
    assert services.duplicate_scan_daily(now + timedelta(hours=24)) == 1


def test_the_register_lists_most_likely_first_with_figures(la, manager, twins):
    services.duplicate_scan(timezone.now())
    register = selectors.duplicate_register(actor=manager)
    assert [(p.first_id, p.second_id) for p in register.pairs] == [(twins[0].pk, twins[1].pk)]
    assert (register.found, register.merged, register.rejected) == (1, 0, 0)


def test_person_columns_are_found_generically():
    found = {(m._meta.label, f) for m, f in links.person_columns()}
    assert ("contacts.ContactChild", "person_id") in found
    assert ("people.Relationship", "other_id") in found
    assert ("referrals.Referral", "person_id") in found
    assert not any(label.startswith("audit.") or label.startswith("identity.") for label, _ in found)


def build_links(la, manager, tom, tom2, brother):
    builders.referral(la, manager, person=tom2)
    builders.living_together(la, tom2, brother)
    Relationship.objects.create(person=brother, other=tom2, kind="sibling")
    PersonName.objects.create(person=tom2, first_name="Tommy", last_name="Exampel")


def test_merge_moves_every_link_and_undo_restores_exactly(la, manager, twins):
    tom, tom2, brother = twins
    build_links(la, manager, tom, tom2, brother)
    services.duplicate_scan(timezone.now())
    pair = DuplicatePair.objects.get()
    before = snapshot()
    tom_before = Person.objects.values().get(pk=tom.pk)
    moved_rows = {row for row in before if row[3] == tom2.pk}
    assert len(moved_rows) >= 6

    merge = services.person_merge(
        actor=manager, survivor=tom, merged=tom2, survivor_version=tom.version,
        merged_version=tom2.version, take=["nhs_number"], pair=pair,
    )  # fmt: skip

    assert not any(row[3] == tom2.pk for row in snapshot())
    assert Referral.objects.get().person_id == tom.pk
    assert ContactChild.objects.get().person_id == tom.pk
    assert Residence.objects.filter(person=tom).count() == 1
    tom.refresh_from_db()
    assert tom.nhs_number == "9434765919"
    assert tom.last_name == "Example"
    assert MergeLink.objects.filter(merge=merge).count() == len(moved_rows)
    assert AuditEvent.objects.filter(action="person.merge").count() == 2
    pair.refresh_from_db()
    assert pair.status == "merged"
    register = selectors.duplicate_register(actor=manager)
    assert (register.found, register.merged, register.rejected) == (1, 1, 0)
    # Audit rows about the merged record still name it; the survivor's trail reads both.
    assert merged_into(tom) == {tom.pk, tom2.pk}

    services.person_unmerge(actor=manager, merge=merge)

    assert snapshot() == before
    after = Person.objects.values().get(pk=tom.pk)
    assert {k: v for k, v in after.items() if k != "version"} == {
        k: v for k, v in tom_before.items() if k != "version"
    }
    assert AuditEvent.objects.filter(action="person.unmerge").count() == 2
    assert merged_into(tom) == {tom.pk}
    pair.refresh_from_db()
    assert pair.status == "open"


def merged_into(person):
    """The person and everyone the audit trail reads with them (identity.selectors.audit_people)."""
    return set(
        Person.objects.filter(selectors.audit_people(person_id=person.pk, ref="pk")).values_list(
            "pk", flat=True
        )
    )


def counts():
    return (Merge.objects.count(), MergeLink.objects.count(), AuditEvent.objects.count(), snapshot())


def test_merging_a_person_with_themselves_is_refused(manager, twins):
    tom = twins[0]
    before = counts()
    with pytest.raises(ValidationError, match="cannot be merged with itself"):
        services.person_merge(actor=manager, survivor=tom, merged=tom, survivor_version=1, merged_version=1)
    assert counts() == before


def test_merging_across_authorities_is_refused(la, manager, twins):
    other = builders.child(builders.authority("116", "Other"), "Tom", "Example")
    before = counts()
    with pytest.raises(ValidationError, match="your authority"):
        services.person_merge(
            actor=manager, survivor=twins[0], merged=other, survivor_version=1, merged_version=1
        )
    assert counts() == before


def test_merging_one_already_merged_is_refused(la, manager, twins):
    tom, tom2, brother = twins
    services.person_merge(actor=manager, survivor=tom, merged=tom2, survivor_version=1, merged_version=1)
    tom.refresh_from_db()
    before = counts()
    with pytest.raises(ValidationError, match="already merged"):
        services.person_merge(
            actor=manager, survivor=brother, merged=tom2, survivor_version=1, merged_version=tom2.version + 1
        )
    assert counts() == before


def test_a_merge_while_another_user_edits_either_person_is_refused(la, manager, twins):
    tom, tom2, _ = twins
    Person.objects.filter(pk=tom2.pk).update(version=2)  # someone saved the record after it was read
    before = counts()
    with pytest.raises(StaleEdit):
        services.person_merge(actor=manager, survivor=tom, merged=tom2, survivor_version=1, merged_version=1)
    assert counts() == before
    assert Person.objects.get(pk=tom.pk).version == 1


def test_merging_is_for_managers(la, twins):
    worker = builders.user(la, Role.SOCIAL_WORKER)
    before = counts()
    with pytest.raises(PermissionDenied):
        services.person_merge(
            actor=worker, survivor=twins[0], merged=twins[1], survivor_version=1, merged_version=1
        )
    assert counts() == before


def test_undo_after_a_later_merge_of_the_survivor_is_refused(la, manager, twins):
    tom, tom2, brother = twins
    builders.referral(la, manager, person=tom2)
    first = services.person_merge(
        actor=manager, survivor=tom, merged=tom2, survivor_version=1, merged_version=1
    )
    tom.refresh_from_db()
    services.person_merge(
        actor=manager, survivor=brother, merged=tom, survivor_version=1, merged_version=tom.version
    )
    before = counts()
    with pytest.raises(ValidationError, match="merged again after this") as refused:
        services.person_unmerge(actor=manager, merge=first)
    assert "Undo that merge first" in str(refused.value)
    assert counts() == before
    assert Merge.objects.get(pk=first.pk).undone_at is None


def test_undoing_twice_is_refused(la, manager, twins):
    tom, tom2, _ = twins
    merge = services.person_merge(
        actor=manager, survivor=tom, merged=tom2, survivor_version=1, merged_version=1
    )
    services.person_unmerge(actor=manager, merge=merge)
    before = counts()
    with pytest.raises(ValidationError, match="already been undone"):
        services.person_unmerge(actor=manager, merge=merge)
    assert counts() == before


def test_a_relationship_between_the_two_refuses_the_merge_and_changes_nothing(la, manager, twins):
    tom, tom2, _ = twins
    Relationship.objects.create(person=tom, other=tom2, kind="sibling")
    before = counts()
    with pytest.raises(ValidationError, match="cannot be combined"):
        services.person_merge(actor=manager, survivor=tom, merged=tom2, survivor_version=1, merged_version=1)
    assert counts() == before
    assert Person.objects.get(pk=tom.pk).version == 1


def test_rejecting_a_pair_keeps_it_out_of_the_list_and_counts_it(la, manager, twins):
    services.duplicate_scan(timezone.now())
    pair = DuplicatePair.objects.get()
    services.duplicate_reject(actor=manager, pair=pair)
    services.duplicate_scan(timezone.now() + timedelta(days=1))
    register = selectors.duplicate_register(actor=manager)
    assert register.pairs == []
    assert (register.found, register.merged, register.rejected) == (1, 0, 1)
    with pytest.raises(ValidationError, match="already been decided"):
        services.duplicate_reject(actor=manager, pair=pair)


def test_the_survivors_audit_trail_shows_the_merged_records_rows(la, manager, twins):
    tom, tom2, _ = twins
    builders.referral(la, manager, person=tom2)  # audited about tom2: these rows cannot be moved
    about_tom2 = AuditEvent.objects.filter(person=tom2).count()
    services.person_merge(actor=manager, survivor=tom, merged=tom2, survivor_version=1, merged_version=1)
    history = person_access_history(actor=manager, person_id=tom.pk)
    assert history.writes.paginator.count == about_tom2 + 2  # + the merge, recorded about each
    assert AuditEvent.objects.filter(person=tom2).count() == about_tom2 + 1


def test_a_merged_record_is_found_by_no_search_and_comes_back_on_undo(la, manager, twins):
    tom, tom2, brother = twins
    query = SearchQuery("Tom", "Exampel", tom.date_of_birth)

    def found():
        searched = {m.person.pk for m in person_search(actor=manager, query=query, children_only=True)}
        likely = {pk for pk, _ in likely_matches(authority_id=la.pk, query=query, limit=10)}
        register = {pk for pk, _ in register_records_by_id(authority_id=la.pk)}
        return searched, likely, register

    assert found() == ({tom.pk, tom2.pk}, {tom.pk, tom2.pk}, {tom.pk, tom2.pk, brother.pk})
    merge = services.person_merge(
        actor=manager, survivor=tom, merged=tom2, survivor_version=tom.version, merged_version=tom2.version
    )
    tom2.refresh_from_db()
    assert tom2.merged_into_id == tom.pk
    assert found() == ({tom.pk}, {tom.pk}, {tom.pk, brother.pk})

    services.person_unmerge(actor=manager, merge=merge)

    tom2.refresh_from_db()
    assert tom2.merged_into_id is None
    assert found() == ({tom.pk, tom2.pk}, {tom.pk, tom2.pk}, {tom.pk, tom2.pk, brother.pk})


def test_a_merge_flags_the_survivors_open_contacts_with_the_household_and_undo_clears_it(
    la, manager, officer, twins
):
    tom, tom2, _brother = twins
    amy = builders.child(la, "Amy", "Example")
    amy.sex = "F"
    amy.save(update_fields=["sex"])
    Relationship.objects.create(person=amy, other=tom2, kind="sibling")

    def record(child, days_ago):
        contact = contact_services.contact_record(
            actor=officer, children=[child], received_at=timezone.now() - timedelta(days=days_ago),
            channel="phone", source="2A", concerns="Concerns raised at school.",
            concern_categories=["neglect"], consent="obtained",
        )  # fmt: skip
        return contact.children.get()

    first, second, journey = record(amy, 50), record(amy, 40), record(tom, 5)
    assert journey.household_reasons == []
    merge = services.person_merge(
        actor=manager, survivor=tom, merged=tom2, survivor_version=tom.version, merged_version=tom2.version
    )
    journey.refresh_from_db()
    when = [f"{j.contact.received_at.day} {j.contact.received_at:%b}" for j in (first, second, journey)]
    assert journey.household_reasons == [
        f"3 contacts in 12 months about this household: his sister Amy ({when[0]}), "
        f"his sister Amy ({when[1]}), Tom ({when[2]})"
    ]

    services.person_unmerge(actor=manager, merge=merge)

    journey.refresh_from_db()
    assert journey.household_reasons == []
