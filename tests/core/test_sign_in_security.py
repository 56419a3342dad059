"""Sign-in security: lockout after repeated failures, deactivated staff lose access at once, and
pages about children carry the security headers."""

import pytest
from django.test import override_settings
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


HERE, THERE = "192.0.2.10", "198.51.100.20"


def sign_in_from(client, address, username, password="wrong password"):  # noqa: S107 (a wrong one)
    return client.post(reverse("login"), {"username": username, "password": password}, REMOTE_ADDR=address)


def test_a_locked_username_stays_locked_from_another_address(client):
    """The lock is per username, as the README says: a second address is no way round it."""
    builders.user(builders.authority(), Role.TEAM_MANAGER, "sam.locked")
    for _ in range(5):
        sign_in_from(client, HERE, "sam.locked")

    elsewhere = sign_in_from(client, THERE, "sam.locked", "correct horse battery")

    assert elsewhere.status_code == 429
    assert "_auth_user_id" not in client.session


@override_settings(FRONTDOOR_SIGN_IN_ADDRESS_FAILURE_LIMIT=8)
def test_an_address_spraying_many_usernames_is_locked_at_its_own_higher_limit(client):
    la = builders.authority()
    builders.user(la, Role.TEAM_MANAGER, "una.target")
    for n in range(7):  # one guess each at seven names: no username reaches five
        assert sign_in_from(client, HERE, f"guess.{n}").status_code == 200
    assert sign_in_from(client, HERE, "guess.7").status_code == 429  # the address's eighth failure

    assert sign_in_from(client, HERE, "una.target", "correct horse battery").status_code == 429
    assert sign_in_from(client, THERE, "una.target", "correct horse battery").status_code == 302


def test_signing_in_forgives_the_users_own_failures_but_not_the_addresss(client):
    from axes.models import AccessAttempt

    la = builders.authority()
    builders.user(la, Role.TEAM_MANAGER, "ida.typo")
    sign_in_from(client, HERE, "someone.else")
    for _ in range(2):
        sign_in_from(client, HERE, "ida.typo")

    assert sign_in_from(client, HERE, "ida.typo", "correct horse battery").status_code == 302

    left = list(AccessAttempt.objects.values_list("username", "failures_since_start"))
    assert left == [("someone.else", 1)]


def test_a_username_longer_than_any_column_is_a_plain_refusal(client):
    """Issue 18: a 300-character username overflowed the lockout table's varchar(255) on PostgreSQL
    (a server error); it is refused beside the field before authentication is tried."""
    builders.user(builders.authority(), Role.TEAM_MANAGER, "sam.long")
    username = "a" * 300

    response = sign_in(client, username, "wrong password")

    assert response.status_code == 200
    assert "_auth_user_id" not in client.session
    assert response.context["form"].errors == {"username": ["Username must be 150 characters or fewer"]}
