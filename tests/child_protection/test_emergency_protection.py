"""Police protection and emergency protection orders: what the services save, what they refuse
(saving nothing, auditing nothing), and the pages that record them."""

from datetime import timedelta

import pytest
from django.core.exceptions import PermissionDenied, ValidationError
from django.urls import reverse
from django.utils import timezone

from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.child_protection import selectors, services
from frontdoor.child_protection.models import EmergencyProtection
from frontdoor.organisations.models import Role
from tests import builders

from .conftest import at
from .test_views import parts

pytestmark = pytest.mark.django_db
COURT = "Worcester Family Court"


def counts() -> tuple[int, int]:
    return (
        EmergencyProtection.objects.count(),
        AuditEvent.objects.filter(action__startswith="emergency_protection").count(),
    )


def police(worker, referral, **extra) -> EmergencyProtection:
    fields = {
        "kind": "police_protection",
        "started_at": at(referral.referral_date + timedelta(days=1), 23),
        "circumstances": "Found alone at home at night; officers used police powers",
    } | extra
    return services.emergency_protection_record(actor=worker, referral=referral, **fields)


def order(worker, referral, **extra) -> EmergencyProtection:
    fields = {
        "kind": "epo",
        "started_at": at(referral.referral_date + timedelta(days=2), 15),
        "circumstances": "Order made on the local authority's application",
        "court": COURT,
    } | extra
    return services.emergency_protection_record(actor=worker, referral=referral, **fields)


def test_police_protection_is_saved_with_its_audit_and_must_end_72_hours_later(referral, worker):
    began = at(referral.referral_date + timedelta(days=1), 23)
    record = police(worker, referral, circumstances="  Found alone at home at night  ")
    assert (record.kind, record.started_at, record.ended_at, record.court, record.extended_until) == (
        "police_protection",
        began,
        None,
        "",
        None,
    )
    assert (record.authority_id, record.person_id, record.referral_id, record.recorded_by_id) == (
        referral.authority_id,
        referral.person_id,
        referral.pk,
        worker.pk,
    )
    assert record.circumstances == "Found alone at home at night"
    event = AuditEvent.objects.get(action="emergency_protection.recorded")
    assert (event.actor_id, event.person_id, event.changes["kind"]) == (
        worker.pk,
        referral.person_id,
        "police_protection",
    )
    [row] = selectors.emergency_protections_for(referral=referral)
    assert (row.record, row.due_at, row.completed_at) == (record, began + timedelta(hours=72), None)


def test_an_extended_order_must_end_when_its_extension_does_and_its_end_is_recorded(referral, worker):
    made = at(referral.referral_date + timedelta(days=2), 15)
    record = order(worker, referral, extended_until=made + timedelta(days=15))
    ended = made + timedelta(days=12)
    record = services.emergency_protection_end(actor=worker, protection=record, ended_at=ended)
    assert EmergencyProtection.objects.get().ended_at == ended
    [row] = selectors.emergency_protections_for(referral=referral)
    assert (row.due_at, row.completed_at) == (made + timedelta(days=15), ended)
    assert list(
        AuditEvent.objects.filter(action__startswith="emergency_protection")
        .order_by("pk")
        .values_list("action", flat=True)
    ) == ["emergency_protection.recorded", "emergency_protection.ended"]


@pytest.mark.parametrize(
    ("extra", "errors"),
    [
        (
            {"ended_at": "before"},
            {"ended_at": ["The end cannot be before it began"]},
        ),
        (
            {"extended_until": "plus_8_days"},
            {
                "extended_until": [
                    "Police protection cannot be extended: it ends within 72 hours (section 46(6))"
                ]
            },
        ),
        (
            {"court": COURT},
            {"court": ["Police protection is not ordered by a court: leave the court blank"]},
        ),
        (
            {"ended_at": "plus_73_hours"},
            {"ended_at": ["Police protection lasts until {limit} at the latest: check the date and time"]},
        ),
        (
            {"started_at": "tomorrow"},
            {"started_at": ["The start must be now or in the past"]},
        ),
        ({"circumstances": "  "}, {"circumstances": ["Describe the circumstances"]}),
    ],
)
def test_bad_police_protection_is_refused_beside_the_field_and_nothing_is_saved(
    referral, worker, extra, errors
):
    began = at(referral.referral_date + timedelta(days=1), 23)
    moments = {
        "before": began - timedelta(minutes=1),
        "plus_8_days": began + timedelta(days=8),
        "plus_73_hours": began + timedelta(hours=73),
        "tomorrow": timezone.now() + timedelta(days=1),
    }
    extra = {key: moments.get(value, value) for key, value in extra.items()}
    limit = f"{timezone.localtime(began + timedelta(hours=72)):%-d %B %Y at %H:%M}"
    with pytest.raises(ValidationError) as refused:
        police(worker, referral, **extra)
    assert refused.value.message_dict == {
        field: [message.format(limit=limit) for message in messages] for field, messages in errors.items()
    }
    assert counts() == (0, 0)


def test_an_order_without_a_court_or_extended_beyond_7_days_is_refused(referral, worker):
    made = at(referral.referral_date + timedelta(days=2), 15)
    latest = timezone.localtime(made + timedelta(days=15))
    with pytest.raises(ValidationError) as refused:
        order(worker, referral, court="", extended_until=made + timedelta(days=15, minutes=1))
    assert refused.value.message_dict == {
        "court": ["Enter the court that made the emergency protection order"],
        "extended_until": [
            f"An order can be extended once, by up to 7 days: to {latest:%-d %B %Y at %H:%M} at the latest"
        ],
    }
    assert counts() == (0, 0)


def test_an_end_is_recorded_once_and_never_after_the_order_must_have_ended(referral, worker):
    made = at(referral.referral_date + timedelta(days=2), 15)
    record = order(worker, referral)
    with pytest.raises(ValidationError) as refused:
        services.emergency_protection_end(actor=worker, protection=record, ended_at=made + timedelta(days=9))
    limit = timezone.localtime(made + timedelta(days=8))
    assert refused.value.message_dict == {
        "ended_at": [
            f"This order lasts until {limit:%-d %B %Y at %H:%M} at the latest: check the date and time"
        ]
    }
    assert (EmergencyProtection.objects.get().ended_at, counts()) == (None, (1, 1))
    services.emergency_protection_end(actor=worker, protection=record, ended_at=made + timedelta(days=8))
    with pytest.raises(ValidationError) as again:
        services.emergency_protection_end(actor=worker, protection=record, ended_at=made + timedelta(days=1))
    assert again.value.message_dict == {"ended_at": [f"This already ended on {limit:%-d %B %Y at %H:%M}"]}
    assert (EmergencyProtection.objects.get().ended_at, counts()) == (made + timedelta(days=8), (1, 2))


@pytest.mark.parametrize("role", [Role.CONTACT_OFFICER, Role.SENIOR_LEADER, Role.QUALITY_ASSURANCE])
def test_roles_that_do_not_record_child_protection_are_refused(la, referral, role):
    with pytest.raises(PermissionDenied):
        police(builders.user(la, role), referral)
    assert counts() == (0, 0)


def test_another_authoritys_episode_is_refused(referral):
    other = builders.user(builders.authority("886", "Elsewhere (test)"), Role.SOCIAL_WORKER)
    with pytest.raises(ValidationError):
        police(other, referral)
    assert counts() == (0, 0)


def test_the_episode_page_lists_each_with_when_it_must_end_and_links_to_record_one(client, referral, worker):
    record = police(worker, referral, ended_at=at(referral.referral_date + timedelta(days=2), 9))
    order(worker, referral)
    client.force_login(worker)
    page = client.get(reverse("child_protection:episode", kwargs={"pk": referral.pk})).content.decode()
    assert "Record police protection or an emergency protection order" in page
    assert reverse("child_protection:emergency_protection_new", kwargs={"pk": referral.pk}) in page
    assert page.count("Police protection (section 46)") == 1
    assert page.count("Emergency protection order (section 44)") == 1
    table = page[page.index('data-testid="emergency-protection"') : page.index("</table>")]
    assert table.count(">Met<") == 1  # police protection ended in time
    assert table.count("Overdue by") == 1  # the order's end is not yet recorded
    open_order = EmergencyProtection.objects.exclude(pk=record.pk).get()
    assert reverse("child_protection:emergency_protection_end", kwargs={"pk": open_order.pk}) in page
    assert reverse("child_protection:emergency_protection_end", kwargs={"pk": record.pk}) not in page


def test_the_form_shows_errors_beside_the_fields_saves_nothing_then_saves(client, referral, worker):
    client.force_login(worker)
    url = reverse("child_protection:emergency_protection_new", kwargs={"pk": referral.pk})
    began = at(referral.referral_date + timedelta(days=1), 23)
    data = (
        parts("started_at", timezone.localtime(began))
        | {
            "kind": "police_protection",
            "circumstances": "Found alone at home",
            "court": COURT,
        }
        | parts("extended_until", timezone.localtime(began + timedelta(days=3)))
    )
    response = client.post(url, data)
    page = response.content.decode()
    assert response.status_code == 200
    assert page.count("Police protection is not ordered by a court: leave the court blank") == 2
    assert page.count("Police protection cannot be extended: it ends within 72 hours (section 46(6))") == 2
    assert counts() == (0, 0)
    data = {key: value for key, value in data.items() if not key.startswith(("court", "extended_until"))}
    response = client.post(url, data)
    assert response.status_code == 302
    assert response["Location"] == reverse("child_protection:episode", kwargs={"pk": referral.pk})
    assert EmergencyProtection.objects.get().started_at == began
    end_url = reverse(
        "child_protection:emergency_protection_end", kwargs={"pk": EmergencyProtection.objects.get().pk}
    )
    assert client.get(end_url).status_code == 200
    before = AccessEvent.objects.count()
    response = client.post(end_url, parts("ended_at", timezone.localtime(began + timedelta(hours=5))))
    assert response.status_code == 302
    assert EmergencyProtection.objects.get().ended_at == began + timedelta(hours=5)
    assert AccessEvent.objects.count() == before + 1


def test_an_empty_or_future_form_says_what_to_enter_in_plain_words(client, referral, worker):
    client.force_login(worker)
    url = reverse("child_protection:emergency_protection_new", kwargs={"pk": referral.pk})
    page = client.post(url, {"circumstances": ""}).content.decode()  # as a browser sends an empty form
    for message in (
        "Select police protection or an emergency protection order",
        "Enter the date and time it began",
        "Enter the circumstances: what happened and where the child is now",
    ):
        assert page.count(message) == 2  # in the summary and beside the field
    # The title says so once (child protection form pages used to say "Error: Error: ").
    assert "<title>Error: Record police protection or an emergency protection order" in page
    tomorrow = timezone.localtime() + timedelta(days=2)
    data = parts("started_at", tomorrow) | {"kind": "police_protection", "circumstances": "Found alone"}
    page = client.post(url, data).content.decode()
    assert page.count("The date and time it began must be in the past") == 2
    assert counts() == (0, 0)
