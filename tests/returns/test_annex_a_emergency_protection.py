"""Annex A List 7, "Subject to Emergency Protection Order or Protected Under Police Powers in Last Six
Months (Y/N)": Yes when the child had police protection (Children Act 1989 s46) or an emergency
protection order (s44) that began or was in force in the six months ending on the window's last day."""

from datetime import timedelta

import pytest
from dateutil.relativedelta import relativedelta
from django.utils import timezone

from frontdoor.child_protection import services as cp
from frontdoor.child_protection.models import ProtectionPlan
from frontdoor.returns.annex_a.casework import list_7_child_protection
from frontdoor.returns.annex_a.sheets import Window
from frontdoor.returns.rules import annex_a_window
from tests import builders
from tests.child_protection.conftest import at, conclude, discuss, icpc, monday_weeks_ago, refer

pytestmark = pytest.mark.django_db
PROTECTED = 13  # the column's index in a List 7 row


def _on_a_plan(la, manager, worker, first_name: str):
    """A child whose plan started at an initial conference six weeks ago (a Monday)."""
    child = builders.child(la, first_name, "Example")
    referral = refer(la, manager, child, day=monday_weeks_ago(8))
    enquiry = conclude(worker, discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry)
    icpc(worker, enquiry, referral.referral_date + timedelta(days=14))
    return child, referral


def _window(end) -> Window:
    return Window(
        start=end + timedelta(days=1) - relativedelta(months=6), end=end, as_of=end + timedelta(days=1)
    )


def test_list_7_says_yes_only_for_protection_in_the_six_months_ending_on_the_windows_last_day(
    la, manager, worker
):
    anna, anna_episode = _on_a_plan(la, manager, worker, "Anna")  # police protection 7 months ago: No
    bea, bea_episode = _on_a_plan(la, manager, worker, "Bea")  # an order 3 weeks ago, no end recorded
    cal, _ = _on_a_plan(la, manager, worker, "Cal")  # never protected
    today = timezone.localdate()
    long_ago = at(today - relativedelta(months=7), 22)
    cp.emergency_protection_record(
        actor=worker, referral=anna_episode, kind="police_protection", started_at=long_ago,
        ended_at=long_ago + timedelta(hours=20), circumstances="Police powers used at night",
    )  # fmt: skip
    order_made = at(today - timedelta(weeks=3), 15)
    cp.emergency_protection_record(
        actor=worker, referral=bea_episode, kind="epo", started_at=order_made,
        circumstances="Order made on the authority's application", court="Worcester Family Court",
    )  # fmt: skip
    start, end = annex_a_window(today)
    sheet = list_7_child_protection(la.pk, Window(start=start, end=end, as_of=today))
    plan_start = monday_weeks_ago(6)
    by_child = {row[0]: row for row in sheet.rows}
    assert sorted(by_child) == sorted([anna.reference, bea.reference, cal.reference])
    for child in (anna, bea, cal):
        row = by_child[child.reference]
        assert row[6:] == [plan_start, "a) Neglect", "a) Neglect", None, None, None, None,
                           "a) Yes" if child == bea else "b) No", 0, None, None]  # fmt: skip
    assert ProtectionPlan.objects.count() == 3


def test_protection_counts_from_the_day_it_began_to_the_day_it_ended_or_had_to_end(la, manager, worker):
    _, episode = _on_a_plan(la, manager, worker, "Dee")
    began = at(monday_weeks_ago(3) + timedelta(days=2), 23)  # a Wednesday, 23:00
    cp.emergency_protection_record(
        actor=worker, referral=episode, kind="police_protection", started_at=began,
        circumstances="Police powers used at night",
    )  # fmt: skip
    last_day = timezone.localdate(began + timedelta(hours=72))  # no end recorded: it had to end by then

    def protected(end) -> str:
        [row] = list_7_child_protection(la.pk, _window(end)).rows
        return row[PROTECTED]

    assert protected(began.date() - timedelta(days=1)) == "b) No"  # the window ends before it began
    assert protected(began.date()) == "a) Yes"  # it began on the window's last day
    # Six months ending the day after it had to end, then the day it had to end is the first day.
    assert protected(last_day + relativedelta(months=6) - timedelta(days=1)) == "a) Yes"
    assert protected(last_day + relativedelta(months=6)) == "b) No"
