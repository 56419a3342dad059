"""Test settings: the dev settings with a fast password hasher and no demo shortcuts."""

from frontdoor.settings.dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: PBKDF2 costs ~0.5 s
FRONTDOOR_DEMO = False
FRONTDOOR_REQUIRE_MFA = False  # tests of MFA turn it on with override_settings(FRONTDOOR_REQUIRE_MFA=True)
LOGGING = {"version": 1, "disable_existing_loggers": False}
