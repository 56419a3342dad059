"""The child's page: who is working with them, what is due, the chronology (filterable, printable),
and one access-log row for the whole page."""

import re

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.assessments import services as assessment_services
from frontdoor.audit.models import AccessEvent
from frontdoor.organisations.models import Role
from frontdoor.plans import services as plan_services
from frontdoor.records import child_page, chronology
from frontdoor.referrals import services as referral_services
from tests import builders

pytestmark = pytest.mark.django_db


@pytest.fixture
def caseworker(la):
    # tests/people/conftest.py's `worker` is a contact officer; casework needs a social worker.
    return builders.user(la, Role.SOCIAL_WORKER)


@pytest.fixture
def casework(la, manager, caseworker):
    """A child referred two days ago: allocated, visited, assessed (authorised) and on a plan."""
    referral = builders.referral(la, manager, days_ago=2)
    child = referral.person
    referral_services.allocation_make(
        actor=manager, referral=referral, team=builders.team(la), worker=caseworker
    )
    referral_services.visit_record(
        actor=caseworker,
        person=child,
        referral=referral,
        occurred_at=timezone.now(),
        seen=True,
        seen_alone=True,
        childs_words="I want my dog to stay",
    )
    today = timezone.localdate()
    a = assessment_services.assessment_start(actor=caseworker, referral=referral, started_on=today)
    a = assessment_services.assessment_record(
        actor=caseworker,
        assessment=a,
        version=a.version,
        child_seen_on=today,
        childs_voice="Wants the dog to stay",
        parents_views="",
        analysis="Low income",
    )
    a = assessment_services.assessment_complete(
        actor=caseworker,
        assessment=a,
        version=a.version,
        completed_on=today,
        factors=["7A"],
        outcome="cin_plan",
    )
    assessment_services.assessment_authorise(
        comment="Agreed: the analysis supports the outcome",
        primary_need="N1",
        actor=manager,
        assessment=a,
        version=a.version,
        authorised_on=today,
    )
    plan_services.cin_plan_start(actor=caseworker, referral=referral, start_date=today)
    return referral


def test_every_app_with_records_about_a_child_offers_its_entries():
    sources = {f"{provider.__module__}.{provider.__name__}" for provider in chronology.SOURCES}
    apps_with_entries = {
        f"frontdoor.{app}.selectors.chronology_entries"
        for app in (
            "contacts", "referrals", "assessments", "plans", "child_protection", "early_help",
            "supervision", "quality", "missing", "exploitation", "casenotes",
        )
    }  # fmt: skip
    assert sources == apps_with_entries
    assert len(chronology.SOURCES) == 11


def test_a_date_only_entry_comes_after_every_timed_entry_of_its_day():
    from datetime import datetime
    from zoneinfo import ZoneInfo

    from frontdoor.core.chronology import Entry

    london = ZoneInfo("Europe/London")
    strategy = Entry(datetime(2026, 3, 2, 16, 30, tzinfo=london), "strategy discussion", "Strategy")
    conference = Entry(datetime(2026, 3, 2, 12, 0, tzinfo=london), "conference", "ICPC", date_only=True)
    earlier = Entry(datetime(2026, 3, 1, 23, 0, tzinfo=london), "contact", "Contact")
    ordered = sorted([earlier, conference, strategy], key=chronology._moment, reverse=True)
    assert [e.title for e in ordered] == ["ICPC", "Strategy", "Contact"]


def test_the_chronology_gathers_every_record_newest_first(casework, manager):
    entries = chronology.entries_for(actor=manager, person=casework.person)
    kinds = sorted(e.kind for e in entries)
    assert kinds == [
        "allocation",
        "assessment",
        "assessment",
        "contact",
        "decision",
        "plan",
        "referral",
        "visit",
    ]
    assert [e.at for e in entries] == sorted((e.at for e in entries), reverse=True)
    visit = next(e for e in entries if e.kind == "visit")
    assert visit.detail == "The child said: I want my dog to stay"


def test_the_due_list_is_every_open_clock_soonest_first(casework, manager):
    due = child_page.due_for(actor=manager, person=casework.person)
    assert [d.name for d in due] == ["Child in need plan review"]
    assert [d.clock.due_at for d in due] == sorted(d.clock.due_at for d in due)


def test_a_closed_episode_leaves_the_due_list(la, manager):
    referral = builders.referral(la, manager)
    assert sorted(d.clock.standard for d in child_page.due_for(actor=manager, person=referral.person)) == [
        "assessment",
        "child_seen",
    ]
    referral_services.referral_close(
        actor=manager,
        referral=referral,
        version=referral.version,
        closure_date=timezone.localdate(),
        reason="RC5",
        summary="Moved to another authority",
    )
    assert child_page.due_for(actor=manager, person=referral.person) == []


def test_the_page_shows_who_what_is_due_and_the_chronology_with_one_access_row(
    client, casework, manager, caseworker
):
    client.force_login(manager)
    mark = AccessEvent.objects.order_by("-pk").values_list("pk", flat=True).first() or 0
    page = client.get(reverse("records:child", args=[casework.person_id])).content.decode()
    assert list(AccessEvent.objects.filter(pk__gt=mark).values_list("person_id", "purpose")) == [
        (casework.person_id, "people.detail")
    ]
    working = re.search(r'data-testid="working-with">(.*?)</ul>', page, re.S).group(1)
    assert caseworker.display_name in working
    assert "Child in need plan review" in page
    assert page.count('class="app-chronology__entry"') == 8
    assert 'href="?print=1"' in page


def test_the_chronology_filters_by_kind_and_prints(client, casework, manager):
    client.force_login(manager)
    url = reverse("records:child", args=[casework.person_id])
    page = client.get(url, {"kind": ["visit", "plan"]}).content.decode()
    assert sorted(re.findall(r'data-kind="([^"]+)"', page)) == ["plan", "visit"]
    assert 'value="visit" checked' in page
    assert 'value="contact">' in page
    printed = client.get(url, {"kind": "visit", "print": "1"}).content.decode()
    assert 'data-testid="printed"' in printed
    assert re.findall(r'data-kind="([^"]+)"', printed) == ["visit"]


def test_an_unknown_kind_shows_everything(client, casework, manager):
    client.force_login(manager)
    page = client.get(
        reverse("records:child", args=[casework.person_id]), {"kind": "nonsense"}
    ).content.decode()
    assert page.count('class="app-chronology__entry"') == 8


def test_another_authoritys_records_are_never_in_the_chronology(casework):
    other = builders.authority("884", "Herefordshire (test)")
    outsider = builders.user(other)
    assert chronology.entries_for(actor=outsider, person=casework.person) == []
    assert child_page.due_for(actor=outsider, person=casework.person) == []
