"""Token authentication against hashed personal tokens (api.models.ApiToken).

Clients send `Authorization: Bearer <token>` (or `Token <token>`). The token's user must be active,
belong to the token's authority and not be locked out of signing in (core.lockout), on every
request: deactivating a user, or five failed sign-ins, stops their tokens at once. The lockout is a
column on the same query, so it costs no extra query.
"""

import hashlib
from typing import Any

from django.db.models import OuterRef
from django.utils import timezone
from drf_spectacular.extensions import OpenApiAuthenticationExtension
from rest_framework import authentication, exceptions

from frontdoor.api.models import ApiToken
from frontdoor.core import lockout

KEYWORDS = ("bearer", "token")
BAD_TOKEN = "Invalid or revoked token."  # noqa: S105 - a message, not a secret


def token_hash(raw: str) -> str:
    return hashlib.sha256(raw.encode()).hexdigest()


class ApiTokenAuthentication(authentication.BaseAuthentication):
    def authenticate(self, request: Any) -> tuple[Any, ApiToken] | None:
        header = authentication.get_authorization_header(request).split()
        if not header or header[0].decode(errors="replace").lower() not in KEYWORDS:
            return None
        if len(header) != 2:
            raise exceptions.AuthenticationFailed(BAD_TOKEN)
        raw = header[1].decode(errors="replace")
        token = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=token_hash(raw), revoked_at__isnull=True)
            .annotate(sign_in_failures=lockout.failures_for(OuterRef("user__username")))
            .first()
        )
        if token is None or not token.user.is_active or token.user.authority_id != token.authority_id:
            raise exceptions.AuthenticationFailed(BAD_TOKEN)
        if token.sign_in_failures >= lockout.username_limit():  # type: ignore[attr-defined]
            raise exceptions.AuthenticationFailed(lockout.LOCKED)
        now = timezone.now()
        if token.last_used_at is None or (now - token.last_used_at).total_seconds() > 60:
            # At most one write a minute per token, not one per request.
            ApiToken.objects.filter(pk=token.pk).update(last_used_at=now)
        return token.user, token

    def authenticate_header(self, request: Any) -> str:
        return 'Bearer realm="api"'


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "frontdoor.api.authentication.ApiTokenAuthentication"
    name = "tokenAuth"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {"type": "http", "scheme": "bearer", "description": "A personal token: frontdoor api_token"}
