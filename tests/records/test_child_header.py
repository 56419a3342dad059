"""The child's record at a glance (issue 16 §5): one selector in records, a fixed number of queries
whatever the child's history, on the child's page and on the pages of the pathways below; and the
child's page itself reads a constant number of queries."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from frontdoor.assessments import services as assessment_services
from frontdoor.organisations.models import Role
from frontdoor.records.header import child_header
from frontdoor.referrals import services as referral_services
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(la):
    return builders.user(la, Role.SOCIAL_WORKER)


def _episodes(la, manager, caseworker, n):
    """A child with n episodes: each allocated and visited, all but the last closed."""
    child = builders.child(la)
    team = builders.team(la)
    for i in range(n):
        referral = builders.referral(la, manager, person=child, days_ago=2)
        referral_services.allocation_make(actor=manager, referral=referral, team=team, worker=caseworker)
        referral_services.visit_record(
            actor=caseworker,
            person=child,
            referral=referral,
            occurred_at=timezone.now(),
            seen=True,
            seen_alone=True,
            childs_words=f"Visit {i}",
        )
        if i < n - 1:
            _assessed(manager, caseworker, referral)
            referral.refresh_from_db()
            referral_services.referral_close(
                actor=manager,
                referral=referral,
                version=referral.version,
                closure_date=timezone.localdate(),
                reason="RC8",
                summary="Needs met",
            )
    return child


def _assessed(manager, caseworker, referral):
    today = timezone.localdate()
    a = assessment_services.assessment_start(actor=caseworker, referral=referral, started_on=today)
    a = assessment_services.assessment_record(
        actor=caseworker,
        assessment=a,
        version=a.version,
        child_seen_on=today,
        childs_voice="Wants to stay at home",
        voice_gathered="words",
        parents_views="",
        analysis="Needs met by school",
        answers={"harm": "None found", "working_well": "Attends school daily"},
    )
    a = assessment_services.assessment_complete(
        actor=caseworker, assessment=a, version=a.version, completed_on=today, factors=["21"], outcome="nfa"
    )
    assessment_services.assessment_authorise(
        actor=manager,
        assessment=a,
        version=a.version,
        authorised_on=today,
        primary_need="N9",
        comment="Agreed",
    )


def _header_queries(manager, child):
    with CaptureQueriesContext(connection) as queries:
        header = child_header(actor=manager, person=child)
    return header, len(queries)


def test_the_header_reads_five_queries_for_one_episode_or_five(la, manager, caseworker):
    _, one_count = _header_queries(manager, _episodes(la, manager, caseworker, 1))
    five, five_count = _header_queries(manager, _episodes(la, manager, caseworker, 5))
    assert (one_count, five_count) == (5, 5)
    assert [f.label for f in five.flags] == ["Child in need"]
    assert (five.worker, five.team) == (caseworker.display_name, "Family Front Door")
    assert five.last_seen is not None


def test_the_header_names_the_household_flags_and_warnings(la, manager, caseworker):
    child = _episodes(la, manager, caseworker, 1)
    mother = builders.adult(la, "Sam", "Example")
    builders.living_together(la, child, mother, postcode="WR5 3AA")
    header = child_header(actor=manager, person=child)
    assert header.household == [mother.full_name]
    assert "WR5 3AA" in header.address
    assert header.warnings == []


def test_a_child_the_actor_may_not_see_has_no_header(la, manager, caseworker):
    child = _episodes(la, manager, caseworker, 1)
    other = builders.authority("888", "Elsewhere")
    assert child_header(actor=builders.user(other), person=child) is None


def _page_queries(client, child):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(reverse("records:child", args=[child.pk]))
    assert response.status_code == 200
    return response.content.decode(), len(queries)


def test_the_childs_page_reads_the_same_number_of_queries_for_one_episode_or_five(
    client, la, manager, caseworker
):
    client.force_login(manager)
    one = _episodes(la, manager, caseworker, 1)
    five = _episodes(la, manager, caseworker, 5)
    _page_queries(client, one)  # the session and permissions are warm for both
    page, one_count = _page_queries(client, one)
    five_page, five_count = _page_queries(client, five)
    assert one_count == five_count
    assert 'data-testid="child-header"' in page
    assert five_page.count("Visit ") >= 5


def test_pages_of_the_pathways_below_show_the_header(client, la, manager, caseworker):
    child = _episodes(la, manager, caseworker, 1)
    referral = child.referrals.get()
    client.force_login(manager)
    for url in (
        reverse("records:episode", args=[referral.pk]),
        reverse("child_protection:episode", args=[referral.pk]),
    ):
        page = client.get(url).content.decode()
        assert page.count('data-testid="child-header"') == 1, url
        assert caseworker.display_name in page
