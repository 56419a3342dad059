"""Annex A Lists 4 (assessments, from assessments), 5 (section 47 enquiries and initial conferences)
and 7 (child protection plans), both from child_protection. Each row is one record in the window;
allocations and visits come from the episode the record belongs to."""

from collections import defaultdict
from datetime import date, datetime

from dateutil.relativedelta import relativedelta
from django.db.models import Q
from django.utils import timezone

from frontdoor.assessments.models import Assessment, AssessmentOutcome
from frontdoor.child_protection import emergency_rules
from frontdoor.child_protection import rules as cp_rules
from frontdoor.child_protection.models import (
    ConferenceChild,
    ConferenceKind,
    EmergencyProtection,
    ProtectionPlan,
    Section47,
)
from frontdoor.referrals.models import Visit
from frontdoor.returns.annex_a.columns import CATEGORY, NO, YES, yes_no
from frontdoor.returns.annex_a.sheets import Sheet, Window, allocations, child_row, people

SUPPORT_NEEDED = {AssessmentOutcome.CIN_PLAN, AssessmentOutcome.STRATEGY, AssessmentOutcome.CONTINUE}
NO_ICPC = {"not_substantiated", "substantiated_no_icpc"}


def _in_window(start_field: str, end_field: str, window: Window) -> Q:
    """Started by the window's end, and not finished before it began."""
    return Q(**{f"{start_field}__lte": window.end}) & (
        Q(**{f"{end_field}__isnull": True}) | Q(**{f"{end_field}__gte": window.start})
    )


def list_4_assessments(authority_id: int, window: Window) -> Sheet:
    """Children with an assessment in progress or completed in the window (§3.1)."""
    rows = list(
        Assessment.objects.filter(authority_id=authority_id)
        .filter(_in_window("started_on", "authorised_on", window))
        .order_by("started_on", "pk")
        .values_list("person_id", "referral_id", "started_on", "child_seen_on", "authorised_on", "outcome")
    )
    found = people(authority_id, {row[0] for row in rows})
    held = allocations({row[1] for row in rows}, window.end_at)
    visits = _seen_on({row[1] for row in rows}, window)
    sheet = Sheet(number=4, person_ids=sorted(found))
    for person_id, referral_id, started, seen, authorised, outcome in rows:
        done = authorised if authorised and authorised <= window.end else None
        last = done or window.end
        seen_days = [*visits[referral_id], *([seen] if seen else [])]
        child_seen = any(started <= day <= last for day in seen_days)
        support = (YES if outcome in SUPPORT_NEEDED else NO) if done else None
        sheet.rows.append([
            *child_row(found[person_id], window, with_disability=True), started, yes_no(child_seen),
            done, support, *held.get(referral_id, (None, None)),
        ])  # fmt: skip
    return sheet


def _seen_on(referral_ids: set[int], window: Window) -> dict[int, list[date]]:
    """The days each episode's child was seen on a visit, up to the window's end (referrals.Visit):
    "Child Seen During Continuous Assessment" is a visit that saw the child between the assessment's
    start and its authorisation, as well as the date recorded on the assessment itself."""
    days: dict[int, list[date]] = defaultdict(list)
    visits = Visit.objects.filter(
        referral_id__in=list(referral_ids), seen=True, occurred_at__lte=window.end_at
    )
    for referral_id, occurred_at in visits.values_list("referral_id", "occurred_at"):
        days[referral_id].append(timezone.localdate(occurred_at))
    return days


def _counts_before(starts: dict[int, list[date]], person_id: int, day: date) -> int:
    """Earlier events of the child in the 12 months before `day` (the current one excluded, as D2I)."""
    since = day - relativedelta(months=12)
    return sum(1 for other in starts[person_id] if since <= other < day)


def list_5_section47(authority_id: int, window: Window) -> Sheet:
    """Section 47 enquiries in the window, open ones included; one row per enquiry (§3.1)."""
    rows = list(
        Section47.objects.filter(authority_id=authority_id)
        .filter(_in_window("start_date", "end_date", window))
        .order_by("start_date", "pk")
        .values_list("pk", "person_id", "referral_id", "start_date", "end_date", "outcome")
    )
    person_ids = {row[1] for row in rows}
    icpcs = {
        s47: (held_on, plan)
        for s47, held_on, plan in ConferenceChild.objects.filter(
            section47_id__in=[row[0] for row in rows], conference__kind=ConferenceKind.INITIAL
        ).values_list("section47_id", "conference__held_on", "plan_needed")
    }
    enquiry_starts: dict[int, list[date]] = defaultdict(list)
    for person_id, day in Section47.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "start_date"
    ):
        enquiry_starts[person_id].append(day)
    icpc_days: dict[int, list[date]] = defaultdict(list)
    for person_id, day in ConferenceChild.objects.filter(
        person_id__in=person_ids, conference__kind=ConferenceKind.INITIAL
    ).values_list("person_id", "conference__held_on"):
        icpc_days[person_id].append(day)
    found, held = people(authority_id, person_ids), allocations({row[2] for row in rows}, window.end_at)
    sheet = Sheet(number=5, person_ids=sorted(found))
    for pk, person_id, referral_id, start, end, outcome in rows:
        held_on, plan = icpcs.get(pk, (None, None))
        if held_on is not None and held_on > window.end:
            held_on, plan = None, None
        ended = end is not None and end <= window.end
        unnecessary = yes_no(outcome in NO_ICPC) if ended or held_on else None
        sheet.rows.append([
            *child_row(found[person_id], window, with_disability=True), start, unnecessary, held_on,
            yes_no(plan), _counts_before(enquiry_starts, person_id, start),
            _counts_before(icpc_days, person_id, held_on or start), *held.get(referral_id, (None, None)),
        ])  # fmt: skip
    return sheet


def _last_visits(person_ids: set[int], window: Window) -> dict[int, tuple[datetime, bool | None]]:
    rows = (
        Visit.objects.filter(person_id__in=list(person_ids), seen=True, occurred_at__lte=window.end_at)
        .order_by("person_id", "occurred_at")
        .values_list("person_id", "occurred_at", "seen_alone")
    )
    return {person_id: (at, alone) for person_id, at, alone in rows}


def _emergency_protection(authority_id: int, person_ids: set[int], window: Window) -> set[int]:
    """The children with police protection (s46) or an emergency protection order (s44) that began or
    was in force in the six months ending on the window's last day. One with no end recorded counts
    as in force until it must have ended (emergency_rules.emergency_protection_ends_by)."""
    periods: dict[int, list[tuple[date, date]]] = defaultdict(list)
    for person_id, kind, started, ended, extended in EmergencyProtection.objects.filter(
        authority_id=authority_id, person_id__in=list(person_ids), started_at__lt=window.end_at
    ).values_list("person_id", "kind", "started_at", "ended_at", "extended_until"):
        last = ended or emergency_rules.emergency_protection_ends_by(
            kind=kind, started_at=started, extended_until=extended
        )
        periods[person_id].append((timezone.localdate(started), timezone.localdate(last)))
    return {
        person_id
        for person_id, spans in periods.items()
        if emergency_rules.protected_in_six_months(periods=spans, on=window.end)
    }


def list_7_child_protection(authority_id: int, window: Window) -> Sheet:
    """Children subject to a CP plan now, or whose plan ended in the window (§3.1)."""
    rows = list(
        ProtectionPlan.objects.filter(authority_id=authority_id)
        .filter(_in_window("start_date", "end_date", window))
        .order_by("start_date", "pk")
        .values_list("pk", "person_id", "referral_id", "start_date", "end_date", "initial_category",
                     "latest_category")
    )  # fmt: skip
    person_ids = {row[1] for row in rows}
    starts: dict[int, list[date]] = defaultdict(list)
    for person_id, day in ProtectionPlan.objects.filter(person_id__in=person_ids).values_list(
        "person_id", "start_date"
    ):
        starts[person_id].append(day)
    reviews: dict[int, date] = {}
    for plan_id, held_on in ConferenceChild.objects.filter(
        plan_id__in=[row[0] for row in rows], conference__kind=ConferenceKind.REVIEW,
        conference__held_on__lte=window.end,
    ).order_by("conference__held_on").values_list("plan_id", "conference__held_on"):  # fmt: skip
        reviews[plan_id] = held_on
    visits = _last_visits(person_ids, window)
    protected = _emergency_protection(authority_id, person_ids, window)
    found, held = people(authority_id, person_ids), allocations({row[2] for row in rows}, window.end_at)
    sheet = Sheet(number=7, person_ids=sorted(found))
    for pk, person_id, referral_id, start, end, initial, latest in rows:
        visited, alone = visits.get(person_id, (None, None))
        last_visit = timezone.localdate(visited) if visited and timezone.localdate(visited) >= start else None
        sheet.rows.append([
            *child_row(found[person_id], window, with_disability=True), start, CATEGORY.get(initial),
            CATEGORY.get(latest), last_visit, yes_no(alone) if last_visit else None, reviews.get(pk),
            end if end and end <= window.end else None, yes_no(person_id in protected),
            cp_rules.previous_plans(this_start=start, plan_starts=starts[person_id]),
            *held.get(referral_id, (None, None)),
        ])  # fmt: skip
    return sheet
