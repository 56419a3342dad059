"""Warnings to staff on the child's record (issue 16 §5): entered with a review date, shown in the
header of every page about the child with who entered it and when, listed on the child's warnings
page, ended with a reason (kept, audited), refused beside the field when bad, and seen by no one
who may not see the child."""

from datetime import date, timedelta

import pytest
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.urls import reverse
from django.utils import timezone
from hypothesis import given
from hypothesis import strategies as st

from frontdoor.access import services as access_services
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.organisations.models import Role
from frontdoor.people import warning_rules, warning_services
from frontdoor.people.models import StaffWarning
from tests import builders

TODAY = timezone.localdate()


@given(st.integers(min_value=-400, max_value=800))
def test_the_review_date_is_in_the_future_and_within_twelve_months(days):
    today = date(2026, 6, 1)
    problems = warning_rules.warning_problems(text="Dog", review_on=today + timedelta(days=days), today=today)
    assert ("review_on" in problems) == (days <= 0 or days > 366)


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


@pytest.mark.django_db
def test_a_warning_is_entered_shown_on_every_page_and_ended_with_a_reason(client, la, worker, manager):
    child = builders.child(la, "Lena", "Hart")
    referral = builders.referral(la, manager, person=child)
    client.force_login(worker)
    url = reverse("records:warnings", args=[child.pk])
    blank = client.post(url, {"text": " ", **_date("review_on", TODAY + timedelta(days=30))})
    assert blank.status_code == 200
    assert blank.text.count("Enter the warning") == 2
    refused = client.post(url, {"text": "Dog", **_date("review_on", TODAY - timedelta(days=1))})
    assert refused.status_code == 200
    assert refused.text.count("The review date must be in the future") == 2
    assert StaffWarning.objects.count() == 0
    review_on = TODAY + timedelta(days=90)
    assert client.post(url, {"text": "Dog at address", **_date("review_on", review_on)}).status_code == 302
    warning = StaffWarning.objects.get()
    assert (warning.text, warning.entered_by, warning.review_on, warning.ended_at) == (
        "Dog at address", worker, review_on, None
    )  # fmt: skip
    added = AuditEvent.objects.get(action="staff_warning.added")
    assert (added.person_id, added.changes["text"]) == (child.pk, "Dog at address")
    pages = [
        reverse("records:child", args=[child.pk]),
        reverse("casenotes:child", args=[child.pk]),
        reverse("records:episode", args=[referral.pk]),
        url,
    ]
    for page in pages:
        body = client.get(page).text
        assert body.count('data-testid="staff-warning"') == 1, page
        assert f'Dog at address <span class="govuk-body-s">(entered by {worker.display_name}' in body, page
    end_url = reverse("records:warning_end", args=[warning.pk])
    assert client.post(end_url, {"reason": ""}).text.count("Enter why the warning no longer applies") == 2
    assert StaffWarning.objects.get().ended_at is None
    assert client.post(end_url, {"reason": "Dog rehomed"}).status_code == 302
    ended = StaffWarning.objects.get()
    assert (ended.ended_by, ended.end_reason) == (worker, "Dog rehomed")
    assert AuditEvent.objects.get(action="staff_warning.ended").changes == {"reason": "Dog rehomed"}
    body = client.get(url).text
    assert 'data-testid="staff-warning"' not in body
    assert "Dog rehomed" in body
    assert "Dog at address" in body
    again = client.post(end_url, {"reason": "Twice"})
    assert again.text.count("This warning has already ended") == 2


@pytest.mark.django_db
def test_an_overdue_review_is_shown_not_hidden(client, la, worker):
    child = builders.child(la, "Lena", "Hart")
    warning = warning_services.staff_warning_add(
        actor=worker, person=child, text="Do not visit alone", review_on=TODAY + timedelta(days=10)
    )
    StaffWarning.objects.filter(pk=warning.pk).update(review_on=TODAY - timedelta(days=1))
    client.force_login(worker)
    body = client.get(reverse("records:child", args=[child.pk])).text
    assert "Do not visit alone" in body
    assert "review overdue" in body


@pytest.mark.django_db
def test_no_one_who_may_not_see_the_child_sees_or_changes_a_warning(client, la, worker, manager):
    child = builders.child(la, "Lena", "Hart")
    warning = warning_services.staff_warning_add(
        actor=worker, person=child, text="Father aggressive to staff", review_on=TODAY + timedelta(days=30)
    )
    access_services.restriction_create(actor=manager, person=child, reason="staff")
    other = builders.user(builders.authority("888", "Elsewhere"), Role.SOCIAL_WORKER)
    for actor in (worker, other):
        with pytest.raises(Http404):
            warning_services.staff_warning_end(actor=actor, warning=warning, reason="Gone")
        with pytest.raises(Http404):
            warning_services.staff_warning_add(
                actor=actor, person=child, text="X", review_on=TODAY + timedelta(1)
            )
        client.force_login(actor)
        before = AccessEvent.objects.count()
        for url in (
            reverse("records:warnings", args=[child.pk]),
            reverse("records:warning_end", args=[warning.pk]),
        ):
            response = client.get(url)
            assert response.status_code == 404
            assert "Father aggressive" not in response.text
        assert AccessEvent.objects.count() == before
    auditor = builders.user(la, Role.AUDITOR)
    with pytest.raises(PermissionDenied):
        warning_services.staff_warning_end(actor=auditor, warning=warning, reason="Gone")
    assert StaffWarning.objects.get().ended_at is None
    assert StaffWarning.objects.count() == 1
