"""Test settings: the dev settings with a fast password hasher and no demo shortcuts."""

from frontdoor.settings.dev import *  # noqa: F403

DEBUG = False
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # tests only: PBKDF2 costs ~0.5 s
FRONTDOOR_DEMO = False
FRONTDOOR_REQUIRE_MFA = False  # tests of MFA turn it on with override_settings(FRONTDOOR_REQUIRE_MFA=True)
LOGGING = {"version": 1, "disable_existing_loggers": False}
# Background tasks run at once, in the test's thread, when their transaction commits.
TASKS = {"default": {"BACKEND": "django_tasks.backends.immediate.ImmediateBackend"}}
# The per-token rate counts in the local-memory cache, which outlives each test's database (and token
# ids repeat between tests): tests/api/test_api_limits.py sets a low rate itself.
REST_FRAMEWORK = REST_FRAMEWORK | {"DEFAULT_THROTTLE_RATES": {"api_token": "100000/minute"}}  # noqa: F405
# Documents' bytes in memory: tests never write into var/ (tests/documents checks the folder setting).
STORAGES = {**STORAGES, "documents": {"BACKEND": "django.core.files.storage.InMemoryStorage"}}  # noqa: F405

# Tests on PostgreSQL: a commit need not wait for the disk (the test database is thrown away), which
# matters for the browser tests, whose live server commits and truncates every table after each test.
if DATABASES["default"]["ENGINE"].endswith("postgresql"):  # noqa: F405
    _options = DATABASES["default"].setdefault("OPTIONS", {})  # noqa: F405
    _options["options"] = (_options.get("options", "") + " -c synchronous_commit=off").strip()
