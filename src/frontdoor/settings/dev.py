"""Demo and development on one machine over plain HTTP. Never use these settings with real data."""

import os

os.environ.setdefault("SECRET_KEY", "insecure-demo-key-for-synthetic-data-only-" + "x" * 20)

from frontdoor.settings.base import *  # noqa: F403

DEBUG = os.environ.get("DEBUG", "1") == "1"
ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]", "testserver"]
SESSION_COOKIE_SECURE = False
CSRF_COOKIE_SECURE = False
SECURE_SSL_REDIRECT = False
SECURE_HSTS_SECONDS = 0
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
    "documents": documents_storage(),  # noqa: F405
}
# Demo mode: the demo sign-ins work without a second factor.
FRONTDOOR_DEMO = True
# The synthetic data generator (`frontdoor seed`, `frontdoor demo`) exists in demo and test settings
# only: production never installs it, and no production module imports it (docs/development.md).
INSTALLED_APPS = [*INSTALLED_APPS, "frontdoor.synthetic"]  # noqa: F405
FRONTDOOR_REQUIRE_MFA = False
# Serve static files straight from the apps (no collectstatic step in the demo or tests).
STATIC_ROOT = None
WHITENOISE_USE_FINDERS = True
WHITENOISE_AUTOREFRESH = True
