"""Assessments, CIN plans, section 47 enquiries, initial conferences and CP plans recorded through
their services come back in the census modules and Annex A Lists 4, 5 and 7, field by field."""

import io
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest
from django.utils import timezone
from lxml import etree
from openpyxl import load_workbook

from frontdoor.assessments import services as assessments
from frontdoor.child_protection import services as cp
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.clocks.services import calendar_for
from frontdoor.contacts.models import Outcome
from frontdoor.people import services as people
from frontdoor.plans import services as plans
from frontdoor.referrals.models import Referral
from frontdoor.returns import services
from frontdoor.returns.census.schema import schema_problems
from tests import builders

from .conftest import _contact, _decide

pytestmark = pytest.mark.django_db
LONDON = ZoneInfo("Europe/London")
AGENCIES = ["police", "health", "social_care"]


def _census_year() -> int:
    today = timezone.localdate()
    return today.year + (today.month > 3)


def _leaves(node) -> list[tuple[str, str]]:
    return [(child.tag, (child.text or "").strip()) for child in node.iter() if child is not node]


@pytest.fixture
def assessed(casework):
    """Amelia's assessment, completed and authorised today, then a CIN plan from today."""
    today, lead = timezone.localdate(), casework.manager
    a = assessments.assessment_start(
        actor=lead, referral=casework.referral, started_on=casework.referral.referral_date
    )
    a = assessments.assessment_record(
        actor=lead, assessment=a, version=a.version, child_seen_on=today, childs_voice="Wants to stay home",
        parents_views="Want help", analysis="Needs support",
    )  # fmt: skip
    a = assessments.assessment_complete(
        actor=lead,
        assessment=a,
        version=a.version,
        completed_on=today,
        factors=["4B", "3B"],
        outcome="cin_plan",
    )
    a = assessments.assessment_authorise(
        comment="Agreed: the analysis supports the outcome",
        primary_need="N1",
        actor=lead,
        assessment=a,
        version=a.version,
        authorised_on=today,
    )
    plan = plans.cin_plan_start(
        actor=lead, referral=casework.referral, start_date=today, involved=[], invited=[]
    )
    return a, plan


@pytest.fixture
def protected(casework):
    """Carl, referred for a strategy discussion five working days ago: section 47 the same day, an
    initial conference three working days later, which made a CP plan for neglect."""
    calendar = calendar_for(casework.manager.authority)
    received_day = calendar.working_days_before(timezone.localdate(), 5)
    received = datetime.combine(received_day, time(10), tzinfo=LONDON)
    carl = people.person_create(
        actor=casework.officer, first_name="Carl", last_name="Pemberton", date_of_birth=date(2017, 3, 3),
        sex="M", ethnicity="WBRI",
    )  # fmt: skip
    _decide(casework.manager, _contact(casework.officer, carl, received, "6"), Outcome.STRATEGY, 4)
    referral = Referral.objects.get(person=carl)
    worker = builders.user(casework.manager.authority, "social_worker")
    discussion = cp.strategy_discussion_record(
        actor=worker, referral=referral, held_at=received + timedelta(hours=1), threshold_decided_at=received,
        information_shared="Police call-out", section47=True, decision_reason="Suspected neglect",
        invited=AGENCIES, attended=AGENCIES,
    )  # fmt: skip
    enquiry = discussion.section47_enquiry
    enquiry = cp.section47_outcome_record(harm_likely=True, next_step="Initial conference",
        actor=worker, enquiry=enquiry, version=enquiry.version, child_seen_on=enquiry.start_date,
        outcome="icpc", end_date=enquiry.start_date,
    )  # fmt: skip
    icpc_day = calendar.add_working_days(enquiry.start_date, 3)
    part = cp.ChildPart(child_attended=True, plan_needed=True, category="NEG", enquiry=enquiry)
    cp.conference_initial_record(
        actor=worker, held_on=icpc_day, chair="Independent Chair", invited=AGENCIES, attended=AGENCIES,
        children=[part],
    )  # fmt: skip
    return carl, enquiry, icpc_day, ProtectionPlan.objects.get(person=carl)


def test_the_census_returns_assessments_plans_and_child_protection(casework, assessed, protected):
    _, plan = assessed
    carl, enquiry, icpc_day, cpp = protected
    year = _census_year()
    file = services.cin_census_generate(actor=casework.lead, year=year)
    root = etree.fromstring(bytes(file.content))
    by_child = {c.findtext("ChildIdentifiers/LAchildID"): c for c in root.findall("Children/Child")}
    amelia = by_child[casework.amelia.reference].find("CINdetails")
    assert _leaves(amelia.find("Assessments")) == [
        ("AssessmentActualStartDate", casework.referral.referral_date.isoformat()),
        ("AssessmentAuthorisationDate", timezone.localdate().isoformat()),
        ("FactorsIdentifiedAtAssessment", ""),
        ("AssessmentFactors", "4B"),
        ("AssessmentFactors", "3B"),
    ]
    assert _leaves(amelia.find("CINPlanDates")) == [("CINPlanStartDate", plan.start_date.isoformat())]
    carl_details = by_child[carl.reference].find("CINdetails")
    target = timezone.localdate(enquiry.icpc_clock.due_at).isoformat()
    assert _leaves(carl_details.find("Section47")) == [
        ("S47ActualStartDate", enquiry.start_date.isoformat()),
        ("InitialCPCtarget", target),
        ("DateOfInitialCPC", icpc_day.isoformat()),
        ("ICPCnotRequired", "false"),
    ]
    assert _leaves(carl_details.find("ChildProtectionPlans")) == [
        ("CPPstartDate", icpc_day.isoformat()),
        ("InitialCategoryOfAbuse", "NEG"),
        ("LatestCategoryOfAbuse", "NEG"),
        ("NumberOfPreviousCPP", "0"),
    ]
    assert [child.tag for child in carl_details] == [
        "CINreferralDate", "ReferralSource", "PrimaryNeedCode", "Section47", "ReferralNFA",
        "ChildProtectionPlans",
    ]  # fmt: skip
    assert cpp.start_date == icpc_day
    assert schema_problems(bytes(file.content), year=year) == []


def _sheet(file, name: str) -> list[tuple]:
    return list(load_workbook(io.BytesIO(bytes(file.content)))[name].iter_rows(values_only=True))[1:]


def test_annex_a_lists_4_5_and_7_hold_the_casework(casework, assessed, protected):
    carl, enquiry, icpc_day, _ = protected
    file = services.annex_a_generate(actor=casework.lead, as_of=timezone.localdate())
    as_dt = lambda d: datetime(d.year, d.month, d.day)  # noqa: E731 - openpyxl reads dates back as datetimes
    yesterday = timezone.localdate() - timedelta(days=1)
    list_4 = _sheet(file, "List 4")
    # Authorised today: after the window (which ends yesterday), so still in progress on List 4.
    assert [row[5:10] for row in list_4] == [
        ("a) Yes", as_dt(casework.referral.referral_date), "b) No", None, None)
    ]
    list_5 = _sheet(file, "List 5")
    icpc = as_dt(icpc_day) if icpc_day <= yesterday else None
    assert [row[0] for row in list_5] == [carl.reference]
    assert list_5[0][5:12] == (
        "b) No",
        as_dt(enquiry.start_date),
        "b) No" if icpc else None,
        icpc,
        "a) Yes" if icpc else None,
        0,
        0,
    )
    list_7 = _sheet(file, "List 7")
    if icpc:
        assert [(row[0], row[6], row[7], row[8], row[14]) for row in list_7] == [
            (carl.reference, icpc, "a) Neglect", "a) Neglect", 0)
        ]
    else:
        assert list_7 == []
    list_6 = {row[0]: row[11] for row in _sheet(file, "List 6")}
    assert list_6 == {
        casework.amelia.reference: "d) Open assessment",
        carl.reference: "d) Open assessment",
    } or (icpc and list_6[carl.reference] == "b) Child Protection plan")


def test_the_summary_counts_icpcs_on_time_and_children_on_plans(casework, assessed, protected):
    _, _, icpc_day, _ = protected
    file = services.annex_a_generate(actor=casework.lead, as_of=timezone.localdate())
    summary = {row[0]: row[1] for row in _sheet(file, "Summary") if row and row[0]}
    held = int(icpc_day < timezone.localdate())  # the window ends the day before the inspection date
    assert summary["Initial child protection conferences"] == held
    assert summary["ICPCs within 15 working days"] == held  # three working days after the discussion
    assert summary["Children on a child protection plan"] == held
    assert summary["  on a CP plan for under 3 months"] == held
    assert summary["Children on a child in need plan"] == 0  # Amelia's plan starts today, after the window
