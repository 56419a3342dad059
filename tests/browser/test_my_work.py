"""My work in the browser: a social worker signs in to their list; when the breach scan finds their
child's visit overdue, the unread count appears in their header, and the notification leads to
the child. The page passes axe-core."""

import re
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from playwright.sync_api import expect

from frontdoor.clocks.models import Clock
from frontdoor.mywork import breaches
from frontdoor.organisations.models import Role, Team
from frontdoor.referrals import services as referral_services
from tests import builders
from tests.browser.forms import follow

pytestmark = pytest.mark.browser


def test_the_breaching_clocks_owner_sees_it_on_my_work_and_the_unread_count(
    page, signed_in_page, assert_accessible, page_errors
):
    la = builders.authority()
    front_door = builders.user(la, Role.TEAM_MANAGER, "fd.manager")
    locality = Team.objects.create(authority=la, name="Locality A")
    owner = builders.user(la, Role.SOCIAL_WORKER, "amy.worker")
    owner.team = locality
    owner.save(update_fields=["team"])
    referral = builders.referral(la, front_door, person=builders.child(la, "Alfie", "Example"))
    referral_services.allocation_make(actor=front_door, referral=referral, team=locality, worker=owner)
    now = timezone.now()
    visit = Clock.objects.create(
        authority=la, standard="cp_visit", person=referral.person, subject_type="referrals.referral",
        subject_id=referral.pk, started_at=now - timedelta(days=14), due_at=now - timedelta(minutes=5),
    )  # fmt: skip

    signed_in_page(owner)
    expect(page).to_have_url(re.compile(r"/my-work/$"))  # practitioners start at My work
    expect(page.get_by_test_id("unread-count")).to_have_count(0)
    row = page.get_by_test_id("due").locator("tr").filter(has_text="Child protection visit")
    expect(row).to_contain_text("Overdue")
    expect(row).to_contain_text("Alfie")
    assert_accessible(page)

    assert breaches.scan(timezone.now()) >= 1
    page.goto(reverse("mywork:home"))
    expect(page.get_by_test_id("unread-count")).to_have_text("1")
    follow(page.get_by_test_id("header-notifications"))
    expect(page.get_by_test_id("notification")).to_have_count(1)
    expect(page.get_by_test_id("notification").first).to_contain_text(
        f"Timescale missed: Child protection visit (timescale {visit.pk})"
    )
    assert page_errors == []
