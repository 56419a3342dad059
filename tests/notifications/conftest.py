"""An SMTP server on the loopback for the outbox's tests, and Django's SMTP backend pointed at it."""

import pytest

from tests.notifications.smtp import free_port, smtp_settings, smtp_sink


@pytest.fixture
def smtp(settings):
    with smtp_sink() as sink:
        for name, value in smtp_settings(sink.port).items():
            setattr(settings, name, value)
        settings.FRONTDOOR_BASE_URL = "https://frontdoor.example.gov.uk"
        yield sink


@pytest.fixture
def smtp_down(settings):
    """Settings pointed at a loopback port where nothing listens: every connection is refused."""
    for name, value in smtp_settings(free_port()).items():
        setattr(settings, name, value)
    settings.FRONTDOOR_NOTIFY_MAX_ATTEMPTS = 3
