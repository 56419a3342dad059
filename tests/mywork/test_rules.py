"""mywork.rules: every standard has a kind, and the list is soonest first."""

from datetime import UTC, date, datetime

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from frontdoor.clocks.rules import DEFAULT_STANDARDS
from frontdoor.mywork import rules

moments = st.datetimes(min_value=datetime(2020, 1, 1), max_value=datetime(2030, 1, 1), timezones=st.just(UTC))


def item(due, paused=False, pk=0):
    return rules.Item("visits", "Visit", due, False, 1, "A", "/", paused=paused, pk=pk)


@settings(suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(st.lists(st.tuples(moments, st.booleans()), max_size=8))
def test_running_work_comes_soonest_first_and_paused_clocks_after(pairs):
    ordered = rules.soonest_first(item(due, paused, pk) for pk, (due, paused) in enumerate(pairs))
    running = [i.due_at for i in ordered if not i.paused]
    assert running == sorted(running)
    assert [i.paused for i in ordered] == sorted(i.paused for i in ordered)


@given(moments, moments, st.booleans())
def test_overdue_is_past_due_and_running(due, now, paused):
    assert rules.is_overdue(due, now, paused=paused) == (not paused and due < now)


def test_every_standard_has_a_kind_and_each_kind_its_words():
    for code in DEFAULT_STANDARDS:
        assert rules.kind_of(code) in rules.KIND_WORDS
    assert rules.kind_of("cp_visit") == "visits"
    assert rules.kind_of("complaint_stage1") == rules.OTHER
    assert rules.standards_of("core_groups") == ("first_core_group", "core_group")


def test_a_task_due_on_a_day_is_due_until_midnight_uk_time():
    assert rules.end_of_day(date(2026, 6, 1)) == datetime(2026, 6, 1, 23, 0, tzinfo=UTC)
