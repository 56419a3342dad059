"""Sign-in security: lockout after repeated failures, deactivated staff lose access at once, and
pages about children carry the security headers."""

import pytest
from django.urls import reverse

from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db


def sign_in(client, username, password):
    return client.post(reverse("login"), {"username": username, "password": password})


def test_five_failures_lock_the_username_out_even_with_the_right_password(client):
    user = builders.user(builders.authority(), Role.TEAM_MANAGER, "sam.locked")
    for _ in range(4):
        assert sign_in(client, "sam.locked", "wrong password").status_code == 200
    locked = sign_in(client, "sam.locked", "wrong password")
    assert locked.status_code == 429
    assert b"Sign-in locked for 15 minutes" in locked.content
    assert sign_in(client, "sam.locked", "correct horse battery").status_code == 429
    assert "_auth_user_id" not in client.session
    assert user.is_active


def test_a_deactivated_user_is_signed_out_on_their_next_request(client):
    user = builders.user(builders.authority(), Role.TEAM_MANAGER)
    client.force_login(user)
    assert client.get(reverse("contacts:queue")).status_code == 200
    user.is_active = False
    user.save(update_fields=["is_active"])
    response = client.get(reverse("contacts:queue"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


def test_child_pages_are_never_cached_and_cannot_be_framed(client):
    client.force_login(builders.user(builders.authority(), Role.TEAM_MANAGER))
    response = client.get(reverse("contacts:queue"))
    assert response["Cache-Control"] == "no-store, max-age=0"
    assert response["X-Frame-Options"] == "DENY"
    policy = response["Content-Security-Policy"]
    assert "frame-ancestors 'none'" in policy
    assert "script-src 'self' 'nonce-" in policy
    assert "unsafe-inline" not in policy


def test_a_username_longer_than_any_column_is_a_plain_refusal(client):
    """Issue 18: a 300-character username overflowed the lockout table's varchar(255) on PostgreSQL
    (a server error); it is refused beside the field before authentication is tried."""
    builders.user(builders.authority(), Role.TEAM_MANAGER, "sam.long")
    username = "a" * 300

    response = sign_in(client, username, "wrong password")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors == {"username": ["Username must be 150 characters or fewer"]}
