"""The chronology filtered to significant events (issue 16 §5), alone or with kinds, and printed."""

from datetime import UTC, datetime

import pytest
from django.urls import reverse

from frontdoor.core.chronology import Entry
from frontdoor.records.chronology import is_significant

from .test_child_header import _episodes, caseworker  # noqa: F401

pytestmark = pytest.mark.django_db

AT = datetime(2026, 3, 2, 10, tzinfo=UTC)


def test_significance_follows_the_kind_unless_the_entry_says_otherwise():
    assert is_significant(Entry(at=AT, kind="strategy discussion", title="Held")) is True
    assert is_significant(Entry(at=AT, kind="visit", title="Seen")) is False
    assert is_significant(Entry(at=AT, kind="assessment", title="Started", significant=False)) is False
    assert is_significant(Entry(at=AT, kind="visit", title="Seen", significant=True)) is True


def test_the_page_shows_significant_events_only_and_prints_them(client, la, manager, caseworker):  # noqa: F811
    child = _episodes(la, manager, caseworker, 2)
    client.force_login(manager)
    url = reverse("records:child", args=[child.pk])
    everything = client.get(url).content.decode()
    significant = client.get(url + "?significant=1").content.decode()
    printed = client.get(url + "?significant=1&print=1").content.decode()
    assert everything.count('data-kind="visit"') == 2
    assert "Assessment started" in everything
    for page in (significant, printed):
        assert page.count('data-kind="visit"') == 0
        assert page.count('data-kind="allocation"') == 0
        assert "Assessment started" not in page
        assert page.count('data-kind="referral"') == 2
        assert page.count('data-kind="closure"') == 1
    assert 'data-testid="printed"' in printed
    both = client.get(url + "?significant=1&kind=closure").content.decode()
    assert (both.count('data-kind="closure"'), both.count('data-kind="referral"')) == (1, 0)
