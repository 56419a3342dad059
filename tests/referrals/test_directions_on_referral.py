"""The referral page lists the management directions on the child's case (owner, due date, done or
overdue), read through a scoped, access-logged supervision selector."""

from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from lxml import html

from frontdoor.audit.models import AccessEvent
from frontdoor.core.templatetags.govuk import govuk_date
from frontdoor.organisations.models import Role, Team
from frontdoor.supervision import selectors, services
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders
from tests.quality.cases import cin_episode

pytestmark = pytest.mark.django_db


@pytest.fixture
def case(la, manager, worker):
    """Kai's episode with three directions: one done, one overdue, one open; and another child's."""
    referral = cin_episode(la, manager, child=builders.child(la, "Kai", "Example"))
    today = timezone.localdate()
    give = lambda text, days, person=referral.person: services.direction_give(  # noqa: E731
        actor=manager, person=person, owner=Owner(user=worker), what=text,
        due_on=today + timedelta(days=days), referral=referral if person == referral.person else None,
    )  # fmt: skip
    done = give("Visit dad", 3)
    services.direction_complete(actor=worker, direction=done, note="Visited on Monday")
    late = give("Speak to school", 2)
    Task.objects.filter(pk=late.pk).update(due_on=today - timedelta(days=2))  # made overdue
    give("Book a family group conference", 10)
    give("Someone else's direction", 5, person=builders.child(la, "Zed", "Other"))
    return referral


def rows(response):
    doc = html.fromstring(response.content)
    return [
        [" ".join(td.text_content().split()) for td in tr.xpath("./td")]
        for tr in doc.xpath("//*[@data-testid='direction']")
    ]


def test_the_page_lists_the_childs_directions_open_first_with_owner_due_and_status(
    client, manager, worker, case
):
    today = timezone.localdate()
    client.force_login(manager)
    mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    response = client.get(reverse("records:episode", args=[case.pk]))
    got = rows(response)
    doc = html.fromstring(response.content)
    assert [tr.xpath("./td")[0].text for tr in doc.xpath("//*[@data-testid='direction']")] == [
        "Speak to school",
        "Book a family group conference",
        "Visit dad",
    ]
    assert [r[1] for r in got] == [worker.display_name] * 3
    assert [r[3].split(" ")[0] for r in got] == ["Overdue", "Open", "Done"]
    assert got[0][2] == govuk_date(today - timedelta(days=2))
    assert got[2][0].endswith(f"Case note, {manager.display_name}, {govuk_date(today)}")
    logged = AccessEvent.objects.filter(pk__gt=mark, purpose="supervision.case_directions")
    assert list(logged.values_list("person_id", flat=True)) == [case.person_id]


def test_the_selector_is_scoped_to_whom_the_actor_may_see(la, manager, case):
    outsider = builders.user(la, Role.SOCIAL_WORKER)
    outsider.team = Team.objects.create(authority=la, name="Children in Care Team")
    outsider.save(update_fields=["team"])
    assert selectors.case_directions(actor=outsider, person=case.person) == []
    assert not AccessEvent.objects.filter(actor=outsider, purpose="supervision.case_directions").exists()
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"), Role.TEAM_MANAGER)
    assert selectors.case_directions(actor=stranger, person=case.person) == []
    mine = selectors.case_directions(actor=manager, person=case.person)
    assert [(row.direction.what, row.overdue) for row in mine] == [
        ("Speak to school", True),
        ("Book a family group conference", False),
        ("Visit dad", False),
    ]


def test_a_case_without_directions_says_so(client, la, manager):
    referral = cin_episode(la, manager)
    client.force_login(manager)
    doc = html.fromstring(client.get(reverse("records:episode", args=[referral.pk])).content)
    assert (
        doc.xpath("//*[@data-testid='no-directions']")[0].text_content()
        == "No management directions on this child's case."
    )
