"""Allegations against people who work with children: the referral with its clocks, the initial
consideration, meetings with actions as tasks, the outcome (refused without a date or a decision
maker, nothing saved), and the restriction to the designated officer and the named managers."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Max
from django.urls import reverse
from django.utils import timezone

from frontdoor.allegations import selectors, services
from frontdoor.allegations.models import Allegation, AllegationChild, Meeting
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.organisations.models import Role
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders

from .helpers import MONDAY_10AM, SECRET, refer, referral

pytestmark = pytest.mark.django_db


@pytest.fixture
def lado(la):
    return builders.user(la, Role.DESIGNATED_OFFICER)


@pytest.fixture
def children(la):
    return [builders.child(la, "Ivy", "Pemberton"), builders.child(la, "Ash", "Pemberton")]


def state():
    return (Allegation.objects.count(), AllegationChild.objects.count(), Meeting.objects.count(),
            Task.objects.count(), Clock.objects.count(), AuditEvent.objects.count(),
            sorted(Allegation.objects.values_list("version", "outcome")))  # fmt: skip


def last_access():
    return AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0


def test_a_referral_starts_both_clocks_and_names_no_child_in_its_audit(lado, children):
    allegation = refer(lado, children)
    assert allegation.reference == "LADO-2026-0001"
    assert [c.person_id for c in allegation.child_links.all()] == [c.pk for c in children]
    assert allegation.person_id == children[0].pk
    consideration, outcome = allegation.consideration_clock, allegation.outcome_clock
    assert (consideration.standard, outcome.standard) == ("lado_consideration", "lado_outcome")
    assert timezone.localdate(consideration.due_at) == date(2026, 11, 3)  # the next working day
    assert timezone.localdate(outcome.due_at) == date(2026, 12, 2)  # one calendar month
    assert consideration.person_id is None
    assert outcome.person_id is None
    event = AuditEvent.objects.get(action="allegation.referred")
    assert event.person_id is None
    assert event.changes["reference"] == "LADO-2026-0001"
    assert refer(lado, children[:1]).reference == "LADO-2026-0002"


def test_an_unknown_or_restricted_child_reference_is_refused_beside_the_field(la, lado, children):
    before = state()
    with pytest.raises(ValidationError) as refused:
        services.allegation_refer(actor=lado, data=referral(children, children="T885NOPE"))
    assert refused.value.message_dict == {"children": ["No child was found with the reference T885NOPE"]}
    other = builders.child(builders.authority("884", "Herefordshire (test)"), "Orrin", "Blackwood")
    with pytest.raises(ValidationError) as refused:
        services.allegation_refer(actor=lado, data=referral([other]))
    assert refused.value.message_dict == {
        "children": [f"No child was found with the reference {other.reference}"]
    }
    assert state() == before


def test_only_the_designated_officer_records(la, children):
    manager = builders.user(la, Role.TEAM_MANAGER)
    before = state()
    with pytest.raises(PermissionDenied):
        services.allegation_refer(actor=manager, data=referral(children))
    assert state() == before


def test_consideration_completes_its_clock_once(lado, children):
    allegation = refer(lado, children)
    considered = services.allegation_consider(
        actor=lado, allegation=allegation, version=allegation.version, consideration="meeting",
        notes="Harm test met", police_process="under_way", employer_process="under_way",
    )  # fmt: skip
    assert considered.consideration_clock.completed_at == considered.considered_at
    assert considered.police_process == "under_way"
    with pytest.raises(ValidationError) as again:
        services.allegation_consider(
            actor=lado, allegation=considered, version=considered.version, consideration="meeting",
            notes="Again", police_process="none", employer_process="none",
        )  # fmt: skip
    assert again.value.message_dict == {
        "consideration": ["The initial consideration has already been recorded"]
    }


def test_an_outcome_without_a_date_or_decision_maker_saves_nothing(lado, children):
    allegation = refer(lado, children)
    before = state()
    for missing, field, message in (
        ({"outcome_on": None}, "outcome_on", "Enter the date of the outcome"),
        ({"decided_by": ""}, "decided_by", "Enter who made the decision"),
    ):
        given = {"outcome": "substantiated", "outcome_on": date(2026, 11, 20), "decided_by": "Panel",
                 "actions_taken": ["dismissal", "barring"]} | missing  # fmt: skip
        with pytest.raises(ValidationError) as refused:
            services.outcome_record(actor=lado, allegation=allegation, version=allegation.version, **given)
        assert refused.value.message_dict == {field: [message]}
    assert state() == before
    allegation.outcome_clock.refresh_from_db()
    assert allegation.outcome_clock.completed_at is None


def test_the_outcome_page_shows_the_message_beside_the_field_and_saves_nothing(client, lado, children):
    allegation = refer(lado, children)
    client.force_login(lado)
    before = state()
    response = client.post(
        reverse("allegations:outcome", args=[allegation.pk]),
        {"version": allegation.version, "outcome": "false", "decided_by": "",
         "outcome_on_day": "", "outcome_on_month": "", "outcome_on_year": "", "actions_taken": ["none"]},
    )  # fmt: skip
    assert response.status_code == 200
    body = response.content.decode()
    assert "govuk-error-summary" in body
    assert body.count("Enter the date of the outcome") == 2  # the summary and beside the field
    assert body.count("Enter who made the decision") == 2
    assert state() == before


def test_an_outcome_completes_the_clock_on_its_day_with_its_band(lado, children):
    allegation = refer(lado, children)
    done = services.outcome_record(
        actor=lado, allegation=allegation, version=allegation.version, outcome="substantiated",
        outcome_on=date(2026, 11, 20),
        decided_by="Disciplinary panel", actions_taken=["barring", "dismissal"],
    )  # fmt: skip
    assert done.actions_taken == ["dismissal", "barring"]
    assert done.resolved_within == "1m"
    assert timezone.localdate(done.outcome_clock.completed_at) == done.outcome_on


def test_a_meeting_records_attendees_and_actions_as_tasks_naming_no_child(la, lado, children):
    allegation = refer(lado, children)
    manager = builders.user(la, Role.TEAM_MANAGER)
    due = timezone.localdate() + timedelta(days=7)
    meeting = services.meeting_record(
        actor=lado, allegation=allegation, held_at=timezone.now() - timedelta(hours=1),
        attendees="LADO, police, headteacher, HR", discussion="Suspension agreed",
        actions=[services.ActionData("Police to interview", Owner(user=manager), due)],
    )  # fmt: skip
    task = Task.objects.get(source_type="allegations.meeting", source_id=meeting.pk)
    assert (task.what, task.owner_user_id, task.due_on, task.person_id) == (
        "Police to interview",
        manager.pk,
        due,
        None,
    )
    before = state()
    with pytest.raises(ValidationError) as refused:
        services.meeting_record(
            actor=lado, allegation=allegation, held_at=timezone.now(), attendees="", discussion="x",
            actions=[services.ActionData("No owner", None, due)],
        )  # fmt: skip
    assert set(refused.value.message_dict) == {"attendees", "action_1_owner"}
    assert state() == before


# Restricted to the designated officer and named managers -------------------------------------------


@pytest.fixture
def world(la, lado, children):
    allegation = refer(lado, children)
    named = builders.user(la, Role.TEAM_MANAGER)
    services.managers_name(actor=lado, allegation=allegation, managers=[named])
    return allegation, named


def test_the_designated_officer_and_a_named_manager_see_it_and_each_child_is_logged(
    client, lado, children, world
):
    allegation, named = world
    for viewer in (lado, named):
        mark = last_access()
        client.force_login(viewer)
        response = client.get(reverse("allegations:detail", args=[allegation.pk]))
        assert response.status_code == 200
        assert "Quentin Harrowgate" in response.content.decode()
        logged = AccessEvent.objects.filter(pk__gt=mark)
        assert sorted(logged.values_list("person_id", "actor_id", "purpose")) == sorted(
            (c.pk, viewer.pk, "allegations.detail") for c in children
        )


@pytest.mark.parametrize("role", [Role.TEAM_MANAGER, Role.SENIOR_LEADER])
def test_a_manager_not_named_gets_not_found_and_nothing_is_logged(client, la, world, role):
    allegation, _named = world
    outsider = builders.user(la, role)
    client.force_login(outsider)
    mark = last_access()
    for url in (reverse("allegations:detail", args=[allegation.pk]), reverse("allegations:list")):
        body = client.get(url).content.decode()
        assert "Quentin Harrowgate" not in body
        assert allegation.reference not in body
    assert client.get(reverse("allegations:detail", args=[allegation.pk])).status_code == 404
    assert not AccessEvent.objects.filter(pk__gt=mark).exists()
    assert selectors.annual_summary(actor=outsider, year=2026).total[-1] == 0


def test_a_refused_post_returns_no_data_and_changes_nothing(client, la, world):
    allegation, named = world
    before = state()
    mark = last_access()
    for actor in (named, builders.user(la, Role.SOCIAL_WORKER)):
        client.force_login(actor)
        response = client.post(
            reverse("allegations:outcome", args=[allegation.pk]),
            {"version": allegation.version, "outcome": "false", "decided_by": "Me", "actions_taken": ["none"],
             "outcome_on_day": "20", "outcome_on_month": "11", "outcome_on_year": "2026"},
        )  # fmt: skip
        assert response.status_code == 403
        assert "Quentin Harrowgate" not in response.content.decode()
    assert state() == before
    assert not AccessEvent.objects.filter(pk__gt=mark).exists()


def test_the_childs_own_pages_do_not_leak_the_allegation_to_a_social_worker_not_named(
    client, la, lado, children, world
):
    allegation, _named = world
    client.force_login(lado)
    client.get(reverse("allegations:detail", args=[allegation.pk]))  # a logged read of the children
    worker = builders.user(la, Role.SOCIAL_WORKER)
    manager = builders.user(la, Role.TEAM_MANAGER)
    for viewer, url in (
        (worker, reverse("records:child", args=[children[0].pk])),
        (worker, reverse("allegations:list")),
        (manager, reverse("records:person_access", args=[children[0].pk])),
    ):
        client.force_login(viewer)
        response = client.get(url)
        assert response.status_code in (200, 403)
        body = response.content.decode()
        for secret in ("Quentin Harrowgate", SECRET, allegation.reference, "allegations.", "Allegation"):
            assert secret not in body, (url, secret)


def test_only_managers_may_be_named(la, lado, world):
    allegation, named = world
    worker = builders.user(la, Role.SOCIAL_WORKER)
    with pytest.raises(ValidationError) as refused:
        services.managers_name(actor=lado, allegation=allegation, managers=[named, worker])
    assert refused.value.message_dict == {"managers": ["Only managers can be named: Social Worker Tester"]}
    assert list(allegation.named_managers.all()) == [named]


def test_the_annual_summary_counts_by_sector_and_outcome(la, lado, children):
    first = refer(lado, children)
    refer(lado, children[:1], sector="health")
    refer(lado, children[:1], received_at=MONDAY_10AM.replace(year=2025))  # another reporting year
    services.outcome_record(
        actor=lado, allegation=first, version=first.version, outcome="unfounded",
        outcome_on=date(2026, 11, 4), decided_by="LADO", actions_taken=["none"],
    )  # fmt: skip
    summary = selectors.annual_summary(actor=lado, year=2026)
    rows = dict(summary.rows)
    # substantiated, malicious, false, unsubstantiated, unfounded, open, total
    assert rows["Education"] == [0, 0, 0, 0, 1, 0, 1]
    assert rows["Health"] == [0, 0, 0, 0, 0, 1, 1]
    assert summary.total == [0, 0, 0, 0, 1, 1, 2]
    assert dict(summary.bands)["Within 1 month"] == 1
    assert summary.concluded == 1
