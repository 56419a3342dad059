"""Annex A Lists 1, 3 and 6, each from one app's records: contacts (List 1) and referrals (Lists 3
and 6). Lists whose records Frontdoor does not hold are present with their headings and a note."""

from collections import defaultdict
from datetime import date

from django.db.models import Max, Model, Q
from django.utils import timezone

from frontdoor.assessments.models import Assessment
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.contacts.models import ContactChild
from frontdoor.plans.models import ChildInNeedPlan
from frontdoor.referrals.models import Referral, Visit
from frontdoor.returns import rules
from frontdoor.returns.annex_a.columns import CASE_STATUS, CLOSURE_REASON, PRIMARY_NEED, SOURCE, yes_no
from frontdoor.returns.annex_a.sheets import Sheet, Window, allocations, child_row, people

NOT_HELD = {
    8: "Frontdoor does not hold children in care: the children in care system provides this list.",
    9: "Frontdoor does not hold care leavers: the leaving care system provides this list.",
    10: "Frontdoor does not hold adoption records: the adoption agency's system provides this list.",
    11: "Frontdoor does not hold adopters: the adoption agency's system provides this list.",
}


def not_held(number: int) -> Sheet:
    return Sheet(number=number, note=NOT_HELD[number])


def list_1_contacts(authority_id: int, window: Window) -> Sheet:
    """Every contact in the window; one row per child when a contact names several (§3.1)."""
    journeys = list(
        ContactChild.objects.filter(
            authority_id=authority_id,
            contact__received_at__gte=window.start_at,
            contact__received_at__lte=window.end_at,
        )
        .order_by("contact__received_at", "pk")
        .values_list("person_id", "contact__received_at", "contact__source")
    )
    found = people(authority_id, {person_id for person_id, _, _ in journeys})
    sheet = Sheet(number=1, person_ids=sorted(found))
    for person_id, received_at, source in journeys:
        day = timezone.localdate(received_at)
        sheet.rows.append([*child_row(found[person_id], window), day, SOURCE.get(source)])
    return sheet


def _referral_dates(authority_id: int, person_ids: set[int]) -> dict[int, list[date]]:
    dates: dict[int, list[date]] = defaultdict(list)
    rows = Referral.objects.filter(authority_id=authority_id, person_id__in=list(person_ids))
    for person_id, day in rows.values_list("person_id", "referral_date"):
        dates[person_id].append(day)
    return dates


def list_3_referrals(authority_id: int, window: Window) -> Sheet:
    """Referrals in the window; a child appears once per referral (§3.1)."""
    referrals = list(
        Referral.objects.filter(authority_id=authority_id, referral_date__range=(window.start, window.end))
        .order_by("referral_date", "pk")
        .values_list("pk", "person_id", "referral_date", "source", "nfa")
    )
    person_ids = {row[1] for row in referrals}
    found, earlier = people(authority_id, person_ids), _referral_dates(authority_id, person_ids)
    held = allocations({row[0] for row in referrals}, window.end_at)
    sheet = Sheet(number=3, person_ids=sorted(found))
    for pk, person_id, day, source, nfa in referrals:
        team, worker = held.get(pk, (None, None))
        count = rules.referrals_in_previous_12_months(earlier[person_id], day)
        sheet.rows.append(
            [*child_row(found[person_id], window), day, SOURCE.get(source), yes_no(nfa), count, team, worker]
        )
    return sheet


def _last_seen(authority_id: int, person_ids: set[int], window: Window) -> dict[int, date]:
    rows = (
        Visit.objects.filter(
            authority_id=authority_id,
            person_id__in=list(person_ids),
            seen=True,
            occurred_at__lte=window.end_at,
        )
        .values("person_id")
        .annotate(last=Max("occurred_at"))
        .values_list("person_id", "last")
    )
    return {person_id: timezone.localdate(last) for person_id, last in rows}


def case_status(*, closed: bool, assessed: bool, cp_plan: bool, cin_plan: bool) -> str:
    """List 6 Case Status as at the end of the window, the most intensive service first; an open
    episode not yet through an authorised assessment is an open assessment, one past it is receiving
    help as a child in need.

    "c) Child in need plan" is the code list's child in need letter: children helped as children in
    need after their assessment, with a CIN plan or without one yet, take it (liiatools' data map
    reads any status naming "need" as c); D2I's Annex A query gives c to every open episode that is
    not looked after, on a CP plan or in assessment). So List 6 holds more c) rows than the Summary's
    "Children on a child in need plan", which counts plans; the Summary shows both (issue 18)."""
    if closed:
        return CASE_STATUS["closed"]
    if cp_plan:
        return CASE_STATUS["cp_plan"]
    if cin_plan or assessed:
        return CASE_STATUS["cin_plan"]
    return CASE_STATUS["open_assessment"]


def _open_at(model: type[Model], start: str, end: str, referral_ids: set[int], window: Window) -> set[int]:
    """The episodes with a record of `model` running at the end of the window."""
    running = model._default_manager.filter(
        referral_id__in=list(referral_ids), **{f"{start}__lte": window.end}
    )
    running = running.filter(Q(**{f"{end}__isnull": True}) | Q(**{f"{end}__gt": window.end}))
    return set(running.values_list("referral_id", flat=True))


def list_6_children_in_need(authority_id: int, window: Window) -> Sheet:
    """Children receiving help as children in need at any time in the window: every episode that is
    not a referral with no further action, open on some day of it (§3.1)."""
    episodes = list(
        Referral.objects.filter(authority_id=authority_id, nfa=False, referral_date__lte=window.end)
        .filter(Q(closure_date__isnull=True) | Q(closure_date__gte=window.start))
        .order_by("referral_date", "pk")
        .values_list(
            "pk", "person_id", "referral_date", "primary_need", "closure_date", "closure_reason"
        )
    )  # fmt: skip
    person_ids = {row[1] for row in episodes}
    found, seen = people(authority_id, person_ids), _last_seen(authority_id, person_ids, window)
    ids = {row[0] for row in episodes}
    held = allocations(ids, window.end_at)
    assessed = set(
        Assessment.objects.filter(referral_id__in=list(ids), authorised_on__lte=window.end).values_list(
            "referral_id", flat=True
        )
    )
    cin_plans = _open_at(ChildInNeedPlan, "start_date", "end_date", ids, window)
    cp_plans = _open_at(ProtectionPlan, "start_date", "end_date", ids, window)
    sheet = Sheet(number=6, person_ids=sorted(found))
    for pk, person_id, start, need, closed_on, reason in episodes:
        closed = closed_on is not None and closed_on <= window.end
        status = case_status(
            closed=closed, assessed=pk in assessed, cp_plan=pk in cp_plans, cin_plan=pk in cin_plans
        )
        team, worker = held.get(pk, (None, None))
        sheet.rows.append([
            *child_row(found[person_id], window, with_disability=True), start,
            PRIMARY_NEED.get(need or "N0"), seen.get(person_id), closed_on if closed else None,
            CLOSURE_REASON.get(reason) if closed else None, status, team, worker,
        ])  # fmt: skip
    return sheet
