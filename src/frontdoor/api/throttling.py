"""A request rate per personal token: REST_FRAMEWORK["DEFAULT_THROTTLE_RATES"]["api_token"]
(API_RATE_PER_TOKEN, default 120/minute). Beyond it the API answers 429 `throttled` with a
Retry-After header (api.errors). Requests with a browser session are not counted: they come from a
signed-in person, whose sign-in is limited by the lockout (core.lockout)."""

from typing import Any

from rest_framework.settings import api_settings
from rest_framework.throttling import SimpleRateThrottle

from frontdoor.api.models import ApiToken


class TokenRateThrottle(SimpleRateThrottle):
    scope = "api_token"

    def get_rate(self) -> str | None:
        # Read at each request rather than when the class is defined, so a changed setting applies.
        rate: str | None = api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)
        return rate

    def get_cache_key(self, request: Any, view: Any) -> str | None:
        if not isinstance(request.auth, ApiToken):
            return None
        return self.cache_format % {"scope": self.scope, "ident": request.auth.pk}
