"""Missing notifications, oversight, return home interviews and pattern flags, through the services.
Every refusal saves nothing: no episode, no clock, no audit row."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError

from frontdoor.audit.models import AuditEvent
from frontdoor.clocks.models import Clock
from frontdoor.core.exceptions import StaleEdit
from frontdoor.missing import services
from frontdoor.missing.models import MissingEpisode, Oversight, PatternFlag, PatternSetting, ReturnInterview
from frontdoor.organisations.models import Role
from tests import builders

from .helpers import ago, record

pytestmark = pytest.mark.django_db


def counts():
    return (
        MissingEpisode.objects.count(),
        Clock.objects.count(),
        AuditEvent.objects.count(),
        Oversight.objects.count(),
        ReturnInterview.objects.count(),
        PatternFlag.objects.count(),
    )


@pytest.fixture
def child(la):
    return builders.child(la, "Mia", "Example", dob=None)


def test_a_notification_starts_the_oversight_clock_and_is_audited(la, officer, child):
    went = ago(hours=30)
    episode = record(officer, child, went=went, reference="MP/1")
    assert (episode.person, episode.looked_after, episode.police_reference) == (child, False, "MP/1")
    assert episode.oversight_clock.standard == "missing_oversight"
    assert episode.oversight_clock.started_at == went + timedelta(hours=2)
    assert episode.interview_clock is None
    event = AuditEvent.objects.get(action="missing.episode_recorded")
    assert (event.person_id, event.changes["police_reference"]) == (child.pk, "MP/1")


def test_a_notification_with_the_return_starts_the_72_hour_clock(la, officer, child):
    went, returned = ago(hours=30), ago(hours=20)
    episode = record(officer, child, went=went, returned=returned)
    assert episode.interview_clock.standard == "rhi_offered"
    assert episode.interview_clock.due_at == returned + timedelta(hours=72)


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"reported_at": -2}, "reported_at"),
        ({"notified_at": -3}, "notified_at"),
        ({"returned_at": -1}, "returned_at"),
        ({"went_missing_at": 10}, "went_missing_at"),
    ],
)
def test_times_out_of_order_or_in_the_future_are_refused_and_nothing_is_saved(
    la, officer, child, change, field
):
    went = ago(hours=5)
    times = {
        "went_missing_at": went,
        "reported_at": went + timedelta(hours=1),
        "notified_at": went + timedelta(hours=2),
        "returned_at": went + timedelta(hours=3),
    }
    for name, hours in change.items():
        times[name] = went + timedelta(hours=hours)
    before = counts()
    with pytest.raises(ValidationError) as refused:
        services.episode_record(
            actor=officer, data=services.EpisodeData(person=child, looked_after=True, **times)
        )
    assert field in refused.value.message_dict
    assert counts() == before


def test_another_authoritys_child_and_a_role_without_the_permission_are_refused(la, officer, child):
    other = builders.child(builders.authority("884", "Herefordshire (test)"), "Orrin", "Blackwood")
    before = counts()
    with pytest.raises(ValidationError):
        record(officer, other, went=ago(hours=5))
    with pytest.raises(PermissionDenied):
        record(builders.user(la, Role.SENIOR_LEADER), child, went=ago(hours=5))
    assert counts() == before


def test_the_same_police_reference_cannot_be_recorded_twice(la, officer, child):
    record(officer, child, went=ago(hours=50), reference="MP/7")
    before = counts()
    with pytest.raises(ValidationError) as refused:
        record(officer, child, went=ago(hours=5), reference="MP/7")
    assert refused.value.message_dict["police_reference"] == ["Police reference MP/7 is already recorded"]
    assert counts() == before


def test_recording_the_return_starts_the_interview_clock_once(la, officer, child):
    episode = record(officer, child, went=ago(hours=10))
    returned = ago(hours=4)
    episode = services.episode_return(
        actor=officer, episode=episode, version=1, returned_at=returned, where_found="Bus station",
        safe_and_well_done=True,
    )  # fmt: skip
    assert (episode.version, episode.where_found, episode.safe_and_well_done) == (2, "Bus station", True)
    assert episode.interview_clock.due_at == returned + timedelta(hours=72)
    before = counts()
    with pytest.raises(StaleEdit):
        services.episode_return(actor=officer, episode=episode, version=1, returned_at=returned)
    with pytest.raises(ValidationError):
        services.episode_return(actor=officer, episode=episode, version=2, returned_at=returned)
    assert counts() == before


def test_oversight_is_a_managers_and_stops_the_clock(la, officer, manager, worker, child):
    episode = record(officer, child, went=ago(hours=5))
    before = counts()
    with pytest.raises(PermissionDenied):
        services.oversight_record(actor=worker, episode=episode, decision="nfa", rationale="Home safe")
    with pytest.raises(ValidationError) as refused:
        services.oversight_record(actor=manager, episode=episode, decision="strategy", rationale=" ")
    assert refused.value.message_dict == {"rationale": ["Explain the decision"]}
    assert counts() == before
    oversight = services.oversight_record(
        actor=manager, episode=episode, decision="screening", rationale="CCE?"
    )
    episode.oversight_clock.refresh_from_db()
    assert episode.oversight_clock.completed_at == oversight.at
    assert episode.oversight_clock.working_days_taken is not None
    with pytest.raises(ValidationError):
        services.oversight_record(actor=manager, episode=episode, decision="nfa", rationale="Again")
    assert Oversight.objects.count() == 1


def offer(actor, episode, **kwargs):
    values = {
        "offered_at": episode.returned_at + timedelta(hours=5),
        "offered_by": "Sam Lee, Get Safe",
        "offered_by_independent": True,
        "accepted": True,
    } | kwargs
    return services.interview_offer(actor=actor, episode=episode, **values)


def test_the_interview_cannot_be_offered_before_the_return_or_without_the_reasons(la, officer, worker, child):
    episode = record(officer, child, went=ago(hours=30))
    before = counts()
    with pytest.raises(ValidationError) as refused:
        services.interview_offer(
            actor=worker,
            episode=episode,
            offered_at=ago(hours=1),
            offered_by="Sam",
            offered_by_independent=True,
        )
    assert list(refused.value.message_dict) == ["offered_at"]
    episode = services.episode_return(actor=officer, episode=episode, version=1, returned_at=ago(hours=20))
    before = counts()
    with pytest.raises(ValidationError) as refused:
        offer(worker, episode, offered_by_independent=False, accepted=False)
    assert set(refused.value.message_dict) == {"not_independent_reason", "declined_reason"}
    with pytest.raises(PermissionDenied):
        offer(officer, episode)
    assert counts() == before


def test_an_offer_within_72_hours_meets_the_clock_and_a_late_one_misses_it(la, officer, worker, child):
    on_time = record(officer, child, went=ago(hours=100), returned=ago(hours=90))
    late = record(officer, builders.child(la, "Noah", "Example"), went=ago(hours=100), returned=ago(hours=90))
    offer(worker, on_time, offered_at=on_time.returned_at + timedelta(hours=71, minutes=59))
    offer(worker, late, offered_at=late.returned_at + timedelta(hours=72, minutes=1))
    on_time.interview_clock.refresh_from_db()
    late.interview_clock.refresh_from_db()
    assert on_time.interview_clock.completed_at <= on_time.interview_clock.due_at
    assert late.interview_clock.completed_at > late.interview_clock.due_at


def test_completing_the_interview_records_the_childs_account_and_refuses_stale_or_declined(
    la, officer, worker, child
):
    episode = record(officer, child, went=ago(hours=60), returned=ago(hours=50))
    interview = offer(worker, episode, accepted=None)
    done = services.interview_complete(
        actor=worker, interview=interview, version=1, completed_at=ago(hours=30), completed_by="Sam Lee",
        childs_account="I stayed at a friend's", push_factors="Arguments at home",
        pull_factors="Older friends", risks_identified="Possible CCE",
        follow_up_actions="Exploitation screening", accepted=True,
    )  # fmt: skip
    assert (done.accepted, done.version, done.completed_by, done.pull_factors) == (
        True, 2, "Sam Lee", "Older friends"
    )  # fmt: skip
    with pytest.raises(StaleEdit):
        services.interview_complete(
            actor=worker, interview=done, version=1, completed_at=ago(hours=29), completed_by="Sam",
            childs_account="Again",
        )  # fmt: skip
    other = record(officer, builders.child(la, "Ava", "Example"), went=ago(hours=60), returned=ago(hours=50))
    declined = offer(worker, other, accepted=False, declined_reason="Did not want to talk")
    before = counts()
    with pytest.raises(ValidationError) as refused:
        services.interview_complete(
            actor=worker, interview=declined, version=1, completed_at=ago(hours=30), completed_by="Sam",
            childs_account="x",
        )  # fmt: skip
    assert refused.value.message_dict["completed_at"] == [
        "Only an interview the child accepted can be completed"
    ]
    assert counts() == before


def test_the_interview_held_has_its_own_72_hour_clock_stopped_by_holding_it(la, officer, worker, child):
    episode = record(officer, child, went=ago(hours=100), returned=ago(hours=90))
    assert (episode.held_clock.standard, episode.held_clock.due_at) == (
        "rhi_held", episode.returned_at + timedelta(hours=72)
    )  # fmt: skip
    interview = offer(worker, episode, offered_at=episode.returned_at + timedelta(hours=5))
    episode.held_clock.refresh_from_db()
    assert episode.held_clock.completed_at is None  # offered in time, not yet held
    held_at = episode.returned_at + timedelta(hours=74)
    services.interview_complete(
        actor=worker, interview=interview, version=1, completed_at=held_at, completed_by="Sam Lee",
        childs_account="I was at my cousin's", held_by_independent=False,
    )  # fmt: skip
    episode.held_clock.refresh_from_db()
    episode.interview_clock.refresh_from_db()
    assert episode.interview_clock.completed_at <= episode.interview_clock.due_at  # offer: met
    assert (episode.held_clock.completed_at, episode.held_clock.breached) == (held_at, True)  # held: late
    event = AuditEvent.objects.get(action="missing.interview_completed")
    assert event.changes["held_by_independent"] is False


def test_a_declined_offer_ends_the_duty_to_hold_the_interview(la, officer, worker, child):
    episode = record(officer, child, went=ago(hours=60), returned=ago(hours=50))
    offered_at = episode.returned_at + timedelta(hours=3)
    offer(worker, episode, offered_at=offered_at, accepted=False, declined_reason="Did not want to")
    episode.held_clock.refresh_from_db()
    assert episode.held_clock.completed_at == offered_at


def test_whom_the_child_would_prefer_is_kept_only_when_they_were_asked(la, officer, worker, child):
    episode = record(officer, child, went=ago(hours=60), returned=ago(hours=50))
    before = counts()
    with pytest.raises(ValidationError) as refused:
        offer(worker, episode, asked_preference=False, preferred_person="Their teacher")
    assert refused.value.message_dict == {
        "preferred_person": ["Record whom the child would prefer only if they were asked"]
    }
    assert counts() == before
    interview = offer(worker, episode, asked_preference=True, preferred_person="  Their teacher ")
    assert (interview.asked_preference, interview.preferred_person) == (True, "Their teacher")
    event = AuditEvent.objects.get(action="missing.interview_offered")
    assert event.changes["asked_preference"] is True


@pytest.fixture
def daytime_child(la):
    return builders.child(la, "Leo", "Example")


def _daytime(days_ago):
    """An afternoon, `days_ago` days back, 14:00 to 16:00 London time: never overnight."""
    from .helpers import LONDON

    base = (ago(days=days_ago)).astimezone(LONDON).replace(hour=14, minute=0, second=0)
    return base, base + timedelta(hours=2)


def test_the_third_daytime_episode_in_30_days_raises_one_flag_and_later_ones_update_it(
    la, officer, manager, daytime_child
):
    for days_ago in (25, 12):
        went, back = _daytime(days_ago)
        record(officer, daytime_child, went=went, returned=back)
    assert PatternFlag.objects.count() == 0
    went, back = _daytime(3)
    third = record(officer, daytime_child, went=went, returned=back)
    flag = PatternFlag.objects.get()
    assert flag.reason.startswith("Missing 3 times in 30 days (")
    assert (flag.episode, flag.acknowledged_at) == (third, None)
    went, back = _daytime(2)
    record(officer, daytime_child, went=went, returned=back)
    flag.refresh_from_db()
    assert PatternFlag.objects.count() == 1
    assert flag.reason.startswith("Missing 4 times in 30 days (")
    acknowledged = services.flag_acknowledge(actor=manager, flag=flag, note="Strategy discussion tomorrow")
    assert (acknowledged.acknowledged_by, acknowledged.note) == (manager, "Strategy discussion tomorrow")
    went, back = _daytime(1)
    record(officer, daytime_child, went=went, returned=back)
    assert PatternFlag.objects.filter(acknowledged_at__isnull=True).count() == 1
    assert PatternFlag.objects.count() == 2


def test_missing_overnight_flags_the_child_and_acknowledgement_is_a_managers(
    la, officer, worker, manager, child
):
    from .helpers import LONDON

    evening = ago(days=3).astimezone(LONDON).replace(hour=22, minute=0, second=0)
    record(officer, child, went=evening, returned=evening + timedelta(hours=9))
    flag = PatternFlag.objects.get()
    assert flag.reason == f"Missing overnight (went missing {evening.day} {evening:%b})"
    before = counts()
    with pytest.raises(PermissionDenied):
        services.flag_acknowledge(actor=worker, flag=flag, note="Seen")
    with pytest.raises(ValidationError):
        services.flag_acknowledge(actor=manager, flag=flag, note="  ")
    assert counts() == before


def test_the_rule_is_the_authoritys_own(la, officer, child):
    PatternSetting.objects.create(authority=la, episodes=2, days=7, flag_overnight=False)
    evening = ago(days=3).replace(hour=21)
    record(officer, child, went=evening, returned=evening + timedelta(hours=10))
    assert PatternFlag.objects.count() == 0  # overnight does not count here
    record(officer, child, went=ago(days=1, hours=2), returned=ago(days=1))
    assert PatternFlag.objects.get().reason.startswith("Missing 2 times in 7 days (")
