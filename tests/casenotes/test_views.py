"""The pages: the child's notes (search, significant, late), a new note, a note with its versions,
a correction, and the child's page section and chronology. Bad input: a message beside the field,
nothing saved, never a server error. Every read logged."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.access import services as access_services
from frontdoor.audit.models import AccessEvent
from frontdoor.casenotes.models import CaseNote, NoteVersion

from .conftest import write

pytestmark = pytest.mark.django_db


def _post(when=None, **extra):
    when = when or timezone.localtime() - timedelta(hours=1)
    data = {
        "kind": "home_visit",
        "occurred_at_day": when.day,
        "occurred_at_month": when.month,
        "occurred_at_year": when.year,
        "occurred_at_time": f"{when:%H:%M}",
        "present": "Mum",
        "child_seen": "on",
        "seen_alone": "on",
        "childs_words": "I want to stay with Nan",
        "text": "Home visit: both boys well.",
    }
    return data | extra


def test_a_worker_records_a_note_about_both_brothers_from_bens_record(client, family):
    client.force_login(family.worker)
    url = reverse("casenotes:new", args=[family.ben.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Sam Rowe" in page.text
    response = client.post(url, _post(children=[family.ben.pk, family.sam.pk]))
    note = CaseNote.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("casenotes:note", args=[note.pk])
    assert set(note.children.values_list("first_name", flat=True)) == {"Ben", "Sam"}
    assert note.childs_words == "I want to stay with Nan"
    assert note.seen_alone is True


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ("future", "occurred_at", "When it happened must be in the past"),
        ({"text": ""}, "text", "Enter what happened"),
    ],
)
def test_bad_input_on_the_form_is_answered_beside_the_field_and_saves_nothing(
    client, family, change, field, message
):
    client.force_login(family.worker)
    if change == "future":
        data = _post(when=timezone.localtime() + timedelta(days=1), children=[family.ben.pk])
    else:
        data = _post(children=[family.ben.pk], **change)
    response = client.post(reverse("casenotes:new", args=[family.ben.pk]), data)
    assert response.status_code == 200
    assert f'href="#id_{field}' in response.text
    assert response.text.count(message) == 2  # in the summary, and beside the field
    assert CaseNote.objects.count() == NoteVersion.objects.count() == 0


def test_a_child_outside_the_authors_scope_is_refused_beside_the_children_question(
    client, family, la, manager
):
    access_services.restriction_create(actor=manager, person=family.sam, reason="staff")
    client.force_login(family.worker)
    page = client.get(reverse("casenotes:new", args=[family.ben.pk]))
    assert "Sam Rowe" not in page.text  # a restricted brother is not offered
    response = client.post(
        reverse("casenotes:new", args=[family.ben.pk]), _post(children=[family.ben.pk, family.sam.pk])
    )
    assert response.status_code == 200
    assert 'href="#id_children' in response.text
    assert response.text.count("Select a valid choice") == 2
    assert CaseNote.objects.count() == 0


def test_an_outsider_cannot_open_the_childs_notes_or_a_note_and_nothing_is_logged(client, family):
    note = write(family.worker, family.ben)
    client.force_login(family.outsider)
    before = AccessEvent.objects.count()
    for url in (
        reverse("casenotes:child", args=[family.ben.pk]),
        reverse("casenotes:new", args=[family.ben.pk]),
        reverse("casenotes:note", args=[note.pk]),
        reverse("casenotes:correct", args=[note.pk]),
    ):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Visited at home" not in response.text
    assert AccessEvent.objects.count() == before


def test_a_note_about_a_restricted_brother_is_hidden_from_the_other_brothers_record(client, family, manager):
    write(family.worker, family.ben, family.sam, text="Both boys seen together")
    write(family.worker, family.ben, text="Ben seen on his own")
    access_services.restriction_create(actor=manager, person=family.sam, reason="staff")
    client.force_login(family.worker)
    page = client.get(reverse("casenotes:child", args=[family.ben.pk]))
    assert "Ben seen on his own" in page.text
    assert "Both boys seen together" not in page.text


def test_the_list_searches_the_childs_notes_and_marks_significant_and_late_ones(client, family):
    write(family.worker, family.ben, text="Talked about the dog, Rex", significant=True)
    write(family.worker, family.ben, text="Phoned school", kind="phone_call", ago=timedelta(days=10))
    write(family.worker, family.sam, text="Rex again, but about Sam")
    client.force_login(family.worker)
    url = reverse("casenotes:child", args=[family.ben.pk])
    everything = client.get(url)
    assert everything.text.count('data-testid="note"') == 2
    assert everything.text.count('data-testid="late"') == 1
    assert "Significant" in everything.text
    found = client.get(url, {"q": "REX"})
    assert found.text.count('data-testid="note"') == 1
    assert "Talked about the dog" in found.text
    assert "Rex again" not in found.text  # Sam's note is not on Ben's record
    significant = client.get(url, {"significant": "on"})
    assert significant.text.count('data-testid="note"') == 1
    logged = AccessEvent.objects.filter(actor=family.worker, person=family.ben, purpose="casenotes.list")
    assert logged.count() == 3


def test_the_note_page_shows_every_version_and_a_correction_keeps_the_old_one(client, family):
    note = write(family.worker, family.ben)
    client.force_login(family.worker)
    url = reverse("casenotes:correct", args=[note.pk])
    form = client.get(url)
    assert form.status_code == 200
    assert "I like my new school" in form.text
    data = _post(when=timezone.localtime(note.occurred_at), text="Corrected text", reason="Typo", version=1)
    data["childs_words"] = "I like my new school"
    response = client.post(url, data)
    assert response.status_code == 302
    page = client.get(reverse("casenotes:note", args=[note.pk]))
    assert "Version 2: corrected by" in page.text
    assert "Version 1: written by" in page.text
    assert "Visited at home" in page.text
    assert "Corrected text" in page.text
    assert "Typo" in page.text
    assert (
        AccessEvent.objects.filter(actor=family.worker, purpose="casenotes.note", person=family.ben).count()
        == 1
    )


def test_the_childs_page_shows_the_notes_section_and_significant_notes_in_the_chronology(client, family):
    write(family.worker, family.ben, text="Disclosure made at school", significant=True, kind="direct_work")
    write(family.worker, family.ben, text="Routine call", kind="phone_call")
    client.force_login(family.worker)
    page = client.get(reverse("records:child", args=[family.ben.pk]))
    assert page.status_code == 200
    assert "2 notes." in page.text
    assert reverse("casenotes:child", args=[family.ben.pk]) in page.text
    chronology = page.text[page.text.index('id="chronology"') :]
    assert "Significant: direct work with the child" in chronology
    assert "Routine call" not in chronology
    assert AccessEvent.objects.filter(actor=family.worker, person=family.ben).count() == 1  # one for the page
