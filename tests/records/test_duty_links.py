"""The child's page leads to the front door's other duties about the child (issue 19 §3, §4): a
practice note for those who raise them, a complaint for the complaints team; nobody else sees the
links."""

import pytest
from django.urls import reverse

from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db

NOTE, COMPLAINT = "Raise a practice note on this case", "Record a complaint about this child's care"


@pytest.mark.parametrize(
    ("role", "shown"),
    [
        (Role.QUALITY_ASSURANCE, {NOTE, COMPLAINT}),
        (Role.SENIOR_LEADER, {NOTE, COMPLAINT}),
        (Role.TEAM_MANAGER, {NOTE}),
        (Role.SOCIAL_WORKER, set()),
    ],
)
def test_each_role_sees_the_links_its_permissions_allow(client, la, role, shown):
    child = builders.child(la, "Ava", "Example")
    client.force_login(builders.user(la, role))
    response = client.get(reverse("records:child", args=[child.pk]))
    assert response.status_code == 200
    page = response.content.decode()
    assert {text for text in (NOTE, COMPLAINT) if text in page} == shown
    if COMPLAINT in shown:
        assert reverse("complaints:new", args=[child.pk]) in page
    if NOTE in shown:
        assert reverse("quality:note_new", args=[child.pk]) in page
