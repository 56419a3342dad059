"""Issues 18 and 20: years of history before the window, and the caseload they leave open at its start.

One small authority with two years of history, made once for the module (conftest's pattern), and one
without, to show the window's own rows do not move."""

from collections import Counter
from collections.abc import Iterator
from datetime import datetime, timedelta

import pytest
from django.db import transaction

from frontdoor.casenotes.models import CaseNote, NoteChild
from frontdoor.child_protection.models import (
    Conference,
    ConferenceChild,
    CoreGroup,
    Distribution,
    Participant,
    ProtectionPlan,
    StrategyDiscussion,
)
from frontdoor.contacts.models import Contact
from frontdoor.plans.models import ChildInNeedPlan, PlanReview
from frontdoor.referrals.models import Referral, Visit
from frontdoor.synthetic.generator import Result, generate, history
from frontdoor.synthetic.generator.base import LONDON, local
from frontdoor.synthetic.generator.casenotes import CARRIED_IN_OVERSIGHT_NOTES, CARRIED_IN_VISIT_NOTES
from frontdoor.synthetic.profiles import PROFILES
from frontdoor.tasks.models import Task
from tests.synthetic.conftest import END, SEED

pytestmark = pytest.mark.django_db
START = END - timedelta(days=PROFILES["small"].days)
YEARS = 2


class _Rollback(Exception):
    pass


@pytest.fixture(scope="module")
def _with_history(django_db_setup, django_db_blocker) -> Iterator[Result]:
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(profile=PROFILES["small"], seed=SEED, end=END, la_code="885", history_years=YEARS)
        transaction.set_rollback(True)


@pytest.fixture
def with_history(_with_history: Result, db) -> Result:
    return _with_history


def test_each_year_is_sized_on_worcestershires_published_referrals_for_it():
    start = datetime(2025, 3, 31, 16, tzinfo=LONDON)
    found = [
        (local(y.start).date().isoformat(), y.published, y.contacts)
        for y in history.years(PROFILES["county"], start, 6)
    ]
    # The county is 2025's 4,805 referrals; 0.89 history contacts a referral (C1: 2020 5,394,
    # 2021 5,277, 2022 5,133, 2023 5,331, 2024 4,784, 2025 4,805).
    assert found == [
        ("2019-03-31", 5_394, 4_801),
        ("2020-03-31", 5_277, 4_697),
        ("2021-03-31", 5_133, 4_568),
        ("2022-03-31", 5_331, 4_745),
        ("2023-03-31", 4_784, 4_258),
        ("2024-03-31", 4_805, 4_276),
    ]


def test_years_outside_the_published_table_take_the_nearest_year():
    assert (history.referrals_in(2011), history.referrals_in(2030)) == (3_163, 4_805)


def _window_rows() -> tuple[list, list]:
    contacts = Contact.objects.filter(received_at__gt=START).order_by("pk")
    referrals = Referral.objects.filter(received_at__gt=START).order_by("pk")
    return (
        list(contacts.values_list("pk", "reference", "received_at", "source")),
        list(referrals.values_list("pk", "person_id", "referral_date", "closure_date", "closure_reason")),
    )


def test_history_leaves_the_windows_contacts_and_referrals_as_they_were(django_db_blocker):
    runs = []
    for years in (0, 1):
        try:
            with transaction.atomic():
                generate(profile=PROFILES["small"], seed=SEED, end=END, la_code="885", history_years=years)
                runs.append(_window_rows())
                raise _Rollback
        except _Rollback:
            pass
    assert runs[0] == runs[1]
    assert len(runs[0][1]) > 0


def test_the_window_starts_with_open_episodes_and_plans_carried_in(with_history):
    carried = Referral.objects.filter(referral_date__lt=local(START).date()).exclude(
        closure_date__lt=local(START).date()
    )
    plans = ProtectionPlan.objects.filter(start_date__lt=local(START).date()).exclude(
        end_date__lt=local(START).date()
    )
    # Two years of a small profile (~360 referrals a year) leave a caseload open: the published
    # Worcestershire shapes keep roughly a half of a year's referrals and a tenth of its plans open.
    assert carried.count() > 100
    assert plans.count() > 5
    # Every referral the history made is counted in its year (the earlier plans some children had,
    # before the history began, have no contact).
    by_year = with_history.metrics["history"]["referrals by year"]
    assert len(by_year) == YEARS
    made = Referral.objects.filter(received_at__lte=START, contact_child__isnull=False).count()
    assert sum(by_year.values()) == made


def test_work_before_the_window_is_written_light(with_history):
    before, day = START, local(START).date()
    # Tasks before the window are only the actions of plans still open at its start.
    early = Task.objects.filter(created_at__lt=before)
    assert set(early.values_list("source_type", flat=True)) == {"plans.plancontent"}
    still_open = set(
        ProtectionPlan.objects.exclude(end_date__lt=day).values_list("person_id", flat=True)
    ) | set(ChildInNeedPlan.objects.exclude(end_date__lt=day).values_list("person_id", flat=True))
    assert set(early.values_list("person_id", flat=True)) <= still_open
    assert CaseNote.objects.filter(occurred_at__lt=before).count() == 0
    assert CoreGroup.objects.filter(held_on__lt=local(before).date()).count() == 0
    # The history's own (the window's earlier plans, made before it, are written as they always were).
    made = Referral.objects.filter(received_at__lte=before, contact_child__isnull=False)
    assert (
        Participant.objects.filter(discussion__referral__in=made, discussion__held_at__lt=before).count() == 0
    )
    conferences = ConferenceChild.objects.filter(referral__in=made).values("conference_id")
    assert (
        Distribution.objects.filter(conference_id__in=conferences, conference__held_on__lt=day).count() == 0
    )
    assert PlanReview.objects.filter(plan__end_date__lt=local(before).date()).count() == 0
    # Only the visit that first saw each child is kept before the window (it stops the clock).
    early = Visit.objects.filter(occurred_at__lt=before)
    assert early.count() == early.values("referral_id").distinct().count()
    # Strategy discussions before the window are still there (the history's child protection).
    assert StrategyDiscussion.objects.filter(held_at__lt=before).count() > 0
    assert Conference.objects.filter(held_on__lt=local(before).date()).count() > 0


def test_carried_in_records_keep_the_entry_rules(with_history):
    problems = []
    referrals = {r.pk: r for r in Referral.objects.filter(received_at__lte=START)}
    for visit in Visit.objects.filter(referral_id__in=list(referrals)):
        closed = referrals[visit.referral_id].closure_date
        if closed is not None and local(visit.occurred_at).date() > closed:
            problems.append(("visit after closure", visit.pk))
    for plan in ProtectionPlan.objects.filter(referral_id__in=list(referrals)):
        referral = referrals[plan.referral_id]
        if plan.start_date < referral.referral_date:
            problems.append(("plan before referral", plan.pk))
        if referral.closure_date and (plan.end_date is None or plan.end_date > referral.closure_date):
            problems.append(("plan outlasts its episode", plan.pk))
        if plan.end_date is not None and plan.end_date <= plan.start_date:
            problems.append(("plan ends before it starts", plan.pk))
    for referral in referrals.values():
        if referral.closure_date is not None and referral.closure_date < referral.referral_date:
            problems.append(("closed before referred", referral.pk))
    assert problems == []


def test_case_notes_of_carried_in_episodes_are_capped(with_history):
    carried = set(Referral.objects.filter(received_at__lte=START).values_list("person_id", flat=True))
    per_child = Counter(NoteChild.objects.filter(person_id__in=carried).values_list("person_id", flat=True))
    assert per_child
    assert max(per_child.values()) <= CARRIED_IN_VISIT_NOTES + CARRIED_IN_OVERSIGHT_NOTES
