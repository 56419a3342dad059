"""Production: the base settings as they are. Set SECRET_KEY, ALLOWED_HOSTS and DATABASE_URL."""

from frontdoor.settings.base import *  # noqa: F403
