"""The page "who has looked at this child's record": managers, senior leaders and quality assurance see every
recorded view of the child's record and every change about them, newest first; the page logs itself."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.http import Http404
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.contacts import services
from frontdoor.organisations.models import Role
from frontdoor.people.selectors import NOT_FOUND
from frontdoor.records import audit_trail as selectors
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def la():
    return builders.authority()


@pytest.fixture
def child(la):
    return builders.child(la, "Zinnia", "Quillfeather")


@pytest.fixture
def manager(la):
    return builders.user(la, Role.TEAM_MANAGER, username="maggie")


def _url(person):
    return reverse("records:person_access", args=[person.pk])


def _rows(response, testid):
    """The cells of each table row marked data-testid=testid, as text."""
    rows = [r.split("</tr>")[0] for r in response.content.decode().split(f'data-testid="{testid}">')[1:]]
    return [
        [re.sub(r"<[^>]+>", "", cell).strip() for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
        for row in rows
    ]


def _new_events(mark):
    return list(AccessEvent.objects.filter(pk__gt=mark).values_list("actor_id", "person_id", "purpose"))


def _mark():
    return AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0


def test_the_page_lists_who_saw_the_record_newest_first_and_logs_itself(client, la, child, manager):
    worker = builders.user(la, Role.SOCIAL_WORKER, username="wendy")
    client.force_login(worker)
    client.get(reverse("records:child", args=[child.pk]))
    client.force_login(manager)
    mark = _mark()

    response = client.get(_url(child))

    assert response.status_code == 200
    assert _new_events(mark) == [(manager.pk, child.pk, "audit.access_history")]
    reads = [(e.event.actor.username, e.event.purpose, e.page) for e in response.context["reads"]]
    assert reads == [
        ("maggie", "audit.access_history", "This page: who has looked at the record"),
        ("wendy", "people.detail", "Child's page"),
    ]
    page = response.content.decode()
    assert manager.display_name in page
    assert "Front-door social worker" in page
    assert "Family Front Door" in page
    assert response.context["history"].readers == 2


def test_the_page_shows_the_changes_recorded_about_the_child(client, la, child, manager):
    journey = _contact_about(la, child).children.get()
    services.contact_child_screen(
        actor=manager, journey=journey, version=journey.version, rag="amber", rag_reason="Hungry", guidance=""
    )
    client.force_login(manager)

    response = client.get(_url(child))

    writes = response.context["history"].writes.object_list
    assert [(e.action, e.actor, e.subject_id) for e in writes] == [
        ("contact.screened", manager, journey.pk),
        ("contact.recorded", journey.contact.recorded_by, journey.contact_id),
    ]
    assert _rows(response, "write")[0][1] == manager.display_name


def _contact_about(la, child):
    return services.contact_record(
        actor=builders.user(la, Role.CONTACT_OFFICER),
        children=[child],
        received_at=timezone.now() - timedelta(hours=2),
        channel="phone",
        source="2A",
        concerns="Hungry at school every day",
        concern_categories=["neglect"],
        consent="obtained",
    )


def test_views_are_shown_fifty_a_page(client, la, child, manager):
    reader = builders.user(la, Role.SOCIAL_WORKER)
    now = timezone.now()
    AccessEvent.objects.bulk_create(
        AccessEvent(
            authority=la, actor=reader, at=now - timedelta(minutes=n), person=child, purpose="people.detail"
        )
        for n in range(1, 121)
    )
    client.force_login(manager)

    first = client.get(_url(child))
    last = client.get(_url(child), {"page": 3})

    assert first.context["history"].reads.paginator.count == 121  # 120 and this view
    assert len(_rows(first, "read")) == 50
    assert first.context["reads"][0].event.actor == manager
    assert last.context["history"].reads.number == 3
    assert len(_rows(last, "read")) == 122 - 100  # the second view of the page is recorded too
    assert [r.event.at for r in last.context["reads"]][-1] == now - timedelta(minutes=120)


def test_another_authoritys_child_is_not_found_and_nothing_is_logged(client, manager):
    stranger = builders.child(builders.authority("884", "Herefordshire (test)"), "Orrin", "Blackwood")
    client.force_login(manager)
    mark = _mark()
    for person_id in (stranger.pk, 999_999):
        response = client.get(reverse("records:person_access", args=[person_id]))
        assert response.status_code == 404
        assert b"Orrin" not in response.content
    assert _new_events(mark) == []


@pytest.mark.parametrize("role", [Role.CONTACT_OFFICER, Role.SOCIAL_WORKER, Role.ADMINISTRATOR])
def test_staff_without_the_permission_are_refused_and_nothing_is_logged(client, la, child, role):
    client.force_login(builders.user(la, role))
    mark = _mark()
    response = client.get(_url(child))
    assert response.status_code == 403
    assert b"Quillfeather" not in response.content
    assert _new_events(mark) == []


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SENIOR_LEADER, Role.QUALITY_ASSURANCE])
def test_managers_leaders_and_quality_assurance_may_look(client, la, child, role):
    client.force_login(builders.user(la, role))
    assert client.get(_url(child)).status_code == 200


def test_the_history_is_seven_queries_however_long_it_is(la, child, manager):
    journey = _contact_about(la, child).children.get()
    services.daily_review_record(actor=manager, journey=journey, note="Still waiting")

    def queries():
        with CaptureQueriesContext(connection) as ctx:
            selectors.person_access_history(actor=manager, person_id=child.pk)
        return len(ctx.captured_queries)

    small = queries()
    AccessEvent.objects.bulk_create(
        AccessEvent(authority=la, actor=manager, at=timezone.now(), person=child, purpose="people.detail")
        for _ in range(80)
    )
    assert queries() == small == 7


def test_a_missing_person_gets_the_same_message_as_the_people_pages(manager):
    with pytest.raises(Http404, match=NOT_FOUND):
        selectors.person_access_history(actor=manager, person_id="not-a-number")
