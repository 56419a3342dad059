"""The menu offers each role only pages it may open: every link answers, none refuses."""

import re

import pytest

from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db
LINK = re.compile(r'govuk-service-navigation__link"[^>]*href="([^"]+)"')


@pytest.mark.parametrize("role", list(Role))
def test_every_menu_link_opens_for_the_role_it_is_shown_to(client, la, role):
    user = builders.partner(la) if role == Role.PARTNER_USER else builders.user(la, role)
    client.force_login(user)
    page = client.get("/", follow=True)
    links = LINK.findall(page.content.decode())
    refused = [(link, status) for link in links if (status := client.get(link).status_code) not in (200, 302)]
    assert links, "no menu"
    assert refused == []


def test_the_auditor_sees_the_data_protection_pages_not_the_front_door(client, la):
    client.force_login(builders.user(la, Role.AUDITOR))
    links = LINK.findall(client.get("/", follow=True).content.decode())
    assert links == ["/access/restrictions/", "/retention/due/", "/calendar/", "/access/notices/"]
