"""The second sign-in step: staff give a one-time code from an authenticator app before they see anything.

With FRONTDOOR_REQUIRE_MFA on (production), a signed-in user who has not given a code is sent to set up
an app (no confirmed device) or to enter a code (one confirmed device), and sees no child data until then.
"""

import base64
import importlib
import re
from datetime import timedelta
from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import override_settings
from django.urls import reverse
from django.utils import timezone
from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from frontdoor.audit.models import AuditEvent
from frontdoor.contacts import services
from frontdoor.mfa.forms import ENTER_CODE, WRONG_CODE
from tests import builders

pytestmark = pytest.mark.django_db

require_mfa = override_settings(FRONTDOOR_REQUIRE_MFA=True)
QUEUE = "contacts:queue"


@pytest.fixture
def contact(la, officer):
    return services.contact_record(
        actor=officer,
        children=[builders.child(la, "Priya", "Sharma")],
        received_at=timezone.now() - timedelta(hours=3),
        channel="phone",
        source="2A",
        concerns="Hungry at school every day",
        concern_categories=["neglect"],
        consent="obtained",
    )


def current_code(device: TOTPDevice) -> str:
    return f"{totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits):06d}"


def wrong_code(device: TOTPDevice) -> str:
    """A well-formed code that is not right in any window the device accepts."""
    accepted = {
        f"{totp(device.bin_key, step=device.step, t0=device.t0 - n * device.step):06d}" for n in range(-3, 4)
    }
    return next(c for c in ("000000", "111111", "222222", "333333") if c not in accepted)


def shown_device(client) -> TOTPDevice:
    """The device the set-up page showed: its secret waits in the session, nothing is stored."""
    return TOTPDevice(key=client.session["mfa_enrolment_secret"])


def confirmed_device(user) -> TOTPDevice:
    return TOTPDevice.objects.create(user=user, name="Authenticator app", confirmed=True)


def verify_url(next_path: str) -> str:
    return reverse("mfa:verify") + "?" + urlencode({"next": next_path})


def setup_url(next_path: str) -> str:
    return reverse("mfa:setup") + "?" + urlencode({"next": next_path})


def is_verified(client) -> bool:
    return DEVICE_ID_SESSION_KEY in client.session


def field_error(response) -> str:
    match = re.search(
        r'<p id="id_code_error" class="govuk-error-message">\s*'
        r'<span class="govuk-visually-hidden">Error:</span>\s*(.*?)\s*</p>',
        response.content.decode(),
        re.S,
    )
    return match[1] if match else ""


def summary_messages(response) -> list[str]:
    return re.findall(r'<li><a href="#id_code">(.*?)</a></li>', response.content.decode())


# Redirects ---------------------------------------------------------------------------------------------


@require_mfa
def test_unverified_user_without_a_device_is_sent_to_set_up_and_sees_no_child(client, manager, contact):
    client.force_login(manager)

    response = client.get(reverse(QUEUE))

    assert response.status_code == 302
    assert response["Location"] == setup_url(reverse(QUEUE))
    assert b"Priya" not in response.content
    assert response.content == b""


@require_mfa
def test_unverified_user_with_a_device_is_sent_to_enter_a_code_and_sees_no_child(client, manager, contact):
    confirmed_device(manager)
    client.force_login(manager)

    response = client.get(reverse(QUEUE))

    assert response.status_code == 302
    assert response["Location"] == verify_url(reverse(QUEUE))
    assert response.content == b""


@require_mfa
def test_a_post_elsewhere_is_refused_before_the_view_runs(client, manager, la):
    client.force_login(manager)

    response = client.post(reverse("contacts:new_details"), {"concerns": "x"})

    assert response.status_code == 302
    assert response["Location"] == reverse("mfa:setup")


@require_mfa
def test_htmx_requests_are_redirected_by_htmx(client, manager):
    client.force_login(manager)

    response = client.get(reverse(QUEUE), headers={"HX-Request": "true"})

    assert response["HX-Redirect"] == reverse("mfa:setup")


@require_mfa
def test_an_unknown_address_redirects_too(client, manager):
    client.force_login(manager)

    response = client.get("/no-such-page/")

    assert response.status_code == 302
    assert response["Location"] == setup_url("/no-such-page/")


@require_mfa
def test_sign_out_health_and_static_need_no_code(client, manager):
    client.force_login(manager)

    assert client.get(reverse("health")).status_code == 200
    assert client.get(settings.STATIC_URL + "no-such-file.css").status_code == 404
    response = client.post(reverse("logout"))
    assert response.status_code == 302
    assert response["Location"] == reverse("login")
    assert "_auth_user_id" not in client.session


@require_mfa
def test_signed_out_visitors_still_go_to_sign_in(client):
    response = client.get(reverse(QUEUE))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login") + "?next=")


@require_mfa
def test_password_sign_in_leads_to_set_up(client, manager):
    response = client.post(
        reverse("login"), {"username": manager.username, "password": "correct horse battery"}, follow=True
    )

    assert response.redirect_chain[0] == (reverse("home"), 302)
    assert response.redirect_chain[-1] == (setup_url(reverse("home")), 302)
    assert response.templates[0].name == "mfa/setup.html"
    assert not is_verified(client)


# Enrolment ---------------------------------------------------------------------------------------------


@require_mfa
def test_set_up_page_shows_an_inline_svg_qr_code_and_the_secret(client, manager):
    client.force_login(manager)

    response = client.get(reverse("mfa:setup"))

    assert TOTPDevice.objects.filter(user=manager).count() == 0  # showing the page stores nothing
    device = shown_device(client)
    html = response.content.decode()
    assert response.status_code == 200
    assert response["Cache-Control"] == "no-store, max-age=0"
    assert html.count("<svg") == 1
    svg = re.search(r"<svg[^>]*>", html)[0]
    assert 'role="img"' in svg
    assert 'aria-label="QR code to scan with your authenticator app"' in svg
    assert "style=" not in re.search(r"<svg.*?</svg>", html, re.S)[0]
    assert "<img" not in html
    secret = re.search(r'<code class="app-mfa-secret" id="mfa-secret">([A-Z2-7 ]+)</code>', html)[1]
    assert base64.b32decode(secret.replace(" ", "")) == device.bin_key
    # The same secret on a reload, so a half-finished set-up can be completed.
    again = client.get(reverse("mfa:setup")).content.decode()
    assert re.search(r'id="mfa-secret">([A-Z2-7 ]+)</code>', again)[1] == secret
    assert TOTPDevice.objects.filter(user=manager).count() == 0


@require_mfa
def test_enrolling_with_the_right_code_confirms_the_device_and_lets_them_through(client, manager, contact):
    client.force_login(manager)
    client.get(reverse("mfa:setup"))
    shown = shown_device(client)
    session_key = client.session.session_key

    response = client.post(reverse("mfa:setup"), {"code": current_code(shown), "next": reverse(QUEUE)})

    assert response.status_code == 302
    assert response["Location"] == reverse(QUEUE)
    device = TOTPDevice.objects.get(user=manager)
    assert (device.confirmed, device.key) == (True, shown.key)
    assert is_verified(client)
    assert client.session.session_key != session_key
    assert list(
        AuditEvent.objects.filter(action="mfa.enrolled").values_list("actor_id", "subject_id", "authority_id")
    ) == [(manager.pk, device.pk, manager.authority_id)]
    queue = client.get(reverse(QUEUE))
    assert queue.status_code == 200
    assert b"Priya Sharma" in queue.content


@require_mfa
def test_a_code_typed_with_spaces_is_accepted(client, manager):
    client.force_login(manager)
    client.get(reverse("mfa:setup"))
    code = current_code(shown_device(client))

    response = client.post(reverse("mfa:setup"), {"code": f" {code[:3]} {code[3:]} "})

    assert response.status_code == 302
    assert response["Location"] == reverse("home")
    assert is_verified(client)


@require_mfa
def test_enrolling_with_a_wrong_code_shows_the_message_beside_the_field(client, manager):
    client.force_login(manager)
    client.get(reverse("mfa:setup"))

    response = client.post(reverse("mfa:setup"), {"code": wrong_code(shown_device(client))})

    assert response.status_code == 200
    assert field_error(response) == WRONG_CODE
    assert summary_messages(response) == [WRONG_CODE]
    assert "govuk-input--error" in response.content.decode()
    assert TOTPDevice.objects.filter(user=manager).count() == 0
    assert not is_verified(client)
    assert AuditEvent.objects.filter(action="mfa.enrolment_failed", actor=manager).count() == 1
    assert client.get(reverse(QUEUE))["Location"] == setup_url(reverse(QUEUE))


@require_mfa
@pytest.mark.parametrize("code", ["", "   ", "12345", "1234567", "abcdef", "<b>123456</b>"])
def test_a_missing_or_malformed_code_asks_for_six_digits(client, manager, code):
    client.force_login(manager)

    response = client.post(reverse("mfa:setup"), {"code": code})

    assert response.status_code == 200
    assert field_error(response) == ENTER_CODE
    assert summary_messages(response) == [ENTER_CODE]
    assert TOTPDevice.objects.filter(user=manager).count() == 0
    assert AuditEvent.objects.filter(action="mfa.enrolment_failed").count() == 0
    assert not is_verified(client)


@require_mfa
def test_someone_with_a_device_cannot_set_up_another_without_a_code(client, manager):
    device = confirmed_device(manager)
    client.force_login(manager)

    response = client.get(reverse("mfa:setup"))

    assert response.status_code == 302
    assert response["Location"] == verify_url(reverse("home"))
    assert list(TOTPDevice.objects.filter(user=manager)) == [device]


# Verification ------------------------------------------------------------------------------------------


@require_mfa
def test_the_right_code_lets_an_enrolled_user_through(client, manager, contact):
    device = confirmed_device(manager)
    client.force_login(manager)

    response = client.post(reverse("mfa:verify"), {"code": current_code(device), "next": reverse(QUEUE)})

    assert response.status_code == 302
    assert response["Location"] == reverse(QUEUE)
    assert is_verified(client)
    assert b"Priya Sharma" in client.get(reverse(QUEUE)).content


@require_mfa
def test_a_wrong_code_is_refused_beside_the_field(client, manager):
    device = confirmed_device(manager)
    client.force_login(manager)

    response = client.post(reverse("mfa:verify"), {"code": wrong_code(device)})

    assert response.status_code == 200
    assert field_error(response) == WRONG_CODE
    assert summary_messages(response) == [WRONG_CODE]
    assert response.templates[0].name == "mfa/verify.html"
    assert not is_verified(client)
    assert AuditEvent.objects.filter(action="mfa.verify_failed", actor=manager).count() == 1
    assert client.get(reverse(QUEUE))["Location"] == verify_url(reverse(QUEUE))


@require_mfa
def test_a_code_cannot_be_used_twice(client, manager):
    device = confirmed_device(manager)
    code = current_code(device)
    client.force_login(manager)
    client.post(reverse("mfa:verify"), {"code": code})
    client.logout()
    client.force_login(manager)

    response = client.post(reverse("mfa:verify"), {"code": code})

    assert field_error(response) == WRONG_CODE
    assert not is_verified(client)


@require_mfa
def test_after_wrong_codes_even_the_right_code_is_refused_until_the_wait_is_over(client, manager):
    device = confirmed_device(manager)
    device.throttling_failure_count = 5  # the 6th try must wait 16 seconds after the 5th
    device.throttling_failure_timestamp = timezone.now()
    device.save()
    client.force_login(manager)

    response = client.post(reverse("mfa:verify"), {"code": current_code(device)})

    assert response.status_code == 200
    assert re.fullmatch(
        r"You have entered too many wrong codes\. Wait 1[56] seconds, then try again", field_error(response)
    )
    assert not is_verified(client)
    device.refresh_from_db()
    assert device.throttling_failure_count == 5


@require_mfa
@override_settings(OTP_TOTP_THROTTLE_FACTOR=60)
def test_repeated_wrong_codes_are_refused_with_a_clear_message(client, manager):
    device = confirmed_device(manager)
    client.force_login(manager)
    client.post(reverse("mfa:verify"), {"code": wrong_code(device)})

    response = client.post(reverse("mfa:verify"), {"code": current_code(device)})

    assert re.fullmatch(
        r"You have entered too many wrong codes\. Wait (59|60) seconds, then try again", field_error(response)
    )
    assert not is_verified(client)


@require_mfa
def test_throttling_is_on_in_production_settings():
    base = importlib.import_module("frontdoor.settings.base")
    assert base.OTP_TOTP_THROTTLE_FACTOR == 1
    assert base.FRONTDOOR_REQUIRE_MFA is True


@require_mfa
def test_an_unsafe_next_address_is_ignored(client, manager):
    device = confirmed_device(manager)
    client.force_login(manager)

    response = client.post(
        reverse("mfa:verify"), {"code": current_code(device), "next": "https://evil.example/"}
    )

    assert response["Location"] == reverse("home")


@require_mfa
def test_a_verified_user_visiting_the_code_pages_goes_on(client, manager):
    device = confirmed_device(manager)
    client.force_login(manager)
    client.post(reverse("mfa:verify"), {"code": current_code(device)})

    assert client.get(reverse("mfa:verify"))["Location"] == reverse("home")
    assert client.get(reverse("mfa:setup"))["Location"] == reverse("home")


def test_the_code_pages_need_a_password_sign_in_first(client):
    with require_mfa:
        response = client.get(reverse("mfa:verify"))

    assert response.status_code == 302
    assert response["Location"].startswith(reverse("login"))


# When MFA is not required ------------------------------------------------------------------------------


def test_with_mfa_not_required_nothing_changes(client, manager, contact):
    assert settings.FRONTDOOR_REQUIRE_MFA is False  # test settings
    confirmed_device(manager)
    client.force_login(manager)

    response = client.get(reverse(QUEUE))

    assert response.status_code == 200
    assert b"Priya Sharma" in response.content


def test_demo_settings_do_not_require_mfa():
    dev = importlib.import_module("frontdoor.settings.dev")
    assert dev.FRONTDOOR_DEMO is True
    assert dev.FRONTDOOR_REQUIRE_MFA is False
