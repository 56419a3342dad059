"""Settings safe for production. Development and tests loosen them explicitly (dev.py, test.py).

Nothing here has an insecure default: no secret key, DEBUG off, secure cookies, HSTS and a strict
Content Security Policy. Values come from the environment through settings.env.
"""

from datetime import date, timedelta
from typing import Any

import dj_database_url
from csp.constants import NONCE, NONE, SELF

from frontdoor.settings import env

SECRET_KEY = env.mandatory("SECRET_KEY")
DEBUG = False
ALLOWED_HOSTS = env.csv_list("ALLOWED_HOSTS")
CSRF_TRUSTED_ORIGINS = env.csv_list("CSRF_TRUSTED_ORIGINS")

DATA_DIR = env.data_dir()

INSTALLED_APPS = [
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django_htmx",
    "rest_framework",
    "drf_spectacular",
    "django_filters",
    "csp",
    "axes",
    "django_otp",
    "django_otp.plugins.otp_totp",
    "django_tasks",
    "django_tasks_db",
    "frontdoor.core",
    "frontdoor.organisations",
    "frontdoor.audit",
    "frontdoor.clocks",
    "frontdoor.tasks",
    "frontdoor.notifications",
    "frontdoor.documents",
    "frontdoor.people",
    "frontdoor.contacts",
    "frontdoor.referrals",
    "frontdoor.assessments",
    "frontdoor.plans",
    "frontdoor.child_protection",
    "frontdoor.casenotes",
    "frontdoor.early_help",
    "frontdoor.quality",
    "frontdoor.supervision",
    "frontdoor.complaints",
    "frontdoor.drift",
    "frontdoor.oversight",
    "frontdoor.performance",
    "frontdoor.mywork",
    "frontdoor.workforce",
    "frontdoor.mfa",
    "frontdoor.missing",
    "frontdoor.domestic_abuse",
    "frontdoor.exploitation",
    "frontdoor.allegations",
    "frontdoor.portal",
    "frontdoor.api",
    "frontdoor.returns",
    "frontdoor.access",
    "frontdoor.retention",
    "frontdoor.operations",
    "frontdoor.pathways",
    "frontdoor.records",
    "frontdoor.identity",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    # Django's, except that a poll (core.middleware.polled) saves the session at most once a minute.
    "frontdoor.core.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django_otp.middleware.OTPMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "frontdoor.core.middleware.NoStoreMiddleware",
    # After OTPMiddleware: signed-in staff who have not given a one-time code go to frontdoor.mfa's pages.
    "frontdoor.mfa.middleware.RequireMFAMiddleware",
    # Partner agency users reach the portal only, whatever a staff view checks.
    "frontdoor.portal.middleware.PartnerBoundaryMiddleware",
    # Last, as django-axes requires: it turns a locked-out sign-in into the lockout page (HTTP 429).
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "frontdoor.urls"
FORM_RENDERER = "frontdoor.core.forms.GovFormRenderer"
WSGI_APPLICATION = "frontdoor.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "frontdoor.core.context_processors.frontdoor",
                "frontdoor.notifications.context_processors.unread",
            ],
        },
    },
]


def _database() -> dict[str, Any]:
    url = env.optional("DATABASE_URL")
    if url:
        config: dict[str, Any] = dict(dj_database_url.parse(url, conn_max_age=60, conn_health_checks=True))
        if config["ENGINE"].endswith("postgresql"):
            # JIT compilation costs more than it saves on the board's and dashboard's short queries
            # (bench/board.py: dashboard p50s 30-50% lower on national data with jit off).
            options = config.setdefault("OPTIONS", {})
            options["options"] = (options.get("options", "") + " -c jit=off").strip()
        return config
    return {
        "ENGINE": "django.db.backends.sqlite3",
        "NAME": str(DATA_DIR / "frontdoor.sqlite3"),
        # WAL lets the live board read while a worker writes; IMMEDIATE avoids lock upgrades failing.
        "OPTIONS": {
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
            "timeout": 20,
        },
    }


DATABASES = {"default": _database()}
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_USER_MODEL = "organisations.User"
AUTHENTICATION_BACKENDS = [
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
# Five failed sign-ins for one username, from any address, lock it out for 15 minutes (ASVS 2.2.1);
# fifty from one address, for any usernames, lock that address out (core/lockout.py says why).
AXES_FAILURE_LIMIT = env.integer("SIGN_IN_FAILURE_LIMIT", 5)
FRONTDOOR_SIGN_IN_ADDRESS_FAILURE_LIMIT = env.integer("SIGN_IN_ADDRESS_FAILURE_LIMIT", 50)
AXES_COOLOFF_TIME = timedelta(minutes=env.integer("SIGN_IN_LOCKOUT_MINUTES", 15))
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_HANDLER = "frontdoor.core.lockout.LockoutHandler"
AXES_LOCKOUT_TEMPLATE = "core/locked_out.html"
AXES_RESET_ON_SUCCESS = True
AXES_VERBOSE = False
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "home"
LOGOUT_REDIRECT_URL = "login"
# A second factor: a time-based one-time code (TOTP, django-otp) for every staff account (ASVS 2.7, 2.8).
# After each wrong code the wait before the next try doubles: 1, 2, 4, 8 ... seconds (x the factor).
FRONTDOOR_REQUIRE_MFA = True
OTP_TOTP_ISSUER = "Frontdoor"
OTP_TOTP_THROTTLE_FACTOR = 1
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator", "OPTIONS": {"min_length": 12}},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True

STATIC_URL = "/static/"
STATIC_ROOT: str | None = str(DATA_DIR / "static")


def documents_storage() -> dict:
    """Where documents' bytes are kept (documents app): a folder under FRONTDOOR_DATA_DIR, never
    served at a URL; or, with FRONTDOOR_DOCUMENTS_BUCKET set, an S3-compatible bucket through
    django-storages (pip install "frontdoor[s3]"), which reads its credentials from the usual
    AWS_* variables (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_S3_ENDPOINT_URL, AWS_S3_REGION_NAME)."""
    bucket = env.optional("FRONTDOOR_DOCUMENTS_BUCKET")
    if bucket:
        options = {
            "bucket_name": bucket,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "location": env.optional("FRONTDOOR_DOCUMENTS_PREFIX", "documents"),
        }
        if env.optional("AWS_S3_ENDPOINT_URL"):
            options["endpoint_url"] = env.optional("AWS_S3_ENDPOINT_URL")
        return {"BACKEND": "storages.backends.s3.S3Storage", "OPTIONS": options}
    location = env.optional("FRONTDOOR_DOCUMENTS_DIR", str(DATA_DIR / "documents"))
    return {"BACKEND": "django.core.files.storage.FileSystemStorage",
            "OPTIONS": {"location": location, "base_url": None}}  # fmt: skip


STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "whitenoise.storage.CompressedManifestStaticFilesStorage"},
    "documents": documents_storage(),
}

# Email: every email leaves through the notifications outbox (notifications.outbox), and says what
# happened and where, never a child's name or details. With EMAIL_HOST unset, mail is written to the
# console.
EMAIL_HOST = env.optional("EMAIL_HOST")
EMAIL_BACKEND = (
    "django.core.mail.backends.smtp.EmailBackend"
    if EMAIL_HOST
    else "django.core.mail.backends.console.EmailBackend"
)
EMAIL_PORT = env.integer("EMAIL_PORT", 587)
EMAIL_HOST_USER = env.optional("EMAIL_HOST_USER")
EMAIL_HOST_PASSWORD = env.optional("EMAIL_HOST_PASSWORD")
EMAIL_USE_TLS = env.flag("EMAIL_USE_TLS", default=True)
EMAIL_TIMEOUT = 10
DEFAULT_FROM_EMAIL = env.optional("DEFAULT_FROM_EMAIL", "frontdoor@localhost")
# The address partners sign in at, for links in email.
FRONTDOOR_BASE_URL = env.optional("FRONTDOOR_BASE_URL", "http://127.0.0.1:8000").rstrip("/")

# The outbox (docs/adr/0010): background work on django-tasks' database backend, run by
# `frontdoor worker`, which enqueues the tick every FRONTDOOR_TICK_SECONDS. A failed email is tried
# again after 1 minute, doubling up to an hour, and given up after NOTIFY_MAX_ATTEMPTS tries (about
# 31 minutes with the defaults), when the administrators' outbox page shows it.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend", "QUEUES": ["default"]}}
FRONTDOOR_TICK_SECONDS = env.integer("TICK_SECONDS", 60)
FRONTDOOR_NOTIFY_MAX_ATTEMPTS = env.integer("NOTIFY_MAX_ATTEMPTS", 6)
FRONTDOOR_NOTIFY_RETRY_SECONDS = env.integer("NOTIFY_RETRY_SECONDS", 60)
FRONTDOOR_NOTIFY_RETRY_CAP_SECONDS = env.integer("NOTIFY_RETRY_CAP_SECONDS", 3600)
# Managers' daily digest goes at this local hour (notifications.rules.next_digest_at).
FRONTDOOR_NOTIFY_DIGEST_HOUR = env.integer("NOTIFY_DIGEST_HOUR", 8)

# Sessions end after 30 minutes without activity, and with the browser.
SESSION_COOKIE_AGE = env.integer("SESSION_IDLE_SECONDS", 30 * 60)
SESSION_SAVE_EVERY_REQUEST = True
SESSION_REFRESH_SECONDS = 60  # a poll (core.middleware.polled) restarts the timeout at most this often
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_COOKIE_SECURE = True
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_SECURE = True
CSRF_COOKIE_HTTPONLY = True

SECURE_SSL_REDIRECT = env.flag("SECURE_SSL_REDIRECT", default=True)
SECURE_HSTS_SECONDS = env.integer("SECURE_HSTS_SECONDS", 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = True
SECURE_HSTS_PRELOAD = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
if env.flag("BEHIND_TLS_PROXY"):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
X_FRAME_OPTIONS = "DENY"

CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": [SELF],
        "script-src": [SELF, NONCE],
        "style-src": [SELF],
        "img-src": [SELF, "data:"],
        "font-src": [SELF],
        "connect-src": [SELF],
        "form-action": [SELF],
        "frame-ancestors": [NONE],
        "base-uri": [SELF],
        "object-src": [NONE],
    },
}

DATA_UPLOAD_MAX_MEMORY_SIZE = 2 * 1024 * 1024

REST_FRAMEWORK = {
    "DEFAULT_AUTHENTICATION_CLASSES": ["rest_framework.authentication.SessionAuthentication"],
    "DEFAULT_PERMISSION_CLASSES": ["rest_framework.permissions.IsAuthenticated"],
    "DEFAULT_SCHEMA_CLASS": "drf_spectacular.openapi.AutoSchema",
    "DEFAULT_PAGINATION_CLASS": "rest_framework.pagination.PageNumberPagination",
    "PAGE_SIZE": 50,
    # Requests per personal token (api.throttling); 429 with Retry-After beyond it. Counted in
    # Django's cache: per process unless CACHES names a shared cache (docs/api.md).
    "DEFAULT_THROTTLE_CLASSES": ["frontdoor.api.throttling.TokenRateThrottle"],
    "DEFAULT_THROTTLE_RATES": {"api_token": env.optional("API_RATE_PER_TOKEN", "120/minute")},
}
SPECTACULAR_SETTINGS = {"TITLE": "Frontdoor API", "VERSION": "1", "SERVE_INCLUDE_SCHEMA": False}

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": env.optional("LOG_LEVEL", "WARNING")},
}

# Frontdoor's own settings.
FRONTDOOR_DEMO = False
# No event (a contact received, a meeting held, a plan started) is dated before this day: a contact
# typed as received in 1752 or 1900 started clocks centuries overdue (issue 18). Set it to the
# authority's go-live, or earlier if records are migrated in. Dates of birth are not bound by it.
FRONTDOOR_EARLIEST_DATE = date.fromisoformat(env.optional("FRONTDOOR_EARLIEST_DATE", "2000-01-01"))
FRONTDOOR_DEFAULT_LA_CODE = env.optional("FRONTDOOR_LA_CODE", "885")

# The search's blocking indexes carry the candidate's id as an included column on PostgreSQL
# (docs/adr/0014); SQLite builds them without it and says so on every command. Nothing to act on.
SILENCED_SYSTEM_CHECKS = ["models.W040"]
