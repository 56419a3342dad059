"""Properties of the task rules (tasks.rules): overdue, the owner, the due date, completion, cancelling."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.tasks import rules

days = st.dates(min_value=date(2020, 1, 1), max_value=date(2030, 12, 31))
ids = st.none() | st.integers(1, 5)


@given(days, days, st.booleans(), st.booleans())
def test_a_task_is_overdue_only_while_open_and_after_its_due_day(due_on, today, done, cancelled):
    overdue = rules.is_overdue(due_on=due_on, done=done, cancelled=cancelled, today=today)
    assert overdue == (not done and not cancelled and today > due_on)


def test_a_task_due_today_is_not_overdue_and_one_due_yesterday_is():
    today = date(2026, 12, 7)
    assert rules.is_overdue(due_on=today, done=False, cancelled=False, today=today) is False
    assert rules.is_overdue(due_on=date(2026, 12, 6), done=False, cancelled=False, today=today) is True


@given(ids, ids, ids, st.sampled_from(["", " ", "DSL"]))
def test_an_owner_is_a_member_of_staff_or_a_named_partner_never_both_never_neither(user, agency, pro, name):
    problem = rules.owner_problem(rules.OwnerChoice(user, agency, pro, name))
    partner = agency is not None or pro is not None or name.strip() != ""
    named_partner = pro is not None or (agency is not None and name.strip() != "")
    assert (problem is None) == ((user is not None and not partner) or (user is None and named_partner))


@given(st.none() | days, days, st.none() | days)
def test_a_new_task_is_due_today_or_later_and_not_before_its_meeting(due_on, today, earliest):
    problem = rules.due_problem(due_on=due_on, today=today, earliest=earliest)
    ok = due_on is not None and due_on >= today and (earliest is None or due_on >= earliest)
    assert (problem is None) == ok


def test_the_due_date_messages_say_what_is_wrong():
    today = date(2026, 12, 7)
    assert rules.due_problem(due_on=None, today=today) == "Enter the date the action is due"
    assert rules.due_problem(due_on=date(2026, 12, 6), today=today) == (
        "The due date must be today or in the future"
    )
    assert rules.due_problem(due_on=today, today=today, earliest=date(2026, 12, 8)) == (
        "The due date cannot be before the meeting that agreed the action"
    )


@given(st.sampled_from(["strategy_discussion", "case_audit", "supervision", "case_note", "other"]),
       st.sampled_from(["", "  ", "Seen alone"]), st.booleans(), st.booleans())  # fmt: skip
def test_completing_needs_an_open_task_and_for_audits_and_directions_what_was_done(
    kind, note, done, cancelled
):
    problem = rules.completion_problem(kind=kind, note=note, done=done, cancelled=cancelled)
    needs_note = kind in {"case_audit", "supervision", "case_note"}
    assert (problem is None) == (not done and not cancelled and (bool(note.strip()) or not needs_note))


@given(st.sampled_from(["", " ", "No longer needed: the child moved away"]), st.booleans(), st.booleans())
def test_cancelling_needs_an_open_task_and_a_reason(reason, done, cancelled):
    problem = rules.cancel_problem(reason=reason, done=done, cancelled=cancelled)
    assert (problem is None) == (not done and not cancelled and bool(reason.strip()))


@given(st.integers(1, 5), ids, ids, ids, st.booleans())
def test_the_owner_a_colleague_in_their_team_or_a_manager_may_complete(
    actor, team, owner, owner_team, manages
):
    allowed = rules.may_complete(
        actor_id=actor, actor_team_id=team, owner_id=owner, owner_team_id=owner_team, manages=manages
    )
    assert allowed == (actor == owner or (owner_team is not None and owner_team == team) or manages)
