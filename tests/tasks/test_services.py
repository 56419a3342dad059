"""Tasks: created only with an owner and a due date (each refusal beside its field, nothing saved),
owners from the actor's own authority, done with who and what, cancelled only with a reason, and
"overdue" counted by the database exactly as the rule says."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import connection
from django.utils import timezone

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks import rules as clock_rules
from frontdoor.clocks.services import calendar_for
from frontdoor.organisations.models import Role
from frontdoor.tasks import selectors, services
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def create(actor, source, owner, due_on=None, what="Visit the school", **extra):
    return services.task_create(
        actor=actor, kind="other", source=source, what=what, owner=owner,
        due_on=due_on if due_on is not None else today() + timedelta(days=3), **extra,
    )  # fmt: skip


def saved():
    return (Task.objects.count(), AuditEvent.objects.filter(action__startswith="task.").count())


def test_a_task_keeps_its_source_owner_due_date_and_who_set_it_with_an_audit_event(la, manager, worker):
    child = builders.child(la, "Kai", "Example")
    task = create(manager, child, Owner(user=worker), person_id=child.pk)
    assert (task.source_type, task.source_id, task.person_id) == ("people.person", child.pk, child.pk)
    assert (task.owner_user, task.due_on, task.created_by, task.owner_label) == (
        worker,
        today() + timedelta(days=3),
        manager,
        worker.display_name,
    )
    event = AuditEvent.objects.get(action="task.created")
    assert (event.subject_type, event.subject_id, event.person_id) == ("tasks.task", task.pk, child.pk)


@pytest.mark.parametrize(
    ("what", "owner", "due", "refused"),
    [
        (" ", "worker", 3, {"what": ["Enter what must be done"]}),
        ("Visit", None, 3, {"owner": ["Choose who owns the action"]}),
        ("Visit", "worker", None, {"due_on": ["Enter the date the action is due"]}),
        ("Visit", "worker", -1, {"due_on": ["The due date must be today or in the future"]}),
        ("x" * 3001, "worker", 3, {"what": ["What must be done must be 3000 characters or fewer"]}),
        ("Visit", "both", 3, {"owner": ["Choose a member of staff or a partner, not both"]}),
        ("Visit", "name only", 3, {"owner": ["Say which agency the named person works for"]}),
    ],
)
def test_each_refusal_is_beside_its_field_and_saves_nothing(la, manager, worker, what, owner, due, refused):
    agency = builders.agency(la)
    owners = {
        None: Owner(),
        "worker": Owner(user=worker),
        "both": Owner(user=worker, agency=agency, name="PC Lee"),
        "name only": Owner(name="PC Lee"),
    }
    before = saved()
    with pytest.raises(ValidationError) as error:
        services.task_create(
            actor=manager, kind="other", source=agency, what=what, owner=owners[owner],
            due_on=None if due is None else today() + timedelta(days=due),
        )  # fmt: skip
    assert error.value.message_dict == refused
    assert saved() == before == (0, 0)


def test_owners_must_be_of_the_actors_authority_and_a_professional_of_the_agency_named(la, manager):
    other_la = builders.authority("884", "Herefordshire (test)")
    theirs = builders.user(other_la, Role.SOCIAL_WORKER)
    their_officer = builders.professional(other_la, "PC Far", "West Mercia Police")
    teacher = builders.professional(la, "Ms Khan", "Heronswood")
    police = builders.agency(la, "Mercia Police")
    partner_user = builders.partner(la)
    for owner, message in [
        (Owner(user=theirs), "Choose a member of staff who works with children"),
        (Owner(user=partner_user), "Choose a member of staff who works with children"),
        (Owner(professional=their_officer), "Choose a partner agency or professional from your authority"),
        (Owner(agency=police, professional=teacher), "That professional works for another agency"),
    ]:
        with pytest.raises(ValidationError) as error:
            create(manager, police, owner)
        assert error.value.message_dict == {"owner": [message]}
    assert saved() == (0, 0)
    task = create(manager, police, Owner(agency=police, name="Duty inspector"))
    assert (task.owner_agency, task.owner_name, task.owner_label) == (
        police,
        "Duty inspector",
        "Duty inspector, Mercia Police",
    )
    task = create(manager, police, Owner(professional=teacher))
    assert (task.owner_agency.name, task.owner_label) == ("Heronswood", "Ms Khan, Heronswood")


def test_a_record_of_another_authority_cannot_set_a_task_and_a_partner_cannot_create_one(la, manager, worker):
    other_la = builders.authority("884", "Herefordshire (test)")
    with pytest.raises(ValidationError):
        create(manager, builders.agency(other_la), Owner(user=worker))
    with pytest.raises(PermissionDenied):
        create(builders.partner(la), builders.agency(la), Owner(user=worker))
    assert saved() == (0, 0)


def test_a_due_date_from_a_clock_standard_comes_from_the_clock_engine(la, manager, worker):
    task = services.task_create(
        actor=manager, kind="core_group", source=builders.agency(la), what="Next core group",
        owner=Owner(user=worker), standard="core_group",
    )  # fmt: skip
    expected = clock_rules.due_date(
        clock_rules.DEFAULT_STANDARDS["core_group"], task.created_at, calendar_for(la)
    )
    assert (task.due_on, task.standard) == (expected, "core_group")
    assert task.due_on == timezone.localdate(task.created_at) + timedelta(days=28)


def test_done_records_when_by_whom_and_what_once(la, manager, worker):
    task = create(manager, builders.agency(la), Owner(user=worker))
    done = services.task_complete(actor=worker, task=task, note="Visited on Monday")
    stored = Task.objects.get(pk=task.pk)
    assert (stored.done_by, stored.done_note, stored.done_at) == (worker, "Visited on Monday", done.done_at)
    with pytest.raises(ValidationError) as error:
        services.task_complete(actor=worker, task=task, note="Again")
    assert error.value.message_dict == {"note": ["This action is already done"]}
    assert AuditEvent.objects.filter(action="task.done").count() == 1


def test_cancelling_needs_a_reason_and_a_cancelled_task_cannot_be_done(la, manager, worker):
    task = create(manager, builders.agency(la), Owner(user=worker))
    with pytest.raises(ValidationError) as error:
        services.task_cancel(actor=manager, task=task, reason="  ")
    assert error.value.message_dict == {"reason": ["Say why the action is cancelled"]}
    assert Task.objects.get(pk=task.pk).cancelled_at is None
    with pytest.raises(PermissionDenied):
        services.task_cancel(actor=worker, task=task, reason="Not needed")
    services.task_cancel(actor=manager, task=task, reason="The family moved away")
    stored = Task.objects.get(pk=task.pk)
    assert (stored.cancelled_by, stored.cancel_reason) == (manager, "The family moved away")
    with pytest.raises(ValidationError) as error:
        services.task_complete(actor=worker, task=task, note="Done")
    assert error.value.message_dict == {"note": ["This action was cancelled"]}
    assert Task.objects.get(pk=task.pk).done_at is None


def test_overdue_is_counted_in_sql_exactly_as_the_rule_says(la, manager, worker):
    source = builders.agency(la)
    made = [
        create(manager, source, Owner(user=u)) for u in (worker, worker, worker, manager, manager, worker)
    ]
    days_ago = [3, 1, 0, 5, -2, 2]  # due 3 days ago, yesterday, today, 5 days ago, in 2 days, 2 days ago
    for task, ago in zip(made, days_ago, strict=True):
        Task.objects.filter(pk=task.pk).update(due_on=today() - timedelta(days=ago))
    services.task_complete(actor=worker, task=made[0], note="")  # done: not overdue
    services.task_cancel(actor=manager, task=made[5], reason="Not needed")  # cancelled: not overdue
    other_la = builders.authority("884", "Herefordshire (test)")
    create(
        builders.user(other_la),
        builders.agency(other_la),
        Owner(user=builders.user(other_la, Role.SOCIAL_WORKER)),
    )
    Task.objects.filter(authority=other_la).update(due_on=today() - timedelta(days=9))  # another authority's

    overdue = Task.objects.filter(authority=la).overdue(today())
    assert sorted(t.pk for t in overdue) == sorted([made[1].pk, made[3].pk])
    assert Task.objects.filter(authority=la).open().count() == 4
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT COUNT(*) FROM tasks_task WHERE authority_id = %s AND done_at IS NULL"
            " AND cancelled_at IS NULL AND due_on < %s",
            [la.pk, today()],
        )
        assert cursor.fetchone()[0] == 2
    assert selectors.counts(actor=manager, today=today()) == (4, 2)
    assert [t.pk for t in selectors.owned_by(actor=manager, owner=worker)] == [made[1].pk, made[2].pk]
    assert "due_on" in str(overdue.query)
    assert "done_at" in str(overdue.query)


def test_a_task_is_found_from_an_audit_event_about_it_or_about_the_row_it_replaced(la, manager, worker):
    task = create(manager, builders.agency(la), Owner(user=worker))
    Task.objects.filter(pk=task.pk).update(legacy_type="supervision.direction", legacy_id=41)
    found = selectors.from_audit_subject(actor=manager, subject_type="supervision.direction", subject_id=41)
    assert found is not None
    assert found.pk == task.pk
    assert (
        selectors.from_audit_subject(actor=manager, subject_type="tasks.task", subject_id=task.pk).pk
        == task.pk
    )
    stranger = builders.user(builders.authority("884", "Herefordshire (test)"))
    assert selectors.from_audit_subject(actor=stranger, subject_type="tasks.task", subject_id=task.pk) is None
