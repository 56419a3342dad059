"""The duplicate register's pages: the list, the merge page (bad input beside the field, nothing
saved) and undo."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.identity import services
from frontdoor.identity.models import DuplicatePair, Merge
from frontdoor.people.models import Person
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def pair(la):
    builders.child(la, "Tom", "Example")
    tom2 = builders.child(la, "Tom", "Exampel")
    tom2.sex = "F"
    tom2.save(update_fields=["sex"])
    services.duplicate_scan(timezone.now())
    return DuplicatePair.objects.get()


def test_the_list_shows_pairs_and_figures_and_logs_both_people(client, manager, pair):
    client.force_login(manager)
    page = client.get(reverse("identity:register")).content.decode()
    assert "Tom Example" in page
    assert "Tom Exampel" in page
    assert '<dd class="govuk-summary-list__value" data-testid="found">1</dd>' in page
    logged = set(AccessEvent.objects.filter(actor=manager).values_list("person_id", flat=True))
    assert logged == {pair.first_id, pair.second_id}


def test_merge_without_choosing_a_survivor_is_answered_beside_the_field(client, manager, pair):
    client.force_login(manager)
    url = reverse("identity:pair", args=[pair.pk])
    response = client.post(url, {"decision": "merge", "first_version": 1, "second_version": 1})
    assert response.status_code == 200
    assert "Select which record should remain" in response.content.decode()
    assert Merge.objects.count() == 0


def test_merge_field_by_field_then_undo(client, manager, pair):
    client.force_login(manager)
    url = reverse("identity:pair", args=[pair.pk])
    assert "Sex: keep" in client.get(url).content.decode()
    response = client.post(
        url,
        {"decision": "merge", "survivor": "first", "keep_sex": "second", "keep_last_name": "first",
         "first_version": 1, "second_version": 1},
    )  # fmt: skip
    assert response.status_code == 302
    merge = Merge.objects.get()
    assert (merge.survivor_id, merge.merged_id, merge.taken) == (pair.first_id, pair.second_id, ["sex"])
    assert Person.objects.get(pk=pair.first_id).sex == "F"

    response = client.post(reverse("identity:unmerge", args=[merge.pk]), {"confirm": "on"})
    assert response.status_code == 302
    assert Person.objects.get(pk=pair.first_id).sex == "M"
    again = client.post(reverse("identity:unmerge", args=[merge.pk]), {"confirm": "on"})
    assert "This merge has already been undone." in again.content.decode()


def test_a_stale_merge_says_so_and_saves_nothing(client, manager, pair):
    client.force_login(manager)
    Person.objects.filter(pk=pair.second_id).update(version=2, date_of_birth=date(2016, 5, 5))
    response = client.post(
        reverse("identity:pair", args=[pair.pk]),
        {"decision": "merge", "survivor": "first", "first_version": 1, "second_version": 1},
    )
    assert response.status_code == 200
    assert "Someone else changed one of these records after you opened this page. Nothing was merged" in (
        response.content.decode()
    )
    assert Merge.objects.count() == 0
    assert DuplicatePair.objects.get().status == "open"
