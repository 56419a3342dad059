"""Every number on the dashboard that opens a list of children adds up to that list (issue 18).

On a seeded authority (the synthetic `small` profile, made as `frontdoor seed` makes it), for every
figure in the registry (performance.metrics.FIGURES, so a new figure is covered without a new test)
and every column that links to a list: the column's number, for the whole period and for each bucket
of the figure's default breakdown, equals the rows behind the list (listed plus not listed). The
difference the outside check found (2,432 against 2,428) was children the viewer may not see:
counted by the figure, left out of the list without a word. The list now says how many and why.
"""

from collections.abc import Iterator
from datetime import date

import pytest
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from lxml import html

from frontdoor.access.models import Restriction
from frontdoor.organisations.models import Role, User
from frontdoor.performance import selectors
from frontdoor.performance.metrics import FIGURES
from frontdoor.performance.rules import Period
from frontdoor.performance.selectors import Scope
from frontdoor.synthetic.generator import Result, generate
from frontdoor.synthetic.profiles import PROFILES
from tests.synthetic.conftest import END, SEED

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def _seeded_once(django_db_setup, django_db_blocker) -> Iterator[Result]:
    """The small synthetic authority, made once for the module (as tests/synthetic makes it) and
    rolled back at its end; the tests only read it."""
    with django_db_blocker.unblock(), transaction.atomic():
        yield generate(profile=PROFILES["small"], seed=SEED, end=END, la_code="885")
        transaction.set_rollback(True)


@pytest.fixture
def small(_seeded_once: Result, db) -> Result:
    return _seeded_once


PERIOD = Period(date(2025, 3, 21), END.date())
LISTED_COLUMNS = [
    pytest.param(figure, column, id=f"{figure.slug}:{column.key}")
    for figure in FIGURES.values()
    for column in figure.columns
    if column.result is not None
]


def _senior(result: Result) -> User:
    """An authority-wide viewer: sees every child except those restricted away from them."""
    return User.objects.filter(authority=result.authority, role=Role.SENIOR_LEADER).order_by("pk").first()


def _scope(result: Result) -> Scope:
    return Scope(result.authority.pk, PERIOD, None, END)


def _behind(actor, figure, scope, result, buckets) -> selectors.Drilldown:
    return selectors.drilldown(actor=actor, figure=figure, scope=scope, buckets=buckets, result=result)


def test_every_figure_with_a_list_is_covered():
    assert len(LISTED_COLUMNS) >= len(FIGURES)
    assert {figure.slug for figure, _ in (p.values for p in LISTED_COLUMNS)} == set(FIGURES)


@pytest.mark.parametrize(("figure", "column"), LISTED_COLUMNS)
def test_each_number_equals_the_rows_behind_its_list(small, figure, column):
    actor, scope = _senior(small), _scope(small)
    breakdown = figure.default_breakdown
    data = selectors.figure_data(figure=figure, scope=scope, breakdown=breakdown)
    total = _behind(actor, figure, scope, column.result, {})
    assert (column.key, total.behind_the_number) == (column.key, data.total.values[column.key])
    assert total.page.paginator.count + total.not_listed == data.total.values[column.key]
    by_bucket = {
        row.key: _behind(actor, figure, scope, column.result, {breakdown: row.key}).behind_the_number
        for row in data.rows
        if breakdown in ("week", "month") or breakdown in selectors.rules.GROUPS
    }
    assert by_bucket == {row.key: row.values[column.key] for row in data.rows if row.key in by_bucket}


def test_the_world_has_numbers_to_compare(small):
    """The comparison above is not of zeros: the seeded year has contacts, referrals and decisions."""
    data = selectors.figure_data(figure=FIGURES["contacts"], scope=_scope(small), breakdown=None)
    assert data.total.values["children"] > 200
    assert data.total.values["referrals"] > 20


def test_a_list_says_how_many_children_it_leaves_out_and_the_sum_still_holds(small):
    """A restricted child is counted by the figure and not listed to a viewer outside the
    restriction: the list counts them as not listed, so listed plus not listed is the figure."""
    actor, scope, figure = _senior(small), _scope(small), FIGURES["contacts"]
    restricted = set(Restriction.objects.filter(lifted_at__isnull=True).values_list("person_id", flat=True))
    assert restricted
    assert not Restriction.objects.filter(person_id__in=restricted, allowed_users=actor).exists()
    data = selectors.figure_data(figure=figure, scope=scope, breakdown=None)
    found = _behind(actor, figure, scope, "all", {})
    rows = selectors._rows(scope, figure)
    hidden_rows = rows.filter(Q(person_id__in=restricted)).count()
    assert hidden_rows > 0
    assert found.not_listed == hidden_rows
    assert found.page.paginator.count == data.total.values["children"] - hidden_rows
    assert found.behind_the_number == data.total.values["children"]


def test_the_list_page_says_why_it_is_shorter_than_the_number(small, client):
    actor, scope, figure = _senior(small), _scope(small), FIGURES["contacts"]
    found = _behind(actor, figure, scope, "all", {})
    client.force_login(actor)
    period = {"from": PERIOD.first.isoformat(), "to": PERIOD.last.isoformat(), "result": "all"}
    response = client.get(reverse("performance:drilldown", args=["contacts"]), period)
    assert response.status_code == 200
    shown = html.fromstring(response.content)
    count = " ".join(shown.xpath('//*[@data-testid="count"]')[0].text_content().split())
    assert count.startswith(f"{found.page.paginator.count} children's contacts")
    why = " ".join(shown.xpath('//*[@data-testid="not-listed"]')[0].text_content().split())
    assert why.startswith(
        f"The dashboard counts {found.behind_the_number} children's contacts here. "
        f"{found.not_listed} of them "
    )
    assert "restricted, or held by a team outside yours" in why
