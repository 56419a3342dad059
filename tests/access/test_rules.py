"""The access decision (access.rules), by property and by worked example."""

from datetime import UTC, datetime, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.access import rules
from frontdoor.access.rules import Record, Scope, Viewer

NOW = datetime(2026, 11, 23, 12, 0, tzinfo=UTC)
MINUTE = timedelta(minutes=1)
ROLES = st.sampled_from(
    ["contact_officer", "social_worker", "team_manager", "senior_leader", "quality_assurance",
     "auditor", "administrator", "partner_user"]
)  # fmt: skip
IDS = st.integers(min_value=1, max_value=4)
viewers = st.builds(
    Viewer, user_id=IDS, authority_id=st.one_of(st.none(), IDS), role=ROLES,
    team_id=st.one_of(st.none(), IDS), team_is_front_door=st.booleans(),
)  # fmt: skip
records = st.builds(
    Record, authority_id=IDS, allocated_team_ids=st.frozensets(IDS, max_size=3), restricted=st.booleans(),
    named_user_ids=st.frozensets(IDS, max_size=3),
    break_glass_until=st.dictionaries(IDS, st.sampled_from([NOW - timedelta(minutes=1), NOW + MINUTE])),
)  # fmt: skip


@given(viewers, records)
def test_another_authority_never_sees_a_record(viewer, record):
    if viewer.authority_id != record.authority_id:
        assert not rules.may_see(viewer, record, NOW)


@given(viewers, records)
def test_a_restriction_only_ever_takes_access_away(viewer, record):
    unrestricted = Record(record.authority_id, record.allocated_team_ids)
    if rules.may_see(viewer, record, NOW):
        assert rules.may_see(viewer, unrestricted, NOW)


@given(viewers, records)
def test_a_restricted_record_is_seen_only_by_the_list_unexpired_break_glass_or_the_auditor(viewer, record):
    if record.restricted and rules.may_see(viewer, record, NOW):
        until = record.break_glass_until.get(viewer.user_id)
        assert (
            viewer.user_id in record.named_user_ids
            or (until is not None and until > NOW)
            or viewer.role == "auditor"
        )


@given(viewers, records)
def test_break_glass_is_offered_only_where_it_opens_a_restricted_record(viewer, record):
    if rules.may_break_glass(viewer, record, NOW):
        assert record.restricted
        assert not rules.may_see(viewer, record, NOW)
        assert rules.may_see(viewer, Record(record.authority_id, record.allocated_team_ids), NOW)


@given(viewers)
def test_roles_without_child_data_or_without_a_team_see_nothing(viewer):
    if (
        viewer.role in {"administrator", "partner_user"}
        or viewer.authority_id is None
        or (viewer.role in {"contact_officer", "social_worker", "team_manager"} and viewer.team_id is None)
    ):
        assert rules.scope_of(viewer) is Scope.NONE


def test_worked_examples_of_team_scope():
    front_door = Viewer(1, 1, "contact_officer", team_id=1, team_is_front_door=True)
    assessment = Viewer(2, 1, "social_worker", team_id=2)
    leader = Viewer(3, 1, "senior_leader", team_id=None)
    allocated_to_2 = Record(1, frozenset({2}))
    allocated_to_3 = Record(1, frozenset({3}))
    assert [rules.may_see(v, allocated_to_2, NOW) for v in (front_door, assessment, leader)] == [True] * 3
    assert [rules.may_see(v, allocated_to_3, NOW) for v in (front_door, assessment, leader)] == [
        True,
        False,
        True,
    ]


def test_break_glass_lasts_one_hour():
    viewer = Viewer(5, 1, "contact_officer", team_id=1, team_is_front_door=True)
    granted = NOW
    record = Record(1, restricted=True, named_user_ids=frozenset({1}),
                    break_glass_until={5: rules.break_glass_expiry(granted)})  # fmt: skip
    assert rules.may_see(viewer, record, granted + timedelta(minutes=59))
    assert not rules.may_see(viewer, record, granted + timedelta(hours=1))


def test_health_details_are_for_social_workers_managers_and_quality_assurance():
    roles = ["contact_officer", "social_worker", "team_manager", "senior_leader", "quality_assurance"]
    assert [rules.sees_health(r) for r in roles] == [False, True, True, False, True]
