"""The complaints procedure's rules: stages only in order, after the last response; extensions at
stages 1 and 2 only, once, with a reason; a response with a date and an outcome (SI 2006/1738)."""

from datetime import date, timedelta

from hypothesis import given
from hypothesis import strategies as st

from frontdoor.complaints import rules
from frontdoor.complaints.rules import StageSoFar

TODAY = date(2026, 6, 1)
ANSWERED_1 = StageSoFar(1, date(2026, 3, 2), date(2026, 3, 13))


def test_stage_2_before_stage_1_is_answered_is_refused_beside_the_stage():
    waiting = [StageSoFar(1, date(2026, 3, 2), None)]
    assert rules.escalation_problems(stage=2, requested_on=TODAY, so_far=waiting, today=TODAY) == {
        "stage": "Record the stage 1 response before the complaint goes to stage 2"
    }


def test_stage_3_straight_after_stage_1_is_refused():
    assert rules.escalation_problems(stage=3, requested_on=TODAY, so_far=[ANSWERED_1], today=TODAY) == {
        "stage": "A complaint goes to stage 3 only after stage 2: it is at stage 1"
    }


def test_stage_2_after_the_stage_1_response_is_accepted_and_not_before_its_date():
    assert rules.escalation_problems(stage=2, requested_on=TODAY, so_far=[ANSWERED_1], today=TODAY) == {}
    early = rules.escalation_problems(
        stage=2, requested_on=date(2026, 3, 12), so_far=[ANSWERED_1], today=TODAY
    )
    assert early == {"requested_on": "The request must be on or after the stage 1 response (13 March 2026)"}


@given(
    latest=st.integers(min_value=1, max_value=3),
    asked=st.integers(min_value=0, max_value=5),
    answered=st.booleans(),
)
def test_only_the_next_stage_after_an_answer_is_ever_accepted(latest, asked, answered):
    so_far = [
        StageSoFar(n, date(2026, 1, n), date(2026, 2, n) if (n < latest or answered) else None)
        for n in range(1, latest + 1)
    ]
    problems = rules.escalation_problems(stage=asked, requested_on=TODAY, so_far=so_far, today=TODAY)
    assert (problems == {}) == (asked == latest + 1 and asked <= 3 and answered)


@given(
    stage=st.sampled_from([1, 2, 3]),
    extended=st.booleans(),
    responded=st.booleans(),
    reason=st.text(max_size=5),
)
def test_an_extension_is_once_before_the_response_with_a_reason_at_stages_1_and_2(
    stage, extended, responded, reason
):
    problems = rules.extension_problems(stage=stage, extended=extended, responded=responded, reason=reason)
    allowed = stage in (1, 2) and not extended and not responded and bool(reason.strip())
    assert (problems == {}) == allowed
    assert set(problems) <= {"reason"}


def test_the_statutory_limits_and_their_clock_standards():
    assert (rules.LIMIT, rules.EXTENDED_LIMIT) == ({1: 10, 2: 25, 3: 30}, {1: 20, 2: 65})
    assert rules.STANDARD[2] == "complaint_stage2"
    assert rules.EXTENDED[1] == "complaint_stage1_extended"


def test_a_response_needs_a_date_within_the_stage_and_an_outcome():
    start = date(2026, 3, 2)
    assert rules.response_problems(requested_on=start, responded_on=None, outcome="", today=TODAY) == {
        "responded_on": "Enter the date of the response",
        "outcome": "Choose whether the complaint was upheld, partly upheld or not upheld",
    }
    before = rules.response_problems(
        requested_on=start, responded_on=start - timedelta(days=1), outcome="upheld", today=TODAY
    )
    assert before == {"responded_on": "The response cannot be before the stage began (2 March 2026)"}
    assert (
        rules.response_problems(requested_on=start, responded_on=start, outcome="partly", today=TODAY) == {}
    )


def test_within():
    assert (rules.within(10, 10), rules.within(11, 10), rules.within(None, 10)) == (True, False, None)
