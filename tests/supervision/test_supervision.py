"""Supervision every 4 weeks on its clock; directions with an owner and a due date on the owner's
list until done, the team's overdue ones for the manager; assistants' cases with the date each was
last discussed. Refusals save nothing."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from frontdoor.clocks.models import Clock
from frontdoor.organisations.models import Role
from frontdoor.referrals.services import allocation_make
from frontdoor.supervision import rules, selectors, services
from frontdoor.supervision.models import Supervision
from frontdoor.tasks.models import Task
from frontdoor.tasks.services import Owner
from tests import builders
from tests.quality.cases import cin_episode

pytestmark = pytest.mark.django_db


def today():
    return timezone.localdate()


def test_supervision_is_due_again_28_days_later_and_the_next_session_stops_the_clock(la, manager, worker):
    first = services.supervision_record(
        actor=manager, worker=worker, held_on=today() - timedelta(days=30), reflection="Caseload"
    )
    assert timezone.localdate(first.next_clock.due_at) == today() - timedelta(days=2)
    second = services.supervision_record(
        actor=manager, worker=worker, held_on=today(), reflection="Wellbeing"
    )
    first.next_clock.refresh_from_db()
    assert timezone.localdate(first.next_clock.completed_at) == today()
    assert Clock.objects.filter(standard="supervision", completed_at__isnull=True).get() == second.next_clock


def test_a_back_dated_record_leaves_the_running_clock_alone(la, manager, worker):
    latest = services.supervision_record(actor=manager, worker=worker, held_on=today(), reflection="Now")
    earlier = services.supervision_record(
        actor=manager, worker=worker, held_on=today() - timedelta(days=40), reflection="Then"
    )
    assert earlier.next_clock is None
    latest.next_clock.refresh_from_db()
    assert latest.next_clock.completed_at is None


def test_no_one_records_their_own_supervision_and_nothing_is_saved(la, manager):
    with pytest.raises(ValidationError) as refused:
        services.supervision_record(actor=manager, worker=manager, held_on=today(), reflection="")
    assert set(refused.value.message_dict) == {"worker", "reflection"}
    assert (Supervision.objects.count(), Clock.objects.filter(standard="supervision").count()) == (0, 0)


def test_a_social_worker_cannot_record_supervision(la, worker):
    other = builders.user(la, Role.SOCIAL_WORKER)
    with pytest.raises(PermissionDenied):
        services.supervision_record(actor=worker, worker=other, held_on=today(), reflection="x")
    assert Supervision.objects.count() == 0


def direction(manager, referral, owner, due):
    return services.direction_give(
        actor=manager,
        person=referral.person,
        owner=Owner(user=owner),
        what="See the child alone",
        due_on=due,
        referral=referral,
    )


def test_a_direction_stays_on_the_owners_list_until_done(la, manager, worker):
    referral = cin_episode(la, manager)
    given = direction(manager, referral, worker, today() + timedelta(days=5))
    assert (given.kind, given.source_type) == ("case_note", "referrals.referral")
    assert given.source_id == referral.pk
    assert selectors.my_directions(actor=worker) == [given]
    assert AccessEvent.objects.filter(actor=worker, person=referral.person).count() == 1
    services.direction_complete(actor=worker, direction=given, note="Seen alone at school")
    assert selectors.my_directions(actor=worker) == []


def test_a_direction_due_in_the_past_or_without_words_is_refused(la, manager, worker):
    referral = cin_episode(la, manager)
    with pytest.raises(ValidationError) as refused:
        services.direction_give(
            actor=manager,
            person=referral.person,
            owner=Owner(user=worker),
            what=" ",
            due_on=today() - timedelta(days=1),
        )
    assert refused.value.message_dict == {
        "what": ["Enter what must be done"],
        "due_on": ["The due date must be today or in the future"],
    }
    assert Task.objects.count() == 0


def test_the_manager_sees_only_their_teams_overdue_directions(la, manager, worker):
    referral = cin_episode(la, manager)
    elsewhere = builders.user(la, Role.SOCIAL_WORKER)
    elsewhere.team = builders.team(la, "Assessment Team West")
    elsewhere.save(update_fields=["team"])
    mine = direction(manager, referral, worker, today())
    theirs = direction(manager, referral, elsewhere, today())
    done = direction(manager, referral, worker, today())
    direction(manager, referral, worker, today() + timedelta(days=3))  # not yet due
    Task.objects.filter(pk__in=[mine.pk, theirs.pk, done.pk]).update(due_on=today() - timedelta(days=2))
    services.direction_complete(actor=worker, direction=done, note="Done late")
    assert [d.pk for d in selectors.team_overdue_directions(actor=manager)] == [mine.pk]
    leader = builders.user(la, Role.SENIOR_LEADER)
    assert sorted(d.pk for d in selectors.team_overdue_directions(actor=leader)) == sorted(
        [mine.pk, theirs.pk]
    )


def test_someone_outside_the_owners_team_cannot_mark_it_done(la, manager, worker):
    referral = cin_episode(la, manager)
    given = direction(manager, referral, worker, today())
    outsider = builders.user(la, Role.SOCIAL_WORKER)
    outsider.team = builders.team(la, "Assessment Team West")
    outsider.save(update_fields=["team"])
    with pytest.raises(ValidationError, match="owner"):
        services.direction_complete(actor=outsider, direction=given, note="x")
    given.refresh_from_db()
    assert (given.done_at, given.done_by, given.done_note) == (None, None, "")


def test_assistants_cases_show_when_each_was_last_discussed(la, manager):
    assistant = builders.user(la, Role.SOCIAL_WORKER)
    assistant.job_title = "Social Work Assistant"
    assistant.save(update_fields=["job_title"])
    discussed, never = cin_episode(la, manager), cin_episode(la, manager)
    qualified = cin_episode(la, manager)
    for referral in (discussed, never):
        allocation_make(actor=manager, referral=referral, team=assistant.team, worker=assistant)
    allocation_make(
        actor=manager, referral=qualified, team=manager.team, worker=builders.user(la, Role.SOCIAL_WORKER)
    )
    for days in (40, 12):
        services.supervision_record(
            actor=manager,
            worker=assistant,
            held_on=today() - timedelta(days=days),
            reflection="Cases",
            cases=[discussed],
        )
    rows = selectors.assistant_cases(actor=manager)
    assert [(r.referral, r.last_discussed) for r in rows] == [
        (never, None),
        (discussed, today() - timedelta(days=12)),
    ]


@pytest.mark.parametrize(
    ("title", "assistant"),
    [
        ("Social work assistant", True),
        ("SWA", True),
        ("Family support worker (SWA)", True),
        ("Social worker", False),
        ("Senior social worker", False),
        ("Swan Lake coordinator", False),
    ],
)
def test_older_accounts_are_recognised_as_assistants_by_job_title(title, assistant):
    assert rules.is_social_work_assistant(role="social_worker", job_title=title) is assistant


def test_the_social_work_assistant_role_is_an_assistant_whatever_the_title():
    assert rules.is_social_work_assistant(role=Role.SOCIAL_WORK_ASSISTANT, job_title="Family worker") is True


def test_last_discussed_takes_the_latest_session_for_each_case():
    sessions = [(1, date(2026, 1, 5)), (1, date(2026, 3, 2)), (2, date(2026, 2, 1)), (9, date(2026, 4, 1))]
    assert rules.last_discussed([1, 2, 3], sessions) == {1: date(2026, 3, 2), 2: date(2026, 2, 1), 3: None}
