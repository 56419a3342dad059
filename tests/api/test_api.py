"""The REST API: token authentication, the pages' permission table and scoping, access logging,
pagination and filters, one error shape, and idempotent contact creation."""

import json
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone
from rest_framework.test import APIClient

from frontdoor.api.services import api_token_issue, api_token_revoke
from frontdoor.audit.models import AccessEvent, AuditEvent
from frontdoor.contacts import services as contact_services
from frontdoor.contacts.models import Contact, Decision
from frontdoor.organisations.models import Role
from tests import builders

pytestmark = pytest.mark.django_db


def api(user) -> APIClient:
    client = APIClient()
    _, raw = api_token_issue(actor=user, name="Case system")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    return client


def record(officer, child, hours_ago=2.0, source="2A"):
    return contact_services.contact_record(
        actor=officer,
        children=[child],
        received_at=timezone.now() - timedelta(hours=hours_ago),
        channel="phone",
        source=source,
        concerns="Hungry at school",
        concern_categories=["neglect"],
        consent="obtained",
    )


def contact_body(child, **overrides):
    body = {
        "children": [child.pk],
        "received_at": (timezone.now() - timedelta(hours=1)).isoformat(),
        "channel": "phone",
        "source": "2A",
        "concerns": "Bruising to the arm, seen at school.",
        "concern_categories": ["physical"],
        "consent": "obtained",
    }
    return body | overrides


def assert_error(response, status, code):
    assert response.status_code == status
    body = response.json()
    assert set(body) == {"error"}
    assert set(body["error"]) == {"status", "code", "message", "fields"}
    assert (body["error"]["status"], body["error"]["code"]) == (status, code)
    return body["error"]


def test_no_token_a_bad_token_and_a_revoked_token_are_refused_in_the_error_shape(la, manager):
    client = APIClient()
    assert_error(client.get(reverse("api:contacts")), 401, "not_authenticated")
    client.credentials(HTTP_AUTHORIZATION="Bearer not-a-token")
    assert_error(client.get(reverse("api:contacts")), 401, "authentication_failed")
    token, raw = api_token_issue(actor=manager, name="Case system")
    client.credentials(HTTP_AUTHORIZATION=f"Bearer {raw}")
    assert client.get(reverse("api:contacts")).status_code == 200
    api_token_revoke(actor=manager, token=token)
    assert_error(client.get(reverse("api:contacts")), 401, "authentication_failed")


def test_only_the_tokens_hash_is_kept(manager):
    token, raw = api_token_issue(actor=manager, name="Case system")
    assert raw not in json.dumps(list(type(token).objects.values()), default=str)
    assert token.prefix == raw[:8]


def test_a_deactivated_users_token_stops_working_at_once(la, manager):
    client = api(manager)
    assert client.get(reverse("api:contacts")).status_code == 200
    manager.is_active = False
    manager.save(update_fields=["is_active"])

    assert_error(client.get(reverse("api:contacts")), 401, "authentication_failed")


def test_a_partner_user_and_an_administrator_are_refused_with_no_data(la, officer):
    record(officer, builders.child(la, "Zinnia", "Quillfeather"))
    for user in (builders.partner(la), builders.user(la, Role.ADMINISTRATOR)):
        client = APIClient()
        client.force_authenticate(user)
        response = client.get(reverse("api:contacts"))
        assert_error(response, 403, "permission_denied")
        assert "Zinnia" not in response.content.decode()


def test_another_authoritys_contact_is_the_same_404_as_a_missing_one_and_logs_nothing(la, manager):
    other = builders.authority("884", "Herefordshire (test)")
    theirs = record(builders.user(other, Role.CONTACT_OFFICER), builders.child(other, "Orrin", "Blackwood"))
    client = api(manager)
    mark = AccessEvent.objects.count()

    foreign = client.get(reverse("api:contact", kwargs={"pk": theirs.pk}))
    missing = client.get(reverse("api:contact", kwargs={"pk": 999_999}))

    assert foreign.content == missing.content
    assert_error(foreign, 404, "not_found")
    assert "Orrin" not in foreign.content.decode()
    assert AccessEvent.objects.count() == mark


def test_reading_a_contact_logs_access_to_its_children(la, officer, manager):
    child = builders.child(la, "Zinnia", "Quillfeather")
    contact = record(officer, child)

    body = api(manager).get(reverse("api:contact", kwargs={"pk": contact.pk})).json()

    assert body["reference"] == contact.reference
    assert [c["person_name"] for c in body["children"]] == ["Zinnia Quillfeather"]
    assert list(AccessEvent.objects.filter(actor=manager).values_list("person_id", "purpose")) == [
        (child.pk, "api.contact")
    ]


def test_creating_a_contact_starts_its_clocks(la, officer):
    child = builders.child(la)

    response = api(officer).post(reverse("api:contacts"), contact_body(child), format="json")

    assert response.status_code == 201
    contact = Contact.objects.get()
    assert response.json()["reference"] == contact.reference
    journey = contact.children.get()
    assert journey.decision_clock.due_at == contact.received_at + timedelta(hours=24)


def test_a_retried_contact_with_the_same_idempotency_key_returns_the_original(la, officer):
    client, child = api(officer), builders.child(la)
    body = contact_body(child)

    first = client.post(reverse("api:contacts"), body, format="json", HTTP_IDEMPOTENCY_KEY="case-42")
    again = client.post(reverse("api:contacts"), body, format="json", HTTP_IDEMPOTENCY_KEY="case-42")

    assert (first.status_code, again.status_code) == (201, 200)
    assert first.json()["id"] == again.json()["id"]
    assert Contact.objects.count() == 1
    assert AuditEvent.objects.filter(action="contact.recorded").count() == 1


def test_the_same_key_with_a_different_body_is_refused_and_a_new_key_makes_a_new_contact(la, officer):
    client, child = api(officer), builders.child(la)
    client.post(reverse("api:contacts"), contact_body(child), format="json", HTTP_IDEMPOTENCY_KEY="k1")

    clash = client.post(
        reverse("api:contacts"),
        contact_body(child, concerns="Something else"),
        format="json",
        HTTP_IDEMPOTENCY_KEY="k1",
    )
    fresh = client.post(
        reverse("api:contacts"), contact_body(child), format="json", HTTP_IDEMPOTENCY_KEY="k2"
    )

    assert_error(clash, 422, "idempotency_key_reused")
    assert fresh.status_code == 201
    assert Contact.objects.count() == 2


def test_keys_belong_to_their_user(la, officer, worker):
    child = builders.child(la)
    one = api(officer).post(
        reverse("api:contacts"), contact_body(child), format="json", HTTP_IDEMPOTENCY_KEY="k"
    )
    two = api(worker).post(
        reverse("api:contacts"), contact_body(child), format="json", HTTP_IDEMPOTENCY_KEY="k"
    )

    assert (one.status_code, two.status_code) == (201, 201)
    assert one.json()["id"] != two.json()["id"]


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"consent": "not_sought"}, "consent_rationale"),
        ({"received_at": (timezone.now() + timedelta(days=2)).isoformat()}, "received_at"),
        ({"children": [999_999]}, "children"),
        ({"channel": "pigeon"}, "channel"),
        ({"concern_categories": []}, "concern_categories"),
    ],
)
def test_a_bad_contact_gets_field_errors_and_nothing_is_saved(la, officer, overrides, field):
    before = (Contact.objects.count(), AuditEvent.objects.count())

    response = api(officer).post(
        reverse("api:contacts"), contact_body(builders.child(la), **overrides), format="json"
    )

    error = assert_error(response, 400, "invalid")
    assert list(error["fields"]) == [field]
    assert (Contact.objects.count(), AuditEvent.objects.count() - 1) == before  # the token's own audit row


def test_malformed_json_and_a_bad_key_are_400s_in_the_error_shape(la, officer):
    client = api(officer)
    assert_error(
        client.post(reverse("api:contacts"), "{nope", content_type="application/json"), 400, "parse_error"
    )
    error = assert_error(
        client.post(
            reverse("api:contacts"),
            contact_body(builders.child(la)),
            format="json",
            HTTP_IDEMPOTENCY_KEY="has spaces",
        ),
        400,
        "invalid",
    )
    assert list(error["fields"]) == ["idempotency_key"]


def test_a_refused_decision_changes_nothing_and_an_allowed_one_is_made(la, officer, manager):
    journey = record(officer, builders.child(la)).children.get()
    body = {
        "version": journey.version,
        "outcome": "nfa",
        "need_level": 1,
        "rationale": "No concerns for the child now",
    }
    url = reverse("api:decide", kwargs={"pk": journey.pk})
    mark = (AccessEvent.objects.count(), AuditEvent.objects.count())

    refused = api(officer).post(url, body, format="json")

    assert_error(refused, 403, "permission_denied")
    assert Decision.objects.count() == 0
    assert (AccessEvent.objects.count(), AuditEvent.objects.count() - 1) == mark
    made = api(manager).post(url, body, format="json")
    assert made.status_code == 201
    assert made.json()["outcome"] == "nfa"
    stale = api(manager).post(url, body, format="json")
    assert stale.status_code == 400  # already decided: the service's refusal


def test_a_stale_version_is_a_409(la, officer, manager):
    journey = record(officer, builders.child(la)).children.get()
    body = {
        "version": journey.version + 5,
        "outcome": "nfa",
        "need_level": 1,
        "rationale": "No concerns for the child now",
    }

    assert_error(
        api(manager).post(reverse("api:decide", kwargs={"pk": journey.pk}), body, format="json"), 409, "stale"
    )


def test_contacts_are_paged_and_only_the_page_is_logged(la, officer, manager):
    for n in range(5):
        record(officer, builders.child(la, f"Child{n}", "Pager"), hours_ago=n + 1)
    client = api(manager)
    mark = AccessEvent.objects.count()

    first = client.get(reverse("api:contacts"), {"page_size": 2}).json()
    last = client.get(reverse("api:contacts"), {"page_size": 2, "page": 3}).json()

    assert (first["count"], first["page"], first["pages"]) == (5, 1, 3)
    assert [c["children"][0]["person_name"] for c in first["results"]] == ["Child0 Pager", "Child1 Pager"]
    assert [c["children"][0]["person_name"] for c in last["results"]] == ["Child4 Pager"]
    assert AccessEvent.objects.count() - mark == 3
    assert_error(client.get(reverse("api:contacts"), {"page": 4, "page_size": 2}), 404, "not_found")
    assert_error(client.get(reverse("api:contacts"), {"page_size": 1000}), 400, "invalid")


def test_contacts_filter_by_date_and_stage(la, officer, manager):
    old = record(officer, builders.child(la, "Old", "One"), hours_ago=24 * 10)
    new = record(officer, builders.child(la, "New", "One"), hours_ago=1)
    journey = new.children.get()
    contact_services.contact_child_screen(
        actor=manager, journey=journey, version=journey.version, rag="green", rag_reason="Low", guidance=""
    )
    client = api(manager)
    today = timezone.localdate()

    recent = client.get(
        reverse("api:contacts"), {"date_from": (today - timedelta(days=2)).isoformat()}
    ).json()
    earlier = client.get(reverse("api:contacts"), {"date_to": (today - timedelta(days=5)).isoformat()}).json()
    waiting = client.get(reverse("api:contacts"), {"stage": "awaiting_screening"}).json()

    assert [c["id"] for c in recent["results"]] == [new.pk]
    assert [c["id"] for c in earlier["results"]] == [old.pk]
    assert [c["id"] for c in waiting["results"]] == [old.pk]
    bad = client.get(reverse("api:contacts"), {"date_from": today.isoformat(), "date_to": "2020-01-01"})
    assert list(assert_error(bad, 400, "invalid")["fields"]) == ["date_to"]


def test_decisions_and_referrals_filter_by_outcome_and_status(la, officer, manager):
    a = record(officer, builders.child(la, "Ada", "One")).children.get()
    b = record(officer, builders.child(la, "Bo", "Two")).children.get()
    for journey, outcome in ((a, "nfa"), (b, "assessment")):
        contact_services.contact_child_decide(
            actor=manager,
            journey=journey,
            version=journey.version,
            outcome=outcome,
            need_level=builders.level(la, 3 if outcome == "assessment" else 2),
            rationale="Decided on what the school told us",
        )
    client = api(manager)

    decisions = client.get(reverse("api:decisions"), {"outcome": "assessment"}).json()
    referrals = client.get(reverse("api:referrals"), {"status": "open"}).json()
    closed = client.get(reverse("api:referrals"), {"status": "closed"}).json()

    assert [d["contact_child"] for d in decisions["results"]] == [b.pk]
    assert [r["person"] for r in referrals["results"]] == [b.person_id]
    assert closed["count"] == 0
    one = client.get(reverse("api:referral", kwargs={"pk": referrals["results"][0]["id"]})).json()
    assert one["contact_reference"] == b.contact.reference


def test_people_search_and_read(la, manager):
    child = builders.child(la, "Zinnia", "Quillfeather")
    client = api(manager)

    found = client.get(
        reverse("api:people"), {"last_name": "Quillfeather", "date_of_birth": "2016-05-04"}
    ).json()
    one = client.get(reverse("api:person", kwargs={"pk": child.pk})).json()
    empty = client.get(reverse("api:people"))
    bad = client.get(reverse("api:people"), {"nhs_number": "9434765918"})

    assert [r["person"]["id"] for r in found["results"]] == [child.pk]
    assert found["count"] == 1
    assert one["reference"] == child.reference
    assert_error(empty, 400, "invalid")
    assert assert_error(bad, 400, "invalid")["fields"] == {
        "nhs_number": ["This NHS number is not valid: check the digits"]
    }


def test_oversight_figures(la, officer, manager):
    record(officer, builders.child(la), hours_ago=30)
    record(officer, builders.child(la, "Kit", "Two"), hours_ago=1)
    client = api(manager)

    board = client.get(reverse("api:board")).json()
    performance = client.get(reverse("api:performance")).json()

    assert board["counts"]["awaiting_screening"] == 2
    assert (board["breached"], board["total"]) == (1, 2)
    assert {f["slug"] for f in performance["figures"]} >= {"contacts", "decisions-24h"}
    assert_error(client.get(reverse("api:performance"), {"date_from": "2026-13-01"}), 400, "invalid")


def test_the_schema_and_the_docs_page_are_served(client):
    schema = client.get(reverse("api:schema"), {"format": "json"})
    docs = client.get(reverse("api:docs"))

    assert schema.status_code == 200
    assert sorted(schema.json()["paths"]) == [
        "/api/v1/contact-children/{id}/decision/",
        "/api/v1/contacts/",
        "/api/v1/contacts/{id}/",
        "/api/v1/decisions/",
        "/api/v1/oversight/board/",
        "/api/v1/oversight/performance/",
        "/api/v1/people/",
        "/api/v1/people/{id}/",
        "/api/v1/referrals/",
        "/api/v1/referrals/{id}/",
    ]
    assert docs.status_code == 200
    assert "/api/v1/contacts/" in docs.content.decode()


def test_the_command_issues_a_working_token_and_revokes_it(la, manager):
    from io import StringIO

    from django.core.management import call_command

    out = StringIO()
    call_command("api_token", manager.username, "--name", "Case system", stdout=out)
    raw = out.getvalue().strip()
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {raw}")
    assert client.get(reverse("api:board")).status_code == 200

    call_command("api_token", manager.username, "--revoke", raw[:8], stdout=StringIO())

    assert_error(client.get(reverse("api:board")), 401, "authentication_failed")


def test_only_an_administrator_revokes_someone_elses_token(la, manager, officer):
    from django.core.exceptions import PermissionDenied

    token, _ = api_token_issue(actor=manager, name="Case system")

    with pytest.raises(PermissionDenied):
        api_token_revoke(actor=officer, token=token)
    token.refresh_from_db()
    assert token.revoked_at is None

    api_token_revoke(actor=builders.user(la, Role.ADMINISTRATOR), token=token)
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_a_blank_filter_is_refused_not_ignored(la, manager):
    response = api(manager).get(reverse("api:contacts"), {"date_to": ""})

    assert list(assert_error(response, 400, "invalid")["fields"]) == ["date_to"]
