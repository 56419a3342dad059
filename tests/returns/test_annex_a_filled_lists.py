"""Issue 18: Annex A List 2 is filled from the early help records, List 4's "Child Seen During
Continuous Assessment" from the visits, and List 6's case status c) is the code list's child in need
letter, which the Summary reconciles with the children on a CIN plan."""

import io
from datetime import datetime, timedelta
from unittest import mock

import pytest
from django.utils import timezone
from openpyxl import load_workbook

from frontdoor.early_help import services as early_help
from frontdoor.early_help.models import EarlyHelpCase
from frontdoor.organisations.models import Role
from frontdoor.plans import services as plans
from frontdoor.referrals import services as referrals
from frontdoor.returns import rules, services
from tests import builders
from tests.quality.cases import decided

from .entry import Episode, assess

pytestmark = pytest.mark.django_db


def _sheet(lead, name: str) -> list[tuple]:
    file = services.annex_a_generate(actor=lead, as_of=timezone.localdate())
    return list(load_workbook(io.BytesIO(bytes(file.content)))[name].iter_rows(values_only=True))[1:]


def _day(days_ago: int) -> datetime:
    day = timezone.localdate() - timedelta(days=days_ago)
    return datetime(day.year, day.month, day.day)


def _child_cells(person) -> tuple:
    dob = person.date_of_birth
    age = rules.age_in_years(dob, timezone.localdate())
    return (person.reference, "a) Male", "t) NOBT", datetime(dob.year, dob.month, dob.day), age)


def test_list_2_holds_early_help_assessments_and_open_interventions(la, manager):
    lead, worker = builders.user(la, Role.SENIOR_LEADER), builders.user(la, Role.TEAM_MANAGER)
    school = builders.agency(la, "Riverside Primary School", kind="education")
    # Three step-downs decided a week ago (the case starts at the decision).
    with mock.patch("django.utils.timezone.now", return_value=timezone.now() - timedelta(days=7)):
        cases = [
            EarlyHelpCase.objects.get(contact_child=decided(la, manager, "early_help", hours_ago=i))
            for i in (3, 2, 1)
        ]
    today = timezone.localdate()
    early_help.early_help_assessment_record(
        actor=worker, case=cases[0], started_on=today - timedelta(days=5),
        completed_on=today - timedelta(days=2), organisation=school, needs="Routines at home",
        childs_voice="Wants to get to school on time",
    )  # fmt: skip
    early_help.early_help_assessment_record(
        actor=worker, case=cases[1], started_on=today, needs="Housing", childs_voice="Shares a bed",
    )  # fmt: skip
    rows = _sheet(lead, "List 2")
    assert rows == [
        (*_child_cells(cases[0].person), _day(5), _day(2), "Riverside Primary School"),
        (*_child_cells(cases[1].person), None, None, None),  # assessment begun today, after the window
        (*_child_cells(cases[2].person), None, None, None),  # open, not yet assessed
    ]


def test_list_4_says_the_child_was_seen_when_a_visit_saw_them_during_the_assessment(la, manager):
    lead = builders.user(la, Role.SENIOR_LEADER)
    seen, unseen = (Episode(manager, builders.referral(la, manager, days_ago=6)) for _ in range(2))
    for ep in (seen, unseen):
        assess(ep, start=timezone.localdate() - timedelta(days=5), authorised=None)
    referrals.visit_record(
        actor=manager, person=seen.child, referral=seen.referral, seen=True, seen_alone=True,
        occurred_at=timezone.now() - timedelta(days=3),
    )  # fmt: skip
    # Seen before the assessment began: not during it.
    referrals.visit_record(
        actor=manager, person=unseen.child, referral=unseen.referral, seen=True, seen_alone=True,
        occurred_at=unseen.referral.received_at + timedelta(minutes=5),
    )  # fmt: skip
    rows = {row[0]: row[6:8] for row in _sheet(lead, "List 4")}
    assert rows == {
        seen.child.reference: (_day(5), "a) Yes"),
        unseen.child.reference: (_day(5), "b) No"),
    }


def test_list_6_gives_children_in_need_c_and_the_summary_counts_plans_apart(la, manager):
    lead = builders.user(la, Role.SENIOR_LEADER)
    with_plan, without_plan, in_assessment = (
        Episode(manager, builders.referral(la, manager, days_ago=20)) for _ in range(3)
    )
    start = timezone.localdate() - timedelta(days=19)
    for ep in (with_plan, without_plan):
        assess(ep, start=start, authorised=start + timedelta(days=5))
    assess(in_assessment, start=start, authorised=None)
    plans.cin_plan_start(actor=manager, referral=with_plan.referral, start_date=start + timedelta(days=6))
    status = {row[0]: row[11] for row in _sheet(lead, "List 6")}
    assert status == {
        with_plan.child.reference: "c) Child in need plan",
        without_plan.child.reference: "c) Child in need plan",
        in_assessment.child.reference: "d) Open assessment",
    }
    summary = {row[0]: row[1] for row in _sheet(lead, "Summary") if row and row[0]}
    assert summary["Children on a child in need plan"] == 1
    assert summary["List 6 rows with case status c) Child in need plan"] == 2
