"""The board's "Strategy discussion / section 47" stage: which episodes it holds, most urgent first,
its count and breaches, filters, scope, access logging, a fixed number of queries, and a poll that
shows a strategy discussion as soon as it is recorded."""

import re
from datetime import timedelta

import pytest
from django.db import connection
from django.db.models import Max
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.child_protection.models import Section47
from frontdoor.clocks.models import Clock
from frontdoor.contacts import services as contact_services
from frontdoor.organisations.models import Role, Team, User
from frontdoor.oversight import selectors
from frontdoor.oversight.selectors import PROTECTION_STAGE, BoardFilters
from frontdoor.referrals import services as referral_services
from frontdoor.referrals.models import Referral
from tests import builders
from tests.child_protection.conftest import at, conclude, discuss, monday_weeks_ago, refer

pytestmark = pytest.mark.django_db


def names(items):
    return [item.person.first_name for item in items]


def in_cp(la, manager, worker, name, *, weeks, s47=True, outcome=""):
    """A child referred for a strategy discussion on Monday `weeks` ago; with s47, the discussion is
    held that afternoon and starts the enquiry, which `outcome` then concludes."""
    referral = refer(la, manager, builders.child(la, name), day=monday_weeks_ago(weeks))
    if s47 is None:
        return referral
    discuss(worker, referral, at(referral.referral_date, 14), section47=s47)
    if outcome:
        conclude(worker, Section47.objects.get(referral=referral), outcome=outcome)
    return referral


def referred_just_now(la, officer, manager, name, *, rag=None):
    """A strategy decision made a few hours after the contact (the front door's own path)."""
    contact = contact_services.contact_record(
        actor=officer,
        children=[builders.child(la, name)],
        received_at=timezone.now() - timedelta(hours=3),
        channel="phone",
        source="2A",
        concerns="Bruising",
        concern_categories=["physical"],
        consent="obtained",
    )
    journey = contact.children.get()
    if rag:
        contact_services.contact_child_screen(
            actor=manager, journey=journey, version=journey.version, rag=rag, rag_reason="x", guidance=""
        )
        journey.refresh_from_db()
    contact_services.contact_child_decide(
        actor=manager,
        journey=journey,
        version=journey.version,
        outcome="strategy",
        need_level=builders.level(la, 4),
        rationale="Reasonable cause to suspect significant harm",
    )
    return Referral.objects.get(contact_child=journey)


@pytest.fixture
def cast(la, officer, manager, worker):
    """Five children in the stage and three outside it."""
    return {
        "Late": in_cp(la, manager, worker, "Late", weeks=3, s47=None),  # no discussion yet
        "Fresh": referred_just_now(la, officer, manager, "Fresh", rag="red"),
        "Enquiry": in_cp(la, manager, worker, "Enquiry", weeks=8),
        "Recent": in_cp(la, manager, worker, "Recent", weeks=1),
        "Conference": in_cp(la, manager, worker, "Conference", weeks=10, outcome="icpc"),
        "NoEnquiry": in_cp(la, manager, worker, "NoEnquiry", weeks=4, s47=False),
        "Unfounded": in_cp(la, manager, worker, "Unfounded", weeks=9, outcome="not_substantiated"),
        "Assessed": builders.referral(la, manager, person=builders.child(la, "Assessed")),
    }


def test_the_stage_lists_each_step_most_urgent_first_with_its_count_and_breaches(cast, manager):
    stage = selectors.protection_for(actor=manager, filters=BoardFilters())

    # Breached first (due earliest): the conference due 15 working days after a discussion ten weeks
    # ago, the enquiry from eight weeks ago, the discussion due three weeks ago; then those not due.
    assert names(stage.items) == ["Conference", "Enquiry", "Late", "Fresh", "Recent"]
    assert [i.step for i in stage.items] == ["icpc", "section47", "strategy", "strategy", "section47"]
    assert (stage.count, stage.breached) == (5, 3)
    late = stage.items[2]
    clock = Clock.objects.get(standard="strategy_discussion", subject_id=late.pk, completed_at=None)
    assert (late.board_clock.due_at, late.stage_entered_at) == (clock.due_at, clock.started_at)
    assert late.stage_entered_at == at(monday_weeks_ago(3), 9) + timedelta(minutes=30)
    icpc = Section47.objects.get(referral=cast["Conference"]).icpc_clock
    assert stage.items[0].board_clock.due_at == icpc.due_at
    # Not yet seen: the child-seen clock still runs for every one of them, shown on the row.
    assert [i.child_seen_clock.completed_at for i in stage.items] == [None] * 5


def test_an_open_enquiry_is_due_when_its_conference_clock_will_be(cast, manager, worker):
    stage = selectors.protection_for(actor=manager, filters=BoardFilters(stage=PROTECTION_STAGE))
    shown = next(i for i in stage.items if i.person.first_name == "Recent").board_clock.due_at
    enquiry = conclude(worker, Section47.objects.get(referral=cast["Recent"]), outcome="icpc")
    assert shown == enquiry.icpc_clock.due_at
    assert shown > timezone.now()


def test_a_child_in_the_stage_is_not_listed_again_after_the_decision(cast, manager):
    after = selectors.after_decision_for(actor=manager, filters=BoardFilters())
    assert sorted(names(after.items)) == ["Assessed", "NoEnquiry", "Unfounded"]
    assert after.counts == {"awaiting_allocation": 3, "not_seen": 0, "assessment": 0}


def test_filters_narrow_the_stage_but_not_its_count(la, cast, manager, worker):
    team = builders.team(la, "Assessment Team North")
    other = builders.user(la, Role.SOCIAL_WORKER, "sw-other")
    referral_services.allocation_make(actor=manager, referral=cast["Enquiry"], team=team, worker=worker)
    referral_services.allocation_make(
        actor=manager, referral=cast["Recent"], team=builders.team(la), worker=other
    )

    def shown(**filters):
        stage = selectors.protection_for(actor=manager, filters=BoardFilters(**filters))
        return names(stage.items), stage.count

    assert shown(worker=worker.pk) == (["Enquiry"], 5)
    assert shown(team=team.pk) == (["Enquiry"], 5)
    assert shown(rag="red") == (["Fresh"], 5)
    assert shown(stage="not_seen") == ([], 5)
    assert shown(stage=PROTECTION_STAGE, worker=other.pk) == (["Recent"], 5)
    holders = selectors.protection_for(actor=manager, filters=BoardFilters(worker=worker.pk)).items
    assert [(a.worker, a.team) for a in holders[0].current] == [(worker, team)]
    assert selectors.board_for(actor=manager, filters=BoardFilters(stage=PROTECTION_STAGE)).items == []
    after = selectors.after_decision_for(actor=manager, filters=BoardFilters(stage=PROTECTION_STAGE))
    assert after.items == []


def test_a_worker_outside_the_team_sees_nothing_of_the_stage(client, la, cast, manager):
    south = Team.objects.create(authority=la, name="Assessment Team South", is_front_door=False)
    outsider = builders.user(la, Role.SOCIAL_WORKER, "sw-south")
    outsider.team = south
    outsider.save()
    stage = selectors.protection_for(actor=outsider, filters=BoardFilters())
    assert (stage.items, stage.count, stage.breached) == ([], 0, 0)
    client.force_login(outsider)
    page = client.get(reverse("oversight:board"))
    assert page.content.decode().count('data-testid="protection-row"') == 0
    assert b"Enquiry Example" not in page.content
    # Once the team holds a child, that child (and only that one) is theirs to see.
    referral_services.allocation_make(actor=manager, referral=cast["Enquiry"], team=south, worker=outsider)
    stage = selectors.protection_for(actor=outsider, filters=BoardFilters())
    assert (names(stage.items), stage.count, stage.breached) == (["Enquiry"], 1, 1)


def test_the_stage_logs_who_saw_which_children(cast, manager):
    mark = AccessEvent.objects.aggregate(m=Max("pk"))["m"] or 0
    selectors.protection_for(actor=manager, filters=BoardFilters(rag="red"))
    selectors.protection_for(actor=manager, filters=BoardFilters(stage="assessment"))
    logged = AccessEvent.objects.filter(pk__gt=mark)
    assert list(logged.values_list("actor", "person", "purpose")) == [
        (manager.pk, cast["Fresh"].person_id, "oversight.board")
    ]


def test_the_stage_reads_in_the_same_number_of_queries_for_2_or_7_children(la, manager, worker):
    def queries():
        viewer = User.objects.get(pk=manager.pk)  # as a request has it: authority not yet read
        with CaptureQueriesContext(connection) as ctx:
            stage = selectors.protection_for(actor=viewer, filters=BoardFilters())
        return len(ctx.captured_queries), stage.count

    in_cp(la, manager, worker, "One", weeks=2, s47=None)
    in_cp(la, manager, worker, "Two", weeks=2)
    few = queries()
    for n in range(5):
        in_cp(la, manager, worker, f"More{n}", weeks=n + 2, s47=None if n % 2 else True)
    # The timings, the episodes, their holders, the access log; the authority, its ICPC standard
    # and calendar (read once, for the open enquiries' due times).
    assert (few, queries()) == ((7, 2), (7, 7))


def test_recording_a_strategy_discussion_changes_the_board_on_the_next_poll(client, la, manager, worker):
    referral = in_cp(la, manager, worker, "Kai", weeks=1, s47=None)
    client.force_login(manager)
    page = client.get(reverse("oversight:board"))
    version = page.context["version"]
    assert [r.step for r in page.context["protection"].items] == ["strategy"]
    assert client.get(reverse("oversight:board_live"), {"v": version}).status_code == 204

    discuss(worker, referral, at(referral.referral_date, 14))

    fresh = client.get(reverse("oversight:board_live"), {"v": version})
    assert fresh.status_code == 200
    assert fresh.context["version"] != version
    assert [r.step for r in fresh.context["protection"].items] == ["section47"]
    assert "Section 47 enquiry open" in fresh.content.decode()
    count = re.search(r'count-strategy_s47">\s*<span class="fd-stage-count__number">(\d+)<', fresh.text)
    assert count is not None
    assert count.group(1) == "1"


@pytest.mark.parametrize(
    ("stage", "tables"),
    [
        ("", ["board", "after-decision", "protection"]),
        ("awaiting_decision", ["board"]),
        ("assessment", ["after-decision"]),
        (PROTECTION_STAGE, ["protection"]),
    ],
)
def test_a_chosen_stage_shows_only_its_own_section(client, cast, manager, stage, tables):
    """Choosing a stage after the decision used to show "0 open" and an empty front-door table first."""
    client.force_login(manager)
    page = client.get(reverse("oversight:board"), {"stage": stage} if stage else {})
    shown = re.findall(r'<table class="govuk-table fd-board" data-testid="([a-z-]+)"', page.text)
    assert shown == tables
    assert page.text.count("Updated ") == 1
