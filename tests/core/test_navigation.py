"""The menu offers each role only pages it may open: every link answers, none refuses."""

import re

import pytest

from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db
LINK = re.compile(r'govuk-service-navigation__link"[^>]*href="([^"]+)"')
OTHER = re.compile(r'<a class="govuk-link govuk-!-font-weight-bold" href="([^"]+)"')


@pytest.mark.parametrize("role", list(Role))
def test_every_menu_link_opens_for_the_role_it_is_shown_to(client, la, role):
    user = builders.partner(la) if role == Role.PARTNER_USER else builders.user(la, role)
    client.force_login(user)
    page = client.get("/", follow=True)
    links = LINK.findall(page.content.decode())
    if "/other-pages/" in links:
        links += OTHER.findall(client.get("/other-pages/").content.decode())
    refused = [(link, status) for link in links if (status := client.get(link).status_code) not in (200, 302)]
    assert links, "no menu"
    assert refused == []


def test_the_auditor_sees_the_data_protection_pages_not_the_front_door(client, la):
    client.force_login(builders.user(la, Role.AUDITOR))
    links = LINK.findall(client.get("/", follow=True).content.decode())
    assert links == ["/access/restrictions/", "/retention/due/", "/calendar/", "/notifications/"]


def test_a_team_managers_menu_is_one_row_and_the_rest_is_one_click_on(client, la):
    client.force_login(builders.user(la, Role.TEAM_MANAGER))
    links = LINK.findall(client.get("/", follow=True).content.decode())
    assert links == [
        "/my-work/",
        "/contacts/",
        "/board/",
        "/contacts/new/",
        "/people/",
        "/contacts/daily-review/",
        "/missing/",
        "/performance/",
        "/other-pages/",
    ]
    other = OTHER.findall(client.get("/other-pages/").content.decode())
    assert other == [
        "/child-protection/distribution-outstanding/",
        "/early-help/",
        "/domestic-abuse/",
        "/supervision/directions/",
        "/quality/",
        "/supervision/",
        "/drift/",
        "/workforce/",
        "/allegations/",
        "/quality/notes/",
        "/complaints/",
        "/calendar/",
        "/performance/what-is-coming/",
        "/identity/duplicates/",
        "/access/restrictions/",
        "/notifications/",
    ]


def test_other_pages_lists_only_what_the_role_may_open(client, la):
    client.force_login(builders.user(la, Role.SOCIAL_WORK_ASSISTANT))
    other = OTHER.findall(client.get("/other-pages/").content.decode())
    assert other == [
        "/child-protection/distribution-outstanding/",
        "/early-help/",
        "/domestic-abuse/",
        "/workforce/",
        "/quality/notes/",
        "/calendar/",
        "/notifications/",
    ]
    client.force_login(builders.user(la, Role.SENIOR_LEADER))
    assert "/returns/" in OTHER.findall(client.get("/other-pages/").content.decode())


def test_the_designated_officer_has_allegations_in_the_menu(client, la):
    client.force_login(builders.user(la, Role.DESIGNATED_OFFICER))
    links = LINK.findall(client.get("/", follow=True).content.decode())
    assert "/allegations/" in links
    assert "/allegations/" not in OTHER.findall(client.get("/other-pages/").content.decode())
