"""The assessment pages: bad input is answered beside the field with an error summary and saves nothing."""

import pytest
from django.urls import reverse
from django.utils import timezone

from frontdoor.assessments import services
from frontdoor.assessments.models import Assessment
from frontdoor.core.templatetags.govuk import govuk_date
from frontdoor.referrals.models import Referral
from tests import builders

pytestmark = pytest.mark.django_db


def _date(name, day):
    return {f"{name}_day": day.day, f"{name}_month": day.month, f"{name}_year": day.year}


def test_the_episode_page_offers_to_start_an_assessment(client, la, manager, worker):
    referral = builders.referral(la, manager)
    client.force_login(worker)
    page = client.get(reverse("records:episode", args=[referral.pk])).content.decode()
    assert reverse("assessments:start", args=[referral.pk]) in page
    assert "No assessment started yet." in page


def test_starting_through_the_page(client, la, manager, worker):
    referral = builders.referral(la, manager)
    client.force_login(worker)
    response = client.post(
        reverse("assessments:start", args=[referral.pk]), _date("started_on", timezone.localdate())
    )
    assert response.status_code == 302
    assert Assessment.objects.filter(referral=referral).count() == 1


def test_a_start_date_that_is_not_a_date_is_answered_beside_the_field(client, la, manager, worker):
    referral = builders.referral(la, manager)
    client.force_login(worker)
    response = client.post(
        reverse("assessments:start", args=[referral.pk]),
        {"started_on_day": "31", "started_on_month": "2", "started_on_year": "2026"},
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert "govuk-error-summary" in page
    assert page.count("When did the assessment start? must be a real date") == 2
    assert Assessment.objects.count() == 0


def test_a_service_refusal_lands_beside_the_field(client, la, manager, worker):
    referral = builders.referral(la, manager)
    services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())
    client.force_login(worker)
    response = client.post(
        reverse("assessments:start", args=[referral.pk]), _date("started_on", timezone.localdate())
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("This episode already has an assessment that is not yet authorised") == 2
    assert Assessment.objects.count() == 1


def test_completing_with_21_and_other_factors_is_refused_on_the_page(client, la, manager, worker):
    referral = builders.referral(la, manager)
    assessment = services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())
    services.assessment_record(
        actor=worker,
        assessment=assessment,
        version=1,
        child_seen_on=None,
        childs_voice="",
        parents_views="",
        analysis="No concerns",
    )
    client.force_login(worker)
    response = client.post(
        reverse("assessments:complete", args=[assessment.pk]),
        {
            "version": 2,
            **_date("completed_on", timezone.localdate()),
            "factors": ["21", "1B"],
            "outcome": "nfa",
        },
    )
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("&quot;No factors identified&quot; cannot be chosen with other factors") == 2
    assessment.refresh_from_db()
    assert (assessment.completed_on, assessment.factors) == (None, [])


def test_a_stale_save_says_so_and_changes_nothing(client, la, manager, worker):
    referral = builders.referral(la, manager)
    assessment = services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())
    client.force_login(worker)
    response = client.post(
        reverse("assessments:record", args=[assessment.pk]),
        {"version": 0, "childs_voice": "Old", "parents_views": "", "analysis": ""},
    )
    assert response.status_code == 200
    assert "Someone else changed this record after you opened it" in response.content.decode()
    assessment.refresh_from_db()
    assert (assessment.childs_voice, assessment.version) == ("", 1)


def test_the_authorise_page_shows_the_due_date(client, la, manager, worker):
    referral = builders.referral(la, manager)
    assessment = services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())
    assessment = services.assessment_record(
        actor=worker,
        assessment=assessment,
        version=1,
        child_seen_on=None,
        childs_voice="",
        voice_gathered="not_gathered",
        voice_reason="Baby asleep throughout; seen with mother",
        parents_views="",
        analysis="Needs met",
    )
    services.assessment_complete(
        actor=worker,
        assessment=assessment,
        version=2,
        completed_on=timezone.localdate(),
        factors=["21"],
        outcome="nfa",
    )
    client.force_login(manager)
    page = client.get(reverse("assessments:authorise", args=[assessment.pk])).content.decode()
    assert f"Due {govuk_date(referral.assessment_clock.due_at)}" in page
    assert "21: No factors identified" in page


def _completed(la, manager, worker):
    referral = builders.referral(la, manager)
    assessment = services.assessment_start(actor=worker, referral=referral, started_on=timezone.localdate())
    assessment = services.assessment_record(
        actor=worker,
        assessment=assessment,
        version=1,
        child_seen_on=timezone.localdate(),
        childs_voice="Wants to stay at school",
        parents_views="",
        analysis="Family under acute stress",
    )
    return services.assessment_complete(
        actor=worker,
        assessment=assessment,
        version=2,
        completed_on=timezone.localdate(),
        factors=["21"],
        outcome="nfa",
    )


def test_authorising_records_the_primary_need_on_the_episode(client, la, manager, worker):
    assessment = _completed(la, manager, worker)
    client.force_login(manager)
    url = reverse("assessments:authorise", args=[assessment.pk])
    today = timezone.localdate()
    fields = {"version": assessment.version, "authorised_on_day": today.day}
    fields |= {"authorised_on_month": today.month, "authorised_on_year": today.year, "late_reason": "Delay"}
    fields["comment"] = "Agreed: needs are clear"
    page = client.post(url, fields).content.decode()
    assert page.count("Select the child&#x27;s primary need") == 2
    assert Referral.objects.get(pk=assessment.referral_id).primary_need == ""
    assert client.post(url, fields | {"primary_need": "N4"}).status_code == 302
    assert Referral.objects.get(pk=assessment.referral_id).primary_need == "N4"
