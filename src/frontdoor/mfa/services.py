"""Every write of the second sign-in step: enrolling an authenticator app and checking a code.

The set-up page writes nothing when it is shown: the new secret waits in the session until a right
code proves the app holds it, and only then is the device created (confirmed), with its audit row.
"""

import time
from typing import Any

from django.db import transaction
from django_otp.oath import TOTP
from django_otp.plugins.otp_totp.models import TOTPDevice
from django_otp.util import random_hex

from frontdoor.audit.services import audit_record

DEVICE_NAME = "Authenticator app"


def new_secret() -> str:
    """A new TOTP secret (hex, 20 bytes, as django-otp makes its own)."""
    return str(random_hex(20))


def unsaved_device(*, user: Any, key: str) -> TOTPDevice:
    """The device the set-up page describes (QR code, secret), not yet stored."""
    return TOTPDevice(user=user, name=DEVICE_NAME, key=key, confirmed=False)


@transaction.atomic
def enrolment_confirm(*, user: Any, key: str, code: str) -> TOTPDevice | None:
    """Store the user's authenticator app when `code` is right for the secret they were shown; None
    (and the failure audited) when it is not. Wrong codes are not throttled here: the person
    enrolling was shown the secret, so guessing codes for it gains nothing. Codes for an enrolled
    device are throttled (code_check)."""
    device = TOTPDevice(user=user, name=DEVICE_NAME, key=key, confirmed=True)
    totp = TOTP(device.bin_key, device.step, device.t0, device.digits, device.drift)
    totp.time = time.time()
    if not totp.verify(int(code), device.tolerance):
        audit_record(actor=user, action="mfa.enrolment_failed", subject=user, authority_id=user.authority_id)
        return None
    device.last_t, device.drift = totp.t(), totp.drift
    device.save()
    TOTPDevice.objects.filter(user=user, confirmed=False).delete()  # left by earlier versions
    audit_record(actor=user, action="mfa.enrolled", subject=device, authority_id=user.authority_id)
    return device


@transaction.atomic
def code_check(*, user: Any, device: TOTPDevice, code: str) -> bool:
    """True if `code` is right for the enrolled device. django-otp records the use, or the failure
    and the longer wait it brings (OTP_TOTP_THROTTLE_FACTOR); a failure is audited."""
    if device.verify_token(code):
        return True
    audit_record(actor=user, action="mfa.verify_failed", subject=device, authority_id=user.authority_id)
    return False
