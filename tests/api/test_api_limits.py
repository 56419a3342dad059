"""The API's limits: a token stops working while its user is locked out of signing in or is
deactivated, and each token has its own request rate (HTTP 429 with Retry-After)."""

from datetime import timedelta

import pytest
from axes.models import AccessAttempt
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent
from tests.api.test_api import api, assert_error

pytestmark = pytest.mark.django_db
URL = "/api/v1/oversight/board/"


@pytest.fixture(autouse=True)
def _fresh_rates():
    cache.clear()  # throttling counts in the cache, which outlives each test's database
    yield
    cache.clear()


def test_a_token_stops_working_while_its_user_is_locked_out_and_works_again_after(client, manager):
    token = api(manager)
    assert token.get(URL).status_code == 200
    for _ in range(5):
        client.post(reverse("login"), {"username": manager.username, "password": "wrong"})
    mark = AccessEvent.objects.count()

    locked = token.get(URL)

    assert_error(locked, 401, "authentication_failed")
    assert "locked" in locked.json()["error"]["message"]
    assert AccessEvent.objects.count() == mark
    AccessAttempt.objects.update(attempt_time=timezone.now() - timedelta(minutes=16))
    assert token.get(URL).status_code == 200  # the lock has run its 15 minutes


def test_a_deactivated_users_token_is_refused(manager):
    token = api(manager)
    manager.is_active = False
    manager.save(update_fields=["is_active"])

    assert_error(token.get(URL), 401, "authentication_failed")


def test_each_token_has_its_own_rate_and_the_excess_is_a_429_with_retry_after(settings, manager, officer):
    settings.REST_FRAMEWORK = settings.REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"api_token": "3/minute"}}
    first, second = api(manager), api(officer)
    assert [first.get(URL).status_code for _ in range(3)] == [200, 200, 200]

    refused = first.get(URL)

    assert_error(refused, 429, "throttled")
    assert 1 <= int(refused["Retry-After"]) <= 60
    assert second.get(URL).status_code == 200  # another token counts on its own
