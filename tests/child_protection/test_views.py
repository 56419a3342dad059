"""The pages: forms answer bad input beside the field and save nothing; good input saves and goes back."""

from datetime import timedelta

import pytest
from django.urls import reverse

from frontdoor.audit.models import AccessEvent
from frontdoor.child_protection.models import Conference, ProtectionPlan, Section47, StrategyDiscussion

from .conftest import at, conclude, discuss, icpc

pytestmark = pytest.mark.django_db


def parts(name, moment):
    return {f"{name}_day": moment.day, f"{name}_month": moment.month, f"{name}_year": moment.year} | (
        {f"{name}_time": moment.strftime("%H:%M")} if hasattr(moment, "hour") else {}
    )


def test_a_late_discussion_without_rationale_shows_both_errors_and_saves_nothing(client, referral, worker):
    client.force_login(worker)
    url = reverse("child_protection:discussion_new", kwargs={"pk": referral.pk})
    data = parts("held_at", at(referral.referral_date + timedelta(days=3), 11)) | {
        "invited": ["police", "social_care"],
        "attended": ["police", "social_care"],
        "information_shared": "Police call-outs",
        "section47": "yes",
        "decision_reason": "Injury",
    }
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert "There is a problem" in page
    assert page.count("The discussion was held late: give the management rationale for the timing") == 2
    assert page.count("The discussion was held late: record the interim safety plan") == 2
    assert StrategyDiscussion.objects.count() == 0
    response = client.post(
        url, data | {"late_rationale": "Police on a raid", "interim_safety_plan": "With gran"}
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("child_protection:episode", kwargs={"pk": referral.pk})
    assert Section47.objects.count() == 1


def test_the_pages_of_a_plan_show_and_log_the_child(client, referral, worker):
    enquiry = conclude(worker, discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry)
    icpc(worker, enquiry, referral.referral_date + timedelta(days=14))
    plan, conference = ProtectionPlan.objects.get(), Conference.objects.get()
    client.force_login(worker)
    pages = [
        reverse("records:episode", kwargs={"pk": referral.pk}),
        reverse("child_protection:episode", kwargs={"pk": referral.pk}),
        reverse("child_protection:discussion", kwargs={"pk": enquiry.discussion_id}),
        reverse("child_protection:conference", kwargs={"pk": conference.pk}),
        reverse("child_protection:plan", kwargs={"pk": plan.pk}),
        reverse("child_protection:outstanding"),
    ]
    for url in pages:
        before = AccessEvent.objects.count()
        response = client.get(url)
        assert response.status_code == 200, url
        assert referral.person.full_name in response.content.decode(), url
        assert AccessEvent.objects.count() == before + 1, url
    page = client.get(reverse("child_protection:conference", kwargs={"pk": conference.pk})).content.decode()
    assert "Minutes: Police, Health, Children&#x27;s social care" in page


def test_an_icpc_form_at_a_weekend_is_refused_beside_the_date(client, referral, worker):
    enquiry = conclude(worker, discuss(worker, referral, at(referral.referral_date, 14)).section47_enquiry)
    client.force_login(worker)
    saturday = referral.referral_date + timedelta(days=12)
    response = client.post(
        reverse("child_protection:icpc_new", kwargs={"pk": enquiry.pk}),
        parts("held_on", saturday)
        | {
            "chair": "Chair",
            "invited": ["police"],
            "child_attended": "yes",
            "plan_needed": "yes",
            "category": "NEG",
        },
    )
    assert response.status_code == 200
    assert response.content.decode().count("The conference cannot be on a Saturday or Sunday") == 2
    assert Conference.objects.count() == 0


def _siblings_at_icpc(la, manager, worker):
    """Two children living together, each with an enquiry concluded "initial conference needed"."""
    from tests import builders

    from .conftest import monday_weeks_ago, refer

    day = monday_weeks_ago(8)
    tom, amy = builders.child(la, "Tom"), builders.child(la, "Amy")
    builders.living_together(la, tom, amy)
    enquiries = [
        conclude(worker, discuss(worker, refer(la, manager, child, day=day), at(day, 14)).section47_enquiry)
        for child in (tom, amy)
    ]
    return day + timedelta(days=14), enquiries


def _conference_post(held_on, second_prefix, **second):
    return (
        parts("held_on", held_on)
        | {"chair": "Independent Chair", "invited": ["police", "social_care"], "attended": ["police"]}
        | {"child_attended": "no", "views_how": "Drawings", "advocacy": ["offered"], "plan_needed": "yes"}
        | {"category": "NEG"}
        | {f"{second_prefix}-{key}": value for key, value in second.items()}
    )


def test_siblings_conferenced_together_get_a_plan_each_with_their_own_category(client, la, manager, worker):
    held_on, (tom, amy) = _siblings_at_icpc(la, manager, worker)
    client.force_login(worker)
    url = reverse("child_protection:icpc_new", kwargs={"pk": tom.pk})
    page = client.get(url).content.decode()
    assert page.count('data-testid="conference-child"') == 2
    assert f"s47-{amy.pk}-category" in page
    second = {"conferenced": "on", "child_attended": "yes", "plan_needed": "yes", "category": "EMO"}
    response = client.post(url, _conference_post(held_on, f"s47-{amy.pk}", **second))
    assert response.status_code == 302
    plans = ProtectionPlan.objects.order_by("person__first_name").values_list(
        "person__first_name", "initial_category", "start_date"
    )
    assert list(plans) == [("Amy", "EMO", held_on), ("Tom", "NEG", held_on)]
    conference = Conference.objects.get()
    rows = conference.children.order_by("person__first_name").values_list(
        "person__first_name", "child_attended", "views_how", "advocacy_offered", "category"
    )
    assert list(rows) == [("Amy", True, "", False, "EMO"), ("Tom", False, "Drawings", True, "NEG")]


def test_a_bad_field_for_the_second_child_saves_nothing_and_shows_beside_it(client, la, manager, worker):
    held_on, (tom, amy) = _siblings_at_icpc(la, manager, worker)
    client.force_login(worker)
    url = reverse("child_protection:icpc_new", kwargs={"pk": tom.pk})
    # The second child needs a plan but has no category, and did not attend with no views recorded.
    second = {"conferenced": "on", "child_attended": "no", "plan_needed": "yes"}
    response = client.post(url, _conference_post(held_on, f"s47-{amy.pk}", **second))
    assert response.status_code == 200
    page = response.content.decode()
    assert page.count("Select the category of abuse") == 2  # summary and beside the field
    assert f'href="#id_s47-{amy.pk}-category' in page
    assert page.count("Say how the child&#x27;s views were brought to the conference") == 2
    assert (Conference.objects.count(), ProtectionPlan.objects.count()) == (0, 0)


def test_a_sibling_left_unticked_is_not_conferenced(client, la, manager, worker):
    held_on, (tom, amy) = _siblings_at_icpc(la, manager, worker)
    client.force_login(worker)
    url = reverse("child_protection:icpc_new", kwargs={"pk": tom.pk})
    response = client.post(url, _conference_post(held_on, f"s47-{amy.pk}", category="SAB"))
    assert response.status_code == 302
    assert list(ProtectionPlan.objects.values_list("person_id", "initial_category")) == [
        (tom.person_id, "NEG")
    ]
    assert (
        AccessEvent.objects.filter(person_id=amy.person_id, purpose="child_protection.icpc_new").count() == 1
    )
