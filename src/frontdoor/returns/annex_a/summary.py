"""The figures an inspector looks at first, from the lists themselves and the statutory clocks."""

from collections import Counter

from django.db.models import F, Q
from django.utils import timezone

from frontdoor.child_protection.models import ConferenceChild, ConferenceKind, ProtectionPlan
from frontdoor.clocks.models import Clock
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.returns import rules
from frontdoor.returns.annex_a.columns import CASE_STATUS
from frontdoor.returns.annex_a.sheets import Sheet, Window

NOT_RECORDED = "Not recorded in Frontdoor yet"
REFERRAL_COUNT_COLUMN = 8  # List 3 "Number of Referrals in Last 12 Months"
CASE_STATUS_COLUMN = 11  # List 6 "Case Status"


def _assessments_on_time(authority_id: int, window: Window) -> tuple[int, int]:
    """Assessments completed in the window, and how many within 45 working days of the referral
    (Working Together 2023 ch. 3; the `assessment` clock)."""
    done = Clock.objects.filter(
        authority_id=authority_id,
        standard="assessment",
        completed_at__gte=window.start_at,
        completed_at__lte=window.end_at,
    )
    return done.count(), done.filter(completed_at__lte=F("due_at")).count()


def _icpcs_on_time(authority_id: int, window: Window) -> tuple[int, int]:
    """Initial conferences held in the window, and how many within 15 working days of the strategy
    discussion that started the section 47 (Working Together 2023 ch. 4; the `icpc` clock's due date)."""
    held = ConferenceChild.objects.filter(
        conference__authority_id=authority_id,
        conference__kind=ConferenceKind.INITIAL,
        conference__held_on__range=(window.start, window.end),
    ).values_list("conference__held_on", "section47__icpc_clock__due_at")
    rows = list(held)
    on_time = sum(1 for day, due in rows if due is not None and day <= timezone.localdate(due))
    return len(rows), on_time


def _plans_at_end(authority_id: int, window: Window) -> tuple[list[int], int]:
    """Days each child on a CP plan at the end of the window has been on it, and children on CIN plans."""
    running = Q(start_date__lte=window.end) & (Q(end_date__isnull=True) | Q(end_date__gt=window.end))
    cp_days = [
        (window.end - start).days
        for start in ProtectionPlan.objects.filter(running, authority_id=authority_id).values_list(
            "start_date", flat=True
        )
    ]
    cin = (
        ChildInNeedPlan.objects.filter(running, authority_id=authority_id)
        .values("person_id")
        .distinct()
        .count()
    )
    return cp_days, cin


def summary_rows(authority_id: int, window: Window, sheets: dict[int, Sheet]) -> list[list[object]]:
    contacts, referrals = sheets[1], sheets[3]
    re_referred = sum(
        1 for row in referrals.rows if isinstance(count := row[REFERRAL_COUNT_COLUMN], int) and count > 0
    )
    assessed, on_time = _assessments_on_time(authority_id, window)
    cin = sheets[6]
    icpcs, icpcs_on_time = _icpcs_on_time(authority_id, window)
    cp_days, on_cin_plans = _plans_at_end(authority_id, window)
    bands = Counter(rules.duration_band(days) for days in cp_days)
    return [
        [
            "Period",
            f"{window.start:%d/%m/%Y} to {window.end:%d/%m/%Y}",
            "Lists 1 to 7 cover these six months",
        ],
        ["Contacts", len(contacts.rows), "List 1 rows: one per child per contact"],
        ["Children with a contact", len(contacts.person_ids), "Distinct children in List 1"],
        ["Referrals", len(referrals.rows), "List 3 rows: one per referral"],
        [
            "Re-referrals within 12 months",
            re_referred,
            "Referrals with another referral in the 12 months before",
        ],
        ["Re-referral rate (%)", rules.rate(re_referred, len(referrals.rows)), "Re-referrals / referrals"],
        ["Assessments completed", assessed, "Completed in the period"],
        ["Assessments within 45 working days", on_time, "From the referral date (Working Together 2023)"],
        ["Assessments within 45 working days (%)", rules.rate(on_time, assessed), ""],
        ["Children in need", len(cin.person_ids), "Distinct children in List 6"],
        ["Initial child protection conferences", icpcs, "Held in the period"],
        ["ICPCs within 15 working days", icpcs_on_time, "Of the strategy discussion (Working Together 2023)"],
        ["ICPCs within 15 working days (%)", rules.rate(icpcs_on_time, icpcs), ""],
        ["Children on a child in need plan", on_cin_plans, "At the end of the period"],
        [
            "List 6 rows with case status c) Child in need plan",
            sum(1 for row in cin.rows if row[CASE_STATUS_COLUMN] == CASE_STATUS["cin_plan"]),
            "Open after an authorised assessment, on a CIN plan or helped as a child in need without one "
            "(the code list's child in need letter)",
        ],
        ["Children on a child protection plan", len(cp_days), "At the end of the period"],
        *[[f"  on a CP plan for {band.lower()}", bands[band], "Days from the plan's start"] for band in
          rules.DURATION_BANDS],
    ]  # fmt: skip
