"""tasks 0002 moves every row of the four old action models onto Task and back (issue 15 §2).

The parents (discussions, core groups, meetings, audits, supervisions) are made through today's
services; the database is then migrated back to before the move, rows are written in the OLD shape
with the historical models, and the move is run with Django's MigrationExecutor: every row must
arrive with its owner, dates, who did it and what was done, and return unchanged on the way back.
"""

from datetime import date, datetime, timedelta

import pytest
from django.db import connection
from django.db.migrations.executor import MigrationExecutor
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import Outcome
from frontdoor.exploitation import services as exploitation_services
from frontdoor.organisations.models import Role
from frontdoor.referrals.models import Referral
from frontdoor.supervision import services as supervision_services
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders
from tests.quality.test_services import sampled
from tests.security.child_protection_world import build

pytestmark = pytest.mark.django_db(transaction=True)

MOVE = ("tasks", "0002_move_the_four_action_models_onto_task")
BEFORE = [
    ("tasks", "0001_task"),
    ("child_protection", "0003_emergency_protection"),
    ("exploitation", "0003_action_owner_user_and_done_by"),
    ("quality", "0001_initial"),
    ("supervision", "0001_initial"),
]
AT = datetime(2026, 11, 2, 10, 0, tzinfo=timezone.get_current_timezone())
DONE = AT + timedelta(days=3)


def migrate(targets):
    executor = MigrationExecutor(connection)
    executor.loader.build_graph()
    executor.migrate(targets)
    return executor.loader.project_state(targets).apps


def three_weeks_ago(la, manager, child):
    """An episode from three weeks ago, so the child protection records after it have room for their
    dates (as the security tests' world)."""
    journey = contact_services.contact_record(
        actor=manager, children=[child], received_at=timezone.now() - timedelta(days=21), channel="phone",
        source="2A", concerns="Hungry at school", concern_categories=["neglect"], consent="obtained",
    ).children.get()  # fmt: skip
    contact_services.contact_child_decide(
        actor=manager, journey=journey, version=journey.version, outcome=Outcome.ASSESSMENT,
        need_level=builders.level(la, 3), rationale="Needs an assessment of the child's needs",
    )  # fmt: skip
    return Referral.objects.get(person=child)


def parents():
    la = builders.authority()
    manager, worker = builders.user(la, Role.TEAM_MANAGER), builders.user(la, Role.SOCIAL_WORKER)
    worker.first_name, worker.last_name = "Sam", "Walker"
    worker.save(update_fields=["first_name", "last_name"])
    qa = builders.user(la, Role.QUALITY_ASSURANCE)
    referral = three_weeks_ago(la, manager, builders.child(la, "Kai", "Example"))
    cp = build(worker, referral, builders.agency(la))
    screening = exploitation_services.screening_record(
        actor=worker, person=referral.person, kind="cce", indicators=["missing"], risk_level="high",
        analysis="Older males",
    )  # fmt: skip
    meeting = exploitation_services.meeting_record(
        actor=manager, screening=screening, held_at=timezone.now() - timedelta(hours=2), agencies="Police",
        discussion="Disruption", risk_level="high",
        actions=[exploitation_services.ActionData("Made today", Owner(user=worker), timezone.localdate())],
    )  # fmt: skip
    _, audits = sampled(la, manager, qa)
    session = supervision_services.supervision_record(
        actor=manager, worker=worker, held_on=timezone.localdate(), reflection="Caseload", cases=[referral]
    )
    return la, manager, worker, qa, referral, cp, meeting, audits[0], session


def old_rows(apps, world):
    """Two strategy/core group actions (one owner text a member of staff's name, one not), two
    exploitation actions (a member of staff, a partner), an audit action and two directions (from
    supervision, from a case note); done ones have the audit event that recorded who did them."""
    la, manager, worker, qa, referral, cp, meeting, audit, session = world
    CpAction = apps.get_model("child_protection", "Action")
    cp_done = CpAction.objects.create(
        authority_id=la.pk, person_id=referral.person_id, discussion_id=cp.discussion.pk,
        description="Police check", owner="sam walker", due_on=date(2026, 11, 5), done_at=DONE,
        recorded_by_id=worker.pk, recorded_at=AT,
    )  # fmt: skip
    CpAction.objects.create(
        authority_id=la.pk, person_id=referral.person_id, core_group_id=cp.core_group.pk,
        description="Health check", owner="Paediatrician", due_on=date(2026, 11, 9), recorded_by_id=worker.pk,
        recorded_at=AT,
    )  # fmt: skip
    ExAction = apps.get_model("exploitation", "Action")
    ExAction.objects.create(
        meeting_id=meeting.pk, description="Call mum", owner="The allocated worker", owner_user_id=worker.pk,
        due_date=date(2026, 11, 6), done_at=DONE, done_by_id=manager.pk,
    )  # fmt: skip
    ExAction.objects.create(
        meeting_id=meeting.pk, description="Visit the flat", owner="PC Lee, Mercia Police",
        due_date=date(2026, 11, 7),
    )  # fmt: skip
    audit_action = apps.get_model("quality", "AuditAction").objects.create(
        authority_id=la.pk, audit_id=audit.pk, description="See the child alone", owner_id=worker.pk,
        due_date=date(2026, 11, 20), set_by_id=qa.pk, set_at=AT, completed_at=DONE, completion_note="Seen",
    )  # fmt: skip
    Direction = apps.get_model("supervision", "Direction")
    direction = Direction.objects.create(
        authority_id=la.pk, person_id=referral.person_id, referral_id=referral.pk, source="supervision",
        supervision_id=session.pk, direction="Visit this week", owner_id=worker.pk,
        due_date=date(2026, 11, 8), given_by_id=manager.pk, given_at=AT, completed_at=DONE,
        completion_note="Visited on Tuesday",
    )  # fmt: skip
    Direction.objects.create(
        authority_id=la.pk, person_id=referral.person_id, referral_id=referral.pk, source="case_note",
        direction="Book a conference", owner_id=manager.pk, due_date=date(2026, 11, 12),
        given_by_id=manager.pk, given_at=AT,
    )  # fmt: skip
    for subject, pk, action, actor in [
        ("child_protection.action", cp_done.pk, "cp_action.done", worker),
        ("quality.auditaction", audit_action.pk, "audit.action_completed", worker),
        ("supervision.direction", direction.pk, "direction.completed", manager),  # a manager covering
    ]:
        AuditEvent.objects.create(
            authority_id=la.pk, actor=actor, at=DONE, action=action, subject_type=subject, subject_id=pk,
            person_id=referral.person_id,
        )  # fmt: skip


def old_values(apps):
    return {
        "cp": list(apps.get_model("child_protection", "Action").objects.order_by("pk").values_list(
            "description", "owner", "due_on", "done_at", "recorded_by_id", "recorded_at")),
        "ex": list(apps.get_model("exploitation", "Action").objects.order_by("pk").values_list(
            "description", "owner_user_id", "due_date", "done_at", "done_by_id")),
        "audit": list(apps.get_model("quality", "AuditAction").objects.order_by("pk").values_list(
            "description", "owner_id", "due_date", "set_by_id", "completed_at", "completion_note")),
        "direction": list(apps.get_model("supervision", "Direction").objects.order_by("pk").values_list(
            "direction", "owner_id", "source", "supervision_id", "due_date", "given_by_id", "completed_at",
            "completion_note")),
    }  # fmt: skip


def test_every_old_row_becomes_a_task_with_its_owner_dates_and_who_did_it_and_moves_back():
    world = parents()
    _la, manager, worker, qa, referral, cp, meeting, audit, session = world
    made_since = sorted(Task.objects.values_list("pk", flat=True))  # tasks made through the services
    assert len(made_since) == 2  # the strategy discussion's action and the meeting's
    apps = migrate(BEFORE)
    old_rows(apps, world)
    before = old_values(apps)
    assert [len(rows) for rows in before.values()] == [2, 2, 1, 2]

    apps = migrate([MOVE])
    moved = apps.get_model("tasks", "Task").objects.exclude(legacy_type="").order_by("pk")
    got = list(moved.values_list(
        "legacy_type", "kind", "source_type", "source_id", "person_id", "what", "owner_user_id", "owner_name",
        "due_on", "created_by_id", "created_at", "done_at", "done_by_id", "done_note",
    ))  # fmt: skip
    person = referral.person_id
    assert got == [
        ("child_protection.action", "strategy_discussion", "child_protection.strategydiscussion",
         cp.discussion.pk, person, "Police check", worker.pk, "", date(2026, 11, 5), worker.pk, AT, DONE,
         worker.pk, ""),
        ("child_protection.action", "core_group", "child_protection.coregroup", cp.core_group.pk, person,
         "Health check", None, "Paediatrician", date(2026, 11, 9), worker.pk, AT, None, None, ""),
        ("exploitation.action", "exploitation_meeting", "exploitation.meeting", meeting.pk, person,
         "Call mum", worker.pk, "", date(2026, 11, 6), manager.pk, meeting.recorded_at, DONE, manager.pk, ""),
        ("exploitation.action", "exploitation_meeting", "exploitation.meeting", meeting.pk, person,
         "Visit the flat", None, "PC Lee, Mercia Police", date(2026, 11, 7), manager.pk, meeting.recorded_at,
         None, None, ""),
        ("quality.auditaction", "case_audit", "quality.caseaudit", audit.pk, audit.person_id,
         "See the child alone", worker.pk, "", date(2026, 11, 20), qa.pk, AT, DONE, worker.pk, "Seen"),
        ("supervision.direction", "supervision", "supervision.supervision", session.pk, person,
         "Visit this week", worker.pk, "", date(2026, 11, 8), manager.pk, AT, DONE, manager.pk,
         "Visited on Tuesday"),
        ("supervision.direction", "case_note", "referrals.referral", referral.pk, person, "Book a conference",
         manager.pk, "", date(2026, 11, 12), manager.pk, AT, None, None, ""),
    ]  # fmt: skip
    legacy_ids = dict(apps.get_model("tasks", "Task").objects.values_list("legacy_type", "legacy_id"))
    assert set(legacy_ids) == {"", "child_protection.action", "exploitation.action", "quality.auditaction",
                               "supervision.direction"}  # fmt: skip
    assert apps.get_model("tasks", "Task").objects.count() == 2 + 7
    # Every audit event about an old row still finds its task.
    for event in AuditEvent.objects.exclude(subject_type__in=["tasks.task"]).filter(
        subject_type__in=["child_protection.action", "quality.auditaction", "supervision.direction"]
    ):
        assert moved.filter(legacy_type=event.subject_type, legacy_id=event.subject_id).count() == 1

    apps = migrate(BEFORE)  # back with the old tables still there: the same rows, new tasks untouched
    assert old_values(apps) == before
    assert sorted(apps.get_model("tasks", "Task").objects.values_list("pk", flat=True)) == made_since

    leaf = MigrationExecutor(connection).loader.graph.leaf_nodes()
    migrate(leaf)  # the old tables dropped: one model
    assert Task.objects.count() == 9
    apps = migrate(BEFORE)  # and back from there: the old rows rebuilt from the tasks
    # A member of staff matched from owner text comes back as their full name.
    again = old_values(apps)
    assert again["cp"] == [(before["cp"][0][0], "Sam Walker", *before["cp"][0][2:]), before["cp"][1]]
    assert {k: v for k, v in again.items() if k != "cp"} == {k: v for k, v in before.items() if k != "cp"}
    migrate(leaf)
    assert Task.objects.count() == 9
